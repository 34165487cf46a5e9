"""The one overlap policy, within a list and across lists (data in rules/policy.toml)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from .rules import RuleError, RuleSet

_WHEN = ("overlap", "inside")


def select(candidates: Iterable, keep_rejects: bool = False) -> list:
    """Non-overlapping candidates by priority, then length, then position, then rule order.

    Candidates are ``Found``-like: ``start``, ``end``, ``priority``, ``fields``. A taken candidate
    with ``fields["reject"]`` is removed after it has blocked what it overlaps.
    """
    order = sorted(
        candidates,
        key=lambda c: (-c.priority, -(c.end - c.start), c.start, getattr(c, "order", 0)),
    )
    taken: list = []
    # the taken spans never overlap, so sorted by start they are sorted by end too: one bisect
    # finds the only two neighbours a new candidate could overlap
    starts: list[int] = []
    ends: list[int] = []
    for c in order:
        if c.end <= c.start:
            continue
        i = bisect.bisect_left(starts, c.start)
        if i < len(starts) and starts[i] < c.end:
            continue
        if i > 0 and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        taken.append(c)
    if not keep_rejects:
        taken = [c for c in taken if not c.fields.get("reject")]
    taken.sort(key=lambda c: (c.start, c.end))
    return taken


@dataclass(frozen=True)
class Beat:
    winner: str
    loser: str
    when: str


class OverlapPolicy:
    """Cross-list precedence: a list's mention that overlaps (or lies inside) a winner's goes."""

    def __init__(self, beats: list[Beat]):
        self.beats = beats

    @classmethod
    def from_rules(cls, rules: RuleSet) -> OverlapPolicy:
        from .pipeline import LISTS

        beats = []
        for i, entry in enumerate(rules.data("policy.toml", "beats")):
            what = f"beats[{i}]"
            if not isinstance(entry, dict) or set(entry) - {"winner", "loser", "when"}:
                raise RuleError("policy.toml", what, "needs winner, loser and when")
            if entry.get("winner") not in LISTS or entry.get("loser") not in LISTS:
                raise RuleError("policy.toml", what, f"winner and loser must be among {LISTS}")
            if entry.get("when", "overlap") not in _WHEN:
                raise RuleError("policy.toml", what, f"when must be one of {_WHEN}")
            beats.append(Beat(entry["winner"], entry["loser"], entry.get("when", "overlap")))
        return cls(beats)

    def apply(self, found: dict[str, list]) -> None:
        for b in self.beats:
            winners = sorted((w.start, w.end) for w in found[b.winner])
            if not winners:
                continue
            test = _inside if b.when == "inside" else _overlaps
            if any(winners[k][1] > winners[k + 1][0] for k in range(len(winners) - 1)):
                test = _inside_any if b.when == "inside" else _overlaps_any
            starts = [s for s, _ in winners]
            ends = [e for _, e in winners]
            found[b.loser] = [m for m in found[b.loser] if not test(starts, ends, m.start, m.end)]


# the winners of a list do not overlap (each component selects its own), so sorted by start they
# are sorted by end too, and one bisect finds the only winner that can overlap or hold a mention
def _overlaps(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_right(ends, s)
    return i < len(starts) and starts[i] < e


def _inside(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_right(starts, s) - 1
    return i >= 0 and e <= ends[i]


def _overlaps_any(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    return any(ws < e and s < we for ws, we in zip(starts, ends, strict=True))


def _inside_any(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    return any(ws <= s and e <= we for ws, we in zip(starts, ends, strict=True))
