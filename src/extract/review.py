"""The HTML review report: one self-contained file to read a batch's records against their texts.

``extract review OUT --texts INPUT_DIR -o report.html`` writes an index of the documents with their
counts, a page per document (its text with every mention highlighted by list, fields and rule on
hover and on click, the record's warnings) and a corpus summary (most-cited documents by ``key``,
meetings per month, the targets table). CSS and the small script are inlined from
``extract/templates``; a Content-Security-Policy lets only that script run and nothing load, and
every piece of document text is HTML-escaped, so a text holding ``<script>`` shows it as text.
Texts are decoded with ``extract.decode.decode_bytes``, as the pipeline does, so spans line up.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from .decode import decode_bytes
from .diff import load_records

LISTS = ("references", "dates", "meetings", "figures")
HIGHLIGHTED = (*LISTS, "doc_date")
_LABELS = {
    "references": "references",
    "dates": "dates",
    "meetings": "meetings",
    "figures": "figures",
    "doc_date": "document date",
}
# fields every mention has; the rest are what the hover text lists
_COMMON = ("text", "span", "rule")


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _template(name: str) -> str:
    return resources.files("extract").joinpath("templates", name).read_text(encoding="utf-8")


def _jv(value: Any) -> str:
    return value if isinstance(value, str) else orjson.dumps(value).decode()


@dataclass
class Mark:
    start: int
    end: int
    list: str
    mid: str
    mention: dict

    def attrs(self) -> str:
        m = self.mention
        hover = [f"{_LABELS[self.list]} · {m.get('rule')}"]
        for k in sorted(m):
            if k not in _COMMON and m[k] not in (None, [], False):
                v = m[k]
                hover.append(f"{k}: {v.get('text', _jv(v)) if isinstance(v, dict) else _jv(v)}")
        data = orjson.dumps(m, option=orjson.OPT_SORT_KEYS).decode()
        return (
            f'class="m l-{self.list}" data-m="{esc(self.mid)}" data-list="{esc(self.list)}" '
            f'title="{esc(chr(10).join(hover))}" data-f="{esc(data)}"'
        )


def highlight(text: str, marks: list[Mark]) -> str:
    """The text as escaped HTML with a ``<mark>`` per mention.

    Nested mentions nest as elements; a mention that crosses another is cut into fragments that
    share its ``data-m``, so the markup stays well formed.
    """
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    ordered = sorted(marks, key=lambda m: (m.start, -m.end, HIGHLIGHTED.index(m.list), m.mid))
    rank = {id(m): i for i, m in enumerate(ordered)}
    starts: dict[int, list[Mark]] = defaultdict(list)
    for m in ordered:
        starts[m.start].append(m)
    points = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[str] = []
    stack: list[Mark] = []  # the marks open now, outermost first
    active: list[Mark] = []  # the marks covering the current segment, in rank order
    for a, b in zip(points, points[1:], strict=False):
        # one sweep: the marks covering [a, b) are those begun by a and not ended by a
        active = [m for m in active if m.end > a]
        for m in starts.get(a, ()):
            bisect.insort(active, m, key=lambda x: rank[id(x)])
        k = 0
        while k < len(stack) and k < len(active) and stack[k] is active[k]:
            k += 1
        out.append("</mark>" * (len(stack) - k))
        out.extend(f"<mark {m.attrs()}>" for m in active[k:])
        out.append(esc(text[a:b]))
        stack = list(active)
    out.append("</mark>" * len(stack))
    return "".join(out)


@dataclass
class DocPage:
    index: int
    doc_id: str
    record: dict
    text: str | None
    problems: list[str]

    @property
    def anchor(self) -> str:
        return f"doc-{self.index}"


def _find_text(texts: Path | None, doc_id: str, record: dict) -> tuple[str | None, str | None]:
    """The decoded text of a record (by ``source`` under ``texts``, else ``doc_id.txt``)."""
    if texts is None:
        return None, "no --texts folder given: text not shown"
    cands = []
    if isinstance(record.get("source"), str):
        cands.append(texts / record["source"])
    cands.append(texts / f"{doc_id}.txt")
    for c in cands:
        try:
            return decode_bytes(c.read_bytes()).text, None
        except OSError:
            continue
    return None, f"text not found under {texts.as_posix()} ({cands[0].relative_to(texts).as_posix()})"


def _mentions(record: dict, lst: str) -> list[dict]:
    if lst == "doc_date":
        d = record.get("doc_date")
        return [d] if isinstance(d, dict) else []
    return [m for m in record.get(lst) or [] if isinstance(m, dict)]


def _marks(page: DocPage) -> list[Mark]:
    out = []
    for lst in HIGHLIGHTED:
        for i, m in enumerate(_mentions(page.record, lst)):
            span = m.get("span") or [0, 0]
            s, e = int(span[0]), int(span[1])
            if page.text is not None and page.text[s:e] != m.get("text"):
                page.problems.append(
                    f"{lst} {list(span)} {m.get('text')!r}: the span does not cut this text (text changed since the run?)"
                )
                continue
            out.append(Mark(s, e, lst, f"{page.anchor}-{lst}-{i}", m))
    return out


def _fields_summary(m: dict) -> str:
    parts = []
    for k in sorted(m):
        if k in _COMMON or m[k] in (None, [], False):
            continue
        v = m[k]
        parts.append(f"{k}={v.get('value', v.get('text')) if isinstance(v, dict) else _jv(v)}")
    return "; ".join(parts)


def _doc_section(page: DocPage, prev: DocPage | None, nxt: DocPage | None) -> str:
    rec = page.record
    marks = _marks(page) if page.text is not None else []
    nav = ['<a href="#index">index</a>', '<a href="#summary">summary</a>']
    if prev:
        nav.append(f'<a href="#{prev.anchor}">← {esc(prev.doc_id)}</a>')
    if nxt:
        nav.append(f'<a href="#{nxt.anchor}">{esc(nxt.doc_id)} →</a>')
    counts = ", ".join(f"{len(_mentions(rec, lst))} {lst}" for lst in LISTS)
    parts = [f'<section class="page doc" id="{page.anchor}" data-doc-id="{esc(page.doc_id)}">']
    parts.append(f'<nav class="docnav">{" · ".join(nav)}</nav>')
    parts.append(f"<h2>{esc(page.doc_id)}</h2>")
    src = rec.get("source")
    dd = rec.get("doc_date")
    meta = [counts]
    if src:
        meta.append(f"source <code>{esc(src)}</code>")
    if isinstance(dd, dict):
        meta.append(f"document date {esc(dd.get('value'))}")
    parts.append(f'<p class="note">{" · ".join(meta)}</p>')
    warnings = [str(w) for w in rec.get("warnings") or []]
    if warnings or page.problems:
        parts.append('<ul class="warnings">')
        parts.extend(
            f'<li class="{"err" if w.startswith("error:") else "warn"}">{esc(w)}</li>' for w in warnings
        )
        parts.extend(f'<li class="err">review: {esc(p)}</li>' for p in page.problems)
        parts.append("</ul>")
    if page.text is not None:
        parts.append(f'<pre class="doc">{highlight(page.text, marks)}</pre>')
    rows = []
    for lst in HIGHLIGHTED:
        for m in _mentions(rec, lst):
            span = m.get("span") or ["", ""]
            rows.append(
                f"<tr><td>{esc(_LABELS[lst])}</td><td class=n>{esc(span[0])}–{esc(span[1])}</td><td>{esc(m.get('text'))}</td>"
                f"<td><code>{esc(m.get('rule'))}</code></td><td>{esc(_fields_summary(m))}</td></tr>"
            )
    if rows:
        parts.append(
            "<h3>Mentions</h3><table class=mentions><tr><th>list</th><th>span</th><th>text</th><th>rule</th><th>fields</th></tr>"
        )
        parts.extend(rows)
        parts.append("</table>")
    parts.append("</section>")
    return "\n".join(parts)


def _legend() -> str:
    return (
        '<p class="legend">'
        + "".join(f'<span class="l-{lst}">{esc(_LABELS[lst])}</span>' for lst in HIGHLIGHTED)
        + "</p>"
    )


def _index_section(pages: list[DocPage]) -> str:
    head = "".join(f"<th>{lst}</th>" for lst in LISTS)
    parts = ['<section class="page" id="index"><h2>Documents</h2>', _legend()]
    parts.append(
        f"<table class=index><tr><th>document</th>{head}<th>warnings</th><th>document date</th></tr>"
    )
    totals = Counter()
    for p in pages:
        cells = ""
        for lst in LISTS:
            n = len(_mentions(p.record, lst))
            totals[lst] += n
            cells += f"<td class=n>{n}</td>"
        nw = len(p.record.get("warnings") or []) + len(p.problems)
        totals["warnings"] += nw
        dd = p.record.get("doc_date")
        ddv = esc(dd.get("value")) if isinstance(dd, dict) else ""
        parts.append(
            f'<tr><td><a href="#{p.anchor}">{esc(p.doc_id)}</a></td>{cells}<td class=n>{nw or ""}</td><td>{ddv}</td></tr>'
        )
    cells = "".join(f"<td class=n>{totals[lst]}</td>" for lst in LISTS)
    parts.append(
        f"<tr class=total><td>{len(pages)} documents</td>{cells}<td class=n>{totals['warnings']}</td><td></td></tr>"
    )
    parts.append("</table></section>")
    return "\n".join(parts)


def most_cited(pages: list[DocPage]) -> list[dict]:
    """Distinct documents cited (by reference ``key``): how many documents cite each, and where."""
    docs: dict[str, set[int]] = defaultdict(set)
    mentions: Counter = Counter()
    symbols: dict[str, Counter] = defaultdict(Counter)
    texts: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    for p in pages:
        for r in _mentions(p.record, "references"):
            key = r.get("key")
            if not key:
                continue
            docs[key].add(p.index)
            mentions[key] += 1
            if r.get("symbol"):
                symbols[key][r["symbol"]] += 1
            texts[key][r.get("text") or ""] += 1
            kinds.setdefault(key, r.get("doc_type") or "")
    rows = []
    for key in docs:
        label = (symbols[key] or texts[key]).most_common(1)[0][0]
        rows.append(
            {
                "key": key,
                "label": label,
                "doc_type": kinds[key],
                "documents": sorted(docs[key]),
                "mentions": mentions[key],
            }
        )
    rows.sort(key=lambda r: (-len(r["documents"]), -r["mentions"], r["key"]))
    return rows


def meetings_per_month(pages: list[DocPage]) -> list[tuple[str, int]]:
    """Meetings by the month of their date (``undated`` when the record ties no date to one)."""
    c: Counter = Counter()
    for p in pages:
        for m in _mentions(p.record, "meetings"):
            d = m.get("date")
            month = None
            if isinstance(d, dict):
                value = str(d.get("start") or d.get("value") or "")
                if len(value) >= 7 and value[4] == "-" and value[5:7].isdigit():
                    month = value[:7]
            c[month or "undated"] += 1
    return sorted(c.items(), key=lambda kv: (kv[0] == "undated", kv[0]))


def targets(pages: list[DocPage]) -> list[tuple[DocPage, dict]]:
    return [(p, f) for p in pages for f in _mentions(p.record, "figures") if f.get("role") == "target"]


def _summary_section(pages: list[DocPage], top: int) -> str:
    parts = [
        '<section class="page" id="summary"><nav class="docnav"><a href="#index">index</a></nav><h2>Corpus summary</h2>'
    ]
    cited = most_cited(pages)
    parts.append(
        f"<h3>Most-cited documents</h3><p class=note>{len(cited)} distinct documents cited (by <code>key</code>); the first {min(top, len(cited))}.</p>"
    )
    parts.append(
        "<table class=cited><tr><th>key</th><th>cited as</th><th>kind</th><th>documents</th><th>mentions</th><th>cited in</th></tr>"
    )
    by_index = {p.index: p for p in pages}
    for r in cited[:top]:
        links = ", ".join(
            f'<a href="#{by_index[i].anchor}">{esc(by_index[i].doc_id)}</a>' for i in r["documents"][:8]
        )
        more = f" … +{len(r['documents']) - 8}" if len(r["documents"]) > 8 else ""
        parts.append(
            f"<tr><td><code>{esc(r['key'])}</code></td><td>{esc(r['label'])}</td><td>{esc(r['doc_type'])}</td>"
            f"<td class=n>{len(r['documents'])}</td><td class=n>{r['mentions']}</td><td>{links}{more}</td></tr>"
        )
    parts.append("</table>")
    months = meetings_per_month(pages)
    parts.append(
        f"<h3>Meetings per month</h3><p class=note>{sum(n for _, n in months)} meetings, by the month of their date.</p>"
    )
    parts.append("<table class=months><tr><th>month</th><th>meetings</th><th></th></tr>")
    peak = max((n for _, n in months), default=1)
    for month, n in months:
        width = max(1, round(200 * n / peak))
        parts.append(
            f'<tr><td>{esc(month)}</td><td class=n>{n}</td><td><span class=bar style="width:{width}px"></span></td></tr>'
        )
    parts.append("</table>")
    tg = targets(pages)
    parts.append(f"<h3>Targets</h3><p class=note>{len(tg)} figures with role <code>target</code>.</p>")
    parts.append(
        "<table class=targets><tr><th>document</th><th>value</th><th>unit</th><th>subject</th><th>deadline</th><th>comparator</th><th>text</th></tr>"
    )
    for p, f in tg:
        parts.append(
            f'<tr><td><a href="#{p.anchor}">{esc(p.doc_id)}</a></td><td class=n>{esc(_jv(f.get("value")))}</td>'
            f"<td>{esc(f.get('unit') or '')}</td><td>{esc(f.get('subject') or '')}</td><td>{esc(f.get('deadline') or '')}</td>"
            f"<td>{esc(f.get('comparator') or '')}</td><td>{esc(f.get('text'))}</td></tr>"
        )
    parts.append("</table></section>")
    return "\n".join(parts)


def build_report(
    records: dict[str, dict], texts: Path | None, title: str = "extract review", top: int = 50
) -> str:
    """The whole report as one HTML string (records keyed by doc_id, shown in sorted order)."""
    pages = []
    for i, doc_id in enumerate(sorted(records)):
        rec = records[doc_id]
        text, problem = _find_text(texts, doc_id, rec)
        pages.append(DocPage(i, doc_id, rec, text, [problem] if problem else []))
    docs_html = [
        _doc_section(p, pages[i - 1] if i else None, pages[i + 1] if i + 1 < len(pages) else None)
        for i, p in enumerate(pages)
    ]
    script = _template("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    # nothing may load and only our own script may run, even if a text slipped through unescaped
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="vi"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)}</title>",
            f"<style>\n{_template('report.css')}</style>",
            "</head><body>",
            f'<header class="top"><h1>{esc(title)}</h1><a href="#index">{len(pages)} documents</a><a href="#summary">summary</a></header>',
            "<main>",
            _index_section(pages),
            _summary_section(pages, top),
            *docs_html,
            "</main>",
            '<aside id="details" hidden><button type="button" id="details-close">close</button><div id="details-body"></div></aside>',
            f"<script>{script}</script>",
            "</body></html>",
            "",
        ]
    )


def write_report(
    out: str | Path, texts: str | Path | None, dest: str | Path, title: str | None = None
) -> int:
    """Read a batch output (JSONL or folder), write the report; returns the number of documents."""
    from .output import write_atomic

    records = load_records(out)
    page = build_report(
        records, Path(texts) if texts is not None else None, title or f"extract review: {Path(out).name}"
    )
    write_atomic(Path(dest), page.encode("utf-8"))
    return len(records)
