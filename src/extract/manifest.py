"""The manifest of a batch run: what a ``--resume`` needs to carry on where a run stopped.

It sits beside the output (``OUT.jsonl.manifest.json``, or ``OUT_DIR.manifest.json`` for a folder
output) and is rewritten atomically at checkpoints, always *after* the output it describes has
been flushed and fsynced. It records:

- ``rules_hash`` (``load_rules().hash``) and ``code_hash`` (the package's sources): when either
  changed, a resume redoes everything;
- ``fingerprint``: the inputs (paths, and for files size and mtime) and the options that shape
  records; a different fingerprint also means starting again;
- per input, how many documents are done (and the last ``doc_id`` of a folder input, checked on
  resume), and ``bytes``: the length of the JSONL output that holds exactly those documents, so a
  torn or unsynced tail is cut off on resume;
- running totals for the summary and the exit code.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

import orjson

from .output import write_atomic

VERSION = 1


def manifest_path(out: Path) -> Path:
    """``OUT.jsonl`` -> ``OUT.jsonl.manifest.json``; a folder ``OUT`` -> ``OUT.manifest.json`` beside it."""
    out = out.absolute()
    if not out.name:  # the root folder: no "beside"
        return out / ".extract.manifest.json"
    return out.with_name(out.name + ".manifest.json")


def fingerprint(inputs: list[dict], options: dict) -> str:
    return hashlib.sha256(
        orjson.dumps({"inputs": inputs, "options": options}, option=orjson.OPT_SORT_KEYS)
    ).hexdigest()


@dataclass
class Manifest:
    mode: str  # "jsonl" or "folder"
    rules_hash: str
    code_hash: str
    fingerprint: str
    inputs: list[dict]  # per input: identity + {"done": n, "last": doc_id or None}
    bytes: int = 0  # JSONL output length holding exactly the documents done
    documents: int = 0
    failed: int = 0
    warnings: int = 0
    input_bytes: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    complete: bool = False
    version: int = VERSION

    @property
    def done(self) -> int:
        return sum(i.get("done", 0) for i in self.inputs)

    def save(self, path: Path) -> None:
        write_atomic(
            path, orjson.dumps(asdict(self), option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"
        )

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        """The manifest at ``path``, or None when there is none or it is unreadable."""
        try:
            data = orjson.loads(path.read_bytes())
            if data.get("version") != VERSION:
                return None
            return cls(**data)
        except (OSError, orjson.JSONDecodeError, TypeError, AttributeError):
            return None

    def mismatch(self, other: Manifest) -> str | None:
        """Why a run described by ``other`` cannot continue this one (None: it can)."""
        if self.mode != other.mode:
            return f"the output was {self.mode}, now {other.mode}"
        if self.rules_hash != other.rules_hash:
            return "the rules changed"
        if self.code_hash != other.code_hash:
            return "the extract code changed"
        if self.fingerprint != other.fingerprint or len(self.inputs) != len(other.inputs):
            return "the inputs or options changed"
        return None
