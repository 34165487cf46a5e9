"""The Vietnamese number parser: every supported form parses to the number it writes."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.numbers import as_number, parse_number

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def dotted(n: int) -> str:
    """6372 -> "6.372" (Vietnamese thousands)."""
    return f"{n:,}".replace(",", ".")


def _under_thousand(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 1000; ``full`` writes the hundreds even when zero (after a scale)."""
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    words: list[str] = []
    if h or full:
        words += [_DIGITS[h], "trăm"]
    if t == 0:
        if u:
            if words:
                words.append("linh")
            words.append(_DIGITS[u])
        return words
    if t == 1:
        words.append("mười")
        if u:
            words.append("lăm" if u == 5 else _DIGITS[u])
        return words
    words += [_DIGITS[t], "mươi"]
    if u:
        words.append({1: "mốt", 5: "lăm", 4: "tư"}.get(u, _DIGITS[u]))
    return words


def to_words(n: int) -> str:
    """A written Vietnamese number for 0 < n < 10**12, written independently of the parser."""
    parts: list[str] = []
    rest = n
    values = []
    for size in (10**9, 10**6, 10**3, 1):
        values.append(rest // size)
        rest %= size
    for value, scale in zip(values, ("tỷ", "triệu", "nghìn", ""), strict=True):
        if not value:
            continue
        parts += _under_thousand(value, full=bool(parts))
        if scale:
            parts.append(scale)
    return " ".join(parts)


@pytest.mark.parametrize(
    "text, value",
    [
        ("6.372", 6372),
        ("60.000", 60000),
        ("1.000.000", 1000000),
        ("2,5", 2.5),
        ("89,21", 89.21),
        ("05", 5),
        ("01", 1),
        ("2 tỷ", 2000000000),
        ("1,5 triệu", 1500000),
        ("3 nghìn", 3000),
        ("15 nghìn tỷ", 15 * 10**12),
        ("hai", 2),
        ("mười", 10),
        ("mười lăm", 15),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("ba mươi lăm", 35),
        ("một trăm", 100),
        ("một trăm linh năm", 105),
        ("một trăm lẻ ba", 103),
        ("năm trăm", 500),
        ("hai nghìn năm trăm", 2500),
        ("ba nghìn không trăm hai mươi", 3020),
        ("hai triệu ba trăm nghìn", 2300000),
        ("một nghìn tỷ", 10**12),
        ("ba chục", 30),
    ],
)
def test_forms(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    # a number word that is a noun here, or words that are no one number
    [
        "mười năm",
        "hai mươi năm",
        "hai nghìn năm",
        "một trăm năm",
        "nghìn",
        "trăm",
        "hai ba",
        "mươi",
        "1.5",
        "6.37",
    ],
)
def test_not_one_number(text):
    assert parse_number(text) is None


def test_as_number_keeps_integers_integral():
    assert as_number(Decimal("6372")) == 6372 and isinstance(as_number(Decimal("6372")), int)
    assert as_number(Decimal("2.5")) == 2.5


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_dotted_digits(n):
    assert parse_number(dotted(n)) == n


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_comma_decimals(whole, frac):
    text = f"{dotted(whole)},{frac:02d}"
    assert parse_number(text) == as_number(Decimal(whole) + Decimal(frac) / 100)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=9),
    st.sampled_from([("nghìn", 10**3), ("ngàn", 10**3), ("triệu", 10**6), ("tỷ", 10**9)]),
)
def test_scale_words(whole, tenth, scale):
    word, factor = scale
    text = f"{whole},{tenth} {word}" if tenth else f"{whole} {word}"
    expected = (Decimal(whole) + Decimal(tenth) / 10) * factor
    assert parse_number(text) == as_number(expected)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_written_words(n):
    assert parse_number(to_words(n)) == n


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_leading_zeros(n):
    assert parse_number(f"{n:04d}") == n


def test_word_runs_by_start_word_equal_the_alternation_scan():
    """The per-start-word scan finds exactly what one scan with the whole alternation finds."""
    from extract.numbers import NumberWords
    from extract.rules import load_rules

    nw = NumberWords(load_rules())
    text = (
        "mười hai người, hai mươi mốt lớp và một trăm linh năm đảng viên; năm 2024 có ba nghìn "
        "hộ, bảy chi bộ; khai mạc hai ngày; ba-bốn %; mười lăm*  người; chín\nmươi tổ; hai"
    ).lower()
    ref = [(m.start(), m.end()) for m in nw.word_run_lower.finditer(text)]
    assert [(m.start(), m.end()) for m in nw.word_runs_lower(text)] == ref
    assert len(ref) >= 8
