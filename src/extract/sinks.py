"""Where a batch run writes: one JSONL file, or a folder of one ``.json`` file per record.

The JSONL output is written to ``.OUT.jsonl.part`` beside ``OUT.jsonl`` and renamed when the run is
complete, so ``OUT.jsonl`` is never half-written. Each chunk's lines go out in one write (whole
lines only); ``checkpoint`` fsyncs, after which the manifest may point at that length. A resumed
run cuts the part file back to the length the manifest recorded: whatever came after (a torn line
from a kill, unsynced data after a power loss) is dropped and redone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .output import write_atomic


def part_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.part")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class JsonlSink:
    """Appends whole lines to the part file; ``finish`` renames it to the output."""

    def __init__(self, out: Path, resume_at: int | None = None):
        self.out = out
        self.part = part_path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        if resume_at is None:
            self.fh = open(self.part, "wb", buffering=0)
            self.bytes = 0
            _fsync_dir(out.parent)
        else:
            self.fh = open(self.part, "r+b", buffering=0)
            self.fh.truncate(resume_at)
            self.fh.seek(resume_at)
            self.bytes = resume_at

    def write(self, docs: list[tuple[str, bytes]]) -> None:
        data = b"".join(d for _, d in docs)
        view = memoryview(data)
        while view:  # a raw write may be partial
            n = self.fh.write(view)
            view = view[n:]
        self.bytes += len(data)

    def checkpoint(self) -> None:
        os.fsync(self.fh.fileno())

    def finish(self) -> None:
        self.checkpoint()
        self.fh.close()
        os.replace(self.part, self.out)
        _fsync_dir(self.out.parent)

    def close(self) -> None:
        if not self.fh.closed:
            self.fh.close()


class FolderSink:
    """One indented ``.json`` per record, ``OUT/<doc_id>.json``, each written atomically and fsynced."""

    def __init__(self, out: Path):
        self.out = out
        self.bytes = 0
        self.failed = 0
        out.mkdir(parents=True, exist_ok=True)

    def write(self, docs: list[tuple[str, bytes]]) -> None:
        from .safety import UnsafePath, safe_output_path

        for doc_id, data in docs:
            # doc_ids come from file names and JSON fields: they must not write outside --out
            try:
                write_atomic(safe_output_path(self.out, doc_id), data)
            except (UnsafePath, OSError) as exc:
                self.failed += 1
                print(f"extract: record of {doc_id!r} not written: {exc}", file=sys.stderr)

    def checkpoint(self) -> None:
        pass  # write_atomic already fsynced every file

    def finish(self) -> None:
        pass

    def close(self) -> None:
        pass
