"""Figures: numbers of countable things and percentages a text states (SPEC: Figure).

The scanner rules of rules/figures.toml find every number (digits with scale words, written
words); this module decides which of them are figures and reads their attributes:

- the word after the number: ``%`` makes a percentage, a counted noun (lexicon ``fig_units``) a
  count, a duration, age or measurement (``fig_not_units``) no figure; a word in no lexicon is
  looked up with underthesea's POS tags on a short window when ``[figures].pos_fallback`` is on
  (the only tokenising this module does);
- the word before it: a label word (``Điều 5``, ``lớp 12``, ``thứ 3``) or a capitalised name
  (``Magic 8``) makes no figure; a comparator cue (``hơn``, ``tối thiểu``, ``gần``) sets the
  comparator and joins the span;
- two numbers joined by ``-``/``đến``/``tới`` are a range (lower gte, upper lte);
- the role from cues in the clause, open lists and the document's opening; a deadline year.
The negative rules of the file (``reject = true``) block what they overlap through ``select``.

Speed matters: the corpus has tens of thousands of numbers, most of them in dates and symbols or
with nothing countable after them, so each is dropped with a character test before any regex.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from decimal import Decimal

import regex

from .. import alternation
from ..numbers import NumberWords, as_number
from ..pipeline import Context, Found
from ..resolve import select
from ..rules import (
    Rule,
    RuleError,
    RuleSet,
    casefolded,
    fold_key,
    lexicon_alternation,
    lookup,
    searched_backwards,
)
from ..text import Document

_FILE = "figures.toml"
_WORD = regex.compile(r"[\p{L}\p{M}\d]+")
# the one or two words right before a number ((?r): these patterns are anchored at the end, so
# they are searched backwards)
# (the two words of a pair may stand on two lines of a wrapped text: "Danh\nmục 03 thủ tục")
_PREV_WORDS = regex.compile(
    r"(?r)(?:^|(?<=[^\p{L}\d]))([\p{L}\d]+)(?:[ \t]*\r?\n?[ \t]*(?<=\s)([\p{L}\d]+))?[ \t]*$"
)
# a written number right after digits is the noun of those digits ("90 năm đồng hành")
_AFTER_DIGITS = regex.compile(r"(?r)\d[\d.,]*[ \t]*$")
_LAST_WORD = regex.compile(r"(?r)(\p{L}+)[ \t,]*$")
# a paragraph that is a list item: "- ", "+ ", "• ", "(2) ", "3. ", "a) "
_LIST_MARKER = regex.compile(r"(?:[-+•–]\s|\(?\d{1,2}[.)]\s?|\(\d{1,2}\)|[a-zđ]\)\s)")
_DIGIT_NEXT = regex.compile(r"[ \t]*\d")
# an opening quote after a colon: what follows is speech, not a list
_QUOTE_NEXT = regex.compile(r"[ \t]*[\"“‘'«]")
# the word after a number as the noun patterns see it (a footnote star may stand between)
_FIRST_WORD = regex.compile(r"[ \t]*\*?[ \t]*(\w+)")
# the token after a number for the cheap test of _may_count
_NEXT_TOKEN = regex.compile(r"[\s*]*(\w+|[%\-])")
_SENTENCE_END_SRC = r"[.?!] |(?<![\w,])\n|\n(?![\p{Ll}\d])"
_SENTENCE_END = regex.compile(_SENTENCE_END_SRC)
_SENTENCE_REACH = 400
# the pieces of _SENTENCE_END, for sentence_bounds
_STOPS = (". ", "? ", "! ")
_WORD_OR_COMMA = regex.compile(r"[\w,]")
_LOWER_OR_DIGIT = regex.compile(r"[\p{Ll}\d]")
_SKIP = " \t*"
_MASK = "\x1f"
# the digits read so far (string -> value, None when not a count): bounded, cleared when full
_VALUES_MAX = 4096
_UNREAD = object()
# the noun right after a number (a footnote star may stand between)
_NOUN_AFTER = r"[ \t]*\*?[ \t]*({alt})(?![\w])"
# negative-rule windows closer than this are scanned as one (fewer calls, a little more text)
_MERGE_GAP = 60
# a heading is a line of at most this many characters
_HEADING_MAX = 160


@dataclass(slots=True)
class _Num:
    """One scanned number before it is judged: norm offsets of the number and its scale words."""

    start: int
    end: int
    value: Decimal
    form: str  # digits | words
    rule: str
    word: str  # the first word of a written number, folded ("" for digits)
    scale: Decimal = Decimal(1)  # what the scale words after digits multiply by (2 tỷ: 10**9)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` replaced by a separator no pattern matches."""
    if not spans:
        return text
    parts = []
    last = 0
    for s, e in spans:
        s = max(s, last)
        if e <= s:
            continue
        parts.append(text[last:s])
        parts.append(_MASK * (e - s))
        last = e
    parts.append(text[last:])
    return "".join(parts)


def sentence_bounds(text: str, p: int) -> tuple[int, int]:
    """The sentence around ``p``: from after the last sentence end before it to the next one.

    A sentence ends at ". ", "? ", "! " or a line break, except a soft line break inside a
    sentence (a word or "," before it, a lower-case word or a number after it: text wrapped by a
    PDF converter). Cheaper than ``Document.sentences`` (which splits the whole text) for the few
    positions this component asks about; used for cue windows only, never for spans. The ends are
    looked for with ``str.find``/``rfind`` (C speed) and each line break tested on its two
    neighbours: the same spans as ``_SENTENCE_END`` scanned over the window, five times faster.
    """
    start, end, _ = _bounds(text, p)
    return start, end


def _bounds(text: str, p: int) -> tuple[int, int, int]:
    """``sentence_bounds`` and how far it holds: for every ``q`` with ``p <= q < until`` the
    bounds at ``q`` are the same (no sentence end lies between ``p`` and ``q``, and neither end
    was set by the search's reach)."""
    n = len(text)
    lo = max(0, p - _SENTENCE_REACH)
    hi = min(n, p + _SENTENCE_REACH)
    start = lo
    for stop in _STOPS:
        i = text.rfind(stop, lo, p)
        if i >= 0 and i + 2 > start:
            start = i + 2
    i = text.rfind("\n", start, p)
    while i >= 0:
        if _hard_break(text, i, p + 1):
            start = i + 1
            break
        i = text.rfind("\n", start, i)
    end = hi
    for stop in _STOPS:
        i = text.find(stop, p, end)
        if i >= 0 and i + 1 < end:
            end = i + 1
    i = text.find("\n", p, end)
    while i >= 0:
        if _hard_break(text, i, hi):
            end = i
            break
        i = text.find("\n", i + 1, end)
    # a start set by the reach (not by a sentence end or the text's start), or an end set by it
    # (the reach's end, or a line break that is hard only for being at its end), moves with p
    # and so does a sentence end that straddles p (". " with its space at p)
    if (start == lo and lo > 0) or (hi < n and end >= hi - 1) or text[p - 1 : p + 1] in _STOPS:
        return start, end, p + 1
    # a later q searches back from q - _SENTENCE_REACH: the start's own end stays in reach
    return start, end, min(end, start + _SENTENCE_REACH - 2)


def _clause_start(text: str, s_start: int, p: int) -> int:
    """Where the clause holding ``p`` starts in the sentence starting at ``s_start`` (a ";" ends
    a clause)."""
    return max(s_start, text.rfind(";", s_start, p) + 1)


def _clause_end(text: str, p: int, s_end: int) -> int:
    """Where the clause holding ``p`` ends in the sentence ending at ``s_end``."""
    c_end = text.find(";", p, s_end)
    return s_end if c_end < 0 else c_end


def _hard_break(text: str, i: int, endpos: int) -> bool:
    """Whether the line break at ``i`` ends a sentence (``_SENTENCE_END`` with ``endpos``)."""
    if i == 0 or not _WORD_OR_COMMA.match(text, i - 1):
        return True
    return i + 1 >= endpos or not _LOWER_OR_DIGIT.match(text, i + 1)


@dataclass
class _Pass:
    """What one run over one document shares: the text, the copy the lexicon patterns match (the
    lower-cased text when lower-casing keeps its length, else the text itself), the sentence index
    and the role cues found per sentence."""

    text: str
    low: str
    lowered: bool
    # sentence start -> [cues found (start, end, role), how far the sentence has been scanned]
    cues: dict[int, list]
    last: int = 0  # the end of the last figure
    sections: list[tuple[int, str]] | None = None  # (heading start, role), found when first needed
    # the last sentence judged: (start, end, from, until) with the same bounds at every p in [from, until)
    sentence: tuple[int, int, int, int] = (0, 0, 0, 0)


def _lower_alt(lex: dict, reverse: bool = False) -> str:
    """``lexicon_alternation`` of a lexicon's words case-folded (matched on a case-folded copy)."""
    return lexicon_alternation({k.casefold(): v for k, v in lex.items()}, reverse)


class FigureExtractor:
    """Fills ``found["figures"]``; numbers inside dates and references found earlier are skipped."""

    name = "figures"

    def __init__(self, rules: RuleSet):
        self.numbers = NumberWords(rules)
        conf = rules.data(_FILE, "figures")
        try:
            self.after_window = int(conf["after_window"])
            self.negative_window = int(conf["negative_window"])
            self.pos_fallback = bool(conf["pos_fallback"])
            self.pos_window = int(conf["pos_window"])
            self.noun_tags = set(conf["noun_tags"])
            self.pos_stop = {fold_key(w) for w in conf["pos_stop"]}
            self.name_ok_before = {fold_key(w) for w in conf["name_ok_before"]}
            self.report_opening = rules.compile(conf["report_opening"], _FILE, "figures.report_opening")
            self.opening_chars = int(conf["opening_chars"])
            self.plan_opening = rules.compile(conf["plan_opening"], _FILE, "figures.plan_opening")
            self.sectioned_opening = rules.compile(
                conf["sectioned_opening"], _FILE, "figures.sectioned_opening"
            )
            self.deadline = rules.compile(conf["deadline"], _FILE, "figures.deadline")
            self.range_joiner = rules.compile(conf["range_joiner"], _FILE, "figures.range_joiner")
            self.part_joiner = rules.compile(conf["part_joiner"], _FILE, "figures.part_joiner")
            part_words = [w.casefold() for w in conf["part_words"]]
            bare_next = rules.expand(conf["bare_scale_next"], _FILE, "figures.bare_scale_next")
            self.bare_scale_next = rules.compile(conf["bare_scale_next"], _FILE, "figures.bare_scale_next")
            self.quota_units = {fold_key(w) for w in conf["quota_units"]}
            self.money_units = {fold_key(w) for w in conf["money_units"]}
            self.year_like = rules.compile(conf["year_like"], _FILE, "figures.year_like")
            self.list_cue_reach = int(conf["list_cue_reach"])
            self.measure_words = {fold_key(w) for w in conf["measure_words"]}
            ambiguous = rules.data(_FILE, "figures_ambiguous")
            self.ambiguous_not_units = {fold_key(w) for w in ambiguous["not_units"]}
            self.ambiguous_nouns = {
                fold_key(k): {fold_key(w) for w in v} for k, v in ambiguous["nouns"].items()
            }
            self.ambiguous_before = {
                fold_key(k): {fold_key(w) for w in v} for k, v in ambiguous["before"].items()
            }
            # an enumeration of labels before a number: "khoản 1, 2", "Điều 3 và 4"
            self.enumeration = rules.compile(conf["enumeration"], _FILE, "figures.enumeration")
            self.enumeration_ends = tuple(conf["enumeration_ends"])
            self.from_change = rules.compile(conf["from_change"], _FILE, "figures.from_change")
        except KeyError as exc:
            raise RuleError(_FILE, "figures", f"missing key {exc}") from None
        self.cmp_before = rules.lexicon("fig_cmp_before")
        self.cmp_after = rules.lexicon("fig_cmp_after")
        self.cap_words = rules.lexicon("fig_cap_words")
        # words of a reported event: a floor or cap word in their clause counts, it sets no norm
        # ("vụ nổ khiến ít nhất 12 người thiệt mạng"); "đã" only before the number, and not when a
        # norm word stands between them ("đã giao ... kiểm tra tối thiểu 30% đơn vị")
        events = rules.lexicon("fig_event_words")
        self.event_re = self._both(r"(?<![\w])({alt})(?![\w])", events)
        self.event_words = events
        self.units = rules.lexicon("fig_units")
        self.not_units = rules.lexicon("fig_not_units")
        self.label_before = rules.lexicon("fig_label_before")
        self.role_cues = rules.lexicon("fig_role_cues")
        self.role_cues_after = rules.lexicon("fig_role_cues_after")
        self.section_roles = rules.lexicon("fig_section_roles")
        # case-sensitive: a section word counts in a heading in capitals only
        self.section_re = regex.compile(r"\b(" + lexicon_alternation(self.section_roles) + r")\b")
        # one alternation for both noun lexicons, so the longest form wins ("điểm phần trăm" over
        # "điểm", "tháng tiền lương" over nothing)
        nouns = {**{k: 1 for k in self.units}, **{k: 1 for k in self.not_units}}
        # the first words of all nouns: a number whose next word is none of them has no noun, found
        # with one dictionary look-up instead of the whole alternation
        self._noun_first = {_FIRST_WORD.match(" " + k.casefold()).group(1) for k in nouns}
        # the noun pattern split by first word: at a position only the nouns that start with the
        # word there can match, and a small alternation is tried ten times faster than the whole
        groups: dict[str, dict] = {}
        for k in nouns:
            groups.setdefault(_FIRST_WORD.match(" " + k.casefold()).group(1), {})[k] = 1
        # (compiled when a word first needs it: a process that reads a few texts compiles a few of
        # the hundreds, and building the pipeline takes a third less time)
        self._noun_groups = groups
        self._noun_by_first: tuple[dict, dict] = ({}, {})
        self._range_words: dict[str, bool] = {}
        self._values: dict[str, Decimal | None] = {}
        # the words a number's next word must be for ``_may_count``: a noun's first word or a
        # range word
        self._follow_words = sorted(
            self._noun_first | {w.casefold() for w in rules.lexicon("fig_range_words")} | set(part_words)
        )
        self._target_words = self._both("({alt})", {k: v for k, v in self.role_cues.items() if v == "target"})
        self._noun_kind = {fold_key(k): "not" for k in self.not_units}
        for k in self.units:
            self._noun_kind.setdefault(fold_key(k), "unit")
        # each lexicon pattern twice: case-sensitive over the lower-cased text (twice as fast as a
        # case-insensitive alternation), and case-insensitive for the rare text whose lower-cased
        # copy changes length; index 0 or 1 by ``_Pass.lowered``
        self.cmp_before_re = self._both(r"(?r)(?<![\w])({alt})[ \t]*$", self.cmp_before)
        self.cmp_after_re = self._both(r"(?<![\w])({alt})(?![\w])", self.cmp_after)
        # (a leading \b scans faster than a lookbehind; every cue starts and ends with a letter)
        self.role_re = self._both(r"\b({alt})(?![\w])", self.role_cues)
        self.role_after_re = self._both(r"(?<![\w])({alt})(?![\w])", self.role_cues_after)
        file_rules = rules.for_file(_FILE)
        forms = {r.fields.get("form"): r for r in file_rules if r.fields.get("form")}
        try:
            self.digits_rule: Rule = forms["digits"]
            self.words_rule: Rule = forms["words"]
            self.percent_rule: Rule = forms["percent"]
        except KeyError as exc:
            raise RuleError(_FILE, None, f"needs a rule with form {exc}") from None
        self.negatives = [r for r in file_rules if r.fields.get("reject")]
        self._negative_needs = [(r, r.fields.get("needs")) for r in self.negatives]
        # the digits scanner with ``_may_count`` as a lookahead, so that the many numbers with
        # nothing countable after them are dropped inside the regex engine; the scanner's match is
        # atomic, so the lookahead tests its end only, and what it matches is unchanged
        # (or a scale word with the end of a clause after it: "đạt gần 16.000 tỷ.")
        bare = rules.expand("{{fig_bare_scale}}", _FILE, "figures")
        self._bare_scale_word = regex.compile(r"(?<![\w])" + bare + r"$")
        follow = (
            r"(?=[\s*]*(?:[%\-]|"
            + alternation.trie(self._follow_words)
            + r"(?![\w]))|(?<=\s"
            + bare
            + ")"
            + bare_next
            + ")"
        )
        self._digit_candidates = tuple(
            dataclasses.replace(
                self.digits_rule,
                patterns=[
                    regex.compile(flag + "(?>" + p.pattern + ")" + follow, p.flags)
                    for p in self.digits_rule.patterns
                ],
            )
            for flag in ("(?i)", "")
        )

    @staticmethod
    def _one(template: str, lex: dict, lowered: bool) -> regex.Pattern:
        """One of ``_both``'s two patterns: for the case-folded copy (``lowered``) or the text."""
        rev = searched_backwards(template)  # the lexicon's trie on word ends
        if lowered:
            return regex.compile(template.replace("{alt}", _lower_alt(lex, rev)))
        return regex.compile("(?i)" + template.replace("{alt}", lexicon_alternation(lex, rev)))

    @staticmethod
    def _both(template: str, lex: dict) -> tuple[regex.Pattern, regex.Pattern]:
        """A lexicon pattern for the text (case-insensitive) and for its case-folded copy."""
        return FigureExtractor._one(template, lex, False), FigureExtractor._one(template, lex, True)

    # -- the component ---------------------------------------------------------------------
    def __call__(self, doc: Document, ctx: Context) -> None:
        text = doc.norm
        blocked = sorted((f.start, f.end) for kind in ("dates", "references") for f in ctx.found[kind])
        # the case-folded copy the rules engine keeps for the text (made once per text for all the
        # components); None when folding changes lengths (rare letters): no folded shortcuts
        lower = casefolded(text)
        st = _Pass(text, lower if lower is not None else text, lower is not None, {})
        nums = self._scan(text, blocked, lower)
        figs = self._negatives(text, lower, [self._judge(doc, st, n) for n in nums])
        self._ranges(st, nums, figs)
        kept = [f for f in figs if f is not None]
        if kept:
            self._after_cues(st, kept)
            opening = min(len(text), self.opening_chars)
            if self.report_opening.search(text, 0, opening):
                default = "achieved"
            elif self.plan_opening.search(text, 0, opening):
                default = "target"
            else:
                default = "other"
            st.last = kept[-1].end
            self._roles(st, kept, default)
        for f in kept:
            for k in ("_cue", "_range", "_sent"):
                f.fields.pop(k, None)
        ctx.found["figures"] = select(kept)

    # -- scanning --------------------------------------------------------------------------
    def _scan(self, text: str, blocked: list[tuple[int, int]], lower: str | None) -> list[_Num]:
        # the numbers of dates and references are masked out before scanning (same offsets), so
        # the scanners never stop at them
        # one masked copy: the lower-cased text when there is one (the digits rule reads digits and
        # case-insensitive scale words, the same on it)
        masked = _mask(lower if lower is not None else text, blocked)
        out: dict[int, _Num] = {}
        n_text = len(text)
        if lower is not None:
            word_matches = self.numbers.word_runs_lower(masked)
        else:  # lower-casing changed lengths (rare letters): scan the text itself
            word_matches = self.words_rule.finditer(masked)
        low = lower if lower is not None else text
        scanner = self.digits_rule if self.pos_fallback else self._digit_candidates[lower is not None]
        for m in scanner.finditer(masked):
            n = self._read(text, m)
            if n is not None:
                out[n.start] = n
        for m in word_matches:
            s, e = m.start(), m.end()
            # what follows must be able to make a figure: a word, "%", or a range dash
            q = e
            while q < n_text and text[q] in _SKIP:
                q += 1
            if q >= n_text or not (text[q].isalpha() or text[q] in "%-"):
                continue
            if " " not in text[s:e] and not self._may_count(low, e):
                continue  # one word ("năm", "một"): its end is the number's end, test it first
            n = self._read_words(text, s, text[s:e])
            if n is not None and n.start not in out and self._may_count(low, n.end):
                out[n.start] = n
        return [out[k] for k in sorted(out)]

    def _may_count(self, low: str, p: int) -> bool:
        """Whether what follows a number at ``p`` can make it a figure or a range's lower bound:
        "%", a dash, the first word of a noun or of "phần trăm", or a range word. The test is
        looser than the judging (any space, a footnote star), so it drops no figure: it only
        spares judging the many numbers with nothing countable after them."""
        if self.pos_fallback:
            return True
        m = _NEXT_TOKEN.match(low, p)
        if m is None:
            return False
        w = m.group(1)
        if w in "%-" or w.casefold() in self._noun_first:
            return True
        ok = self._range_words.get(w)
        if ok is None:
            ok = self._range_words[w] = self.range_joiner.match(w) is not None
        return ok

    def _read(self, text: str, m: regex.Match) -> _Num | None:
        raw = m.group("num")
        value = self._values.get(raw, _UNREAD)
        if value is _UNREAD:
            # numbers repeat ("100", "2", "1"): each is read once per process
            if self.year_like.match(raw):
                value = None  # a bare 19xx/20xx is a year (counts of a thousand take a dot)
            else:
                value = self.numbers.parse_digits(raw)
                if value is not None and value <= 0:
                    value = None
            if len(self._values) >= _VALUES_MAX:
                self._values.clear()
            self._values[raw] = value
        if value is None:
            return None
        start, e = m.span("num")
        scale = m.group("scale")
        if scale:
            scaled = self.numbers.apply_scales(value, scale.split())
            if scaled is None:
                return None
            e = m.end("scale")
            return _Num(start, e, scaled, "digits", self.digits_rule.id, "", scaled / value)
        return _Num(start, e, value, "digits", self.digits_rule.id, "")

    def _read_words(self, text: str, s: int, raw: str) -> _Num | None:
        words = raw.split()
        word = fold_key(words[0])
        if len(words) == 1 and word in self.numbers.never_alone:
            return None  # "một" alone is the article (the tests below would only come to that)
        if _AFTER_DIGITS.search(text, max(0, s - 12), s):
            return None
        pw = _LAST_WORD.search(text, max(0, s - 12), s)
        if pw is not None and fold_key(pw.group(1)) in self.numbers.words:
            return None  # the tail of a longer spelled-out number ("không trăm năm mươi sáu")
        hit = self.numbers.longest_words(words)
        if hit is None:
            return None
        count, value = hit
        if count == 1 and word in self.numbers.never_alone:
            return None
        e = s + len(raw)
        if count < len(words):
            e = s + [w.end() for w in regex.finditer(r"\S+", raw)][count - 1]
        return _Num(s, e, value, "words", self.words_rule.id, word)

    # -- one number ------------------------------------------------------------------------
    def _judge(self, doc: Document, st: _Pass, n: _Num) -> Found | None:
        text, low = doc.norm, st.low
        # the word after first: most numbers have nothing countable after them
        limit = min(len(text), n.end + self.after_window)
        subject = None
        pm = self.percent_rule.match_at(text, n.start, limit) if self._percent_next(text, n.end) else None
        if pm is not None and pm.end("num") == n.end:
            unit, end, rule = "%", pm.end("pct"), self.percent_rule.id
            noun_start = end
            sm = self._noun_at(st, end, min(limit, end + self.after_window))
            if sm and self._noun_kind.get(fold_key(sm.group(1))) == "unit":
                subject = doc.raw_text(sm.start(1), sm.end(1))
        else:
            um = self._noun_at(st, n.end, limit)
            if um is not None:
                if self._noun_kind.get(fold_key(um.group(1))) != "unit":
                    return None
                unit, end, rule = fold_key(um.group(1)), um.end(1), n.rule
                noun_start = um.start(1)
                if n.word in self.numbers.ambiguous and (
                    fold_key(unit) in self.ambiguous_not_units
                    or fold_key(unit) in self.ambiguous_nouns.get(n.word, ())
                    or _DIGIT_NEXT.match(text, end)
                    or self._word_before(low, n.start).casefold() in self.ambiguous_before.get(n.word, ())
                ):
                    return None  # "năm báo cáo", "năm lớp 12", "hằng năm quy định": a year, not five
                # "60.000 lượt đảng viên": after a measure word, the counted noun is whom it counts
                sm = self._noun_at(st, end, limit) if fold_key(unit) in self.measure_words else None
                if sm is not None and self._noun_kind.get(fold_key(sm.group(1))) == "unit":
                    subject = doc.raw_text(sm.start(1), sm.end(1))
            elif n.scale != 1 and self._bare_scale(text, n):
                unit, end, rule = None, n.end, n.rule + ".bare"  # "trị giá 20 tỷ.": the noun unsaid
                noun_start = end
            elif not self.pos_fallback or n.form == "words" and n.word in self.numbers.ambiguous:
                return None  # "năm", "ba" count only with a known noun
            else:
                tok = self._pos_noun(doc, n, limit)
                if tok is None:
                    return None
                unit, end = tok
                noun_start = end
                rule = n.rule + ".pos"
        sb = st.sentence
        if sb[2] <= n.start < sb[3]:
            sent_start, sent_end = sb[0], sb[1]  # the sentence of the number before (most share one)
        else:
            sent_start, sent_end, until = _bounds(text, n.start)
            st.sentence = (sent_start, sent_end, n.start, until)
        if end > sent_end or "\n" in text[n.end : noun_start]:
            return None  # the noun is in the next sentence (a soft wrap inside it is no break:
            # "giữa 4 Văn\nphòng Trung ương")
        before = text[max(sent_start, n.start - 40) : n.start]
        if (
            unit != "%"
            and unit is not None
            and fold_key(unit) not in self.money_units
            and self._is_label(text, before, sent_start, n.start, n.value)
        ):
            # (a percentage or a sum of money labels nothing: "giảm mức 50% học phí", "phụ cấp
            # đứng lớp 35%", "áp dụng mức 200.000 đồng", "Trung tâm hội nghị 160 tỉ đồng")
            return None
        comparator, start, cue = "eq", n.start, None
        cm = self.cmp_before_re[st.lowered].search(low, max(sent_start, n.start - 40), n.start)
        if cm is not None:
            cue = cm.group(1)
            comparator = lookup(self.cmp_before, cue)
            start = cm.start(1)
            if fold_key(cue) == "từ" and self.from_change.match(text, end, limit):
                comparator = "eq"  # "tăng từ 180.000 đồng lên 250.000 đồng" is a change
        fields = {
            "value": as_number(n.value),
            "unit": unit,
            "comparator": comparator,
            "subject": subject,
            "role": "other",
            "deadline": None,
            "_cue": cue,
            "_sent": (sent_start, sent_end),
        }
        return Found(start, end, rule, fields, 0)

    def _bare_scale(self, text: str, n: _Num) -> bool:
        """Whether ``n`` ends with a scale word of ``fig_bare_scale`` and the end of a clause
        follows (``[figures].bare_scale_next``): a sum whose noun goes unsaid."""
        return self._bare_scale_word.search(text, max(0, n.end - 8), n.end) is not None and (
            self.bare_scale_next.match(text, n.end) is not None
        )

    def _noun_at(self, st: _Pass, p: int, limit: int) -> regex.Match | None:
        """The noun of ``fig_units`` or ``fig_not_units`` (group 1) right after ``p``, the longest
        that matches, or None."""
        fw = _FIRST_WORD.match(st.low, p, limit)
        if fw is None:
            return None
        word = fw.group(1).casefold()
        compiled = self._noun_by_first[st.lowered]
        pat = compiled.get(word, _UNREAD)
        if pat is _UNREAD:
            group = self._noun_groups.get(word)
            pat = compiled[word] = None if group is None else self._one(_NOUN_AFTER, group, st.lowered)
        return pat.match(st.low, p, limit) if pat is not None else None

    @staticmethod
    def _word_before(low: str, p: int) -> str:
        """The word right before ``p`` (lower-cased; "" when a punctuation mark other than a comma
        stands between: "ngày, tháng, năm" still gives "tháng")."""
        m = _LAST_WORD.search(low, max(0, p - 12), p)
        return m.group(1) if m is not None else ""

    @staticmethod
    def _percent_next(text: str, p: int) -> bool:
        while p < len(text) and text[p] in _SKIP:
            p += 1
        return p < len(text) and text[p] in "%pP"

    def _is_label(self, text: str, before: str, sent_start: int, p: int, value: Decimal) -> bool:
        """ "Điều 5", "khoản 1, 2", "thứ ba", "Magic 8": the number names something, it counts nothing."""
        # (an enumeration ends with a joiner: test that before the pattern)
        em = self.enumeration.search(before) if before.rstrip().endswith(self.enumeration_ends) else None
        if em is not None and lookup(self.label_before, em.group(1)) is True:
            return True
        pm = _PREV_WORDS.search(before)
        if pm is None:
            return False
        w1, w2 = pm.group(1), pm.group(2)
        last = w2 or w1
        pair = f"{w1} {w2}" if w2 else None
        for label in (last, pair):
            if label is None:
                continue
            bound = lookup(self.label_before, label)
            if bound is True or (isinstance(bound, int) and not isinstance(bound, bool) and value <= bound):
                # a pair set to false is no label, whatever its last word: "trong số 577 ứng cử viên"
                return label is not last or pair is None or lookup(self.label_before, pair) is not False
        # a capitalised or mixed-case word in mid-sentence right before the number: a name (Fold 7,
        # Covid 19, iPhone 17)
        if last != last.lower() and not last.isupper() and fold_key(last) not in self.name_ok_before:
            last_at = p - len(before) + pm.start(2 if w2 else 1)
            return text[sent_start:last_at].strip(" \t\"'“‘(*#-|") != ""
        return False

    def _pos_noun(self, doc: Document, n: _Num, limit: int) -> tuple[str, int] | None:
        """The counted noun right after the number by underthesea's POS tags, or None."""
        text = doc.norm
        q = n.end
        while q < len(text) and text[q] in _SKIP:
            q += 1
        nxt = _WORD.match(text, q)
        if nxt is None or q - n.end > 2 or not nxt.group()[:1].isalpha():
            return None
        if fold_key(nxt.group()) in self.pos_stop:
            return None
        # the tagger needs some context before the number too (alone, "5 chiến thắng" is a verb)
        lo = max(0, n.start - self.pos_window, text.rfind("\n", 0, n.start) + 1)
        for tok in doc.pos_tags(lo, min(limit, n.end + self.pos_window)):
            if tok.start < nxt.start():
                continue
            if (
                tok.start == nxt.start()
                and tok.pos in self.noun_tags
                and fold_key(tok.text) not in self.pos_stop
            ):
                return tok.text.casefold(), tok.end
            return None
        return None

    # -- ranges and negatives --------------------------------------------------------------
    def _ranges(self, st: _Pass, nums: list[_Num], figs: list[Found | None]) -> None:
        """ "từ 7 - 9 đồng chí", "từ 1.000.000 đồng đến 3.000.000 đồng", "9 - 10 ban": two figures."""
        text = st.text
        for i in range(len(nums) - 1):
            a, fb = nums[i], figs[i + 1]
            if fb is None:
                continue
            fa = figs[i]
            a_end = fa.end if fa is not None else a.end
            if a_end > fb.start:
                continue
            if not self.range_joiner.match(text[a_end : fb.start]):
                if (
                    fa is None
                    and self.part_joiner.match(text[a_end : fb.start])
                    and not self._label_lower(text, a, fb)
                ):
                    # a part of a whole borrows its noun: "428 trong số 577 ứng cử viên" (not
                    # "thứ 4 trên tổng số 120 thí sinh", a rank)
                    figs[i] = self._borrowing(st, a, a.value, fb, None, ".part")
                continue
            if fa is None:
                # the lower bound borrows the noun of the upper one: "từ 7 - 9 đồng chí", and its
                # scale word when it has none and stays below it: "3-10 triệu đồng" is 3 million,
                # "500.000 - 2 triệu đồng" half a million
                b = nums[i + 1]
                low = a.value
                if a.scale == 1 and b.scale != 1 and low * b.scale <= b.value:
                    low *= b.scale
                fa = figs[i] = self._borrowing(st, a, low, fb, "gte", ".range")
            elif fa.fields["unit"] != fb.fields["unit"]:
                continue
            if fa.fields["comparator"] in ("eq", "gte"):
                fa.fields["comparator"] = "gte"
            if fb.fields["comparator"] == "eq":
                fb.fields["comparator"] = "lte"
            fa.fields["_range"] = fb.fields["_range"] = True

    def _borrowing(
        self, st: _Pass, a: _Num, value: Decimal, fb: Found, comparator: str | None, suffix: str
    ) -> Found:
        """The number ``a``, which has no noun of its own, as a figure with the noun (and the other
        fields) of the figure ``fb`` after it; its own cue before it joins the span and gives the
        comparator unless ``comparator`` is set ("từ 7 - 9 đồng chí", "428 trong số 577 ứng cử
        viên")."""
        cm = self.cmp_before_re[st.lowered].search(st.low, max(0, a.start - 20), a.start)
        cue = cm.group(1) if cm else None
        if comparator is None:
            comparator = lookup(self.cmp_before, cue) if cue else "eq"
        fields = {**fb.fields, "value": as_number(value), "comparator": comparator, "_cue": cue}
        return Found(cm.start(1) if cm else a.start, a.end, a.rule + suffix, fields, 0)

    def _label_lower(self, text: str, a: _Num, fb: Found) -> bool:
        """Whether the words before ``a``, a number with no noun of its own in the sentence of the
        figure ``fb``, make it a label (``_is_label``)."""
        s_start = fb.fields["_sent"][0]
        before = text[max(s_start, a.start - 40) : a.start]
        return self._is_label(text, before, min(s_start, a.start), a.start, a.value)

    def _negatives(self, text: str, lower: str | None, figs: list[Found | None]) -> list[Found | None]:
        """Drop figures a negative rule overlaps. The rules run on a window around each figure
        only: scanning the whole text with each of them would cost more than all the rest."""
        spans: set[tuple[int, int]] = set()
        n_text = len(text)
        windows: list[list[int]] = []
        for f in figs:  # figures come in text order: merge the windows that touch
            if f is None:
                continue
            ws, we = max(0, f.start - self.negative_window), min(n_text, f.end + self.negative_window)
            if windows and ws <= windows[-1][1] + _MERGE_GAP:
                windows[-1][1] = max(windows[-1][1], we)
            else:
                windows.append([ws, we])
        if not windows:
            return figs
        for ws, we in windows:
            # (the text's start counts as a line start for a rule that needs one: "\n")
            window = ("\n" if ws == 0 else "") + lower[ws:we] if lower is not None else None
            for rule, needs in self._negative_needs:
                if needs and window is not None and not any(w in window for w in needs):
                    continue
                for m in rule.finditer(text, ws, we):
                    if m.end() < we or we == n_text:  # a match cut by the window end may be false
                        spans.add((m.start(), m.end()))
        if not spans:
            return figs
        return [None if f is None or any(a < f.end and f.start < b for a, b in spans) else f for f in figs]

    def _after_cues(self, st: _Pass, figs: list[Found]) -> None:
        """ "từ 95% chi bộ ... trở lên": a cue after the noun belongs to the nearest number before it."""
        for i, f in enumerate(figs):
            _, s_end = f.fields["_sent"]
            limit = min(s_end, figs[i + 1].start) if i + 1 < len(figs) else s_end
            am = self.cmp_after_re[st.lowered].search(st.low, f.end, max(f.end, limit))
            if am is not None and f.fields["comparator"] in ("eq", "gte"):
                f.fields["comparator"] = lookup(self.cmp_after, am.group(1))

    # -- roles -----------------------------------------------------------------------------
    def _roles(self, st: _Pass, figs: list[Found], default: str) -> None:
        text = st.text
        listed = self._cue_lists(st, figs)
        open_list: int = -1  # end of a list a target figure opened ("từ 7 - 9 đồng chí, gồm:")
        for i, f in enumerate(figs):
            s_start, s_end = f.fields["_sent"]
            role = None
            cue = f.fields.get("_cue")
            if cue and lookup(self.cap_words, cue) and not self._reported_event(st, f, s_start, s_end):
                role = "target"  # a cap or a floor is a norm
            in_list = i in listed or f.start < open_list
            if role is None:
                role = self._cue_before(st, s_start, f.start)
                if role == "weak" and in_list:
                    role = "target"  # "(2) GDP bình quân đầu người đạt 5.400 USD" in a list of targets
                elif role == "weak":
                    # "đạt" reports a result, unless the section it stands in sets goals (a plan)
                    role = "target" if self._section_default(st, f.start, default) == "target" else "achieved"
            if role is None and in_list:
                role = "target"  # before the cues after it: "- 100% xã đạt chuẩn" in a list of goals
            if role is None:
                m = self.role_after_re[st.lowered].search(st.low, f.end, s_end)
                if m is not None:
                    role = lookup(self.role_cues_after, m.group(1))
            if (
                role is None
                and f.fields.get("_range")
                and fold_key(f.fields["unit"] or "") in self.quota_units
            ):
                role = "target"  # a range of people or bodies is a quota
            if role is None:
                role = self._section_default(st, f.start, default)
            f.fields["role"] = role
            if role == "target":
                colon = text.find(":", f.end, s_end)
                if colon >= 0 and text[colon + 1 : s_end].strip(" \t*") == "":
                    open_list = self._list_end(text, colon)
                # the deadline of its own clause first ("đạt 20% trong năm 2025; đến năm 2030 đạt
                # 100%": 2030), else the first of the sentence
                c_start = _clause_start(text, s_start, f.start)
                dm = self.deadline.search(text, c_start, _clause_end(text, f.end, s_end))
                if dm is None:
                    dm = self.deadline.search(text, s_start, s_end)
                if dm is not None:
                    f.fields["deadline"] = dm.group("year")

    def _reported_event(self, st: _Pass, f: Found, s_start: int, s_end: int) -> bool:
        """Whether the clause of a figure reports an event (``fig_event_words``): a word of harm
        anywhere in it, or "đã" before the number with no norm word after it."""
        text = st.text
        c_start = _clause_start(text, s_start, f.start)
        c_end = _clause_end(text, f.end, s_end)
        norm_after = False  # a norm word seen after the last "đã" (scanning backwards)
        for m in reversed(list(self.event_re[st.lowered].finditer(st.low, c_start, c_end))):
            kind = lookup(self.event_words, m.group(1))
            if kind == "event":
                return True
            if m.start() >= f.start:
                continue
            if kind == "norm":
                norm_after = True
            elif kind == "past" and not norm_after:
                return True
        return False

    def _sentence_cues(self, st: _Pass, s_start: int, p: int) -> list[tuple[int, int, str]]:
        """The role cues (start, end, role) of the sentence starting at ``s_start``, up to ``p`` at
        least: each sentence is scanned once, as far as the figures in it ask (``p`` is a number's
        or a colon's position, which no cue crosses)."""
        got = st.cues.get(s_start)
        if got is None:
            got = st.cues[s_start] = [[], s_start]
        if got[1] < p:
            got[0].extend(
                (m.start(), m.end(), lookup(self.role_cues, m.group(1)))
                for m in self.role_re[st.lowered].finditer(st.low, got[1], p)
            )
            got[1] = p
        return got[0]

    def _section_default(self, st: _Pass, p: int, default: str) -> str:
        """The default role at ``p``: that of the last heading in capitals with a section word
        before it (``fig_section_roles``), else the document's. Headings are looked for once,
        when a figure first needs a default, up to the last figure, and only in a formal text
        (its opening has a title in capitals, ``[figures].sectioned_opening``): news has none, and
        scanning every text would cost more than all the roles."""
        if st.sections is None:
            st.sections = []
            text = st.text
            opening = text[: self.opening_chars]
            formal = self.sectioned_opening.search(opening) is not None
            for m in self.section_re.finditer(text, 0, st.last) if formal else ():
                ls = text.rfind("\n", 0, m.start()) + 1
                if st.sections and st.sections[-1][0] == ls:
                    continue  # the first section word of a heading decides
                le = text.find("\n", m.end())
                line = text[ls : le if le >= 0 else len(text)]
                if len(line) <= _HEADING_MAX and not any(ch.islower() for ch in line):
                    st.sections.append((ls, lookup(self.section_roles, m.group(1))))
        i = bisect.bisect_right(st.sections, (p, "~")) - 1
        return st.sections[i][1] if i >= 0 else default

    def _cue_before(self, st: _Pass, s_start: int, p: int) -> str | None:
        """The role of the nearest cue before ``p`` in its clause (a ";" ends a clause); a clause
        with no cue at all continues a target of the clauses before it in its sentence ("phấn đấu
        tăng GRDP 8,5%; vốn đầu tư tăng 11%; thu ngân sách 204 nghìn tỷ đồng": goals one a clause)."""
        text = st.text
        c_start = _clause_start(text, s_start, p)
        roles = self._clause_roles(st, s_start, c_start, p)
        while not roles and c_start > s_start:
            # the clause before (its ";" at c_start - 1): only a target carries over
            p = c_start - 1
            c_start = _clause_start(text, s_start, p)
            roles = self._clause_roles(st, s_start, c_start, p)
            if roles:
                r = self._nearest(roles)
                return "target" if r == "target" else None
        if not roles:
            return None
        return self._nearest(roles)

    @staticmethod
    def _nearest(roles: list[str]) -> str | None:
        """The role the cues of one clause (in text order) give a number after them."""
        r = roles[-1]
        if r == "weak":
            return "target" if "target" in roles[:-1] else "weak"
        return None if r == "none" else r

    def _clause_roles(self, st: _Pass, s_start: int, c_start: int, p: int) -> list[str]:
        """The roles of the cues of the clause from ``c_start`` up to ``p``, in text order."""
        text = st.text
        roles = []
        for c_s, c_e, role in self._sentence_cues(st, s_start, p):
            if c_s < c_start or c_e > p or role == "name":
                continue  # (a cue word in a name is no cue: "Bộ Kế hoạch và Đầu tư")
            prev = text[max(c_start, c_s - 3) : c_s].rstrip()
            if prev[-1:] == "%":
                continue  # "đạt 80,1% kế hoạch": the cue belongs to the number before it
            if ")" in text[c_e:p]:
                op = text.rfind("(", c_start, c_s)
                if op >= 0 and text.find(")", op, c_s) < 0:
                    continue  # "(trượt giá từ năm 1997 đến nay là 30%) từ 10.000 tỷ đồng": a cue in
                    # a parenthesis closed before the number is no cue of it
            roles.append(role)
        return roles

    def _cue_lists(self, st: _Pass, figs: list[Found]) -> set[int]:
        """Figures in a list a target cue opens: "xác định đạt một số chỉ tiêu chủ yếu như: ..."."""
        text = st.text
        listed: set[int] = set()
        first = figs[0].start
        colon = text.find(":", max(0, first - 3000))
        while 0 <= colon < figs[-1].start:
            if not text[colon + 1 : colon + 2].isspace() or _QUOTE_NEXT.match(text, colon + 1):
                colon = text.find(":", colon + 1)
                continue  # "09:44", "http:" open no list, nor "cho rằng: “...”" (a quotation)
            if not self._target_words[st.lowered].search(st.low, max(0, colon - self.list_cue_reach), colon):
                colon = text.find(":", colon + 1)
                continue  # no target cue near enough (a cheap test before the sentence's cues)
            s_start, s_end = sentence_bounds(text, colon)
            lo = max(s_start, colon - self.list_cue_reach)
            if any(
                role == "target" and c_s >= lo and c_e <= colon
                for c_s, c_e, role in self._sentence_cues(st, s_start, colon)
            ):
                end = self._list_end(text, colon)
                listed.update(i for i, f in enumerate(figs) if colon < f.start < end)
            colon = text.find(":", colon + 1)
        return listed

    @staticmethod
    def _list_end(text: str, pos: int) -> int:
        """Where a list opened at ``pos`` ends: the end of the run of paragraphs that continue it
        (the one before ends with ";", "," or ":", or it starts with a list marker)."""
        i = text.find("\n", pos + 1)
        end = len(text) if i < 0 else i
        prev_open = True
        while i >= 0:
            line_start = text.rfind("\n", 0, i) + 1
            line = text[line_start:i].strip(" \t*")
            nxt = text.find("\n", i + 1)
            if not line:
                i = nxt
                continue
            if line_start > pos + 1 and not (_LIST_MARKER.match(line) or prev_open):
                return end
            end = i
            prev_open = line[-1] in ";,:"
            i = nxt
        return len(text)
