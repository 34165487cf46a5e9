import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


@pytest.fixture(scope="session")
def rules():
    from extract.rules import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def extract_text():
    from extract import extract_text

    return extract_text
