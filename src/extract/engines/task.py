"""The unit of work every engine runs: a chunk of input items in, record bytes and small stats out.

:func:`process_chunk` is a plain top-level function so that a process pool or a Dask worker can
import it by name. Per-process state (the compiled rules and the pipeline) is built once per
process and reused for every chunk. The worker also serialises each record, so the parent only
writes bytes and adds up counts; the pydantic record is built and validated once, in the worker.
"""

from __future__ import annotations

import hashlib
import os
import resource
import socket
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import orjson

from ..inputs import Item
from ..models import Record
from ..output import dumps

LISTS = ("references", "dates", "meetings", "figures")


@dataclass(frozen=True)
class Options:
    """What shapes a record and its bytes, besides the document itself and the rules."""

    id_field: str = "id"
    text_field: str = "text"
    indent: bool = False  # folder output: one indented JSON file per record


@dataclass
class Chunk:
    seq: int
    items: list[Item]
    options: Options = field(default_factory=Options)


# One document's result: (doc_id, bytes to write, input size, failed, warnings,
# counts per list in LISTS order, reference symbols). A tuple: thousands cross a pipe per second.
DocResult = tuple[str, bytes, int, bool, int, tuple[int, int, int, int], tuple[str, ...]]


@dataclass
class ChunkResult:
    seq: int
    docs: list[DocResult]
    worker: str  # host:pid
    max_rss_kb: int
    rules_hash: str
    code_hash: str
    seconds: float  # wall time in process_chunk
    cpu_seconds: float = 0.0  # CPU time of the worker in process_chunk


@lru_cache(maxsize=1)
def code_hash() -> str:
    """A digest of the package's Python sources: a resume after a code change redoes all."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*.py")):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


_PIPELINES: dict[str, object] = {}


def _pipeline():
    """The process's pipeline for the rules in force (``EXTRACT_RULES_DIR`` may change in-process)."""
    from ..api import default_pipeline
    from ..pipeline import Pipeline
    from ..rules import load_rules

    rules = load_rules()  # cached per rules folder
    pipe = default_pipeline()
    if pipe.rules is rules:
        return pipe
    hit = _PIPELINES.get(rules.hash)
    if hit is None:
        hit = _PIPELINES[rules.hash] = Pipeline(rules)
    return hit


def warm() -> None:
    """Build this process's pipeline now (before forking workers that then share it)."""
    _pipeline()


def max_rss_kb() -> int:
    """Peak resident memory of this process so far, in KiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss


def _error(doc_id: str, source: str, message: str, warnings: list[str] | None = None) -> Record:
    from ..api import error_record

    return error_record(doc_id, source, message, warnings or ())


def _from_json(line: bytes, fallback_id: str, source: str, opts: Options) -> Record:
    """One JSON line to a record; a bad line becomes an error record, never an exception."""
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return _error(fallback_id, source, f"bad JSON line: {exc}")
    if not isinstance(obj, dict):
        return _error(fallback_id, source, f"JSON line is a {type(obj).__name__}, not an object")
    warnings: list[str] = []
    raw_id = obj.get(opts.id_field)
    if isinstance(raw_id, str) and raw_id:
        doc_id = raw_id
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    else:
        doc_id = fallback_id
        what = "no" if raw_id is None else "an unusable"
        warnings.append(f"input: {what} {opts.id_field!r} field; doc_id is the line's position")
    text = obj.get(opts.text_field)
    if not isinstance(text, str):
        what = "no" if text is None else f"a non-string ({type(text).__name__})"
        return _error(doc_id, source, f"{what} {opts.text_field!r} field in the JSON line", warnings)
    from ..api import extract_text_safely

    record = extract_text_safely(text, doc_id=doc_id, source=source, pipeline=_pipeline())
    if warnings:
        record.warnings[:0] = warnings
    return record


def extract_item(item: Item, opts: Options) -> Record:
    """The record of one input item (see ``extract.inputs``)."""
    kind, doc_id, source, payload = item
    try:
        if kind == "file":
            from ..api import extract_file

            return extract_file(payload, doc_id=doc_id, source=source, pipeline=_pipeline())
        if kind == "bytes":
            from ..api import extract_bytes

            return extract_bytes(payload, doc_id=doc_id, source=source, pipeline=_pipeline())
        if kind == "json":
            return _from_json(payload, doc_id, source, opts)
        if kind == "error":
            return _error(doc_id, source, str(payload))
        raise ValueError(f"unknown item kind {kind!r}")
    except Exception as exc:  # noqa: BLE001 - one broken document must not stop a batch of millions
        return _error(doc_id, source, f"extraction failed: {type(exc).__name__}: {exc}")


def _serialise(record: Record, opts: Options) -> bytes:
    return dumps(record, indent=True) + b"\n" if opts.indent else dumps(record) + b"\n"


def _printable(s: str) -> str:
    return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _summarise(record: Record, data: bytes, size: int) -> DocResult:
    failed = any(w.startswith("error:") for w in record.warnings)
    counts = tuple(len(getattr(record, k)) for k in LISTS)
    symbols = tuple(r.symbol for r in record.references if r.symbol)
    return (record.doc_id or "", data, size, failed, len(record.warnings), counts, symbols)  # type: ignore[return-value]


def process_chunk(chunk: Chunk) -> ChunkResult:
    """Extract every item of a chunk, in order. Never raises for a bad document."""
    started = time.perf_counter()
    cpu = time.process_time()
    opts = chunk.options
    pipeline = _pipeline()
    docs: list[DocResult] = []
    for item in chunk.items:
        record = extract_item(item, opts)
        try:
            data = _serialise(record, opts)
        except (TypeError, ValueError) as exc:  # e.g. a file name that is not UTF-8 in the doc_id
            record = _error(_printable(item[1]), _printable(item[2]), f"cannot write the record: {exc}")
            data = _serialise(record, opts)
        payload = item[3]
        size = len(payload) if isinstance(payload, bytes) else 0
        if item[0] == "file" and not any(w.startswith("error:") for w in record.warnings):
            # the worker read the file: count its bytes (a refused file counts none)
            try:
                size = os.path.getsize(payload)
            except OSError:
                size = 0
        docs.append(_summarise(record, data, size))
    return ChunkResult(
        seq=chunk.seq,
        docs=docs,
        worker=f"{socket.gethostname()}:{os.getpid()}",
        max_rss_kb=max_rss_kb(),
        rules_hash=pipeline.rules.hash,
        code_hash=code_hash(),
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu,
    )
