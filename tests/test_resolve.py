"""The overlap policy: within a list (select) and across lists (OverlapPolicy)."""

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.resolve import Beat, OverlapPolicy, select


@dataclass
class _M:
    start: int
    end: int
    priority: int = 0
    fields: dict = field(default_factory=dict)


_SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=25)


def _plain(beats, found):
    """The policy written as a plain double loop."""
    for b in beats:
        winners = [(w.start, w.end) for w in found[b.winner]]
        if b.when == "overlap":
            found[b.loser] = [
                m for m in found[b.loser] if not any(m.start < e and s < m.end for s, e in winners)
            ]
        else:
            found[b.loser] = [
                m for m in found[b.loser] if not any(s <= m.start and m.end <= e for s, e in winners)
            ]
    return found


@settings(max_examples=300, deadline=None)
@given(_SPANS, _SPANS, st.sampled_from(["overlap", "inside"]), st.booleans())
def test_policy_removes_what_the_plain_double_loop_removes(wins, losers, when, selected):
    winners = [_M(s, s + n) for s, n in wins]
    if selected:  # a component's own list: non-overlapping (the bisect path)
        winners = select(winners)
    beats = [Beat("references", "figures", when)]
    mk = lambda: {"references": list(winners), "figures": [_M(s, s + n) for s, n in losers]}  # noqa: E731
    fast = mk()
    OverlapPolicy(beats).apply(fast)
    plain = _plain(beats, mk())
    assert [(m.start, m.end) for m in fast["figures"]] == [(m.start, m.end) for m in plain["figures"]]


def test_select_prefers_priority_then_length():
    a, b, c = _M(0, 5, priority=1), _M(0, 9), _M(6, 9, priority=1)
    assert select([a, b, c]) == [a, c]
