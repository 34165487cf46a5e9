"""Mention-level differences between records: what appeared, vanished or changed, and where.

Used by ``extract fixtures check`` (one expected record against a fresh one) and by
``extract diff OLD NEW`` (two batch runs over the same corpus, to judge a rule change).
Mentions are paired by list and span: a mention whose span moved is one removed and one added;
a paired mention whose other fields differ is changed, with the fields that differ.
Records are compared as JSON values (what ``extract.output`` writes), not as text.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .pipeline import LISTS
from .text import Document

MENTION_LISTS = (*LISTS, "doc_date")
"""Lists compared mention by mention; the document's own date is a list of zero or one."""

KINDS = ("added", "removed", "changed")
_TOP_SKIP = {*LISTS, "doc_date", "warnings", "doc_id"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class MentionChange:
    """One mention added, removed or changed in one document."""

    doc_id: str
    list: str
    kind: str
    span: tuple[int, int]
    old: dict | None = None
    new: dict | None = None
    fields: list[FieldChange] = field(default_factory=list)
    sentence: str | None = None

    @property
    def mention(self) -> dict:
        return self.new if self.new is not None else self.old  # type: ignore[return-value]

    @property
    def rules(self) -> list[str]:
        """The rule ids involved: both when a changed mention changed rule."""
        out = []
        for m in (self.old, self.new):
            if m is not None and m.get("rule") not in out:
                out.append(m.get("rule"))
        return out

    def to_json(self) -> dict:
        d: dict[str, Any] = {
            "doc_id": self.doc_id,
            "list": self.list,
            "kind": self.kind,
            "span": list(self.span),
        }
        d["rules"] = self.rules
        d["text"] = self.mention.get("text")
        if self.kind == "changed":
            d["fields"] = [{"field": f.field, "old": f.old, "new": f.new} for f in self.fields]
        else:
            d["mention"] = self.mention
        if self.sentence is not None:
            d["sentence"] = self.sentence
        return d


@dataclass
class DocDiff:
    """Every difference between two records of one document."""

    doc_id: str
    status: str = "both"  # "both", "only_old", "only_new"
    mentions: list[MentionChange] = field(default_factory=list)
    warnings_added: list[str] = field(default_factory=list)
    warnings_removed: list[str] = field(default_factory=list)
    other: list[FieldChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.status == "both" and not (
            self.mentions or self.warnings_added or self.warnings_removed or self.other
        )


# -- comparing ---------------------------------------------------------------------------------
def _compare(old: dict, new: dict, prefix: str, out: list[FieldChange]) -> None:
    for k in sorted(set(old) | set(new)):
        if not prefix and k == "span":
            continue  # paired by span: equal by construction
        a, b = old.get(k), new.get(k)
        if isinstance(a, dict) and isinstance(b, dict):
            _compare(a, b, f"{prefix}{k}.", out)  # a nested mention (a meeting's date): its fields
        elif a != b or (k in old) != (k in new):
            out.append(FieldChange(f"{prefix}{k}", a, b))


def field_changes(old: dict, new: dict) -> list[FieldChange]:
    """Fields that differ; fields of nested mentions are named ``date.value``."""
    out: list[FieldChange] = []
    _compare(old, new, "", out)
    return out


def _mentions(record: dict | None, lst: str) -> list[dict]:
    if record is None:
        return []
    if lst == "doc_date":
        d = record.get("doc_date")
        return [d] if isinstance(d, dict) else []
    return [m for m in record.get(lst) or [] if isinstance(m, dict)]


def _span(m: dict) -> tuple[int, int]:
    s = m.get("span") or (0, 0)
    return (int(s[0]), int(s[1]))


def _canon(m: dict) -> bytes:
    return orjson.dumps(m, option=orjson.OPT_SORT_KEYS)


def diff_records(old: dict | None, new: dict | None, doc_id: str | None = None) -> DocDiff:
    """Compare two records of one document (``None``: the document is absent on that side)."""
    rec = new if new is not None else old or {}
    did = doc_id if doc_id is not None else str(rec.get("doc_id"))
    status = "only_new" if old is None else "only_old" if new is None else "both"
    dd = DocDiff(did, status)
    for lst in MENTION_LISTS:
        by_old: dict[tuple[int, int], list[dict]] = defaultdict(list)
        by_new: dict[tuple[int, int], list[dict]] = defaultdict(list)
        for m in _mentions(old, lst):
            by_old[_span(m)].append(m)
        for m in _mentions(new, lst):
            by_new[_span(m)].append(m)
        for span in sorted(set(by_old) | set(by_new)):
            olds, news = list(by_old.get(span, [])), list(by_new.get(span, []))
            # identical mentions pair first; what is left pairs in order, the rest is added/removed
            for m in list(olds):
                c = _canon(m)
                hit = next((i for i, n in enumerate(news) if _canon(n) == c), None)
                if hit is not None:
                    olds.remove(m)
                    news.pop(hit)
            for o, n in zip(olds, news, strict=False):
                dd.mentions.append(MentionChange(did, lst, "changed", span, o, n, field_changes(o, n)))
            for o in olds[len(news) :]:
                dd.mentions.append(MentionChange(did, lst, "removed", span, old=o))
            for n in news[len(olds) :]:
                dd.mentions.append(MentionChange(did, lst, "added", span, new=n))
    if old is not None and new is not None:
        wo, wn = list(old.get("warnings") or []), list(new.get("warnings") or [])
        dd.warnings_removed = [w for w in wo if w not in wn]
        dd.warnings_added = [w for w in wn if w not in wo]
        for k in sorted((set(old) | set(new)) - _TOP_SKIP):
            if old.get(k) != new.get(k):
                dd.other.append(FieldChange(k, old.get(k), new.get(k)))
    dd.mentions.sort(key=lambda c: (c.span, MENTION_LISTS.index(c.list), KINDS.index(c.kind)))
    return dd


# -- sentences ---------------------------------------------------------------------------------
class Sentences:
    """Sentence spans of one decoded text (the pipeline's sentences, mapped to raw offsets)."""

    def __init__(self, raw: str):
        self.raw = raw
        doc = Document(raw)
        self.spans = [doc.raw_span(s, e) for s, e in doc.sentences]
        self.starts = [s for s, _ in self.spans]

    def around(self, start: int, end: int, limit: int = 320) -> str:
        """The sentence(s) holding ``[start, end)``, the mention marked ``[[...]]``, one line."""
        raw = self.raw
        if not (0 <= start <= end <= len(raw)):
            return ""
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        j = max(bisect.bisect_right(self.starts, max(end - 1, start)) - 1, i)
        s0 = min(self.spans[i][0], start) if self.spans else 0
        s1 = max(self.spans[j][1], end) if self.spans else len(raw)
        before, inside, after = raw[s0:start], raw[start:end], raw[end:s1]
        # a long sentence is cut around the mention, so the line stays readable
        room = max((limit - len(inside)) // 2, 40)
        if len(before) > room:
            before = "…" + before[-room:]
        if len(after) > room:
            after = after[:room] + "…"
        return " ".join(f"{before}[[{inside}]]{after}".split())


TextLookup = Callable[[str, dict | None], str | None]
"""Given a doc_id and its record, the decoded text, or None when it cannot be found."""


def add_sentences(dd: DocDiff, text: str | None) -> None:
    """Fill ``sentence`` of every mention change from the document's text."""
    if text is None or not dd.mentions:
        return
    sents = Sentences(text)
    for c in dd.mentions:
        c.sentence = sents.around(*c.span)


# -- formatting --------------------------------------------------------------------------------
def _v(value: Any) -> str:
    return orjson.dumps(value).decode()


def _label(m: dict) -> str:
    return f"{_v(m.get('text'))} ({m.get('rule')})"


def format_change(c: MentionChange, indent: str = "  ") -> list[str]:
    """A few lines for one mention change, readable in a terminal or a CI log."""
    where = f"{c.list} [{c.span[0]}, {c.span[1]}]"
    if c.kind == "added":
        lines = [f"{indent}+ {where} appeared: {_label(c.new or {})}"]
    elif c.kind == "removed":
        lines = [f"{indent}- {where} vanished: {_label(c.old or {})}"]
    else:
        lines = [f"{indent}~ {where} changed: {_label(c.new or {})}"]
        for f in c.fields:
            lines.append(f"{indent}    {f.field or '(value)'}: {_v(f.old)} -> {_v(f.new)}")
    if c.sentence:
        lines.append(f"{indent}    in: {c.sentence}")
    return lines


def format_doc_diff(dd: DocDiff, indent: str = "  ") -> list[str]:
    lines: list[str] = []
    for c in dd.mentions:
        lines.extend(format_change(c, indent))
    for w in dd.warnings_removed:
        lines.append(f"{indent}- warning vanished: {_v(w)}")
    for w in dd.warnings_added:
        lines.append(f"{indent}+ warning appeared: {_v(w)}")
    for f in dd.other:
        lines.append(f"{indent}~ {f.field}: {_v(f.old)} -> {_v(f.new)}")
    return lines


# -- corpora: two outputs of `extract batch` ---------------------------------------------------
class RecordsError(ValueError):
    """A batch output that cannot be read (names the file and the reason)."""


def load_records(path: str | Path) -> dict[str, dict]:
    """Records of a batch output by doc_id: a ``.jsonl`` file or a folder of ``.json`` files."""
    p = Path(path)
    out: dict[str, dict] = {}
    if p.is_dir():
        for f in sorted(p.rglob("*.json"), key=lambda q: q.relative_to(p).as_posix()):
            try:
                rec = orjson.loads(f.read_bytes())
            except (OSError, orjson.JSONDecodeError) as exc:
                raise RecordsError(f"{f}: not a JSON record ({exc})") from None
            if not isinstance(rec, dict):
                raise RecordsError(f"{f}: not a JSON record (a {type(rec).__name__})")
            rel = f.relative_to(p).as_posix()[: -len(".json")]
            out[str(rec.get("doc_id") if rec.get("doc_id") is not None else rel)] = rec
        return out
    try:
        fh = open(p, "rb")
    except OSError as exc:
        raise RecordsError(f"{p}: cannot read ({exc.strerror or exc})") from None
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise RecordsError(f"{p}:{n}: not a JSON record ({exc})") from None
            if not isinstance(rec, dict):
                raise RecordsError(f"{p}:{n}: not a JSON record")
            out[str(rec.get("doc_id") if rec.get("doc_id") is not None else f"line {n}")] = rec
    return out


@dataclass
class CorpusDiff:
    """Differences between two runs, document by document, with counts per list and per rule."""

    docs: list[DocDiff]
    documents_old: int
    documents_new: int

    def changes(self) -> Iterator[MentionChange]:
        for dd in self.docs:
            yield from dd.mentions

    @property
    def per_list(self) -> dict[str, Counter]:
        out = {lst: Counter({k: 0 for k in KINDS}) for lst in MENTION_LISTS}
        for c in self.changes():
            out[c.list][c.kind] += 1
        return out

    @property
    def per_rule(self) -> dict[str, Counter]:
        """Counts by rule id; a changed mention that changed rule counts under both rules."""
        out: dict[str, Counter] = defaultdict(lambda: Counter({k: 0 for k in KINDS}))
        for c in self.changes():
            for r in c.rules:
                out[str(r)][c.kind] += 1
        return dict(sorted(out.items()))

    @property
    def empty(self) -> bool:
        return all(dd.empty for dd in self.docs)

    def examples(self, n: int) -> dict[str, dict[str, list[MentionChange]]]:
        """The first ``n`` changes of each kind in each list, in document order."""
        out: dict[str, dict[str, list[MentionChange]]] = {
            lst: {k: [] for k in KINDS} for lst in MENTION_LISTS
        }
        for c in self.changes():
            bucket = out[c.list][c.kind]
            if len(bucket) < n:
                bucket.append(c)
        return out

    def to_json(self, examples: int) -> dict:
        ex = self.examples(examples)
        return {
            "documents": {
                "old": self.documents_old,
                "new": self.documents_new,
                "only_old": [d.doc_id for d in self.docs if d.status == "only_old"],
                "only_new": [d.doc_id for d in self.docs if d.status == "only_new"],
                "changed": [d.doc_id for d in self.docs if not d.empty],
            },
            "per_list": {k: dict(v) for k, v in self.per_list.items()},
            "per_rule": {k: dict(v) for k, v in self.per_rule.items()},
            "examples": {
                lst: {k: [c.to_json() for c in v] for k, v in kinds.items()} for lst, kinds in ex.items()
            },
            "changes": [c.to_json() for c in self.changes()],
            "warnings": {
                d.doc_id: {"added": d.warnings_added, "removed": d.warnings_removed}
                for d in self.docs
                if d.warnings_added or d.warnings_removed
            },
        }


def diff_corpora(old: dict[str, dict], new: dict[str, dict], texts: TextLookup | None = None) -> CorpusDiff:
    """Compare two runs keyed by doc_id; ``texts`` (optional) gives sentences for the examples."""
    docs = []
    for did in sorted(set(old) | set(new)):
        dd = diff_records(old.get(did), new.get(did), did)
        if texts is not None and dd.mentions:
            add_sentences(dd, texts(did, new.get(did) or old.get(did)))
        docs.append(dd)
    return CorpusDiff(docs, len(old), len(new))


def texts_lookup(root: str | Path) -> TextLookup:
    """Find a record's text under the batch's input folder (by ``source``, else ``doc_id.txt``)."""
    from .decode import decode_bytes

    base = Path(root)

    def find(doc_id: str, record: dict | None) -> str | None:
        cands = []
        if record and isinstance(record.get("source"), str):
            cands.append(base / record["source"])
        cands.append(base / f"{doc_id}.txt")
        for c in cands:
            try:
                return decode_bytes(c.read_bytes()).text
            except OSError:
                continue
        return None

    return find


def format_corpus_diff(cd: CorpusDiff, examples: int = 5) -> str:
    """The human report of ``extract diff``: counts per list and per rule, then examples."""
    lines = [
        f"documents: {cd.documents_old} old, {cd.documents_new} new, {sum(not d.empty for d in cd.docs)} with differences"
    ]
    only_old = [d.doc_id for d in cd.docs if d.status == "only_old"]
    only_new = [d.doc_id for d in cd.docs if d.status == "only_new"]
    if only_old:
        lines.append(
            f"  only in OLD ({len(only_old)}): "
            + ", ".join(only_old[:10])
            + (" …" if len(only_old) > 10 else "")
        )
    if only_new:
        lines.append(
            f"  only in NEW ({len(only_new)}): "
            + ", ".join(only_new[:10])
            + (" …" if len(only_new) > 10 else "")
        )
    lines.append("")
    lines.append(_table("list", cd.per_list.items()))
    per_rule = cd.per_rule
    if per_rule:
        lines.append("")
        lines.append(_table("rule", per_rule.items()))
    ex = cd.examples(examples)
    for lst, kinds in ex.items():
        for kind, items in kinds.items():
            if not items:
                continue
            total = cd.per_list[lst][kind]
            lines.append("")
            lines.append(f"{lst} {kind} ({total}; first {len(items)}):")
            for c in items:
                lines.append(f"  {c.doc_id}:")
                lines.extend(format_change(c, "    "))
    warned = [d for d in cd.docs if d.warnings_added or d.warnings_removed]
    if warned:
        lines.append("")
        lines.append(f"warnings changed in {len(warned)} documents:")
        for d in warned[:examples]:
            lines.append(f"  {d.doc_id}:")
            lines.extend(
                format_doc_diff(
                    DocDiff(d.doc_id, warnings_added=d.warnings_added, warnings_removed=d.warnings_removed),
                    "    ",
                )
            )
    if cd.empty:
        lines.append("")
        lines.append("no differences")
    return "\n".join(lines)


def _table(head: str, rows: Iterable[tuple[str, Counter]]) -> str:
    rows = list(rows)
    width = max([len(head)] + [len(str(k)) for k, _ in rows])
    out = [f"{head:<{width}}  {'added':>7} {'removed':>7} {'changed':>7}"]
    for k, c in rows:
        out.append(f"{k!s:<{width}}  {c['added']:>7} {c['removed']:>7} {c['changed']:>7}")
    return "\n".join(out)
