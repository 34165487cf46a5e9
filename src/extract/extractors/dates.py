"""Dates: calendar mentions found by the rules in rules/dates.toml, checked against the calendar.

Regex only (no tokenising): every rule runs over ``doc.norm``; each match is parsed into
one or two calendar points (``dates_calendar``), the overlap policy picks one reading per
stretch of text (negative rules block durations, holidays, vague phrases), and then:

1. the document's own date (``ctx.doc_date``) is looked for among the dates near the top
   (a publication or weekday dateline, an official "Hà Nội, ngày ..." dateline);
2. every year-less mention gets its year from the evidence the SPEC lists (``dates_years``):
   an explicit year in the same sentence, the year of the period the text reports on, the
   document's own date, the nearest explicit year before it (then a dated day, month or leading
   year after it; a dated day or month before a year named inside a sentence, which is mostly
   background and never counts looking forward), and last a
   page header that looks like a crawl date. With no evidence the value keeps ``XXXX``.
   Never the clock.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..dates_calendar import Parsed, Point, date_fields, months_point, quarter_point
from ..dates_years import FoundDate, YearEvidence
from ..pipeline import Context, Found
from ..resolve import select
from ..rules import Rule, RuleError, RuleSet, lookup
from ..text import Document

_FILE = "dates.toml"
_PREFIX_REACH = 48
"""How far back (characters) a prefix may start before its core."""


def load_prefixes(rules: RuleSet) -> dict[str, tuple[regex.Pattern, bool]]:
    """The [prefix.NAME] tables of dates.toml: a pattern that must end where a core starts
    (compiled to match backwards from the core) and whether it joins the span."""
    out = {}
    for name, table in rules.data(_FILE, "prefix").items():
        if not isinstance(table, dict) or not isinstance(table.get("pattern"), str):
            raise RuleError(_FILE, f"prefix.{name}", "needs a pattern")
        # matched right to left, anchored at the core's start: one attempt per core
        pat = rules.compile(table["pattern"], _FILE, f"prefix.{name}", regex.REVERSE)
        out[name] = (pat, bool(table.get("extend", True)))
    return out


class DateExtractor:
    """Fills ``found["dates"]`` and ``ctx.doc_date`` from the rules of dates.toml."""

    name = "dates"

    def __init__(self, rules: RuleSet):
        self.rules = rules.for_file(_FILE)
        self.pod = rules.lexicon("date_pod")
        self.num = rules.lexicon("date_num")
        self.quarters = rules.lexicon("date_quarter")
        self.month_words = rules.lexicon("date_month_words")
        try:
            clock = rules.data(_FILE, "clock")
            self.clock_after = rules.compile(clock["after"], _FILE, "clock.after")
            self.clock_before = rules.compile(clock["before"], _FILE, "clock.before")
            res = rules.data(_FILE, "resolve")
            self.bare_year = rules.compile(res["bare_year"], _FILE, "resolve.bare_year")
            self.this_year = rules.compile(res["this_year"], _FILE, "resolve.this_year")
            self.year_lead = rules.compile(res["year_lead"], _FILE, "resolve.year_lead")
            self.same_year = rules.compile(res["same_year"], _FILE, "resolve.same_year")
            self.last_year = rules.compile(res["last_year"], _FILE, "resolve.last_year")
            self.birth_before = rules.compile(res["birth_before"], _FILE, "resolve.birth_before")
            self.cited_before = rules.compile(res["cited_before"], _FILE, "resolve.cited_before")
            self.cited_reach = int(res["cited_reach"])
            self.same_reach = int(res["same_day_reach"])
            self.paragraph_reach = int(res["paragraph_reach"])
            dd = rules.data(_FILE, "doc_date")
            self.top_chars = int(dd["top_chars"])
            self.dateline_chars = int(dd["dateline_chars"])
            self.before_pub = rules.compile(dd["before_pub"], _FILE, "doc_date.before_pub")
            self.after_pub = rules.compile(dd["after_pub"], _FILE, "doc_date.after_pub")
            self.before_place = rules.compile(dd["before_place"], _FILE, "doc_date.before_place")
            self.after_place = rules.compile(dd["after_place"], _FILE, "doc_date.after_place")
        except KeyError as exc:
            raise RuleError(_FILE, None, f"missing key {exc}") from None
        self.prefixes = load_prefixes(rules)
        for rule in self.rules:
            for key in ("prefix", "cue"):
                names = rule.fields.get(key, [])
                if not isinstance(names, list) or any(n not in self.prefixes for n in names):
                    raise RuleError(_FILE, rule.id, f"fields.{key} must list [prefix] tables of {_FILE}")

    # -- the component ---------------------------------------------------------------------
    def __call__(self, doc: Document, ctx: Context) -> None:
        text = doc.norm
        candidates: list[Found] = []
        for rule in self.rules:
            for m in rule.finditer(text):
                f = self._build(rule, m, text)
                if f is not None:
                    f.priority = rule.priority
                    candidates.append(f)
        found = select(candidates)
        parsed: dict[int, Parsed] = {id(f): f.fields.pop("_parsed") for f in found}
        for f in candidates:
            f.fields.pop("_parsed", None)
        doc_date, weak = self._doc_date(text, found, parsed)
        self._resolve(doc, found, parsed, doc_date, weak)
        ctx.found["dates"] = found
        ctx.doc_date = doc_date

    # -- one match -------------------------------------------------------------------------
    def _build(self, rule: Rule, m: regex.Match, text: str) -> Found | None:
        start = m.start()
        groups = m.groupdict()
        cue = rule.fields.get("cue")
        for name in cue or rule.fields.get("prefix", ()):
            pat, extend = self.prefixes[name]
            pm = pat.match(text, max(0, start - _PREFIX_REACH), start)
            if pm is not None and pm.start() < start:
                if extend:
                    start = pm.start()
                groups.update({k: v for k, v in pm.groupdict().items() if v is not None})
                break
        else:
            if cue:
                return None
        if rule.fields.get("reject"):
            return Found(start, m.end(), rule.id, {"reject": True})
        p = self._parse(groups)
        if p is None:
            return None
        p = p.complete()
        if p is None:
            return None
        pod = groups.get("pod")
        fields = {
            "_parsed": p,
            "_this_year": not p.has_year and self.this_year.match(text, m.end()) is not None,
            "_last_year": not p.has_year and self.last_year.match(text, m.end()) is not None,
            "_same_year": not p.has_year and self.same_year.match(text, m.end()) is not None,
            "part_of_day": lookup(self.pod, pod) if pod else None,
            "time": self._clock(text, start, m.end()) if p.end is None and p.start.kind == "day" else None,
        }
        return Found(start, m.end(), rule.id, fields)

    def _parse(self, g: dict) -> Parsed | None:
        def num(key: str) -> int | None:
            v = g.get(key)
            if not v:
                return None
            # a month written as a word ("tháng Tám năm 1945")
            return int(v) if v.isdigit() else lookup(self.month_words, v)

        year = num("year") or num("year_b")
        year2 = num("year2") or num("year2_b")
        if g.get("nm") or g.get("half"):
            nm = g.get("nm")
            count = 6 if g.get("half") else (int(nm) if nm.isdigit() else lookup(self.num, nm))
            if not count or not 1 <= count <= 11:
                return None
            return Parsed(months_point(count, g["edge"].casefold() == "đầu", year))
        if g.get("quarter"):
            return Parsed(quarter_point(lookup(self.quarters, g["quarter"]), year))
        day, month = num("day"), num("month")
        day2, month2 = num("day2"), num("month2")
        if day2 or month2 or year2:
            if day2:
                end = Point("day", year2, month2, day2)
            elif month2:
                end = Point("month", year2, month2)
            else:
                end = Point("year", year2)
            if day:
                start = Point("day", year, month or month2, day)
            elif month:
                start = Point("month", year, month)
            else:
                start = Point("year", year)
            return Parsed(start, end)
        if day:
            return Parsed(Point("day", year, month, day))
        if month:
            return Parsed(Point("month", year, month))
        if year:
            return Parsed(Point("year", year))
        return None

    def _clock(self, text: str, start: int, end: int) -> str | None:
        """A clock time written right after ("- 09:44") or right before ("14h30 ngày") the date."""
        m = self.clock_after.match(text, end, min(len(text), end + 24))
        if m is None:
            m = self.clock_before.search(text, max(0, start - 16), start)
        if m is None:
            return None
        return f"{int(m['hh']):02d}:{m['mm'] or '00'}"

    # -- the document's own date -----------------------------------------------------------
    def _doc_date(
        self, text: str, found: list[Found], parsed: dict[int, Parsed]
    ) -> tuple[Found | None, bool]:
        """The dateline: a full day date alone on a line near the top (publication line, weekday
        dateline), or an official "Place, ngày ..." dateline in the head of the text. The second
        value says whether it is weak evidence for years (a bare header date whose year the text
        never mentions: the day a site was crawled)."""
        for f in found:
            if f.start > self.dateline_chars:
                break
            p = parsed[id(f)]
            if p.end is not None or p.start.kind != "day" or not p.has_year:
                continue
            ls = text.rfind("\n", 0, f.start) + 1
            le = text.find("\n", f.end)
            le = len(text) if le < 0 else le
            before, after = text[ls : f.start], text[f.end : le]
            if f.start <= self.top_chars and self.before_pub.match(before) and self.after_pub.match(after):
                # a bare date line (no time, no views) whose year the text never mentions while it
                # mentions others: the site's date of display, not the article's
                others = self._explicit_years(found, parsed, skip=f)
                bare = not after.strip(" \t\r*_")
                return f, bare and bool(others) and p.start.year not in others
            if self.before_place.match(before) and self.after_place.match(after):
                return f, False
        return None, False

    @staticmethod
    def _explicit_years(
        found: Iterable[Found], parsed: dict[int, Parsed], skip: Found | None = None
    ) -> set[int]:
        years: set[int] = set()
        for f in found:
            if f is skip:
                continue
            p = parsed[id(f)]
            for pt in (p.start, p.end):
                if pt is not None and pt.year is not None and p.has_year:
                    years.add(pt.year)
        return years

    # -- years for year-less mentions ------------------------------------------------------
    def _resolve(
        self,
        doc: Document,
        found: list[Found],
        parsed: dict[int, Parsed],
        doc_date: Found | None,
        weak: bool,
    ) -> None:
        """Settle every mention's year (dates_years) and write its record fields."""
        mentions = [
            FoundDate(
                f.start,
                f.end,
                parsed[id(f)],
                this_year=f.fields.get("_this_year", False) or f.fields.get("_last_year", False),
                last_year=f.fields.get("_last_year", False),
                same_year=f.fields.get("_same_year", False),
            )
            for f in found
        ]
        dated = next((m for f, m in zip(found, mentions, strict=True) if f is doc_date), None)
        evidence = YearEvidence(
            doc,
            mentions,
            self.bare_year,
            self.year_lead,
            self.same_reach,
            self.paragraph_reach,
            dated,
            weak,
            self.birth_before,
            self.cited_before,
            self.cited_reach,
        )
        for f, m in zip(found, mentions, strict=True):
            p, year = m.parsed, None
            if not p.has_year:
                year = evidence.year_for(m)
                p = p.with_year(year)
            fields = date_fields(p)
            fields["year_inferred"] = year is not None
            fields["part_of_day"] = f.fields.get("part_of_day")
            fields["time"] = f.fields.get("time")
            f.fields = fields
