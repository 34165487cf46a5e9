"""Figures: numbers of countable things and percentages a text states (SPEC: Figure).

The scanner rules of rules/figures.toml find every number (digits, scale words, written words);
this module decides which of them are figures and reads their attributes:

- the word after the number: ``%`` makes a percentage, a counted noun (lexicon ``fig_units``) a
  count, a duration, age or measurement (``fig_not_units``) no figure; a word in no lexicon is
  looked up with underthesea's POS tags on a short window (the only tokenising this module does);
- the word before it: a label word (``Điều 5``, ``lớp 12``, ``thứ 3``) or a capitalised name
  (``Magic 8``) makes no figure; a comparator cue (``hơn``, ``tối thiểu``, ``gần``) sets the
  comparator and joins the span;
- two numbers joined by ``-``/``đến``/``tới`` are a range (lower gte, upper lte);
- the role from cues in the sentence, open lists and the document's opening; a deadline year.
The negative rules of the file (``reject = true``) block what they overlap through ``select``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from ..numbers import NumberWords, as_number
from ..pipeline import Context, Found
from ..resolve import select
from ..rules import RuleError, RuleSet, fold_key, lexicon_alternation, lookup
from ..text import Document

_FILE = "figures.toml"
_WORD = regex.compile(r"[\p{L}\p{M}\d]+")
_PREV_WORD = regex.compile(r"(?:^|(?<=[^\p{L}\d]))([\p{L}\d]+)(?:\s+([\p{L}\d]+))?\s*$")
# a sentence-internal clause break the role cues do not reach across
_CLAUSE_BREAK = regex.compile(r"[;]")
# a written number right after digits is not a number ("90 năm", "2 ba")
_AFTER_DIGITS = regex.compile(r"\d[\d.,]*\s*$")
# an enumeration of labels before a number: "khoản 1, 2", "Điều 3 và 4"
_ENUMERATION = regex.compile(r"(?:[\p{L}]+\s+)\d+(?:\s*(?:,|và|hoặc)\s*\d+)*\s*(?:,|và|hoặc)\s*$")


@dataclass
class _Num:
    """One scanned number before it is judged: norm offsets of the number and of its words."""

    start: int
    end: int  # end of the number and its scale words
    value: Decimal
    form: str  # percent | digits | words
    rule: str
    word: str  # the first word of a written number, lower-cased ("" for digits)
    pct_end: int = 0  # end of "%" / "phần trăm" for a percentage


class FigureExtractor:
    """Fills ``found["figures"]``; reads dates and references found earlier to skip their numbers."""

    name = "figures"

    def __init__(self, rules: RuleSet):
        self.numbers = NumberWords(rules)
        self.rules = rules.for_file(_FILE)
        conf = rules.data(_FILE, "figures")
        try:
            self.after_window = int(conf["after_window"])
            self.pos_window = int(conf["pos_window"])
            self.noun_tags = set(conf["noun_tags"])
            self.pos_stop = {fold_key(w) for w in conf["pos_stop"]}
            self.name_ok_before = {fold_key(w) for w in conf["name_ok_before"]}
            self.report_opening = rules.compile(conf["report_opening"], _FILE, "figures.report_opening")
            self.opening_chars = int(conf["opening_chars"])
            self.deadline = rules.compile(conf["deadline"], _FILE, "figures.deadline")
            self.range_joiner = rules.compile(conf["range_joiner"], _FILE, "figures.range_joiner")
            self.quota_units = {fold_key(w) for w in conf["quota_units"]}
            self.year_like = rules.compile(conf["year_like"], _FILE, "figures.year_like")
        except KeyError as exc:
            raise RuleError(_FILE, "figures", f"missing key {exc}") from None
        self.cmp_before = rules.lexicon("fig_cmp_before")
        self.cmp_after = rules.lexicon("fig_cmp_after")
        self.cap_words = rules.lexicon("fig_cap_words")
        self.units = rules.lexicon("fig_units")
        self.not_units = rules.lexicon("fig_not_units")
        self.label_before = rules.lexicon("fig_label_before")
        self.role_cues = rules.lexicon("fig_role_cues")
        self.role_cues_after = rules.lexicon("fig_role_cues_after")
        # one alternation for both noun lexicons, so the longest form wins ("điểm phần trăm" over
        # "điểm", "tháng tiền lương" over nothing)
        nouns = {**{k: 1 for k in self.units}, **{k: 1 for k in self.not_units}}
        self._noun_kind = {fold_key(k): "not" for k in self.not_units}
        for k in self.units:
            self._noun_kind.setdefault(fold_key(k), "unit")
        self.noun_after = regex.compile(r"(?i)[ \t]*\*?[ \t]*(" + lexicon_alternation(nouns) + r")(?![\w])")
        self.cmp_before_re = regex.compile(r"(?i)(?<![\w])(" + lexicon_alternation(self.cmp_before) + r")\s*$")
        self.cmp_after_re = regex.compile(r"(?i)(?<![\w])(" + lexicon_alternation(self.cmp_after) + r")(?![\w])")
        self.role_re = regex.compile(r"(?i)(?<![\w])(" + lexicon_alternation(self.role_cues) + r")(?![\w])")
        self.role_after_re = regex.compile(r"(?i)(?<![\w])(" + lexicon_alternation(self.role_cues_after) + r")(?![\w])")
        self.percent_re = regex.compile(r"\s*(?:%|(?i:phần\s+trăm))")
        self.scanners = [r for r in self.rules if r.fields.get("form") in ("percent", "digits", "words")]
        self.negatives = [r for r in self.rules if r.fields.get("reject")]

    # -- the component ---------------------------------------------------------------------
    def __call__(self, doc: Document, ctx: Context) -> None:
        text = doc.norm
        blocked = sorted((f.start, f.end) for kind in ("dates", "references") for f in ctx.found[kind])
        nums = self._scan(text, blocked)
        candidates: list[Found] = []
        for rule in self.negatives:
            for m in rule.finditer(text):
                candidates.append(Found(m.start(), m.end(), rule.id, {"reject": True}, rule.priority))
        reject_spans = [(c.start, c.end) for c in candidates]
        figs: list[Found | None] = []
        for n in nums:
            if any(s <= n.start < e for s, e in reject_spans):
                figs.append(None)
                continue
            figs.append(self._judge(doc, n))
        self._ranges(text, nums, figs)
        default = "achieved" if self.report_opening.search(text, 0, min(len(text), self.opening_chars)) else "other"
        kept = [f for f in figs if f is not None]
        self._after_cues(doc, kept)
        self._roles(doc, kept, default)
        for f in kept:
            f.fields.pop("_num_start", None)
            f.fields.pop("_num_end", None)
            f.fields.pop("_cue", None)
            f.fields.pop("_role", None)
            candidates.append(f)
        ctx.found["figures"] = select(candidates)

    # -- scanning --------------------------------------------------------------------------
    def _scan(self, text: str, blocked: list[tuple[int, int]]) -> list[_Num]:
        by_start: dict[int, _Num] = {}
        for rule in sorted(self.scanners, key=lambda r: -r.priority):
            form = rule.fields["form"]
            for m in rule.finditer(text):
                s = m.start("num")
                if s in by_start or _inside(blocked, s, m.end("num")):
                    continue
                n = self._read(rule.id, form, m)
                if n is not None:
                    by_start[s] = n
        return [by_start[k] for k in sorted(by_start)]

    def _read(self, rule_id: str, form: str, m: regex.Match) -> _Num | None:
        raw_num = m.group("num")
        s, e = m.start("num"), m.end("num")
        digits = self.numbers.parse_digits(raw_num)
        if digits is not None:
            value, word = digits, ""
            if form == "digits":
                scales = m.group("scale").split()
                if scales:
                    value = self.numbers.apply_scales(digits, scales)
                    e = m.end("scale")
            elif form == "percent":
                pass
        else:
            words = raw_num.split()
            hit = self.numbers.longest_words(words)
            if hit is None:
                return None
            count, value = hit
            if count < len(words):
                if form == "percent":
                    return None  # "%" must follow the number itself
                e = s + _offset_of_word(raw_num, count)
            word = fold_key(words[0])
            if count == 1 and word in self.numbers.never_alone:
                return None
        if value is None or value <= 0:
            return None
        if digits is not None and self.year_like.match(raw_num):
            return None  # a year (dates are the dates list's business)
        if digits is None and _AFTER_DIGITS.search(m.string, max(0, s - 12), s):
            return None  # "90 năm đồng hành": the word is the noun of the number before it
        n = _Num(s, e, value, form if form == "percent" else ("words" if digits is None else "digits"), rule_id, word)
        if form == "percent":
            n.pct_end = m.end("pct")
        return n

    # -- one number ------------------------------------------------------------------------
    def _judge(self, doc: Document, n: _Num) -> Found | None:
        text = doc.norm
        sent_start, sent_end = doc.sentence_at(n.start)
        before = text[max(sent_start, n.start - 40) : n.start]
        # a label or a name before the number: Điều 5, lớp 12, thứ ba, Magic 8
        em = _ENUMERATION.search(before)
        if em is not None and lookup(self.label_before, em.group().split()[0]) is not None:
            return None
        pm = _PREV_WORD.search(before)
        if pm is not None:
            w1, w2 = pm.group(1), pm.group(2)
            if w2 is None:
                last = w1
                pair = None
            else:
                last = w2
                pair = f"{w1} {w2}"
            if lookup(self.label_before, last) is not None or (pair and lookup(self.label_before, pair) is not None):
                return None
            if (
                last[:1].isupper()
                and not last.isupper()
                and fold_key(last) not in self.name_ok_before
                and lookup(self.cmp_before, last) is None
                and not _starts_sentence(text, sent_start, n.start - len(before) + before.rfind(last))
            ):
                return None
        cmp_m = self.cmp_before_re.search(before)
        comparator = "eq"
        start = n.start
        cue = None
        if cmp_m is not None:
            cue = cmp_m.group(1)
            comparator = lookup(self.cmp_before, cue)
            start = n.start - len(before) + cmp_m.start(1)
        if n.form == "percent":
            unit, end = "%", n.pct_end
            subject = None
            sm = self.noun_after.match(text, end, min(sent_end, end + self.after_window))
            if sm and self._noun_kind.get(fold_key(sm.group(1))) == "unit":
                subject = doc.raw_text(sm.start(1), sm.end(1))
            rule = n.rule
        else:
            limit = min(sent_end, n.end + self.after_window)
            if text.startswith("%", n.end) or self.percent_re.match(text, n.end, limit) and n.form == "words":
                return None
            um = self.noun_after.match(text, n.end, limit)
            subject = None
            if um is not None:
                if self._noun_kind.get(fold_key(um.group(1))) != "unit":
                    return None
                unit, end = um.group(1).casefold(), um.end(1)
                rule = n.rule
            else:
                if n.form == "words" and n.word in self.numbers.ambiguous:
                    return None  # "năm", "ba": only with a known counted noun
                tok = self._pos_noun(doc, n, limit)
                if tok is None:
                    return None
                unit, end = tok
                rule = n.rule + ".pos"
        fields = {
            "value": as_number(n.value),
            "unit": unit,
            "comparator": comparator,
            "subject": subject,
            "role": "other",
            "deadline": None,
            "_num_start": n.start,
            "_num_end": n.end if n.form != "percent" else n.pct_end,
            "_cue": cue,
        }
        return Found(start, end, rule, fields, 0)

    def _after_cues(self, doc: Document, figs: list[Found]) -> None:
        """"từ 95% chi bộ ... trở lên": a cue after the noun belongs to the nearest number before it."""
        text = doc.norm
        for i, f in enumerate(figs):
            _, s_end = doc.sentence_at(f.start)
            limit = min(s_end, figs[i + 1].start) if i + 1 < len(figs) else s_end
            am = self.cmp_after_re.search(text, f.end, max(f.end, limit))
            if am is not None and f.fields["comparator"] in ("eq", "gte"):
                f.fields["comparator"] = lookup(self.cmp_after, am.group(1))

    def _pos_noun(self, doc: Document, n: _Num, limit: int) -> tuple[str, int] | None:
        """The counted noun right after the number by underthesea's POS tags, or None."""
        text = doc.norm
        nxt = _WORD.match(text, _skip_space(text, n.end))
        if nxt is None or nxt.start() - n.end > 2 or nxt.group().isdigit():
            return None
        if not nxt.group()[:1].isalpha() or fold_key(nxt.group()) in self.pos_stop:
            return None
        end = min(limit, n.end + self.pos_window)
        for tok in doc.pos_tags(n.start, end):
            if tok.start < nxt.start():
                continue
            if tok.start > nxt.start():
                return None
            if tok.pos in self.noun_tags and fold_key(tok.text) not in self.pos_stop:
                return tok.text.casefold(), tok.end
            return None
        return None

    # -- ranges ----------------------------------------------------------------------------
    def _ranges(self, text: str, nums: list[_Num], figs: list[Found | None]) -> None:
        """"từ 7 - 9 đồng chí", "từ 1.000.000 đồng đến 3.000.000 đồng", "9 - 10 ban": two figures."""
        for i in range(len(nums) - 1):
            a, b = nums[i], nums[i + 1]
            fb = figs[i + 1]
            if fb is None:
                continue
            fa = figs[i]
            a_end = fa.end if fa is not None else a.end
            if nums[i].form == "percent":
                a_end = max(a_end, a.pct_end)
            b_start = fb.start
            if not self.range_joiner.match(text[a_end:b_start]):
                continue
            if fa is None:
                if a.form == "percent" or b.value <= a.value and False:
                    continue
                # the lower bound borrows the noun of the upper one: "từ 7 - 9 đồng chí"
                pm = self.cmp_before_re.search(text[max(0, a.start - 20) : a.start])
                start = a.start - (len(text[max(0, a.start - 20) : a.start]) - pm.start(1)) if pm else a.start
                fa = Found(
                    start,
                    a.end,
                    a.rule + ".range",
                    {**fb.fields, "value": as_number(a.value), "comparator": "gte", "_num_start": a.start,
                     "_num_end": a.end, "_cue": pm.group(1) if pm else None},
                    0,
                )
                figs[i] = fa
            if fa.fields["unit"] != fb.fields["unit"] and fa.fields["unit"] != "%" and fb.fields["unit"] != "%":
                continue
            if fa.fields["comparator"] in ("eq", "gte"):
                fa.fields["comparator"] = "gte"
            if fb.fields["comparator"] == "eq":
                fb.fields["comparator"] = "lte"
            fa.fields["_range"] = True
            fb.fields["_range"] = True

    # -- roles -----------------------------------------------------------------------------
    def _roles(self, doc: Document, figs: list[Found], default: str) -> None:
        text = doc.norm
        open_list: tuple[int, str] | None = None  # (end of the open list, its role)
        for f in figs:
            s_start, s_end = doc.sentence_at(f.start)
            role = None
            cue = f.fields.get("_cue")
            if cue and lookup(self.cap_words, cue):
                role = "target"
            if role is None:
                # the nearest cue before the number within its sentence
                last = None
                c_start = s_start
                for bm in _CLAUSE_BREAK.finditer(text, s_start, f.start):
                    c_start = bm.end()
                for m in self.role_re.finditer(text, c_start, f.start):
                    last = m
                if last is not None:
                    r = lookup(self.role_cues, last.group(1))
                    role = None if r == "none" else r
                    if r == "none":
                        role = None
            if role is None:
                m = self.role_after_re.search(text, f.end, s_end)
                if m is not None:
                    role = lookup(self.role_cues_after, m.group(1))
            if role is None and f.fields.pop("_range", False) and fold_key(f.fields["unit"] or "") in self.quota_units:
                role = "target"
            if role is None and open_list is not None and f.start < open_list[0]:
                role = open_list[1]
            if role is None:
                role = default
            f.fields.pop("_range", None)
            f.fields["role"] = role
            # a target cue or a target figure ending its sentence with ":" opens a list
            colon = text.find(":", f.end, s_end)
            if role == "target" and colon >= 0 and text[colon + 1 : s_end].strip(" \t*") == "":
                open_list = (self._list_end(text, s_end), role)
            if role == "target":
                dm = self.deadline.search(text, s_start, s_end)
                if dm is not None:
                    f.fields["deadline"] = dm.group("year")
        # a cue that ends with ":" before a list scopes over every figure of the list
        self._cue_lists(doc, figs)

    def _cue_lists(self, doc: Document, figs: list[Found]) -> None:
        text = doc.norm
        for m in self.role_re.finditer(text):
            if lookup(self.role_cues, m.group(1)) != "target":
                continue
            s_start, s_end = doc.sentence_at(m.start())
            colon = text.find(":", m.end(), s_end)
            if colon < 0 or colon - m.end() > 120:
                continue
            end = self._list_end(text, colon)
            for f in figs:
                if colon < f.start < end and f.fields["role"] != "target":
                    f.fields["role"] = "target"

    @staticmethod
    def _list_end(text: str, pos: int) -> int:
        """Where a list opened at ``pos`` ends: the end of its paragraph, or of the run of
        paragraphs that end with ";", "," or ":" (list items one a line)."""
        i = text.find("\n", pos + 1)
        while i >= 0:
            para_end = i
            line = text[text.rfind("\n", 0, para_end) + 1 : para_end].rstrip(" *")
            if not line:
                i = text.find("\n", i + 1)
                continue
            if line[-1:] in (";", ",", ":"):
                i = text.find("\n", i + 1)
                continue
            return para_end
        return len(text)


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    for a, b in spans:
        if a >= e:
            break
        if s < b and a < e:
            return True
    return False


def _skip_space(text: str, p: int) -> int:
    while p < len(text) and text[p] in " \t*":
        p += 1
    return p


def _offset_of_word(s: str, count: int) -> int:
    """The end offset of the first ``count`` whitespace-separated words of ``s``."""
    ms = list(regex.finditer(r"\S+", s))
    return ms[count - 1].end()


def _starts_sentence(text: str, sent_start: int, p: int) -> bool:
    """True when only spaces, quotes or markup stand between the sentence start and ``p``."""
    return text[sent_start:p].strip(" \t\"'“‘(*#-|") == ""
