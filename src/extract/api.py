"""The library API: extract_text, extract_file, extract_folder."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .decode import decode_bytes
from .models import Record
from .pipeline import Pipeline


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline with the package's rules, built once per process."""
    return Pipeline()


def extract_text(text: str, doc_id: str | None = None, *, pipeline: Pipeline | None = None) -> Record:
    """Extract one record from a text already decoded (spans index into ``text``)."""
    return (pipeline or default_pipeline()).run(text, doc_id=doc_id, source=None)


def _error_record(doc_id: str, source: str | None, message: str) -> Record:
    return Record(doc_id=doc_id, source=source, warnings=[f"error: {message}"])


def extract_bytes(
    data: bytes, doc_id: str | None = None, source: str | None = None, *, pipeline: Pipeline | None = None
) -> Record:
    """Decode bytes (see ``extract.decode``) and extract; decoding problems become warnings."""
    decoded = decode_bytes(data)
    return (pipeline or default_pipeline()).run(decoded.text, doc_id=doc_id, source=source, warnings=decoded.warnings)


def extract_file(path: str | Path, doc_id: str | None = None, source: str | None = None, *, pipeline: Pipeline | None = None) -> Record:
    """Extract one file. An unreadable file gives a record whose warnings say why."""
    p = Path(path)
    doc_id = doc_id if doc_id is not None else p.stem
    try:
        data = p.read_bytes()
    except OSError as exc:
        return _error_record(doc_id, source, f"cannot read file: {exc.strerror or exc}")
    return extract_bytes(data, doc_id=doc_id, source=source, pipeline=pipeline)


def iter_texts(root: str | Path) -> Iterator[Path]:
    """Every ``*.txt`` under ``root``, in a stable order (sorted relative paths)."""
    root = Path(root)
    return iter(sorted((p for p in root.rglob("*.txt") if p.is_file()), key=lambda p: p.relative_to(root).as_posix()))


def doc_id_for(root: Path, path: Path) -> str:
    """The doc_id of a file: its path under the input root, without ``.txt``, with ``/``."""
    rel = path.relative_to(root).as_posix()
    return rel[:-4] if rel.endswith(".txt") else rel


def extract_folder(path: str | Path, *, pipeline: Pipeline | None = None) -> Iterator[Record]:
    """Records for every ``*.txt`` under a folder, in sorted path order (an iterator)."""
    root = Path(path)
    for p in iter_texts(root):
        rel = p.relative_to(root).as_posix()
        yield extract_file(p, doc_id=doc_id_for(root, p), source=rel, pipeline=pipeline)
