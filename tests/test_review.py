"""extract review: the self-contained HTML report (structure, escaping, spans, summary)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.api import extract_file
from extract.cli import main
from extract.decode import decode_bytes
from extract.models import Date, Figure, Meeting
from extract.output import dumps_line
from extract.review import Mark, highlight

EVIL = (
    'Ghi chú: <script>document.title="PWNED";document.body.insertAdjacentHTML("beforeend","<p id=pwned>x</p>")'
    "</script><img src=x onerror=\"document.title='PWNED'\"> & <b>đậm</b>. "
    "Văn bản này cũng nhắc Chỉ thị số 05-CT/TW. Hội nghị giao ban quý I được tổ chức."
)
ALPHA = (
    "Sáng 12/3/2024, Hội nghị sơ kết 6 tháng đầu năm 2024 của Đảng ủy Khối diễn ra tại Hà Nội.\n"
    "Hội nghị quán triệt Chỉ thị số 05-CT/TW ngày 15/5/2016 và Kế hoạch số 45-KH/TU; phấn đấu đến năm 2025 "
    "có 100% đảng viên được học tập. Năm qua đã tổ chức 230 buổi sinh hoạt chuyên đề.\n"
)
# UTF-16 with a byte-order mark and CRLF: spans only line up when decoded as the pipeline does
WIDE = "Điều lệ\r\nTỉnh ủy đề nghị quán triệt Chỉ thị số 05-CT/TW và Kế hoạch số 45-KH/TU.\r\n"


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(part, i + 1)
    return (i, i + len(part))


def build_corpus(root: Path) -> tuple[Path, Path]:
    """Texts and a JSONL run over them, with meetings and figures added by hand (all four lists)."""
    texts = root / "texts"
    (texts / "sub").mkdir(parents=True)
    (texts / "alpha.txt").write_text(ALPHA, encoding="utf-8")
    (texts / "evil.txt").write_text(EVIL, encoding="utf-8")
    (texts / "sub" / "wide.txt").write_bytes(b"\xff\xfe" + WIDE.encode("utf-16-le"))
    records = []
    for name in ("alpha.txt", "evil.txt", "sub/wide.txt"):
        rec = extract_file(texts / name, doc_id=name[:-4], source=name)
        text = decode_bytes((texts / name).read_bytes()).text
        if name == "alpha.txt":
            period = Date(text="6 tháng đầu năm 2024", span=_at(text, "6 tháng đầu năm 2024"), rule="date.half.test",
                          value="2024-H1", grain="half", start="2024-01-01", end="2024-06-30")  # fmt: skip
            day = Date(text="Sáng 12/3/2024", span=_at(text, "Sáng 12/3/2024"), rule="date.day.test",
                       value="2024-03-12", grain="day", start="2024-03-12", end="2024-03-12", part_of_day="morning")  # fmt: skip
            # the pipeline may find these itself; add only what it did not
            if all(d.span != period.span for d in rec.dates):
                rec.dates = sorted([*rec.dates, period], key=lambda m: m.span)
            rec.doc_date = rec.doc_date or day
            # meetings and figures by hand, so these tests do not move with the extractors
            rec.meetings = [
                Meeting(
                    text="Hội nghị sơ kết 6 tháng đầu năm 2024",
                    span=_at(text, "Hội nghị sơ kết 6 tháng đầu năm 2024"),
                    rule="mt.so_ket.test",
                    type="so_ket",
                    date=day,
                    period=period,
                    locations=["Hà Nội"],
                )  # fmt: skip
            ]
            rec.figures = [
                Figure(
                    text="100% đảng viên",
                    span=_at(text, "100% đảng viên"),
                    rule="fig.pct.test",
                    value=100,
                    unit="%",
                    subject="đảng viên",
                    role="target",
                    deadline="2025",
                ),  # fmt: skip
                Figure(
                    text="230 buổi",
                    span=_at(text, "230 buổi"),
                    rule="fig.count.test",
                    value=230,
                    unit="buổi",
                    role="achieved",
                ),
            ]
        if name == "evil.txt":
            rec.meetings = [
                Meeting(
                    text="Hội nghị giao ban quý I",
                    span=_at(text, "Hội nghị giao ban quý I"),
                    rule="mt.giao_ban.test",
                    type="giao_ban",
                )
            ]
        records.append(rec)
    run = root / "run.jsonl"
    run.write_bytes(b"".join(dumps_line(r) for r in records))
    return texts, run


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    return build_corpus(tmp_path_factory.mktemp("review"))


@pytest.fixture(scope="module")
def report(corpus, tmp_path_factory) -> str:
    texts, run = corpus
    out = tmp_path_factory.mktemp("html") / "report.html"
    assert main(["review", str(run), "--texts", str(texts), "-o", str(out), "--title", "review test"]) == 0
    return out.read_text(encoding="utf-8")


class Doc(HTMLParser):
    """Collects each document's text as rendered and the text inside each mark (by data-m)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.pre: dict[str, list[str]] = {}
        self.marks: dict[str, list[str]] = {}
        self.attrs_of: dict[str, dict] = {}
        self.section = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self.section = a.get("data-doc-id")
        if tag in ("pre", "mark"):
            self.stack.append((tag, a))
            if tag == "pre":
                self.pre[self.section] = []
            else:
                self.attrs_of[a["data-m"]] = a

    def handle_endtag(self, tag):
        if tag in ("pre", "mark"):
            assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
            self.stack.pop()

    def handle_data(self, data):
        if self.stack:
            self.pre[self.section].append(data)
            for tag, a in self.stack:
                if tag == "mark":
                    self.marks.setdefault(a["data-m"], []).append(data)


def parse(page: str) -> Doc:
    p = Doc()
    p.feed(page)
    p.close()
    assert not p.stack
    return p


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_report_is_one_file_that_loads_nothing_and_runs_only_its_script(report):
    p = Tags()
    p.feed(report)
    names = {t for t, _ in p.tags}
    assert names <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "a", "main", "section",
                     "nav", "p", "span", "code", "table", "tr", "th", "td", "ul", "li", "pre", "mark", "aside", "button",
                     "div", "script"}  # fmt: skip
    assert [t for t, _ in p.tags].count("script") == 1
    assert not any("src" in a or k.startswith("on") for _, a in p.tags for k in a)
    assert all(a["href"].startswith("#") for t, a in p.tags if "href" in a)
    assert "url(" not in report.split("<style>")[1].split("</style>")[0]
    script = report.split("<script>")[1].split("</script>")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src &#x27;sha256-{digest}&#x27;" in report and "default-src &#x27;none&#x27;" in report


def test_markup_in_a_text_is_escaped(report):
    assert "&lt;script&gt;document.title=&quot;PWNED&quot;" in report
    assert "&lt;img src=x onerror=" in report and "&lt;b&gt;đậm&lt;/b&gt;" in report
    assert "<p id=pwned>" not in report


def test_highlighted_text_is_the_decoded_text_and_every_mark_cuts_its_mention(corpus, report):
    texts, run = corpus
    doc = parse(report)
    for rel, did in (("alpha.txt", "alpha"), ("evil.txt", "evil"), ("sub/wide.txt", "sub/wide")):
        raw = decode_bytes((texts / rel).read_bytes()).text
        assert "".join(doc.pre[did]) == raw.replace("\r\n", "\n").replace(
            "\r", "\n"
        )  # HTML parsing folds CR LF
    assert "review:" not in report  # no span mismatches: the UTF-16 file was decoded as the pipeline does
    lists = {a["data-list"] for a in doc.attrs_of.values()}
    assert lists == {"references", "dates", "meetings", "figures", "doc_date"}
    for mid, parts in doc.marks.items():
        f = html.unescape(doc.attrs_of[mid]["data-f"])
        assert '"text":' in f
        assert "".join(parts) == json.loads(f)["text"].replace("\r\n", "\n")


def test_nested_mentions_nest(report):
    doc = parse(report)
    meeting = next(
        m for m, a in doc.attrs_of.items() if a["data-list"] == "meetings" and "type: so_ket" in a["title"]
    )
    assert "".join(doc.marks[meeting]) == "Hội nghị sơ kết 6 tháng đầu năm 2024"
    # the period inside the meeting is a mark inside the meeting's mark
    i = report.index(f'data-m="{meeting}"')
    inner = report[i : report.index("</mark></mark>", i)]
    assert 'data-list="dates"' in inner and "6 tháng đầu năm 2024" in inner


def test_hover_shows_rule_and_fields(report):
    doc = parse(report)
    fig = next(
        a for a in doc.attrs_of.values() if a["data-list"] == "figures" and "fig.pct.test" in a["title"]
    )
    assert fig["title"].splitlines()[0] == "figures · fig.pct.test"
    assert (
        "role: target" in fig["title"]
        and "deadline: 2025" in fig["title"]
        and "subject: đảng viên" in fig["title"]
    )


def _table(report: str, cls: str) -> list[list[str]]:
    body = report.split(f"<table class={cls}>")[1].split("</table>")[0]
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)
        ]
        for row in body.split("<tr")[1:]
    ]


def test_index_counts(report, corpus):
    _, run = corpus
    recs = {r["doc_id"]: r for r in map(json.loads, run.read_text(encoding="utf-8").splitlines())}
    rows = {r[0]: r[1:] for r in _table(report, "index")}
    for doc_id, rec in recs.items():
        assert rows[doc_id][:4] == [str(len(rec[k])) for k in ("references", "dates", "meetings", "figures")]
    assert rows["alpha"][5] == "2024-03-12"
    totals = [
        str(sum(len(r[k]) for r in recs.values())) for k in ("references", "dates", "meetings", "figures")
    ]
    assert rows["3 documents"][:4] == totals


def test_summary_most_cited_months_and_targets(report):
    cited = _table(report, "cited")
    assert cited[1][:5] == ["chi_thi:5:TW", "05-CT/TW", "chi_thi", "3", "3"]
    assert cited[2][:5] == ["ke_hoach:45:TU", "45-KH/TU", "ke_hoach", "2", "2"]
    assert [r[:2] for r in _table(report, "months")[1:]] == [["2024-03", "1"], ["undated", "1"]]
    assert _table(report, "targets")[1:] == [
        ["alpha", "100", "%", "đảng viên", "2025", "eq", "100% đảng viên"]
    ]


def test_text_changed_or_missing_is_reported(corpus, tmp_path):
    texts, run = corpus
    moved = tmp_path / "texts"
    moved.mkdir()
    (moved / "alpha.txt").write_text("Một văn bản khác hẳn.\n" + ALPHA, encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["review", str(run), "--texts", str(moved), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "the span does not cut this text" in page
    assert "text not found under" in page and "evil.txt" in page
    assert main(["review", str(run), "--texts", str(tmp_path / "none"), "-o", str(out)]) == 2


spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)).map(sorted), max_size=8)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet="ab<>&\"' \nđ", max_size=40), spans=spans)
def test_highlight_keeps_the_text_and_each_mark_cuts_its_span(text, spans):
    marks = [
        Mark(
            s,
            e,
            ("references", "dates", "meetings", "figures")[i % 4],
            f"m{i}",
            {"text": text[s:e], "rule": "r"},
        )
        for i, (s, e) in enumerate(spans)
    ]
    p = Doc()
    p.section = "x"
    p.feed(f"<pre>{highlight(text, marks)}</pre>")
    p.close()
    assert not p.stack
    assert "".join(p.pre["x"]) == text.replace("\r\n", "\n")
    for m in marks:
        if m.start < m.end <= len(text):
            assert "".join(p.marks[m.mid]) == text[m.start : m.end]
        else:
            assert m.mid not in p.marks
