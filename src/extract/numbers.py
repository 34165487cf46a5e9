"""Vietnamese numbers: digits (6.372, 2,5, 05), scale words (2 tỷ) and written numbers (hai mươi mốt).

The words live in rules/numbers.toml (word classes as lexicons); this module holds the mechanism:
a regex for written-number word runs, and parsers that turn what a rule matched into an exact
``Decimal``. ``as_number`` turns that into the JSON number a record holds (int when integral).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

from .rules import RuleError, RuleSet, fold_key, lexicon_alternation, load_rules

_FILE = "numbers.toml"
_DIGITS = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_CLASSES = (
    ("num_units", "unit"),
    ("num_after_tens", "after_tens"),
    ("num_ten", "ten"),
    ("num_tens_marker", "tens"),
    ("num_hundred", "hundred"),
    ("num_link", "link"),
    ("num_zero", "zero"),
    ("num_scale", "scale"),
)


def as_number(value: Decimal) -> int | float:
    """The JSON number of a parsed value: an int when integral, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


class NumberWords:
    """The word classes of rules/numbers.toml and the parsers built on them."""

    def __init__(self, rules: RuleSet):
        self.words: dict[str, tuple[str, int]] = {}
        for lex_name, cls in _CLASSES:
            for word, value in rules.lexicon(lex_name).items():
                if not isinstance(value, int):
                    raise RuleError(_FILE, lex_name, f"{word!r} must map to an integer")
                self.words[fold_key(word)] = (cls, value)
        conf = rules.data(_FILE, "numbers")
        try:
            self.ambiguous = {fold_key(w) for w in conf["ambiguous"]}
            self.never_alone = {fold_key(w) for w in conf["never_alone"]}
        except KeyError as exc:
            raise RuleError(_FILE, "numbers", f"missing key {exc}") from None
        self.scales = {w: v for w, (c, v) in self.words.items() if c == "scale"}
        starts = {**rules.lexicon("num_units"), **rules.lexicon("num_ten")}
        any_word = {w: 1 for w in self.words}
        # a run of number words, starting with a digit word or "mười", whole words only; matched
        # case-sensitively on a lower-cased copy of the text (a case-insensitive alternation is
        # twice as slow to scan)
        self.word_run_lower = regex.compile(
            r"\b"
            + lexicon_alternation(starts)
            + r"(?:\s+"
            + lexicon_alternation(any_word)
            + r")*\b"
            # only runs something countable can follow (a word, "%", a range dash)
            + r"(?=[ \t*]*[\w%\-])"
        )
        self.scale_source = "(?i:" + lexicon_alternation(self.scales) + ")"
        # the same runs, one pattern per start word: a pattern that starts with a literal word is
        # searched for that word at C speed, an alternation of start words is tried at every
        # position (two to three times slower over a long text)
        tail = r"(?:\s+" + lexicon_alternation(any_word) + r")*\b(?=[ \t*]*[\w%\-])"
        self._run_by_start = [
            regex.compile(r"\b" + regex.escape(fold_key(w)) + tail) for w in sorted(starts, key=fold_key)
        ]

    def word_runs_lower(self, low: str) -> list[regex.Match]:
        """The matches ``word_run_lower.finditer(low)`` gives, in order, found faster: each start
        word's pattern scans the text, and a match that starts inside an earlier one is dropped
        (finditer never starts inside a match: "mười hai" holds "hai")."""
        hits = [m for pat in self._run_by_start for m in pat.finditer(low)]
        hits.sort(key=lambda m: m.start())
        out = []
        last = -1
        for m in hits:
            if m.start() >= last:
                out.append(m)
                last = m.end()
        return out

    # -- digits ----------------------------------------------------------------------------
    @staticmethod
    def parse_digits(text: str) -> Decimal | None:
        """``6.372`` -> 6372, ``2,5`` -> 2.5, ``05`` -> 5, ``1.000.000`` -> 1000000."""
        s = text.strip()
        if not _DIGITS.fullmatch(s):
            return None
        try:
            return Decimal(s.replace(".", "").replace(",", "."))
        except InvalidOperation:
            return None

    def apply_scales(self, value: Decimal, scale_words: list[str]) -> Decimal | None:
        """``1,5`` with ``["triệu"]`` -> 1500000; ``15`` with ``["nghìn", "tỷ"]`` -> 15e12."""
        for w in scale_words:
            s = self.scales.get(fold_key(w))
            if s is None:
                return None
            value *= s
        return value

    # -- written words ---------------------------------------------------------------------
    def parse_words(self, words: list[str]) -> Decimal | None:
        """A whole run of number words as a value, or None when the run is not one number."""
        total = Decimal(0)
        group = 0
        pending: int | None = None
        prev = "start"  # class of the previous word
        last_scale = 0
        expect_tens = False  # a digit after "trăm" must take "mươi" (một trăm năm is 100 years)
        for raw in words:
            w = fold_key(raw)
            if w not in self.words:
                return None
            cls, v = self.words[w]
            if cls == "unit":
                if pending is not None:
                    return None
                if prev in ("ten", "tens"):
                    if w == "năm" or group % 10:
                        return None  # "mười năm" is ten years; five after tens is "lăm"
                    group += v
                elif prev == "link":
                    group += v
                else:
                    if prev == "hundred":
                        expect_tens = True
                    elif prev not in ("start", "scale"):
                        return None
                    pending = v
            elif cls == "after_tens":
                if prev not in ("ten", "tens", "link") or group % 10:
                    return None
                group += v
            elif cls == "ten":
                if pending is not None or group % 100:
                    return None
                if prev not in ("start", "scale", "hundred"):
                    return None
                group += 10
            elif cls == "tens":
                if pending is None or group % 100:
                    return None
                if w == "mươi" and pending < 2:
                    return None
                group += pending * 10
                pending = None
                expect_tens = False
            elif cls == "hundred":
                if pending is None or group:
                    return None
                group += pending * 100
                pending = None
            elif cls == "link":
                if prev != "hundred":
                    return None
            elif cls == "zero":
                if prev != "scale" or pending is not None:
                    return None
                pending = 0
            elif cls == "scale":
                value = group + (pending or 0)
                if pending == 0 and not group:
                    return None
                if expect_tens:
                    return None
                if value == 0:
                    if prev != "scale":
                        return None
                    total *= v  # một nghìn tỷ
                elif total and v > last_scale:
                    total = (total + value) * v
                else:
                    total += value * v
                last_scale = max(last_scale, v)
                group, pending = 0, None
            prev = cls
        if prev in ("link", "zero"):
            return None
        if pending is not None:
            if expect_tens or prev == "unit" and total and not group:
                return None  # "hai nghìn năm" is two thousand years, "một trăm năm" a century
            group += pending
        result = total + group
        return result if result > 0 else None

    def longest_words(self, words: list[str]) -> tuple[int, Decimal] | None:
        """The longest prefix of ``words`` that is one number: (word count, value)."""
        for n in range(len(words), 0, -1):
            v = self.parse_words(words[:n])
            if v is not None:
                return n, v
        return None

    def parse(self, text: str) -> Decimal | None:
        """Any supported form, whole: ``6.372``, ``2,5 triệu``, ``hai mươi mốt``, ``3 nghìn``."""
        parts = text.split()
        if not parts:
            return None
        head = self.parse_digits(parts[0])
        if head is not None:
            return self.apply_scales(head, parts[1:]) if len(parts) > 1 else head
        return self.parse_words(parts)


@lru_cache(maxsize=1)
def _default() -> NumberWords:
    return NumberWords(load_rules())


def parse_number(text: str) -> int | float | None:
    """Parse a Vietnamese number in any supported form with the package's rules (None if not one)."""
    v = _default().parse(text)
    return None if v is None else as_number(v)
