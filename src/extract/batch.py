"""Batch runs: walk an input folder, extract every text, write JSONL or a folder of JSON files."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .api import doc_id_for, extract_file, iter_texts
from .models import Record
from .output import dumps, dumps_line, write_atomic
from .pipeline import Pipeline


@dataclass
class BatchStats:
    documents: int = 0
    failed: int = 0
    bytes: int = 0
    seconds: float = 0.0
    counts: Counter = field(default_factory=Counter)
    symbols: Counter = field(default_factory=Counter)
    warnings: int = 0

    def add(self, record: Record, size: int) -> None:
        self.documents += 1
        self.bytes += size
        if any(w.startswith("error:") for w in record.warnings):
            self.failed += 1
        self.warnings += len(record.warnings)
        for kind in ("references", "dates", "meetings", "figures"):
            self.counts[kind] += len(getattr(record, kind))
        for r in record.references:
            if r.symbol:
                self.symbols[r.symbol] += 1


class Progress:
    """A one-line progress display on a terminal (stderr), silent otherwise."""

    def __init__(self, total: int | None, enabled: bool | None = None):
        self.total = total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, done: int, nbytes: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        total = f"/{self.total}" if self.total else ""
        sys.stderr.write(f"\r{done}{total} documents  {done / elapsed:.1f} docs/s  {nbytes / elapsed / 1e6:.2f} MB/s ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def iter_records(root: Path, pipeline: Pipeline | None = None) -> Iterator[tuple[Path, Record, int]]:
    for p in iter_texts(root):
        rel = p.relative_to(root).as_posix()
        try:
            size = p.stat().st_size
        except OSError:
            size = 0
        yield p, extract_file(p, doc_id=doc_id_for(root, p), source=rel, pipeline=pipeline), size


def run_batch(input_dir: Path, out: Path, progress: bool | None = None) -> BatchStats:
    """Extract every ``*.txt`` under ``input_dir`` into ``out`` (``.jsonl`` file or a folder)."""
    stats = BatchStats()
    started = time.monotonic()
    files = list(iter_texts(input_dir))
    bar = Progress(len(files), progress)
    if out.suffix == ".jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.part")
        with open(tmp, "wb") as fh:
            for _, record, size in iter_records(input_dir):
                fh.write(dumps_line(record))
                stats.add(record, size)
                bar.update(stats.documents, stats.bytes)
            fh.flush()
        tmp.replace(out)
    else:
        for p, record, size in iter_records(input_dir):
            target = out / (doc_id_for(input_dir, p) + ".json")
            write_atomic(target, dumps(record, indent=True) + b"\n")
            stats.add(record, size)
            bar.update(stats.documents, stats.bytes)
    bar.update(stats.documents, stats.bytes, force=True)
    bar.close()
    stats.seconds = time.monotonic() - started
    return stats


def summary(stats: BatchStats, out: Path) -> str:
    lines = [
        f"{stats.documents} documents -> {out}  ({stats.bytes / 1e6:.2f} MB in {stats.seconds:.1f} s)",
        "  " + "  ".join(f"{k}: {stats.counts[k]}" for k in ("references", "dates", "meetings", "figures")),
        f"  documents with errors: {stats.failed}; warnings: {stats.warnings}",
    ]
    if stats.symbols:
        lines.append("  most cited symbols:")
        for sym, n in stats.symbols.most_common(8):
            lines.append(f"    {n:4d}  {sym}")
    return "\n".join(lines)
