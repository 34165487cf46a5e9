import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# In CI (CI=true) property tests draw the same examples every run, so a green build stays green;
# local runs draw new examples each time and keep exploring (failures land in .hypothesis/).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

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
