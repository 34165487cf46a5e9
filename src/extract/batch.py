"""Batch runs: stream inputs in chunks through an engine, write JSONL or a folder, resume after a stop.

The flow, one direction:

    inputs (folder of .txt, .jsonl[.gz]) -> chunks -> engine (process pool | dask) -> results in
    input order -> sink (.OUT.jsonl.part, or OUT/<id>.json) -> checkpoint (fsync, then manifest)

Output bytes do not depend on the engine or the number of workers: records are made by the same
function (``engines.task.process_chunk``) and written in input order. Memory is bounded: inputs are
streamed, at most a few chunks are in flight, a folder tree is held as its path names only.

``resume=True`` carries on an interrupted run: the manifest beside the output says how many
documents of each input are safely written; the part file is cut back to that length and only the
rest is extracted. A change of rules, code, inputs or options makes it start again.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .engines import Engine, make_engine
from .engines.local import EngineError, default_workers
from .engines.task import LISTS, Chunk, ChunkResult, DocResult, Options, code_hash, max_rss_kb
from .inputs import InputError, JsonlFile, Source, TextTree, open_inputs
from .manifest import Manifest, fingerprint, manifest_path
from .models import SCHEMA_VERSION, Record
from .rules import load_rules
from .sinks import FolderSink, JsonlSink, part_path

__all__ = ["BatchError", "BatchStats", "EngineError", "InputError", "run_batch", "summary"]

CHUNK_DOCS = 64
CHUNK_BYTES = 128 * 1024
CHECKPOINT_SECONDS = 1.0


class BatchError(RuntimeError):
    """The run cannot go on (a worker with other rules or code, a broken pool)."""


@dataclass
class BatchStats:
    """Totals of the whole output (across resumes) and of this run."""

    documents: int = 0
    failed: int = 0
    bytes: int = 0
    seconds: float = 0.0
    counts: Counter = field(default_factory=Counter)
    symbols: Counter = field(default_factory=Counter)  # this run's documents only
    warnings: int = 0
    skipped: int = 0  # documents already done by the run this one resumed
    run_documents: int = 0
    run_bytes: int = 0
    workers: dict[str, int] = field(default_factory=dict)  # peak RSS (KiB) per worker process
    parent_rss_kb: int = 0
    worker_cpu_seconds: float = 0.0  # CPU time spent extracting, all workers
    worker_cpu: dict[str, float] = field(default_factory=dict)  # the same per worker process
    parent_cpu_seconds: float = (
        0.0  # CPU time of this process (reading, writing; extracting too with one worker)
    )

    def add(self, record: Record, size: int) -> None:
        self.documents += 1
        self.run_documents += 1
        self.bytes += size
        self.run_bytes += size
        if any(w.startswith("error:") for w in record.warnings):
            self.failed += 1
        self.warnings += len(record.warnings)
        for kind in LISTS:
            self.counts[kind] += len(getattr(record, kind))
        for r in record.references:
            if r.symbol:
                self.symbols[r.symbol] += 1

    def add_result(self, doc: DocResult) -> None:
        _, _, size, failed, warnings, counts, symbols = doc
        self.documents += 1
        self.run_documents += 1
        self.bytes += size
        self.run_bytes += size
        self.failed += failed
        self.warnings += warnings
        for kind, n in zip(LISTS, counts, strict=True):
            self.counts[kind] += n
        self.symbols.update(symbols)

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "failed": self.failed,
            "bytes": self.bytes,
            "seconds": self.seconds,
            "counts": dict(self.counts),
            "warnings": self.warnings,
            "skipped": self.skipped,
            "run_documents": self.run_documents,
            "run_bytes": self.run_bytes,
            "workers_peak_rss_kb": self.workers,
            "parent_peak_rss_kb": self.parent_rss_kb,
            "parent": f"{socket.gethostname()}:{os.getpid()}",
            "worker_cpu_seconds": self.worker_cpu_seconds,
            "worker_cpu": self.worker_cpu,
            "parent_cpu_seconds": self.parent_cpu_seconds,
        }


class Progress:
    """A one-line progress display on a terminal (stderr), silent otherwise."""

    def __init__(
        self,
        total: int | None,
        enabled: bool | None = None,
        fraction: Callable[[], float | None] | None = None,
    ):
        self.total = total
        self.fraction = fraction
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, done: int, nbytes: int, force: bool = False, run_done: int | None = None) -> None:
        """``done`` documents in the output, ``run_done`` of them (default: all) and ``nbytes``
        input bytes extracted by this run (the rates)."""
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        rate = (done if run_done is None else run_done) / elapsed
        total = f"/{self.total}" if self.total else ""
        frac = self.fraction() if self.fraction and not self.total else None
        pct = f"  {100 * frac:3.0f}%" if frac is not None else ""
        sys.stderr.write(
            f"\r{done}{total} documents{pct}  {rate:.1f} docs/s  {nbytes / elapsed / 1e6:.2f} MB/s "
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


# -- chunks ------------------------------------------------------------------------------------


class _Chunker:
    """Cuts the inputs into chunks (at most ``max_docs`` documents or about ``max_bytes``) and
    remembers which inputs each chunk's documents came from, for the manifest."""

    def __init__(
        self, sources: Sequence[Source], skips: Sequence[int], opts: Options, max_docs: int, max_bytes: int
    ):
        self.sources = sources
        self.skips = skips
        self.opts = opts
        self.max_docs = max(1, max_docs)
        self.max_bytes = max_bytes
        self.spans: dict[int, list[tuple[int, int]]] = {}  # chunk seq -> [(input index, documents)]
        self.finished_bytes = 0  # bytes of JSONL files read to the end (progress)
        self.current: Source | None = None

    def __iter__(self) -> Iterator[Chunk]:
        seq = 0
        items: list = []
        spans: list[tuple[int, int]] = []
        size = 0
        for idx, (src, skip) in enumerate(zip(self.sources, self.skips, strict=True)):
            self.current = src
            for item in src.items(skip):
                items.append(item)
                if spans and spans[-1][0] == idx:
                    spans[-1] = (idx, spans[-1][1] + 1)
                else:
                    spans.append((idx, 1))
                payload = item[3]
                size += len(payload)
                if len(items) >= self.max_docs or size >= self.max_bytes:
                    self.spans[seq] = spans
                    yield Chunk(seq, items, self.opts)
                    seq += 1
                    items, spans, size = [], [], 0
            if isinstance(src, JsonlFile):
                self.finished_bytes += src.file_size()
        self.current = None
        if items:
            self.spans[seq] = spans
            yield Chunk(seq, items, self.opts)


# -- resume ------------------------------------------------------------------------------------


def _can_resume(
    old: Manifest | None, new: Manifest, sources: Sequence[Source], out: Path
) -> tuple[bool, str]:
    """Whether ``old`` can be continued; else the reason to start again."""
    if old is None:
        return False, "no readable manifest"
    why = old.mismatch(new)
    if why:
        return False, why
    for src, entry in zip(sources, old.inputs, strict=True):
        done = entry.get("done", 0)
        if isinstance(src, TextTree) and done:
            if done > len(src.paths) or _paths_digest(src, done).hexdigest() != entry.get("paths_sha256"):
                return False, f"the files under {src.root} changed"
    if new.mode == "jsonl":
        part = part_path(out)
        if old.complete:
            if part.exists() and part.stat().st_size == old.bytes:
                return True, ""
            if not part.exists() and out.exists() and out.stat().st_size == old.bytes:
                return True, ""
            return False, "the finished output is missing or was changed"
        if not part.exists() or part.stat().st_size < old.bytes:
            return False, "the partial output is missing or shorter than the manifest says"
    elif old.done and not out.is_dir():
        return False, "the output folder is missing"
    return True, ""


def _paths_digest(src: TextTree, n: int) -> hashlib._Hash:
    """A digest of the first ``n`` paths of a folder input: a resume notices files added, removed
    or renamed among the documents done (not edits inside them)."""
    h = hashlib.sha256()
    for rel in src.paths[:n]:
        h.update(rel.encode("utf-8", "surrogateescape") + b"\0")
    return h


def _stats_from(m: Manifest) -> BatchStats:
    stats = BatchStats(
        documents=m.documents,
        failed=m.failed,
        bytes=m.input_bytes,
        warnings=m.warnings,
        counts=Counter(m.counts),
    )
    stats.skipped = m.documents
    return stats


# -- the run -----------------------------------------------------------------------------------


def _stderr(message: str) -> None:
    print(f"extract: {message}", file=sys.stderr)


def run_batch(
    inputs: Path | str | Sequence[Path | str],
    out: Path | str,
    progress: bool | None = None,
    *,
    workers: int | None = 1,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    input_format: str = "auto",
    id_field: str = "id",
    text_field: str = "text",
    chunk_docs: int = CHUNK_DOCS,
    chunk_bytes: int = CHUNK_BYTES,
    checkpoint_seconds: float = CHECKPOINT_SECONDS,
    log: Callable[[str], None] = _stderr,
) -> BatchStats:
    """Extract every document of ``inputs`` into ``out`` (a ``.jsonl`` file, or else a folder).

    ``inputs``: folders of ``*.txt`` and/or ``.jsonl[.gz]`` files (see ``extract.inputs``).
    ``workers``: processes (``None``: one per CPU). ``engine``: ``local`` or ``dask``.
    Raises ``InputError`` for a missing input, ``RuleError`` for broken rules, ``BatchError`` when
    the run cannot go on; documents that fail are written as records with ``error:`` warnings.
    """
    started = time.monotonic()
    cpu_started = time.process_time()
    paths = [Path(inputs)] if isinstance(inputs, str | Path) else [Path(p) for p in inputs]
    out = Path(out)
    sources = open_inputs(paths, input_format)
    for src in sources:
        if isinstance(src, TextTree) and not src.paths and any(src.root.rglob("*.jsonl*")):
            log(f"no *.txt under {src.root}, but JSON Lines files: use --input-format jsonl to read them")
    rules = load_rules()
    mode = "jsonl" if out.suffix == ".jsonl" else "folder"
    opts = Options(id_field=id_field, text_field=text_field, indent=mode == "folder")
    identities = [s.identity() for s in sources]
    fp = fingerprint(
        identities, {"mode": mode, "id_field": id_field, "text_field": text_field, "schema": SCHEMA_VERSION}
    )
    mpath = manifest_path(out)
    fresh = Manifest(mode, rules.hash, code_hash(), fp, [{**i, "done": 0, "last": None} for i in identities])

    m = fresh
    if resume:
        old = Manifest.load(mpath)
        ok, why = _can_resume(old, fresh, sources, out)
        if ok and old is not None:
            m = old
            if m.complete:
                if mode == "jsonl" and part_path(out).exists():
                    part_path(out).replace(out)
                log(f"resume: {out} is already complete ({m.documents} documents)")
                stats = _stats_from(m)
                stats.seconds = time.monotonic() - started
                return stats
            log(f"resume: {m.done} documents already done, extracting the rest")
        else:
            log(f"resume: {why}; starting from the beginning")

    # the engine first: when it cannot start (no scheduler), nothing on disk has changed yet
    eng = make_engine(engine, workers or default_workers(), scheduler)
    try:
        return _run(
            eng,
            sources,
            out,
            mpath,
            m,
            fresh,
            opts,
            rules.hash,
            progress,
            chunk_docs,
            chunk_bytes,
            checkpoint_seconds,
            started,
            cpu_started,
        )
    finally:
        eng.close()


def _run(
    eng: Engine,
    sources: Sequence[Source],
    out: Path,
    mpath: Path,
    m: Manifest,
    fresh: Manifest,
    opts: Options,
    rules_hash: str,
    progress: bool | None,
    chunk_docs: int,
    chunk_bytes: int,
    checkpoint_seconds: float,
    started: float,
    cpu_started: float,
) -> BatchStats:
    """The run proper: chunks through the engine into the sink, checkpoints into the manifest."""
    stats = _stats_from(m)
    skips = [i.get("done", 0) for i in m.inputs]
    if opts.indent:
        sink: JsonlSink | FolderSink = FolderSink(out)
    else:
        sink = JsonlSink(out, resume_at=m.bytes if m is not fresh else None)
    if m is fresh:
        m.save(mpath)

    digests = {i: _paths_digest(s, skips[i]) for i, s in enumerate(sources) if isinstance(s, TextTree)}
    chunker = _Chunker(sources, skips, opts, chunk_docs, chunk_bytes)
    known = [s.size() for s in sources]
    total = sum(k for k in known if k is not None) if all(k is not None for k in known) else None
    jsonl_total = sum(s.file_size() for s in sources if isinstance(s, JsonlFile))

    def fraction() -> float | None:
        if not jsonl_total:
            return None
        cur = chunker.current
        pos = cur.raw.position if isinstance(cur, JsonlFile) and cur.raw is not None else 0
        return min(1.0, (chunker.finished_bytes + pos) / jsonl_total)

    bar = Progress(total, progress, fraction)
    bar.update(stats.documents, 0, force=True, run_done=0)
    last_checkpoint = time.monotonic()

    def checkpoint() -> None:
        sink.checkpoint()  # the data first, then the manifest that points at it
        m.save(mpath)

    # False while the output and the manifest's counts disagree (between a write and its
    # accounting): a failure there leaves the last checkpoint to resume from. Ctrl-C waits.
    consistent = True
    try:
        for result in eng.run(chunker):
            _check_worker(result, rules_hash)
            with _deferred_interrupt():
                consistent = False
                sink.write([(d[0], d[1]) for d in result.docs])
                _account(m, stats, result, chunker.spans.pop(result.seq), sources, digests)
                m.bytes = sink.bytes
                consistent = True
            bar.update(stats.documents, stats.run_bytes, run_done=stats.run_documents)
            if time.monotonic() - last_checkpoint >= checkpoint_seconds:
                checkpoint()
                last_checkpoint = time.monotonic()
        m.complete = True
        checkpoint()
        sink.finish()
    except BaseException:
        # on Ctrl-C or an error, record the whole chunks written so far for --resume
        if consistent:
            try:
                checkpoint()
            except Exception:  # noqa: BLE001 - keep the original error
                pass
        sink.close()
        raise
    finally:
        bar.update(stats.documents, stats.run_bytes, force=True, run_done=stats.run_documents)
        bar.close()
    stats.failed += getattr(sink, "failed", 0)  # records a folder output could not write
    stats.parent_rss_kb = max_rss_kb()
    stats.parent_cpu_seconds = time.process_time() - cpu_started
    stats.seconds = time.monotonic() - started
    return stats


@contextmanager
def _deferred_interrupt() -> Iterator[None]:
    """Hold back Ctrl-C for the duration of the block, then act on it.

    A handler is swapped in rather than the signal blocked: with a pool running, the signal may
    be delivered to any thread, and Python raises KeyboardInterrupt in the main thread anyway.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # KeyboardInterrupt is only ever raised in the main thread
        return
    pending: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: pending.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if pending and previous is not signal.SIG_IGN:
            if callable(previous):
                previous(signal.SIGINT, None)  # the default handler raises KeyboardInterrupt
            else:
                raise KeyboardInterrupt


def _check_worker(result: ChunkResult, rules_hash: str) -> None:
    if result.rules_hash != rules_hash:
        raise BatchError(
            f"worker {result.worker} runs other rules ({result.rules_hash[:12]}, here {rules_hash[:12]})"
        )
    if result.code_hash != code_hash():
        raise BatchError(f"worker {result.worker} runs another version of the extract code")


def _account(
    m: Manifest,
    stats: BatchStats,
    result: ChunkResult,
    spans: list[tuple[int, int]],
    sources: Sequence[Source],
    digests: dict[int, hashlib._Hash],
) -> None:
    """Count a written chunk into the manifest (per input) and the stats."""
    docs = iter(result.docs)
    for idx, n in spans:
        entry = m.inputs[idx]
        src = sources[idx]
        h = digests.get(idx)
        for _ in range(n):
            doc = next(docs)
            stats.add_result(doc)
            if h is not None and isinstance(src, TextTree):
                h.update(src.paths[entry["done"]].encode("utf-8", "surrogateescape") + b"\0")
            entry["done"] += 1
            entry["last"] = doc[0]
        if h is not None:
            entry["paths_sha256"] = h.hexdigest()
    m.documents = stats.documents
    m.failed = stats.failed
    m.warnings = stats.warnings
    m.input_bytes = stats.bytes
    m.counts = dict(stats.counts)
    stats.workers[result.worker] = max(stats.workers.get(result.worker, 0), result.max_rss_kb)
    stats.worker_cpu_seconds += result.cpu_seconds
    stats.worker_cpu[result.worker] = stats.worker_cpu.get(result.worker, 0.0) + result.cpu_seconds


def summary(stats: BatchStats, out: Path) -> str:
    resumed = f"; {stats.skipped} were done before this run" if stats.skipped else ""
    lines = [
        f"{stats.documents} documents -> {out}  ({stats.run_bytes / 1e6:.2f} MB in {stats.seconds:.1f} s{resumed})",
        "  " + "  ".join(f"{k}: {stats.counts[k]}" for k in LISTS),
        f"  documents with errors: {stats.failed}; warnings: {stats.warnings}",
    ]
    if stats.symbols:
        lines.append("  most cited symbols:" + (" (documents of this run)" if stats.skipped else ""))
        for sym, n in stats.symbols.most_common(8):
            lines.append(f"    {n:4d}  {sym}")
    return "\n".join(lines)
