"""File safety at the edges: what may be read, how much, for how long, and where output may go.

- :func:`read_input` reads one input file or explains, as an :class:`InputError`, why it will not:
  not a regular file (a directory named ``x.txt``, a FIFO — never opened, so never a hang —, a
  device, a socket), a broken symbolic link, a symbolic-link loop, a file larger than the
  limit (``--max-bytes``, :data:`DEFAULT_MAX_BYTES`; at most limit + 1 bytes are ever read, so
  memory stays bounded), or an OS error while reading.
- :func:`walk_texts` lists every ``*.txt`` entry under a folder in a stable order, including the
  ones that cannot be read and the sub-folders that cannot be listed (they become error records
  instead of vanishing); it follows symbolic links to directories but never enters a directory
  that is its own ancestor.
- :func:`safe_doc_id` turns a file path into a doc_id that is valid UTF-8 text.
- :func:`safe_output_path` maps a doc_id to a ``.json`` path that cannot leave the output folder.
- :func:`deadline` bounds the time one document may take (``--doc-timeout``).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Largest input file read (10 MiB); larger ones get an error record. ``EXTRACT_MAX_BYTES`` overrides."""
DEFAULT_DOC_TIMEOUT = 120.0
"""Seconds one document may take before it is abandoned with an error record.
``EXTRACT_DOC_TIMEOUT`` overrides; 0 disables."""

_MAX_NAME_BYTES = 255  # a file name component on Linux, macOS and Windows file systems


class InputError(Exception):
    """An input that cannot be extracted; the message goes into the record as ``error: ...``."""


class DocumentTimeout(BaseException):
    """A document ran past its deadline. A BaseException so that no ``except Exception`` (and
    no ``except TimeoutError`` around a pattern scan) in an extractor can swallow it."""


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number") from None
    if value < 0:
        raise ValueError(f"{name}={raw!r} must not be negative")
    return value


def max_bytes() -> int:
    """The input size limit in force: ``EXTRACT_MAX_BYTES`` or :data:`DEFAULT_MAX_BYTES`."""
    return int(_env_number("EXTRACT_MAX_BYTES", DEFAULT_MAX_BYTES))


def doc_timeout() -> float:
    """The per-document time limit in force (seconds, 0 = none)."""
    return _env_number("EXTRACT_DOC_TIMEOUT", DEFAULT_DOC_TIMEOUT)


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def check_input(path: Path) -> tuple[os.stat_result, list[str]]:
    """The stat of a readable regular file and warnings about it (symbolic link), or InputError."""
    warnings: list[str] = []
    try:
        lst = os.lstat(path)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from None
    if stat.S_ISLNK(lst.st_mode):
        try:
            st = os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise InputError("symbolic link loop") from None
            if isinstance(exc, FileNotFoundError):
                raise InputError("broken symbolic link (its target does not exist)") from None
            raise InputError(f"cannot follow symbolic link: {exc.strerror or exc}") from None
        warnings.append("input: a symbolic link; its target was read")
    else:
        st = lst
    if stat.S_ISDIR(st.st_mode) and not path.name.endswith(".txt"):
        # listed by walk_texts because it could not be read
        try:
            os.scandir(path).close()
        except OSError as exc:
            raise InputError(
                f"cannot list folder, the texts in it are missing: {exc.strerror or exc}"
            ) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"not a regular file: {_kind(st.st_mode)}")
    return st, warnings


def read_input(path: str | Path, limit: int | None = None) -> tuple[bytes, list[str]]:
    """The bytes of one input file and warnings about it; :class:`InputError` when it cannot be read.

    Never opens anything but a regular file (opening a FIFO would block), and never reads more
    than ``limit + 1`` bytes (default :func:`max_bytes`).
    """
    p = Path(path)
    limit = max_bytes() if limit is None else limit
    st, warnings = check_input(p)
    if limit and st.st_size > limit:
        raise InputError(f"file too large: {st.st_size} bytes, over the limit of {limit} bytes (--max-bytes)")
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since the check, open must not wait
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError("not a regular file: it changed while being opened")
        chunks = []
        remaining = (limit + 1) if limit else None
        while remaining is None or remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20) if remaining is not None else 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            if remaining is not None:
                remaining -= len(chunk)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if limit and len(data) > limit:
        raise InputError(
            f"file too large: over the limit of {limit} bytes (--max-bytes); it grew while being read"
        )
    return data, warnings


def walk_texts(root: str | Path, suffix: str = ".txt") -> Iterator[Path]:
    """Every entry named ``*.txt`` under ``root`` (files and the entries that only look like files),
    sorted by relative path. Symbolic links to directories are followed, loops are not."""
    root = Path(root)
    found: list[tuple[str, Path]] = []

    def visit(folder: Path, rel: str, ancestors: frozenset[tuple[int, int]]) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            # a folder that cannot be listed: its texts would vanish silently, so the folder itself
            # is listed and gets an error record ("cannot list folder")
            if rel and not rel.rstrip("/").endswith(suffix):  # a "x.txt" folder is listed already
                found.append((rel.rstrip("/"), folder))
            return
        for e in entries:
            child_rel = f"{rel}{e.name}"
            path = folder / e.name
            if e.name.endswith(suffix):
                found.append((child_rel, path))
            try:
                is_dir = e.is_dir()  # follows symbolic links; False for a loop or a broken link
            except OSError:
                is_dir = False
            if not is_dir:
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            key = (st.st_dev, st.st_ino)
            if key in ancestors:  # a symbolic link back up the tree: walking it would never end
                continue
            visit(path, child_rel + "/", ancestors | {key})

    try:
        st = os.stat(root)
        start = frozenset({(st.st_dev, st.st_ino)})
    except OSError:
        return iter(())
    visit(root, "", start)
    found.sort(key=lambda item: _sort_key(item[0]))
    return iter(p for _, p in found)


def _sort_key(rel: str) -> bytes:
    # file names that are not valid UTF-8 carry surrogates; sort by their bytes, stably
    return os.fsencode(rel)


def safe_doc_id(rel: str) -> tuple[str, list[str]]:
    """A doc_id that is valid UTF-8 text, and warnings when the file name was not, or holds
    control characters (a newline: kept, JSON escapes it)."""
    warnings = []
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        rel = os.fsencode(rel).decode("utf-8", errors="backslashreplace")
        warnings.append(
            f"input: file name is not valid UTF-8; its bad bytes are shown as \\x escapes: {rel!r}"
        )
    if _NAME_CONTROL.search(rel):
        warnings.append("input: file name contains control characters (kept; escaped in JSON)")
    return rel, warnings


_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UnsafePath(ValueError):
    """An output path that would leave the output folder."""


def _escape_component(comp: str, last: bool, suffix: str) -> str:
    # injective: "%" is always escaped, so the escapes below cannot come from any other component
    s = comp.replace("%", "%25").replace("\x00", "%00").replace("\\", "%5C")
    if s == "":
        s = "%"  # from "a//b" or a leading "/": cannot come from any escaped component
    elif s.startswith("."):
        s = "%2E" + s[1:]  # ".", "..", ".hidden": never a special or hidden name
    if not last and s.endswith(suffix):
        # a folder "x.json" would clash with the file of doc_id "x"... + suffix
        s = s[: -len(suffix)] + "%2E" + suffix[1:]
    if s.endswith(" ") or s.endswith("."):
        s = s[:-1] + f"%{ord(s[-1]):02X}"  # trailing dots/spaces vanish on some file systems
    tail = suffix if last else ""
    if len(os.fsencode(s + tail)) > _MAX_NAME_BYTES:
        digest = hashlib.sha256(comp.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        head = os.fsencode(s)[: _MAX_NAME_BYTES - len(tail) - 18].decode("utf-8", errors="ignore")
        s = f"{head}%~{digest}"
    return s


def safe_output_path(out_dir: str | Path, doc_id: str, suffix: str = ".json") -> Path:
    """The path under ``out_dir`` where the record of ``doc_id`` goes: ``out_dir/<doc_id><suffix>``
    for ordinary ids (``sub/a`` -> ``sub/a.json``), escaped so that no doc_id — ``../x``,
    ``/etc/x``, ``a/./b``, NUL bytes, names too long for the file system — can leave ``out_dir``
    or collide with another id. Raises :class:`UnsafePath` when an existing folder on the way is a
    symbolic link (writing through it could land outside)."""
    out = Path(out_dir)
    parts = doc_id.split("/")
    comps = [_escape_component(c, i == len(parts) - 1, suffix) for i, c in enumerate(parts)]
    comps[-1] = comps[-1] + suffix
    target = out.joinpath(*comps)
    # belt and braces: the escaping above already guarantees this
    if any(c in ("", ".", "..") or "/" in c or "\x00" in c or c.startswith(".") for c in comps):
        raise UnsafePath(f"doc_id {doc_id!r} would be written outside {out}")
    here = out
    for comp in comps[:-1]:
        here = here / comp
        if os.path.islink(here):
            raise UnsafePath(f"doc_id {doc_id!r}: {here} in the output folder is a symbolic link")
    return target


@contextmanager
def deadline(seconds: float | None = None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block after ``seconds`` (default :func:`doc_timeout`).

    Uses a real-time interval timer, so it only works in the main thread of a process on a
    POSIX system (where batch workers run); elsewhere the block runs without a limit."""
    seconds = doc_timeout() if seconds is None else seconds
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # someone else's timer: leave it
    )
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise DocumentTimeout(f"ran past the time limit of {seconds:g} s (--doc-timeout)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
