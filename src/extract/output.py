"""Deterministic JSON: sorted keys, lists already sorted by span, UTF-8, one record per line."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import orjson

from .models import Record

_OPTS = orjson.OPT_SORT_KEYS


def record_dict(record: Record) -> dict:
    return record.model_dump(mode="json")


def dumps(record: Record, indent: bool = False) -> bytes:
    """The record as JSON bytes: same record, same bytes."""
    opts = _OPTS | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(record_dict(record), option=opts)


def dumps_line(record: Record) -> bytes:
    return dumps(record) + b"\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def write_atomic(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then rename.

    The file gets the permissions a plain ``open(..., "w")`` would give (mkstemp makes it 0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
