"""Input sources of a batch run: a folder tree of ``.txt`` files, or JSON Lines corpora.

A source yields :class:`Item` tuples in a stable order, streaming: a folder tree is listed as
relative path strings only (the order ``api.iter_texts`` gives), each file read by a worker when
its turn comes; a ``.jsonl`` / ``.jsonl.gz`` file is read line by line, never whole. Nothing here
decodes or parses a document: that happens in the workers (``engines.task``), so the parent
process stays light and the parsing runs in parallel.

An item is ``(kind, doc_id, source, payload)``:

``"file"``   payload is a file's path, read and decoded by the worker with ``extract_file`` (its
             size limit, binary and symlink checks);
``"bytes"``  payload is a document's bytes, decoded by the worker like ``extract_file`` does;
``"json"``   payload is one raw JSON line; ``doc_id`` is the fallback id (from the line number)
             used when the line is bad or has no id;
``"error"``  payload is the reason the file could not be read (becomes an ``error:`` record).
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

Item = tuple[str, str, str, "bytes | str"]

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


class InputError(ValueError):
    """An input given on the command line does not exist or is of an unknown kind."""


class Source(Protocol):
    name: str

    def items(self, skip: int = 0) -> Iterator[Item]: ...

    def identity(self) -> dict: ...

    def size(self) -> int | None: ...


def list_texts(root: Path) -> list[str]:
    """Relative paths (``/``-separated) of every ``*.txt`` entry under ``root``, in the order of
    ``api.iter_texts`` (``safety.walk_texts``: unreadable entries listed too, so each gets its
    error record; symbolic links to folders followed, never back into an ancestor), kept as
    strings so a tree of 100k files costs little more than its names."""
    from .safety import walk_texts

    return [p.relative_to(root).as_posix() for p in walk_texts(root)]


@dataclass
class TextTree:
    """Every ``*.txt`` under a folder; ``doc_id`` is the relative path without ``.txt``."""

    root: Path
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or self.root.name
        self._paths: list[str] | None = None

    @property
    def paths(self) -> list[str]:
        if self._paths is None:
            self._paths = list_texts(self.root)
        return self._paths

    def identity(self) -> dict:
        return {"kind": "txt", "path": str(self.root.absolute())}

    def size(self) -> int | None:
        return len(self.paths)

    def doc_id(self, index: int) -> str:
        rel = self.paths[index]
        return rel[:-4] if rel.endswith(".txt") else rel

    def items(self, skip: int = 0) -> Iterator[Item]:
        from .api import doc_id_for

        for rel in self.paths[skip:] if skip else self.paths:
            path = self.root / rel
            # the worker reads the file, through the same checks as extract_file
            yield ("file", doc_id_for(self.root, path), rel, str(path))


@dataclass
class TextFile:
    """A single ``.txt`` file given directly: ``doc_id`` its stem, ``source`` its name."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    def identity(self) -> dict:
        st = self.path.stat()
        return {
            "kind": "txt-file",
            "path": str(self.path.absolute()),
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
        }

    def size(self) -> int | None:
        return 1

    def items(self, skip: int = 0) -> Iterator[Item]:
        if skip:
            return
        yield ("file", self.path.stem, self.name, str(self.path))


class _Counting:
    """Wraps the compressed file object so progress can be told in bytes of the file on disk."""

    def __init__(self, fh: IO[bytes]):
        self.fh = fh

    @property
    def position(self) -> int:
        try:
            return self.fh.tell()
        except (OSError, ValueError):
            return 0


@dataclass
class JsonlFile:
    """A JSON Lines corpus, plain or gzip: one document per non-blank line.

    ``source`` of a record is ``NAME:LINE`` (line numbers from 1), and so is the ``doc_id`` of a
    line that is not valid JSON or has no id. Blank lines are not documents and are skipped.
    """

    path: Path
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or self.path.name
        self.raw: _Counting | None = None

    def identity(self) -> dict:
        st = self.path.stat()
        return {
            "kind": "jsonl",
            "path": str(self.path.absolute()),
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
        }

    def size(self) -> int | None:
        return None

    def file_size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def items(self, skip: int = 0) -> Iterator[Item]:
        with open(self.path, "rb") as raw:
            self.raw = _Counting(raw)
            fh: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if self.path.name.endswith(".gz") else raw
            n = lineno = 0
            try:
                for lineno, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    n += 1
                    if n <= skip:
                        continue
                    where = f"{self.name}:{lineno}"
                    yield ("json", where, where, line)
            except (OSError, EOFError, zlib.error) as exc:
                # a truncated or corrupt .gz: the documents read so far stand, the rest is one error
                # (counted as a document, so a resume skips it like any other)
                n += 1
                if n > skip:
                    where = f"{self.name}:{lineno + 1}"
                    yield ("error", where, where, f"cannot read {self.name}: {exc}")
            finally:
                if fh is not raw:
                    fh.close()
                self.raw = None


def open_inputs(paths: list[Path], fmt: str = "auto") -> list[Source]:
    """The sources for the inputs given, in the order given.

    A folder is a tree of ``*.txt`` (``fmt`` ``auto`` or ``txt``) or of ``*.jsonl[.gz]`` files
    (``fmt`` ``jsonl``: each file under it, sorted, named by its path under the folder). A file is
    JSON Lines when its name ends in ``.jsonl`` or ``.jsonl.gz`` (or ``fmt`` is ``jsonl``), else text.
    """
    sources: list[Source] = []
    for p in paths:
        if p.is_dir():
            if fmt == "jsonl":
                files = sorted(
                    (q for q in p.rglob("*") if q.is_file() and q.name.endswith(JSONL_SUFFIXES)),
                    key=lambda q: q.relative_to(p).as_posix(),
                )
                sources.extend(JsonlFile(q, q.relative_to(p).as_posix()) for q in files)
            else:
                sources.append(TextTree(p))
        elif p.is_file():
            if fmt == "jsonl" or (fmt == "auto" and p.name.endswith(JSONL_SUFFIXES)):
                sources.append(JsonlFile(p))
            elif fmt == "txt" or p.name.endswith(".txt"):
                sources.append(TextFile(p))
            else:
                raise InputError(f"not a folder, .txt or .jsonl[.gz] file: {p} (see --input-format)")
        else:
            raise InputError(f"input not found: {p}")
    return sources
