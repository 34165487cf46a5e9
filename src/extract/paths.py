"""Where the package's data lives: rules/ and schema/.

Installed from a wheel they sit inside the package (``extract/rules``); in a source checkout
(editable install, ``PYTHONPATH=src``) they are the repository's top-level folders.
``EXTRACT_RULES_DIR`` overrides the rules folder (for trying a rule change without reinstalling).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    inside = _PKG / name
    if inside.is_dir():
        return inside
    return _PKG.parent.parent / name


@cache
def _default_rules_dir() -> Path:
    return _data_dir("rules")


def rules_dir() -> Path:
    env = os.environ.get("EXTRACT_RULES_DIR")
    return Path(env) if env else _default_rules_dir()


def schema_dir() -> Path:
    return _data_dir("schema")
