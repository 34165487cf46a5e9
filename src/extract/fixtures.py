"""Fixtures: a folder of ``*.txt`` with the expected record of each beside it as ``*.json``.

``check`` extracts every text again and compares the fresh record with its fixture mention by
mention (``extract.diff``); ``update`` rewrites the fixtures. A fixture is the record as written by
``extract.output.dumps(record, indent=True)`` plus a newline; its ``doc_id`` is the text's path under
the folder without ``.txt`` and its ``source`` the path with it (as ``extract batch`` gives them), so
a fixture folder can be moved or checked out anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .api import doc_id_for, extract_bytes, iter_texts
from .decode import decode_bytes
from .diff import DocDiff, add_sentences, diff_records, format_doc_diff
from .output import dumps, write_atomic
from .pipeline import Pipeline

OK, DIFFERS, NO_FIXTURE, NO_TEXT, BAD_FIXTURE, FORMAT = (
    "ok",
    "differs",
    "no_fixture",
    "no_text",
    "bad_fixture",
    "format",
)
BAD_TEXT = "bad_text"


@dataclass
class FixtureResult:
    """The outcome for one text or one fixture."""

    doc_id: str
    status: str
    text_path: Path | None = None
    fixture_path: Path | None = None
    diff: DocDiff | None = None
    detail: str = ""


@dataclass
class FixtureReport:
    root: Path
    results: list[FixtureResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FixtureResult]:
        return [r for r in self.results if r.status != OK]

    @property
    def ok(self) -> bool:
        return not self.failed


def fixture_path(text: Path) -> Path:
    return text.with_suffix(".json")


def expected_bytes(root: Path, text: Path, pipeline: Pipeline | None = None) -> tuple[bytes, str]:
    """The fixture a text should have, and its decoded text (for the sentences of a diff)."""
    data = text.read_bytes()
    rel = text.relative_to(root).as_posix()
    record = extract_bytes(data, doc_id=doc_id_for(root, text), source=rel, pipeline=pipeline)
    return dumps(record, indent=True) + b"\n", decode_bytes(data).text


def _orphans(root: Path, texts: list[Path]) -> list[Path]:
    have = {fixture_path(t) for t in texts}
    return sorted(
        (p for p in root.rglob("*.json") if p.is_file() and p not in have),
        key=lambda p: p.relative_to(root).as_posix(),
    )


def check(root: str | Path, pipeline: Pipeline | None = None) -> FixtureReport:
    """Compare every text's fresh record with its fixture; report orphans on both sides."""
    root = Path(root)
    report = FixtureReport(root)
    texts = list(iter_texts(root))
    for t in texts:
        did = doc_id_for(root, t)
        fx = fixture_path(t)
        if not fx.is_file():
            report.results.append(FixtureResult(did, NO_FIXTURE, t, fx))
            continue
        try:
            want, raw = expected_bytes(root, t, pipeline)
            have = fx.read_bytes()
        except OSError as exc:
            report.results.append(FixtureResult(did, BAD_TEXT, t, fx, detail=exc.strerror or str(exc)))
            continue
        if have == want:
            report.results.append(FixtureResult(did, OK, t, fx))
            continue
        try:
            old = orjson.loads(have)
            if not isinstance(old, dict):
                raise ValueError(f"a JSON {type(old).__name__}, not a record")
        except (orjson.JSONDecodeError, ValueError) as exc:
            report.results.append(FixtureResult(did, BAD_FIXTURE, t, fx, detail=str(exc)))
            continue
        dd = diff_records(old, orjson.loads(want), did)
        if dd.empty:
            # same content, other bytes (hand-edited layout): still a difference, the fixture
            # must be what `update` writes so that its git diff shows only real changes
            report.results.append(FixtureResult(did, FORMAT, t, fx, dd))
            continue
        add_sentences(dd, raw)
        report.results.append(FixtureResult(did, DIFFERS, t, fx, dd))
    for fx in _orphans(root, texts):
        did = fx.relative_to(root).as_posix()[: -len(".json")]
        report.results.append(FixtureResult(did, NO_TEXT, fixture_path=fx))
    return report


@dataclass
class UpdateReport:
    root: Path
    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    orphans: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)


def update(root: str | Path, pipeline: Pipeline | None = None, prune: bool = False) -> UpdateReport:
    """Write every text's fixture (only files whose bytes change are touched).

    Fixtures whose text is gone are reported, and deleted only with ``prune``.
    """
    root = Path(root)
    rep = UpdateReport(root)
    texts = list(iter_texts(root))
    for t in texts:
        fx = fixture_path(t)
        try:
            want, _ = expected_bytes(root, t, pipeline)
        except OSError as exc:
            rep.unreadable.append((t, exc.strerror or str(exc)))
            continue
        if fx.is_file():
            if fx.read_bytes() == want:
                rep.unchanged.append(fx)
                continue
            rep.updated.append(fx)
        else:
            rep.created.append(fx)
        write_atomic(fx, want)
    rep.orphans = _orphans(root, texts)
    if prune:
        for fx in rep.orphans:
            fx.unlink()
            rep.removed.append(fx)
    return rep


def _rel(root: Path, p: Path | None) -> str:
    # paths come from walking ``root``, so they already read as the user typed the folder
    return p.as_posix() if p is not None else "?"


def format_check(report: FixtureReport) -> str:
    """The readable report of ``extract fixtures check``."""
    root = report.root
    lines: list[str] = []
    for r in report.failed:
        if r.status == DIFFERS and r.diff is not None:
            n = len(r.diff.mentions)
            lines.append(
                f"{_rel(root, r.text_path)}: differs from {_rel(root, r.fixture_path)} ({n} mention{'s' if n != 1 else ''})"
            )
            lines.extend(format_doc_diff(r.diff, "  "))
        elif r.status == NO_FIXTURE:
            lines.append(
                f"{_rel(root, r.text_path)}: text without fixture ({_rel(root, r.fixture_path)} is missing)"
            )
        elif r.status == NO_TEXT:
            lines.append(f"{_rel(root, r.fixture_path)}: fixture without text ({r.doc_id}.txt is gone)")
        elif r.status == BAD_FIXTURE:
            lines.append(f"{_rel(root, r.fixture_path)}: not a JSON record: {r.detail}")
        elif r.status == BAD_TEXT:
            lines.append(f"{_rel(root, r.text_path)}: cannot read the text or its fixture: {r.detail}")
        elif r.status == FORMAT:
            lines.append(
                f"{_rel(root, r.fixture_path)}: same record, but not written as `extract fixtures update` writes it"
            )
    counts = {
        s: sum(r.status == s for r in report.results)
        for s in (OK, DIFFERS, NO_FIXTURE, NO_TEXT, BAD_FIXTURE, FORMAT, BAD_TEXT)
    }
    labels = {
        DIFFERS: "differ",
        NO_FIXTURE: "without fixture",
        NO_TEXT: "without text",
        BAD_FIXTURE: "unreadable",
        FORMAT: "badly formatted",
        BAD_TEXT: "unreadable text",
    }
    parts = [f"{counts[OK]} ok"] + [f"{counts[s]} {label}" for s, label in labels.items() if counts[s]]
    lines.append(f"{root.as_posix()}: {len(report.results)} fixtures: " + ", ".join(parts))
    if not report.ok:
        lines.append(
            f"to accept the new output: extract fixtures update {root.as_posix()}  (then review `git diff`)"
        )
    return "\n".join(lines)


def format_update(rep: UpdateReport) -> str:
    root = rep.root
    lines = [f"  created {_rel(root, p)}" for p in rep.created] + [
        f"  updated {_rel(root, p)}" for p in rep.updated
    ]
    for p, why in rep.unreadable:
        lines.append(f"  cannot read {_rel(root, p)}: {why} (its fixture is left as it is)")
    for p in rep.orphans:
        gone = "removed" if p in rep.removed else "kept (use --prune to delete)"
        lines.append(f"  fixture without text: {_rel(root, p)} {gone}")
    lines.append(
        f"{root.as_posix()}: {len(rep.created)} created, {len(rep.updated)} updated, {len(rep.unchanged)} unchanged"
        + (f", {len(rep.orphans)} without text" if rep.orphans else "")
    )
    return "\n".join(lines)
