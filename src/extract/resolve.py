"""The one overlap policy, within a list and across lists (data in rules/policy.toml)."""

from __future__ import annotations

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
    spans: list[tuple[int, int]] = []
    for c in order:
        if c.end <= c.start:
            continue
        if any(c.start < e and s < c.end for s, e in spans):
            continue
        taken.append(c)
        spans.append((c.start, c.end))
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
            winners = [(w.start, w.end) for w in found[b.winner]]
            if not winners:
                continue
            if b.when == "overlap":
                found[b.loser] = [
                    m for m in found[b.loser] if not any(m.start < e and s < m.end for s, e in winners)
                ]
            else:
                found[b.loser] = [
                    m for m in found[b.loser] if not any(s <= m.start and m.end <= e for s, e in winners)
                ]
