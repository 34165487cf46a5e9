"""Dates: calendar mentions found by the rules in rules/dates.toml, checked against the calendar."""

from __future__ import annotations

import datetime as _dt

from ..pipeline import Context, Found
from ..resolve import select
from ..rules import RuleSet
from ..text import Document


def day_date(day: int, month: int, year: int) -> _dt.date | None:
    """The calendar day, or None when it does not exist (32/13, 29/2/2021)."""
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


class DateExtractor:
    """Fills ``found["dates"]`` from the rules of dates.toml."""

    name = "dates"

    def __init__(self, rules: RuleSet):
        self.rules = rules.for_file("dates.toml")

    def __call__(self, doc: Document, ctx: Context) -> None:
        candidates = []
        for rule in self.rules:
            for m in rule.finditer(doc.norm):
                f = self._build(rule.id, m)
                if f is not None:
                    f.priority = rule.priority
                    candidates.append(f)
        ctx.found["dates"] = select(candidates)

    @staticmethod
    def _build(rule_id: str, m) -> Found | None:
        groups = m.groupdict()
        if groups.get("day") and groups.get("month") and groups.get("year"):
            d = day_date(int(groups["day"]), int(groups["month"]), int(groups["year"]))
            if d is None:
                return None
            iso = d.isoformat()
            return Found(
                m.start(),
                m.end(),
                rule_id,
                {"value": iso, "grain": "day", "start": iso, "end": iso, "year_inferred": False},
            )
        return None
