"""Date arithmetic for the dates extractor: what a parsed mention covers, and its TIMEX3 value.

A mention is parsed into a :class:`Parsed` (one or two :class:`Point` s with optional years);
once a year is known (or known to be unknown), :func:`date_fields` gives the record fields:
``value`` (``2021-07-19``, ``2021-07``, ``2021-Q3``, ``2021-H1``, ``2021``, ``2020/2025``,
``XXXX-H1``), ``grain``, ``start``/``end`` (first and last day, ISO; None without a year).
Nothing here looks at the clock.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass, replace


def day_date(day: int, month: int, year: int) -> _dt.date | None:
    """The calendar day, or None when it does not exist (32/13, 29/2/2021)."""
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def day_exists(day: int, month: int) -> bool:
    """Whether day/month exists in some year (29/2 does, 31/4 does not)."""
    return day_date(day, month, 2000) is not None


@dataclass(frozen=True, slots=True)
class Point:
    """One end of a mention. ``kind`` is day, month, quarter, months (a run of months), or year.

    ``first``/``last`` are the first and last month for quarter and months kinds."""

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    first: int | None = None
    last: int | None = None

    def with_year(self, year: int | None) -> Point:
        return replace(self, year=year)

    def bounds(self) -> tuple[_dt.date, _dt.date] | None:
        """First and last day covered; None without a year or when the day does not exist."""
        y = self.year
        if y is None:
            return None
        if self.kind == "day":
            d = day_date(self.day, self.month, y)
            return (d, d) if d else None
        if self.kind == "month":
            return _dt.date(y, self.month, 1), _month_end(y, self.month)
        if self.kind in ("quarter", "months"):
            return _dt.date(y, self.first, 1), _month_end(y, self.last)
        return _dt.date(y, 1, 1), _dt.date(y, 12, 31)

    def grain(self) -> str:
        if self.kind == "months":
            if (self.first, self.last) in ((1, 6), (7, 12)):
                return "half"
            return "month"
        return self.kind

    def value(self) -> str:
        y = f"{self.year:04d}" if self.year is not None else "XXXX"
        if self.kind == "day":
            return f"{y}-{self.month:02d}-{self.day:02d}"
        if self.kind == "month":
            return f"{y}-{self.month:02d}"
        if self.kind == "quarter":
            return f"{y}-Q{(self.first + 2) // 3}"
        if self.kind == "months":
            if (self.first, self.last) == (1, 6):
                return f"{y}-H1"
            if (self.first, self.last) == (7, 12):
                return f"{y}-H2"
            return f"{y}-{self.first:02d}/{y}-{self.last:02d}"
        return y


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_point(q: int, year: int | None) -> Point:
    return Point("quarter", year=year, first=3 * q - 2, last=3 * q)


def months_point(count: int, from_start: bool, year: int | None) -> Point:
    """ "6 tháng đầu năm" = months 1-6; "3 tháng cuối năm" = months 10-12."""
    if from_start:
        return Point("months", year=year, first=1, last=count)
    return Point("months", year=year, first=13 - count, last=12)


@dataclass(slots=True)
class Parsed:
    """What a match says: a point, or an interval ``start``-``end``; which years were written."""

    start: Point
    end: Point | None = None

    @property
    def has_year(self) -> bool:
        """True when the text itself fixes every year of the mention."""
        return self.start.year is not None and (self.end is None or self.end.year is not None)

    def complete(self) -> Parsed | None:
        """Carry a year written only at the end to the start ("15/5 đến 20/5/2016"), moving the
        start a year back when it would otherwise fall after the end ("28/12 - 3/1/2022").
        None when the mention is not a real date or interval."""
        s, e = self.start, self.end
        if e is not None:
            if s.year is None and e.year is not None:
                s = s.with_year(e.year)
                sb, eb = s.bounds(), e.bounds()
                if sb and eb and sb[0] > eb[0]:
                    s = s.with_year(e.year - 1)
        out = Parsed(s, e)
        return out if out.valid() else None

    def valid(self) -> bool:
        for p in (self.start, self.end):
            if p is None:
                continue
            if p.kind == "day" and not day_exists(p.day, p.month):
                return False
            if p.year is not None and p.bounds() is None:
                return False
        if self.end is not None:
            sb, eb = self.start.bounds(), self.end.bounds()
            if sb and eb and not sb[0] < eb[0]:
                return False
            if sb is None and eb is None and self.start.kind == "day" and self.end.kind == "day":
                # year-less day interval: compare within a leap year
                a = (self.start.month, self.start.day)
                b = (self.end.month, self.end.day)
                if not a < b:
                    return False
        return True

    def with_year(self, year: int | None) -> Parsed:
        """Give a year-less mention the year ``year`` (None: unknown); the end of an interval
        moves a year on when it would come before its start ("28/12 - 3/1")."""
        s = self.start if self.start.year is not None else self.start.with_year(year)
        e = self.end
        if e is not None and e.year is None:
            e = e.with_year(year)
            sb, eb = s.bounds(), e.bounds()
            if year is not None and sb and eb and eb[1] < sb[0]:
                e = e.with_year(year + 1)
        return Parsed(s, e)

    def anchor(self) -> _dt.date | None:
        b = self.start.bounds()
        return b[0] if b else None


def date_fields(p: Parsed) -> dict:
    """value, grain, start and end of a mention whose years are settled (or unknown)."""
    if p.end is None:
        b = p.start.bounds()
        return {
            "value": p.start.value(),
            "grain": p.start.grain(),
            "start": b[0].isoformat() if b else None,
            "end": b[1].isoformat() if b else None,
        }
    sb, eb = p.start.bounds(), p.end.bounds()
    return {
        "value": f"{p.start.value()}/{p.end.value()}",
        "grain": p.end.grain(),
        "start": sb[0].isoformat() if sb and eb else None,
        "end": eb[1].isoformat() if sb and eb else None,
    }


def closest_year(month: int, day: int, ref: _dt.date) -> int:
    """The year (the reference's, one before or one after) that puts month/day nearest ``ref``:
    a text dated 7/1/2022 that says "ngày 20/12" means 20/12/2021."""
    best, best_gap = ref.year, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = day_date(min(day, 28) if month == 2 and day == 29 else day, month, y)
        if d is None:
            continue
        gap = abs((d - ref).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best
