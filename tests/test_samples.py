"""The project's fixtures: `extract fixtures check samples` must pass (regenerate with `make fixtures`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_samples_match_their_fixtures(capsys):
    assert sorted(SAMPLES.glob("*.json")), "samples/ holds no fixtures"
    rc = main(["fixtures", "check", str(SAMPLES)])
    out = capsys.readouterr().out
    if rc != 0:
        pytest.fail("extract fixtures check samples found differences:\n" + out, pytrace=False)
