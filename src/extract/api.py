"""The library API: extract_text, extract_bytes, extract_file, extract_folder.

Files go through ``extract.safety`` (what may be read, how much, for how long) and
``extract.decode`` (bytes to text); a bad input always gives a record, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from .decode import decode_bytes, text_warnings
from .models import Record
from .pipeline import Pipeline
from .rules import RuleError
from .safety import DocumentTimeout, InputError, deadline, read_input, safe_doc_id, walk_texts


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline with the package's rules, built once per process."""
    return Pipeline()


def extract_text(text: str, doc_id: str | None = None, *, pipeline: Pipeline | None = None) -> Record:
    """Extract one record from a text already decoded (spans index into ``text``)."""
    return (pipeline or default_pipeline()).run(text, doc_id=doc_id, source=None)


def error_record(
    doc_id: str | None, source: str | None, message: str, warnings: Sequence[str] = ()
) -> Record:
    """A record that says only what went wrong (every entry point makes its error records here)."""
    return Record(doc_id=doc_id, source=source, warnings=[*warnings, f"error: {message}"])


def _run(
    pipeline: Pipeline,
    text: str,
    doc_id: str | None,
    source: str | None,
    warnings: list[str],
    timeout: float | None,
) -> Record:
    """Run the pipeline on one text; whatever goes wrong becomes an error record, never an exception."""
    try:
        with deadline(timeout):
            return pipeline.run(text, doc_id=doc_id, source=source, warnings=warnings)
    except DocumentTimeout as exc:
        return error_record(doc_id, source, f"extraction {exc}; nothing extracted", warnings)
    except RuleError:
        raise  # broken rules are a usage error for the whole run (exit 2), not one document's
    except Exception as exc:  # one bad document must not stop a batch
        return error_record(doc_id, source, f"extraction failed: {type(exc).__name__}: {exc}", warnings)


def extract_bytes(
    data: bytes,
    doc_id: str | None = None,
    source: str | None = None,
    *,
    pipeline: Pipeline | None = None,
    warnings: Sequence[str] = (),
    timeout: float | None = None,
) -> Record:
    """Decode bytes (see ``extract.decode``) and extract; decoding problems become warnings.

    Binary input gives a record with empty lists and an ``error: binary file: ...`` warning;
    an extraction that fails or runs past ``timeout`` (default ``safety.doc_timeout()``) gives
    an error record. Only broken rules raise (``RuleError``).
    """
    decoded = decode_bytes(data)
    notes = [*warnings, *decoded.warnings]
    if decoded.error is not None:
        return error_record(doc_id, source, decoded.error, notes)
    notes.extend(text_warnings(decoded.text))
    if not decoded.text.strip():
        notes.append(
            "input: empty file (no text to extract)"
            if not data
            else "input: only white space, no text to extract"
        )
    return _run(pipeline or default_pipeline(), decoded.text, doc_id, source, notes, timeout)


_SURROGATE = re.compile("[\ud800-\udfff]")


def extract_text_safely(
    text: str,
    doc_id: str | None = None,
    source: str | None = None,
    *,
    pipeline: Pipeline | None = None,
    timeout: float | None = None,
) -> Record:
    """``extract_text`` for a batch: never raises for a bad text (only for broken rules).

    For texts that arrive already decoded (JSONL inputs). Spans index into ``text``; lone
    surrogates (which JSON can carry but UTF-8 output cannot) are replaced by U+FFFD one for one,
    with a warning, so offsets do not move. An extraction that fails or runs past ``timeout``
    gives an error record.
    """
    notes: list[str] = []
    n = len(_SURROGATE.findall(text))
    if n:
        text = _SURROGATE.sub("\ufffd", text)
        notes.append(f"text: {n} lone surrogate code points replaced by U+FFFD")
    notes.extend(text_warnings(text))
    if doc_id is not None:
        doc_id = _SURROGATE.sub("\ufffd", doc_id)
    if source is not None:
        source = _SURROGATE.sub("\ufffd", source)
    return _run(pipeline or default_pipeline(), text, doc_id, source, notes, timeout)


def extract_file(
    path: str | Path,
    doc_id: str | None = None,
    source: str | None = None,
    *,
    pipeline: Pipeline | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
) -> Record:
    """Extract one file. Never raises for a bad file (only for broken rules): a file that cannot
    be read (not a regular file, a FIFO, a symbolic-link loop, over ``max_bytes`` — default
    ``safety.max_bytes()`` —, an OS error) gives a record whose warnings say ``error: ...``."""
    p = Path(path)
    doc_id = doc_id if doc_id is not None else p.stem
    doc_id, notes = safe_doc_id(doc_id)
    if source is not None:
        # the batch passes a doc_id already made safe: the notes about the name come from source
        source, notes = safe_doc_id(source)
    try:
        data, read_notes = read_input(p, max_bytes)
    except InputError as exc:
        return error_record(doc_id, source, str(exc), notes)
    return extract_bytes(
        data, doc_id=doc_id, source=source, pipeline=pipeline, warnings=notes + read_notes, timeout=timeout
    )


def iter_texts(root: str | Path) -> Iterator[Path]:
    """Every ``*.txt`` entry under ``root``, in a stable order (sorted relative paths).

    Entries that are not readable files (a directory or FIFO named ``x.txt``, a broken or looping
    symbolic link) are listed too, so that each gets an error record instead of vanishing.
    Symbolic links to directories are followed; a link back to an ancestor is not.
    """
    return walk_texts(root)


def doc_id_for(root: Path, path: Path) -> str:
    """The doc_id of a file: its path under the input root, without ``.txt``, with ``/``.

    File names that are not valid UTF-8 show their bad bytes as ``\\xNN`` escapes.
    """
    rel = path.relative_to(root).as_posix()
    rel = rel[:-4] if rel.endswith(".txt") else rel
    return safe_doc_id(rel)[0]


def extract_folder(path: str | Path, *, pipeline: Pipeline | None = None) -> Iterator[Record]:
    """Records for every ``*.txt`` under a folder, in sorted path order (an iterator)."""
    root = Path(path)
    for p in iter_texts(root):
        rel = p.relative_to(root).as_posix()
        yield extract_file(p, doc_id=doc_id_for(root, p), source=rel, pipeline=pipeline)
