"""The year of a year-less date mention, from the evidence in its document (SPEC "Date").

Explicit years are those of single dates and the end year of an interval of days (an anniversary
"(21/6/1925 - 21/6/2017)"), never of an interval of months or years ("nhiệm kỳ 2020-2025").
Strongest first: an explicit year in the same sentence (unless the mention says "năm nay");
"cùng năm" takes the year named last; the same day written nearby with its year ("từ ngày
1/6/2026 ... từ ngày 1/6 năm nay"), or given one a little earlier; the year of the period the
text reports on; the document's own date; the nearest explicit year before the mention (else the first dated day,
month or period, or year leading its sentence, after it; never a year inside a later sentence): a year named
a little earlier in its paragraph, a dated day, month or period, or a year leading its sentence ("Năm
2018, ..."), before a year inside a sentence of another paragraph, which is mostly background
(sinh năm 2004, Bộ luật Dân sự năm 2015, so với năm 2004, đến năm 2030); the date of a document
cited by its symbol ("Quy định số 181-QĐ/TW, ngày 30-3-2013"), which is background and older than the
text: none of the evidence above, but a floor for a year found looking forward or inside a sentence
(a text citing a document of 27/11/2025 is not from 2024), and, when nothing else is left, the
latest such date in the sentence, else the nearest; a page header that only looks like the day a
site was crawled. None when nothing in the text fixes the year (the value
then keeps ``XXXX``). Never the clock.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass, field

import regex

from .dates_calendar import Parsed, closest_year
from .text import Document

PERIODS = ("months", "quarter")
"""Point kinds that are periods of a year (halves, runs of months, quarters)."""


@dataclass
class FoundDate:
    """What the evidence needs of a found date: where it is and what it says."""

    start: int
    end: int
    parsed: Parsed
    this_year: bool = False
    """Followed by "năm nay": the text's own year, not one its sentence names."""
    last_year: bool = False
    """Followed by "năm ngoái" / "năm trước": the year before the text's own (``this_year`` is set too)."""
    same_year: bool = False
    """Followed by "cùng năm" / "năm đó": the year the text named last, whatever it was."""


@dataclass
class YearEvidence:
    """The explicit years of one document, ready to give year-less mentions their year."""

    doc: Document
    mentions: list[FoundDate]
    bare_year: regex.Pattern
    year_lead: regex.Pattern
    same_reach: int = 5000
    paragraph_reach: int = 800
    doc_date: FoundDate | None = None
    weak: bool = False
    birth_before: regex.Pattern | None = None
    """Words before a year or date that make it someone's birth (no evidence): "sinh năm 1988"."""
    cited_before: regex.Pattern | None = None
    """What stands before a date that dates a cited document: "Quy định số 181-QĐ/TW, ngày 30-3-2013"."""
    cited_reach: int = 100
    _singles: list[tuple[int, int, str]] = field(init=False)
    _single_pos: list[int] = field(init=False)
    _intervals: list[tuple[int, int]] = field(init=False)
    _report: int | None = field(init=False)
    _anchors: list[tuple[int, int, str]] = field(init=False)
    _anchor_pos: list[int] = field(init=False)
    _same: dict[tuple, list[tuple[int, int]]] = field(init=False)
    _by_sentence: dict[tuple[int, int], list[tuple[int, int, str]]] = field(init=False, default_factory=dict)
    _cited: list[tuple[int, int, int, str, _dt.date | None]] = field(init=False)
    _cited_pos: list[int] = field(init=False)
    _named: list[tuple[int, int, str]] = field(init=False)
    _named_pos: list[int] = field(init=False)

    def __post_init__(self) -> None:
        # the dates of cited documents (only looked for when some mention needs a year): background,
        # older than the text, so evidence only after every other date (see ``_cited_in_sentence``)
        cited = set()
        if self.cited_before is not None and any(not m.parsed.has_year for m in self.mentions):
            cited = {id(m) for m in self.mentions if m.parsed.has_year and self._is_cited(m.start)}
        self._cited = sorted(
            (m.start, m.end, (m.parsed.end or m.parsed.start).year, m.parsed.start.kind, m.parsed.anchor())
            for m in self.mentions
            if id(m) in cited
        )
        self._cited_pos = [c[0] for c in self._cited]
        # explicit single dates (not intervals of years or months: "nhiệm kỳ 2020-2025" says nothing
        # about "6 tháng", "từ tháng 9/2014 tới tháng 12/2016" is mostly a past period; not a
        # crawl-date header either: it is the weakest evidence, used last) and the end of an
        # interval of days, which dates the text like a day does: an anniversary
        # "(21/6/1925 - 21/6/2017)", "từ ngày 1/6 đến ngày 15/6/2026"
        # (a birth, "sinh ngày 12/6/1953", dates a person, not the text: no evidence either)
        self._singles = sorted(
            [
                (m.start, m.parsed.start.year, m.parsed.start.kind)
                for m in self.mentions
                if m.parsed.has_year
                and m.parsed.end is None
                and not (self.weak and m is self.doc_date)
                and not self._birth(m.start)
                and id(m) not in cited
            ]
            + [
                (m.start, m.parsed.end.year, m.parsed.end.kind)
                for m in self.mentions
                if m.parsed.has_year
                and m.parsed.end is not None
                and m.parsed.end.kind == "day"
                and id(m) not in cited
            ]
        )
        self._single_pos = [s for s, _, _ in self._singles]
        # "cùng năm" takes the year named last, a cited document's too
        self._named = sorted(self._singles + [(s, y, k) for s, _, y, k, _ in self._cited])
        self._named_pos = [s for s, _, _ in self._named]
        self._intervals = [(m.start, m.end) for m in self.mentions if m.parsed.end is not None]
        # the period the text reports on: its first period written with a year
        self._report = next((y for _, y, k in self._singles if k in PERIODS), None)
        # what sets the time of the text: a dated day, month or period, or a year leading its
        # sentence; a bare year inside a sentence is background
        norm = self.doc.norm
        self._anchors = [
            (s, y, k)
            for s, y, k in self._singles
            if k != "year" or self.year_lead.match(norm[self.doc.sentence_at(s)[0] : s])
        ]
        self._anchor_pos = [s for s, _, _ in self._anchors]
        # a day written with its year nearby: the same day when written again without it
        self._same = {}
        for m in self.mentions:
            p = m.parsed
            if p.has_year and p.end is None and p.start.kind == "day":
                if not (self.weak and m is self.doc_date):
                    self._same.setdefault(_key(p), []).append((m.start, p.start.year))

    @property
    def reference_day(self) -> _dt.date | None:
        return self.doc_date.parsed.anchor() if self.doc_date is not None else None

    def year_for(self, m: FoundDate) -> int | None:
        """The year for a year-less mention; mentions are asked in text order, and a day given a
        year once keeps it when written again nearby."""
        year = self._year_for(m)
        p = m.parsed
        if m.last_year:
            return None if year is None else year - 1
        if year is not None and p.end is None and p.start.kind == "day":
            self._same.setdefault(_key(p), []).append((m.start, year))
        return year

    def _same_day(self, m: FoundDate) -> int | None:
        """The year of the same day written (or settled) within reach; None when there is none
        or the days within reach disagree (a chronicle names 2 tháng 6 of several years)."""
        near = {y for pos, y in self._same.get(_key(m.parsed), ()) if abs(pos - m.start) <= self.same_reach}
        return next(iter(near)) if len(near) == 1 else None

    def _year_for(self, m: FoundDate) -> int | None:
        p = m.parsed
        # 1. an explicit year in the same sentence (a date's, or a bare year: "MWC 2026")
        ev = [] if m.this_year else [e for e in self._sentence_years(m.start) if not m.start <= e[0] < m.end]
        if p.start.kind in PERIODS:
            # a period takes the year of a period or a year, not of a day or month nearby
            # ("6 tháng đầu năm, ... Quy định 208-QĐ/TW ngày 08/11/2019": 2019 is the rule's)
            ev = [e for e in ev if e[2] in PERIODS or e[2] == "year"]
        if ev:
            return min(ev, key=lambda e: (m.start - e[0] if e[0] < m.start else e[0] - m.end, e[0]))[1]
        # "cùng năm": the year the text named last
        if m.same_year:
            j = bisect.bisect_left(self._named_pos, m.start)
            if j > 0:
                return self._named[j - 1][1]
        # 1b. the same day, written nearby with its year or given one before
        if p.end is None and p.start.kind == "day":
            same = self._same_day(m)
            if same is not None:
                return same
        # 2. the period the text reports on ("sơ kết 6 tháng đầu năm ... 6 tháng cuối năm 2021")
        if self._report is not None:
            return self._report
        # 3. the document's own date: the year that puts a day or month nearest to it
        ref = self.reference_day
        if ref is not None and not self.weak:
            # "năm nay" / "năm ngoái" count from the year of the text, not the nearest one
            return ref.year if m.this_year else near_year(p, ref)
        # 4. the nearest explicit year before, else the first anchor after (not for "năm nay": a
        #    later year is a target, not the text's year). A year named a little earlier in the
        #    same paragraph ("xảy ra năm 1968 ... Vào tháng 7"), then a dated day, month or period or
        #    a year leading its sentence, before any other year: a year inside a sentence of
        #    another paragraph is mostly background (sinh năm 2004, so với năm 2004).
        j = bisect.bisect_left(self._single_pos, m.start)
        if j > 0 and self._singles[j - 1][2] == "year":
            line_start = self.doc.norm.rfind("\n", 0, m.start) + 1
            if self._singles[j - 1][0] >= max(line_start, m.start - self.paragraph_reach):
                return self._singles[j - 1][1]
        #    Looking forward, only an anchor counts: a year inside a later sentence, with no dated
        #    day, month or leading year anywhere, is background (kể từ năm 1980, so với năm 2024,
        #    Bộ luật ban hành từ năm 1990), and the mention keeps XXXX; only over a crawl-date
        #    header (``ref`` here), the weakest evidence of all, is it still the better guess.
        forward_single = ref is not None
        for pos, singles, forward in (
            (self._anchor_pos, self._anchors, True),
            (self._single_pos, self._singles, forward_single),
        ):
            i = bisect.bisect_left(pos, m.start)
            if i > 0:
                # a dated day, month or leading year before stands; a year inside a sentence (Bộ luật
                # Lao động năm 2012) is background and gives way to a later cited document
                return singles[i - 1][1] if singles is self._anchors else self._floored(m, singles[i - 1][1])
            if forward and i < len(singles) and not m.this_year:
                at, year, kind = singles[i]
                # a year leading a later sentence is often a target ("Từ năm 2019 trở đi, ..."): a
                # cited document dated before it comes first; a dated day or month of the text's
                # own goes before a cited document (a regulation of 2013 in a report of 2017)
                c = bisect.bisect_left(self._cited_pos, m.start)
                if kind == "year" and c < len(self._cited) and self._cited[c][0] < at:
                    return self._cited[c][2]
                return self._floored(m, year)
        # 4b. the date of a cited document, all that is left: the latest in the sentence ("tại phiên
        #     họp ngày 20/2, nghe Nghị định số 178/2024/NĐ-CP, ngày 31/12/2024 và Tờ trình số
        #     08-TTr/ĐU, ngày 13/2/2025" is 2025), else the nearest before, else the first after
        if self._cited:
            cited = self._cited_in_sentence(m)
            if cited is not None:
                return cited
            i = bisect.bisect_left(self._cited_pos, m.start)
            return self._cited[i - 1 if i > 0 else 0][2]
        # 5. a page header's date, weak as it is
        if ref is not None:
            return near_year(p, ref)
        return None

    def _birth(self, p: int) -> bool:
        """Whether the year or date at ``p`` is someone's birth ("sinh năm 1988")."""
        pat = self.birth_before
        return pat is not None and pat.search(self.doc.norm, max(0, p - 16), p) is not None

    def _is_cited(self, p: int) -> bool:
        """Whether the date at ``p`` dates a cited document ("Quy định số 181-QĐ/TW, ngày 30-3-2013")."""
        return self.cited_before.search(self.doc.norm, max(0, p - self.cited_reach), p) is not None

    def _floored(self, m: FoundDate, year: int) -> int:
        """A year found looking forward, or a year named inside a sentence before, unless a document
        cited before the mention or in its sentence is later: a text that cites a document of
        27/11/2025 is not from 2024 (the later cited day then gives the year that puts the mention
        nearest it). A dated day, month or leading year before the mention stands (a reference list
        cites an old article below a site's licence of 2020)."""
        i = bisect.bisect_left(self._cited_pos, self.doc.sentence_at(m.start)[1])
        floor = max((c[4] for c in self._cited[:i] if c[4] is not None), default=None)
        if floor is None or year >= floor.year:
            return year
        return near_year(m.parsed, floor) if m.parsed.start.kind in ("day", "month") else floor.year

    def _cited_in_sentence(self, m: FoundDate) -> int | None:
        """The year a cited document's date in the mention's sentence gives it: the latest such day
        (a floor: the text was written after it), the year that puts a day or month nearest it."""
        if not self._cited or m.this_year:
            return None
        a, b = self.doc.sentence_at(m.start)
        lo, hi = bisect.bisect_left(self._cited_pos, a), bisect.bisect_left(self._cited_pos, b)
        kinds = (*PERIODS, "year") if m.parsed.start.kind in PERIODS else None
        ev = [c for c in self._cited[lo:hi] if c[4] is not None and (kinds is None or c[3] in kinds)]
        if not ev:
            return None
        latest = max(ev, key=lambda c: c[4])
        return near_year(m.parsed, latest[4]) if latest[3] == "day" else latest[2]

    def _sentence_years(self, pos: int) -> list[tuple[int, int, str]]:
        span = self.doc.sentence_at(pos)
        hit = self._by_sentence.get(span)
        if hit is None:
            hit = [(s, y, k) for s, y, k in self._singles if span[0] <= s < span[1]]
            for b in self.bare_year.finditer(self.doc.norm, span[0], span[1]):
                if (
                    not any(a <= b.start() < e for a, e in self._intervals)
                    and not any(a <= b.start() < e for a, e, _, _, _ in self._cited)
                    and not self._birth(b.start())
                ):
                    hit.append((b.start(), int(b["year"]), "year"))
            self._by_sentence[span] = hit
        return hit


def _key(p: Parsed) -> tuple:
    s = p.start
    return (s.kind, s.month, s.day)


def near_year(p: Parsed, ref: _dt.date) -> int:
    """The year a year-less mention takes from a reference day: for a day or a month, the year
    (the reference's, one before or after) that puts it nearest the reference."""
    s = p.start
    if s.kind == "day":
        return closest_year(s.month, s.day, ref)
    if s.kind == "month":
        return closest_year(s.month, 15, ref)
    return ref.year
