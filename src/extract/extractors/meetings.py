"""Meetings: named meetings, conferences, congresses and events a text mentions (SPEC: Meeting).

The rules of rules/meetings.toml find only the head of a mention (the event noun: Hội nghị,
Đại hội, Lễ kỷ niệm, Kỳ họp ...). This module then

1. extends the span word by word through the words that classify or name the event, and ends it
   at punctuation, at a function word or clause verb (lexicon ``mt_stop``), at another head, or at
   a day date (which becomes the meeting's ``date``). Whether a lowercase word right after the head
   starts a name or a clause ("Hội nghị cán bộ chủ chốt" / "Hội nghị xác định") is settled by the
   cheap cues first (lexicons, capitals, digits); only when none applies is the short window after
   the head POS-tagged (``Document.pos_tags``), which keeps tokenising rare;
2. drops what names no single event: a bare anaphoric head, a plural or generic mention
   (``các hội nghị``, ``đại hội đảng bộ các cấp``, a list of kinds ``hội nghị, hội thảo``), a
   congress or sitting without ordinal, kind or date;
3. splits one phrase naming two events (``Hội nghị Trung ương 5 và Trung ương 6 khóa XII``);
4. classifies it with the ordered ``[[cue]]`` list and reads the attributes: format, ordinal,
   term, date and period (linked to ``found["dates"]``), organizer, chair, locations.

A meeting named inside a reference (``Nghị quyết Trung ương 4 khóa XII``) is dropped later by the
cross-list overlap policy (rules/policy.toml), not here.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass

import regex

from ..pipeline import Context, Found
from ..resolve import select
from ..rules import RuleError, RuleSet, fold_key
from ..text import Document
from .references import as_roman, ordinal_value

_FILE = "meetings.toml"
_WORD = regex.compile(r"[\p{L}\p{M}\d]+(?:[./][\p{L}\p{M}\d]+)*|[^\s\p{L}\p{M}\d]")
_ROMAN_OR_DIGITS = regex.compile(r"[IVXL]+|\d+")
_ROMAN = regex.compile(r"[IVXL]+")
_LEAD = regex.compile(r"[\s\-–•*]*")
_SPACES = regex.compile(r"\s*")
# sentence ends, as Document.sentences finds them but for wrapped lines (a line break before a
# lower-case word does not end a sentence); searched only around a meeting (see _sentence)
# (the end mark is matched, not looked behind for: a lookbehind at every position is slow)
_SENTENCE_BREAK = regex.compile(
    r"(?P<mark>[.!?…])[\"”'’)\]]*[ \t]+(?=[\p{Lu}\d\"“'‘(\[-])|[ \t]*(?:\r?\n|\r)(?![ \t]*\p{Ll})\s*"
)
_SENTENCE_REACH = 300
_NEEDS = ("name", "any", "ordinal", "sitting", "none")
_KEY_BEFORE = 16  # how far before a key syllable a head may start ("cuộc đối thoại")
_KEY_AFTER = 48  # and how far after it its pattern may look (Lễ + a two-word kind, lookaheads)
# POS tags that start a clause rather than a name: verbs, adjectives used as predicates,
# prepositions, conjunctions, adverbs / particles
_CLAUSE_TAGS = {"V", "A", "E", "C", "CC", "R", "T", "P"}


class _DateIndex:
    """The dates list sorted by start, for the few dates near one position (no full scans)."""

    def __init__(self, dates: _DateIndex):
        self.items = sorted(dates, key=lambda d: d.start)
        self.starts = [d.start for d in self.items]

    def starting(self, lo: int, hi: int) -> list[Found]:
        """Dates that start in ``[lo, hi)``."""
        return self.items[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]

    def overlapping(self, lo: int, hi: int) -> list[Found]:
        """Dates that overlap ``[lo, hi)`` (dates do not overlap each other, none is very long)."""
        return [d for d in self.starting(lo - 400, hi) if d.end > lo]


@dataclass
class _Head:
    start: int
    end: int
    rule: str
    kind: str
    type: str
    priority: int


class _Phrases:
    """A lexicon of word sequences, looked up at a position of a word list (longest first)."""

    def __init__(self, lex: dict):
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.values: dict[tuple[str, ...], object] = {}
        for phrase, value in lex.items():
            words = tuple(fold_key(phrase).split())
            if words:
                self.by_first.setdefault(words[0], []).append(words)
                self.values[words] = value
        for seqs in self.by_first.values():
            seqs.sort(key=len, reverse=True)

    def at(self, words: list[str], i: int) -> int:
        """How many words of the lexicon phrase that starts at ``words[i]`` (0 when none)."""
        for seq in self.by_first.get(words[i], ()):
            if tuple(words[i : i + len(seq)]) == seq:
                return len(seq)
        return 0

    def match(self, words: list[str], i: int) -> tuple[int, object]:
        """The length and the lexicon value of the phrase that starts at ``words[i]`` ((0, None))."""
        for seq in self.by_first.get(words[i], ()):
            if tuple(words[i : i + len(seq)]) == seq:
                return len(seq), self.values[seq]
        return 0, None


class MeetingExtractor:
    """Fills ``found["meetings"]``; reads ``found["dates"]`` for each meeting's date and period."""

    name = "meetings"

    def __init__(self, rules: RuleSet):
        self.ordinal_words = rules.lexicon("ref_ordinal_words")
        self.rules = rules.for_file(_FILE)
        for r in self.rules:
            if r.fields.get("head") is None or r.fields.get("type") is None:
                raise RuleError(_FILE, r.id, "a head rule needs fields 'head' and 'type'")
            keys = r.fields.get("keys")
            if (
                not isinstance(keys, list)
                or not keys
                or not all(isinstance(k, str) and k == k.lower() for k in keys)
            ):
                raise RuleError(_FILE, r.id, "a head rule needs 'keys': lower-case syllables of its head")
        try:
            conf = rules.data(_FILE, "meeting")
            fmt = rules.data(_FILE, "format")
            attr = rules.data(_FILE, "attr")
            self.pos_fallback = bool(conf["pos_fallback"])
            self.window = int(conf["window"])
            self.max_words = int(conf["max_words"])
            self.hard_stop = rules.compile(conf["hard_stop"], _FILE, "meeting.hard_stop")
            self.period_grains = set(conf["period_grains"])
            self.period_types = set(conf["period_types"])
            self.pair = rules.compile(conf["pair"], _FILE, "meeting.pair")
            self.ordinal = rules.compile(conf["ordinal"], _FILE, "meeting.ordinal")
            self.term = rules.compile(conf["term"], _FILE, "meeting.term")
            self.term_arabic = rules.compile(conf["term_arabic"], _FILE, "meeting.term_arabic")
            self.term_before_skip = set(conf["term_before_skip"])
            self.sitting_kind = rules.compile(conf["sitting_kind"], _FILE, "meeting.sitting_kind")
            self.sitting_date = rules.compile(conf["sitting_date"], _FILE, "meeting.sitting_date")
            self.congress_named = rules.compile(conf["congress_named"], _FILE, "meeting.congress_named")
            self.quoted = rules.compile(conf["quoted"], _FILE, "meeting.quoted")
            self.opening = rules.compile(conf["opening"], _FILE, "meeting.opening")
            self.abbrev = rules.compile(conf["abbrev"], _FILE, "meeting.abbrev")
            self.abbrev_on = rules.compile(conf["abbrev_on"], _FILE, "meeting.abbrev_on")
            self.and_reach = rules.compile(conf["and_reach"], _FILE, "meeting.and_reach")
            self.comma_body_after = rules.compile(conf["comma_body_after"], _FILE, "meeting.comma_body_after")
            self.comma_body_term = rules.compile(conf["comma_body_term"], _FILE, "meeting.comma_body_term")
            self.comma_term_reach = int(conf["comma_term_reach"])
            self.opening_heads = set(conf["opening_heads"])
            self.before_reach = int(conf["before_reach"])
            self.list_next = rules.compile(conf["list_next"], _FILE, "meeting.list_next")
            self.list_between = rules.compile(conf["list_between"], _FILE, "meeting.list_between")
            self.ends_ordinal = rules.compile(conf["ends_ordinal"], _FILE, "meeting.ends_ordinal")
            self.date_gap = rules.compile(conf["date_gap"], _FILE, "meeting.date_gap")
            self.part_of_day = rules.compile(conf["part_of_day"], _FILE, "meeting.part_of_day")
            self.date_grains = set(conf["date_grains"])
            self.held_reach = int(conf["held_reach"])
            self.date_before_reach = int(conf["date_before_reach"])
            self.held_link = rules.compile(conf["held_link"], _FILE, "meeting.held_link")
            self.clause_before = rules.compile(conf["clause_before"], _FILE, "meeting.clause_before")
            self.clause_after = rules.compile(conf["clause_after"], _FILE, "meeting.clause_after")
            self.clause_link = rules.compile(conf["clause_link"], _FILE, "meeting.clause_link")
            self.range_on = rules.compile(conf["range_on"], _FILE, "meeting.range_on")
            self.max_days = int(conf["max_days"])
            self.date_not_between = rules.compile(conf["date_not_between"], _FILE, "meeting.date_not_between")
            self.needs = dict(conf["needs"])
            self.format_reach = int(fmt["reach"])
            self.later_cue = rules.compile(fmt["later_cue"], _FILE, "format.later_cue")
            self.formats = [
                (name, rules.compile(fmt[name], _FILE, f"format.{name}"))
                for name in ("hybrid", "online", "in_person")
            ]
            self.org_before = rules.compile(attr["organizer_before"], _FILE, "attr.organizer_before")
            self.org_after = rules.compile(attr["organizer_after"], _FILE, "attr.organizer_after")
            self.org_verb = rules.compile(attr["organizer_verb"], _FILE, "attr.organizer_verb")
            self.chair = rules.compile(attr["chair"], _FILE, "attr.chair")
            self.bridges = rules.compile(attr["bridges"], _FILE, "attr.bridges")
            self.venue = rules.compile(attr["venue"], _FILE, "attr.venue")
            self.venue_before = rules.compile(attr["venue_before"], _FILE, "attr.venue_before")
            self.venue_before_place = rules.compile(
                attr["venue_before_place"], _FILE, "attr.venue_before_place"
            )
            self.place_prefix = rules.compile(attr["place_prefix"], _FILE, "attr.place_prefix")
            self.place_sep = rules.compile(attr["place_sep"], _FILE, "attr.place_sep")
            self.place_words = int(attr["place_words"])
        except KeyError as exc:
            raise RuleError(_FILE, "meeting", f"missing key {exc}") from None
        for kind, need in self.needs.items():
            if need not in _NEEDS:
                raise RuleError(_FILE, "meeting.needs", f"{kind}: {need!r} is not one of {_NEEDS}")
        for r in self.rules:
            if r.fields["head"] not in self.needs:
                raise RuleError(_FILE, r.id, f"head {r.fields['head']!r} has no entry in [meeting.needs]")
        self.rule_keys = {r.id: [" ".join(k.split()) for k in r.fields["keys"]] for r in self.rules}
        self.key_plan = _key_plan(sorted({k for keys in self.rule_keys.values() for k in keys}))
        self.cues = []
        for i, cue in enumerate(rules.data(_FILE, "cue")):
            what = f"cue[{i}]"
            if not isinstance(cue, dict) or not {"heads", "type", "pattern"} <= set(cue) <= {
                "heads",
                "type",
                "pattern",
                "before",
            }:
                raise RuleError(_FILE, what, "a cue needs heads, type and pattern (and may have before)")
            before = rules.compile(cue["before"], _FILE, what + ".before") if "before" in cue else None
            self.cues.append(
                (set(cue["heads"]), cue["type"], rules.compile(cue["pattern"], _FILE, what), before)
            )
        self.stop = _Phrases(rules.lexicon("mt_stop"))
        self.generic_after = _Phrases(rules.lexicon("mt_generic_after"))
        self.generic_before = _Phrases(rules.lexicon("mt_generic_before"))
        self.list_continue = _Phrases(rules.lexicon("mt_list_continue"))
        self.name_first = _Phrases(rules.lexicon("mt_name_first"))
        self.not_first = _Phrases(rules.lexicon("mt_not_first"))
        self.not_before = _Phrases(rules.lexicon("mt_not_before"))
        self.stop_capital = _Phrases(rules.lexicon("mt_stop_capital"))
        self.org_heads = _Phrases(rules.lexicon("mt_org_heads"))
        self.anaphora_after = _Phrases(rules.lexicon("mt_anaphora_after"))
        self.compounds = _Phrases(rules.lexicon("mt_compounds"))
        self.comma_bodies = _Phrases(rules.lexicon("mt_comma_bodies"))
        self.stop_after_ordinal = _Phrases(rules.lexicon("mt_stop_after_ordinal"))
        self.and_open = _Phrases(rules.lexicon("mt_and_open"))
        self.count_not_after = _words(rules.lexicon("mt_count_not_after"))
        self.after_ordinal = _words(rules.lexicon("mt_after_ordinal"))
        self.ordinal_syllables = _words(rules.lexicon("mt_ordinal_syllables"))
        self.classifiers = _words(rules.lexicon("mt_classifiers"))
        # "và" (value "and": two events may share one noun) and "hoặc" (value "or")
        self.conjunctions = {fold_key(k): v for k, v in rules.lexicon("mt_conjunctions").items()}
        self.trail_words = _words(rules.lexicon("mt_trail"))
        self.trail = _trail_pattern(self.trail_words)
        # how often the tagger was needed (read by tests and the throughput report)
        self.tagged = 0

    # -- the component ---------------------------------------------------------------------
    def __call__(self, doc: Document, ctx: Context) -> None:
        heads = self._heads(doc.norm)
        if not heads:
            return
        # the issuing date of a cited document ("Chỉ thị số 05-CT/TW ngày 15/5/2016") is not the
        # date of a meeting that names the document
        taken = doc.cache.get("issue_dates", set())
        dates = _DateIndex([d for d in ctx.found["dates"] if (d.start, d.end) not in taken])
        # a head inside a reference names the document, not a meeting ("Nghị quyết Hội nghị Trung
        # ương 4 khóa XII về ..."): the policy drops meetings inside references, but a meeting's
        # name may run past the reference's end, so such heads are left out here already
        refs = sorted((r.start, r.end) for r in ctx.found["references"])
        ref_starts = [r[0] for r in refs]
        ref_start_set = set(ref_starts)
        out: list[Found] = []
        prev_generic_end = -10  # end of the last phrase dropped as generic (for lists of kinds)
        i = 0
        while i < len(heads):
            h = heads[i]
            nxt = heads[i + 1].start if i + 1 < len(heads) else len(doc.norm)
            # a head right after this one classifies it ("Hội nghị giao ban"): absorb it
            j = i + 1
            while (
                j < len(heads)
                and not doc.norm[heads[j - 1].end : heads[j].start].strip()
                and (heads[j].kind != h.kind or h.kind == "sitting")
            ):
                j += 1
            absorbed_to = heads[j - 1].end
            nxt = heads[j].start if j < len(heads) else len(doc.norm)
            i = j
            k = bisect.bisect_right(ref_starts, h.start) - 1
            if k >= 0 and h.start < refs[k][1]:
                continue
            end, words = self._extent(doc, h, absorbed_to, nxt, dates, ref_start_set)
            if end is None:
                continue
            # a name that stops inside a reference runs through it ("hội nghị quán triệt Chỉ thị
            # số 05-CT/TW"): a span never cuts a document's symbol in two
            k = bisect.bisect_left(ref_starts, end) - 1
            if k >= 0 and refs[k][0] < end < refs[k][1]:
                end = refs[k][1]
            if self._anaphoric(doc, end):
                continue
            if self._generic(doc, h, end, words, prev_generic_end):
                prev_generic_end = end
                continue
            if not self._specific(doc, h, end, words, dates):
                # a bare head followed by ", hội thảo": the first of a list of kinds
                if self.list_next.match(doc.norm[end : end + 6]):
                    prev_generic_end = end
                continue
            for s, e in self._split(doc.norm, h.start, end):
                out.append(self._build(doc, h, s, e, dates))
        meetings = select(out)
        for k, m in enumerate(meetings):
            self._context_attributes(
                doc, m, meetings[k + 1].start if k + 1 < len(meetings) else len(doc.norm)
            )
        ctx.found["meetings"] = meetings

    def _heads(self, text: str) -> list[_Head]:
        cands = []
        low = text.lower()
        n = len(text)
        exact = len(low) == n  # lower() kept every offset (always so for Vietnamese)
        found = _key_hits(low, self.key_plan) if exact else {}
        for rule in self.rules:
            if exact:
                hits = sorted(i for key in self.rule_keys[rule.id] for i in found.get(key, ()))
                if not hits:
                    continue
                windows: list[list[int]] = []
                for i in hits:
                    lo, hi = max(0, i - _KEY_BEFORE), min(n, i + _KEY_AFTER)
                    if windows and lo <= windows[-1][1]:
                        windows[-1][1] = hi
                    else:
                        windows.append([lo, hi])
            else:
                windows = [[0, n]]
            seen = set()
            for lo, hi in windows:
                for m in rule.finditer(text, lo, hi):
                    if m.start() in seen:
                        continue
                    seen.add(m.start())
                    cands.append(
                        _Head(
                            m.start(),
                            m.end(),
                            rule.id,
                            rule.fields["head"],
                            rule.fields["type"],
                            rule.priority,
                        )
                    )
        # one head per position: the longest (the Lễ rule takes "Lễ kỷ niệm" whole)
        cands.sort(key=lambda h: (h.start, -(h.end - h.start)))
        heads: list[_Head] = []
        for h in cands:
            if heads and h.start < heads[-1].end:
                continue
            heads.append(h)
        return heads

    # -- the span --------------------------------------------------------------------------
    def _extent(
        self,
        doc: Document,
        h: _Head,
        pos: int,
        limit: int,
        dates: _DateIndex,
        ref_starts: frozenset | set = frozenset(),
    ) -> tuple[int | None, list[str]]:
        """Where the phrase headed by ``h`` ends, and its words after the head (lower case).

        ``None`` when the words after the head start a clause (an anaphoric "Hội nghị cho biết").
        """
        text = doc.norm
        qm = self.quoted.match(text, pos, min(limit, len(text)))
        if qm is not None:
            # a quoted title: the name is the head and the title
            title = [w.casefold() for w in _WORD.findall(text, pos, qm.end())]
            return qm.end(), title
        _, s_end = _sentence(doc, h.start)
        wend = min(limit, pos + self.window, max(s_end, pos))
        hs = self.hard_stop.search(text, pos, wend)
        # an abbreviation in parentheses before the ordinal or term goes on ("Hội nghị cấp cao Á -
        # Âu (ASEM) lần thứ 5", "Ban Chấp hành Trung ương Đảng (BCH TƯ) khóa XII")
        while hs is not None and (am := self.abbrev_on.match(text, hs.start(), wend)) is not None:
            hs = self.hard_stop.search(text, am.end(), wend)
        if hs is not None:
            wend = hs.start()
        toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, pos, wend)]
        words = [t[2].casefold() for t in toks]
        date_at = {d.start: d for d in dates.starting(pos, wend)}
        end = pos
        # the words of an absorbed head ("Hội nghị giao ban") already name the event
        taken: list[str] = [w.casefold() for w in _WORD.findall(text, h.end, pos)]
        k = 0
        count = len(taken)
        closed = False  # the name has passed its ordinal or term
        and_at = None  # where a "và" between two ordinals was passed (end, words taken)
        comma_at = None  # where a comma before the body of a sitting was passed (and its needs)
        capital_run = False  # the last words are a capitalised name ("Đảng bộ thành phố")
        and_open = False  # a word that joins two nouns with "và" was taken ("giữa", a topic's "về")
        while k < len(toks):
            s, e, w = toks[k]
            lw = words[k]
            d = date_at.get(s)
            if d is not None:
                if d.fields.get("grain") == "day":
                    break  # "phiên họp ngày 28/11/2025": the date is the meeting's, not its name
                end = max(end, d.end)
                while k < len(toks) and toks[k][0] < d.end:
                    taken.append(words[k])
                    k += 1
                continue
            if w == "," or lw in self.conjunctions:
                if k + 1 < len(toks) and self.list_continue.at(words, k + 1) and self._list_before(words, k):
                    taken.append(lw)
                    k += 1
                    continue
                body = (
                    self.comma_bodies.match(words, k + 1)
                    if w == "," and comma_at is None and k + 1 < len(toks) and toks[k + 1][2][0].isupper()
                    else (0, None)
                )
                if body[0] and self.comma_body_after.match(text[pos:end]):
                    # the body a numbered sitting belongs to: "Kỳ họp thứ 9, Quốc hội khóa XV",
                    # "Hội nghị lần thứ năm, Ban Chấp hành Trung ương Đảng"
                    comma_at = (end, len(taken), body[1] == "term")
                    taken.append(w)
                    k += 1
                    closed = capital_run = False
                    continue
                if self.conjunctions.get(lw) == "and" and self._ends_with_ordinal(text[h.start : end]):
                    # perhaps a second event sharing the noun: its name starts afresh
                    and_at = (end, len(taken))
                    taken.append(lw)
                    k += 1
                    closed = capital_run = False
                    continue
                if self.conjunctions.get(lw) == "and" and self._and_joins(
                    text, toks, words, k, wend, and_open
                ):
                    # "và" inside the name: "giữa Chính phủ Việt Nam và Chính phủ Lào", "Hội nghị
                    # Thủ tướng và doanh nghiệp lần thứ nhất", "Nhóm các nền kinh tế phát triển và
                    # mới nổi hàng đầu thế giới (G20)"
                    taken.append(lw)
                    k += 1
                    capital_run = False
                    continue
                break
            if w == "(":
                am = self.abbrev_on.match(text, s, wend)
                if am is not None:
                    # "(ASEM) lần thứ 5": the abbreviation is passed, the name goes on
                    while k < len(toks) and toks[k][0] < am.end():
                        taken.append(words[k])
                        k += 1
                    continue
                break
            if w == "-":
                # "nhiệm kỳ 2020 - 2025" goes on; a dash between words ends the name
                if taken and taken[-1].isdigit() and k + 1 < len(toks) and words[k + 1].isdigit():
                    taken.append(w)
                    k += 1
                    continue
                # between two names it joins them: "Việt Nam - Lào", "châu Á-Thái Bình Dương"
                if capital_run and k + 1 < len(toks) and toks[k + 1][2][0].isupper():
                    taken.append(w)
                    k += 1
                    continue
                break
            if not (w[0].isalnum()):
                break
            if self._stops_name(words, k, w, 0):
                break
            if closed and self.stop_after_ordinal.at(words, k):
                break  # "tại Kỳ họp thứ 3 về việc ...": what was done there, not its name
            if (
                closed
                and not capital_run
                and not w[0].isupper()
                and not w[0].isdigit()
                and lw not in self.after_ordinal
            ):
                break
            if (
                count == 0
                and self._needs(h) == "name"
                and not self._starts_name(doc, h, toks, words, ref_starts)
            ):
                return None, []
            taken.append(lw)
            end = e
            count += 1
            k += 1
            if self._is_ordinal_word(w):
                capital_run = False
            elif w[0].isupper():
                capital_run = True
            if lw == "về":
                closed = capital_run = False  # a topic follows: "Hội nghị Trung ương 5 khóa XII về ..."
            elif not closed and (
                w[0].isdigit() or _ROMAN.fullmatch(w) or lw in self.ordinal_syllables or lw[0] in "("
            ):
                closed = self._ordinal_at_end(text[h.start : end])
            if self.and_open.at(words, k - 1):
                and_open = True
            if count >= self.max_words:
                break
        # "... lần thứ VI và" went on for a second event; without one, the name ends before "và"
        if and_at is not None and self.pair.match(text[h.start : end]) is None:
            end, n_taken = and_at
            taken = taken[:n_taken]
        # ", Quốc hội" without its term is the subject of the clause ("tại Kỳ họp thứ 5, Quốc hội
        # xem xét ..."), not the name's
        if comma_at is not None and comma_at[2] and end > comma_at[0]:
            if not self.comma_body_term.search(
                text, comma_at[0], min(len(text), end + self.comma_term_reach)
            ):
                end, n_taken, _ = comma_at
                taken = taken[:n_taken]
        # a phrase never ends on "và", a comma or a dash
        end = max(end, h.end)
        while taken and taken[-1] in self.trail_words:
            taken.pop()
        trail = self.trail.search(text[h.start : end])
        if trail:
            end = h.start + trail.start()
        return end, taken

    def _and_joins(self, text: str, toks: list, words: list[str], k: int, wend: int, and_open: bool) -> bool:
        """Does the "và" at ``toks[k]`` join two parts of one name (True) or end it (False)?

        The words after it must run on as a name (no word that ends one, no punctuation), and
        either a word before it asks for a second noun (``mt_and_open``: "giữa", a topic's "về"),
        or the run reaches what closes a name: an ordinal or a year ([meeting] and_reach: "Thủ tướng
        và doanh nghiệp lần thứ nhất") or an abbreviation in parentheses ([meeting] abbrev:
        "... phát triển và mới nổi hàng đầu thế giới (G20)").
        """
        j = k + 1
        while j < len(toks):
            w = toks[j][2]
            if not w[0].isalnum():
                break
            if self._stops_name(words, j, w, k + 1):  # ("và sáng tạo" goes on)
                break
            j += 1
        if j == k + 1:
            return False  # "và" before a clause verb, punctuation or another head
        if and_open:
            return True
        run_end = toks[j - 1][1]
        if self.and_reach.search(text, toks[k + 1][0], run_end):
            return True
        return j == len(toks) and self.abbrev.match(text, wend) is not None

    def _stop_word(self, words: list[str], k: int, word: str) -> bool:
        """Whether ``words[k]`` (written ``word``) is a word that ends a name: of mt_stop, or of
        mt_stop_capital when capitalised ("Lễ trao Quyết định" goes on, "Dù vậy" ends)."""
        return (self.stop_capital if word[0].isupper() else self.stop).at(words, k) > 0

    def _stops_name(self, words: list[str], k: int, word: str, first: int) -> bool:
        """``_stop_word``, unless the word is part of a compound (mt_compounds): a two-syllable word
        one of whose syllables ends a name ("trù bị", "bàn tròn"; its second syllable only after
        ``first``), or a phrase that starts with one ("ngày thành lập")."""
        compound = (k > first and self.compounds.at(words, k - 1) == 2) or self.compounds.at(words, k) >= 2
        return not compound and self._stop_word(words, k, word)

    def _needs(self, h: _Head) -> str:
        return self.needs[h.kind]

    def _starts_name(
        self, doc: Document, h: _Head, toks: list, words: list[str], ref_starts: frozenset | set = frozenset()
    ) -> bool:
        """Does the first word after the head start a name (True) or a clause (False)?"""
        w = toks[0][2]
        # a document named right after a bare head is the object of the clause ("công bố với doanh
        # nghiệp tại Hội nghị Chỉ thị số 20 về ..."); a name has its verb first ("quán triệt Chỉ thị")
        if toks[0][0] in ref_starts:
            return False
        if self.not_first.at(words, 0):
            return False
        if w[0].isupper() or w[0].isdigit() or self.name_first.at(words, 0):
            return True
        tail = doc.norm[toks[0][0] : toks[min(len(toks), 3) - 1][1]]
        if any(h.kind in heads and pat.match(tail) for heads, _, pat, _ in self.cues):
            return True
        # an ordinal or term further on names the event ("hội thảo hợp tác phát triển ICT lần thứ IX")
        run_end = toks[-1][1]
        for k in range(1, len(toks)):
            if self.stop.at(words, k) or not toks[k][2][0].isalnum():
                run_end = toks[k][0]
                break
        if self.ordinal.search(doc.norm[toks[0][0] : run_end]) or self.term.search(
            doc.norm, toks[0][0], run_end
        ):
            return True
        if not self.pos_fallback:
            return True
        # no cheap cue: tag the head and the few words after it
        self.tagged += 1
        tagged = doc.pos_tags(h.start, toks[min(len(toks), 4) - 1][1])
        after = [t for t in tagged if t.start >= toks[0][0]]
        return not after or (after[0].pos or "N") not in _CLAUSE_TAGS

    def _list_before(self, words: list[str], k: int) -> bool:
        """Does a word of a "nghiên cứu, học tập, quán triệt" list end just before ``words[k]``?"""
        for j in range(max(0, k - 3), k):
            n = self.list_continue.at(words, j)
            if n and j + n == k:
                return True
        return False

    @staticmethod
    def _is_ordinal_word(w: str) -> bool:
        return _ROMAN_OR_DIGITS.fullmatch(w) is not None

    def _ordinal_at_end(self, phrase: str) -> bool:
        """The phrase ends with its ordinal or term ("... lần thứ XIII", "... khóa XII")."""
        ends = [x.end() for x in self.ordinal.finditer(phrase)] + [
            x.end() for x in self.term.finditer(phrase)
        ]
        last = max(ends, default=-1)
        return last == len(phrase.rstrip())

    def _ends_with_ordinal(self, phrase: str) -> bool:
        return self.ends_ordinal.search(phrase) is not None

    # -- generic and specific ----------------------------------------------------------------
    def _generic(self, doc: Document, h: _Head, end: int, words: list[str], prev_generic_end: int) -> bool:
        text = doc.norm
        cased = None
        for k in range(len(words)):
            n = self.generic_after.at(words, k)
            if not n:
                continue
            # "cơ sở" before a name is one body ("công đoàn cơ sở Công ty X"), not every one
            if cased is None:
                cased = _WORD.findall(text, h.end, end)
            if not (len(cased) == len(words) and k + n < len(cased) and _capitalised(cased[k + n])):
                return True
        # the words before the head: "các hội nghị", "03 hội nghị", "các buổi toạ đàm"
        s_start, _ = _sentence(doc, h.start)
        before = _WORD.findall(text, max(s_start, h.start - 40), h.start)
        before = [w.casefold() for w in before]
        for n in (2, 1):
            if len(before) >= n and self.not_before.at(before[-n:], 0) == n:
                return True
        for skip in (0, 1):
            if len(before) <= skip:
                break
            idx = len(before) - 1 - skip
            if skip == 1 and before[-1] not in self.classifiers:
                break
            w = before[idx]
            # a number after "số" or "thứ" names or ranks ("Thông cáo số 18 kỳ họp thứ 3",
            # "Ngày làm việc thứ hai Hội nghị ..."), it does not count
            for n in (2, 1):
                lo = idx - n + 1
                if lo < 0 or (lo > 0 and before[lo - 1] in self.count_not_after):
                    continue
                if n == 1 and w.isdigit() and int(w) > 1:
                    return True
                if self.generic_before.at(before[lo : idx + 1], 0) == n:
                    return True
        # the second and later members of a list of kinds: "các hội nghị tập huấn, hội thảo, tọa đàm"
        between = text[prev_generic_end : h.start]
        return prev_generic_end >= 0 and self.list_between.fullmatch(between) is not None

    def _anaphoric(self, doc: Document, end: int) -> bool:
        """A demonstrative right after the name ("hội nghị trực tuyến này") points back."""
        after = [w.casefold() for w in _WORD.findall(doc.norm, end, min(len(doc.norm), end + 20))]
        return bool(after) and self.anaphora_after.at(after, 0) > 0

    def _specific(self, doc: Document, h: _Head, end: int, words: list[str], dates: _DateIndex) -> bool:
        need = self._needs(h)
        phrase = doc.norm[h.start : end]
        if need == "none":
            return True
        if need == "any":
            return bool(words)
        if need == "name":
            # a bare number is a list label ("Hội nghị 1: gồm các tỉnh ..."), not a name
            return bool(words) and not (len(words) == 1 and words[0].isdigit())
        if need == "ordinal":
            return (
                self._ordinal(phrase) is not None
                or self.term.search(phrase) is not None
                or self.congress_named.match(phrase) is not None
            )
        # a sitting: an ordinal, a kind word, or a date right after it
        if self._ordinal(phrase) is not None or self.sitting_kind.search(phrase):
            return True
        if self._date_after(doc, end, dates) is not None:
            return True
        return self.sitting_date.match(doc.norm[end : end + 40]) is not None

    # -- splitting and building --------------------------------------------------------------
    def _split(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        m = self.pair.match(text[start:end])
        if m is None:
            return [(start, end)]
        return [(start, start + m.end("first")), (start + m.start("second"), end)]

    def _ordinal_raw(self, phrase: str) -> str | None:
        m = self.ordinal.search(phrase)
        return (m.group("ord") or m.group("ord2") or m.group("ord3")) if m else None

    def _ordinal(self, phrase: str) -> str | None:
        """The ordinal of a phrase: roman numerals as written ("XIII"), words as digits ("5")."""
        raw = self._ordinal_raw(phrase)
        if raw is None:
            return None
        return raw if _ROMAN.fullmatch(raw) else ordinal_value(raw, self.ordinal_words)

    def _classify(self, doc: Document, h: _Head, phrase: str) -> str:
        """The type of the phrase headed by ``h``: the first cue that matches, else the head's type.

        The ceremony or sitting that opens or closes another event has that event's type ("Lễ khai
        mạc Hội nghị ...", "phiên bế mạc Hội nghị Trung ương 5"): the phrase is read from the inner
        head. A cue with ``before`` also needs the text before the head in its sentence to match
        ("Ban Chấp hành Trung ương Đảng khóa IX đã họp Hội nghị lần thứ 14").
        """
        if h.kind in self.opening_heads:
            om = self.opening.match(phrase)
            if om:
                inner = self._heads(phrase[om.end() :])
                if inner and inner[0].start == 0:
                    i = inner[0]
                    shift = h.start + om.end()
                    i = _Head(i.start + shift, i.end + shift, i.rule, i.kind, i.type, i.priority)
                    return self._classify(doc, i, phrase[om.end() :])
        before_text = None
        for heads, t, pat, before in self.cues:
            if h.kind not in heads or not pat.search(phrase):
                continue
            if before is not None:
                if before_text is None:
                    s_start, _ = _sentence(doc, h.start)
                    before_text = doc.norm[max(s_start, h.start - self.before_reach) : h.start]
                if not before.search(before_text):
                    continue
            return t
        return h.type

    def _build(self, doc: Document, h: _Head, start: int, end: int, dates: _DateIndex) -> Found:
        text = doc.norm
        phrase_start = h.start
        phrase = text[phrase_start:end]
        mtype = self._classify(doc, h, phrase)
        own = text[start:end]
        # the second of a pair ("Trung ương 6") has no head of its own: read it with the head's
        ordinal = self._ordinal(own if start == h.start else text[h.start : h.end] + " " + own)
        term = None
        _, s_end = _sentence(doc, h.start)
        for lo, hi in ((start, end), (end, min(s_end, end + 40))):
            tm = self.term.search(text, lo, hi)
            if tm:
                term = tm.group("term")
                break
        if term is None:
            am = self.term_arabic.search(text, start, min(s_end, end + 40))
            if am is not None and am.start() <= end:
                term = as_roman(am.group("term"))
        if term is None and mtype not in self.term_before_skip:
            s_start, _ = _sentence(doc, h.start)
            before = list(self.term.finditer(text, max(s_start, h.start - 60), h.start))
            if before:
                term = before[-1].group("term")
        date, period = self._dates(doc, h, start, end, mtype, dates)
        return Found(
            start,
            end,
            h.rule,
            {
                "type": mtype,
                "format": None,
                "ordinal": ordinal,
                "term": term,
                "date": date,
                "organizer": None,
                "chair": None,
                "locations": [],
                "period": period,
            },
            h.priority,
        )

    # -- dates -----------------------------------------------------------------------------
    def _date_after(self, doc: Document, end: int, dates: _DateIndex) -> Found | None:
        m = self.date_gap.match(doc.norm, end)
        pos = m.end() if m else end
        for d in dates.starting(end, pos + 1):
            return d if d.fields.get("grain") == "day" else None
        return None

    def _dates(
        self, doc: Document, h: _Head, start: int, end: int, mtype: str, dates: _DateIndex
    ) -> tuple[Found | None, Found | None]:
        """The meeting's date and the period it reviews, from the dates already found.

        The date (a day, or a month: ``[meeting] date_grains``) is, in this order:

        - a day date inside the phrase or right after it ("phiên họp ngày 28/11/2025");
        - the first date after the phrase in its sentence when the words between say the meeting
          is held then (``held_link``: "Kỳ họp ... diễn ra từ ngày 7 tới 8/2", "Hội nghị ... (EU)
          hôm nay (22/6)", "Hội thảo ..., do Viện ... tổ chức ngày 23/5");
        - a date opening the sentence ("Chiều 19/7, ... tổ chức Hội nghị ..."), or opening a clause
          of it before the meeting ("Theo phóng viên ..., chiều 4/7, cuộc Đối thoại ...": the last
          date before the head, between commas).

        A date before the meeting is not its own when another head, or a word of another event
        (``date_not_between``: a trip, a press briefing, a decision), stands between them. The
        period: a month, quarter, half or year inside a review's phrase.
        """
        date = None
        period = None
        for d in dates.overlapping(start, end):
            if d.fields.get("grain") == "day":
                date = date or d
            elif d.fields.get("grain") in self.period_grains and mtype in self.period_types:
                period = period or d
        if date is None:
            date = self._date_after(doc, end, dates)
        if date is None:
            date = self._date_held(doc, h, end, dates)
        if date is None:
            date = self._date_before(doc, h, dates)
        return date, period

    def _date_held(self, doc: Document, h: _Head, end: int, dates: _DateIndex) -> Found | None:
        """The first date after the phrase, where the words between say the meeting is held then."""
        _, s_end = _sentence(doc, h.start)
        for d in dates.starting(end, min(s_end, end + self.held_reach)):
            if not self._own_grain(doc, d):
                return None
            gap = doc.norm[end : d.start]
            if self.held_link.match(gap) and self._nothing_between(gap):
                return d
            return None
        return None

    def _own_grain(self, doc: Document, d: Found) -> bool:
        """Whether a date can be a meeting's own: a day or a month, not a long range nor half of one."""
        f = d.fields
        if f.get("grain") not in self.date_grains or self.range_on.match(doc.norm, d.end):
            return False
        lo, hi = f.get("start"), f.get("end")
        if lo and hi and lo != hi:
            try:
                return (_iso(hi) - _iso(lo)).days <= self.max_days
            except ValueError:
                return False
        value = f.get("value") or ""
        # a year-less range ("XXXX-06-04/XXXX-06-08"): its months tell how long it is at most
        if "/" in value:
            a, _, b = value.partition("/")
            return a[5:7] == b[5:7] or (
                a[5:7].isdigit() and b[5:7].isdigit() and int(b[5:7]) - int(a[5:7]) == 1
            )
        return True

    def _date_before(self, doc: Document, h: _Head, dates: _DateIndex) -> Found | None:
        """A date that opens the meeting's sentence, or a clause of it before the meeting."""
        text = doc.norm
        s_start, _ = _sentence(doc, h.start)
        lead = _LEAD.match(text[s_start : s_start + 8])
        first = s_start + (lead.end() if lead else 0)
        # a part of day the dates list may leave out: "Sáng 12/01/2024, ..."
        tm = self.part_of_day.match(text, first)
        for d in dates.starting(first, min(h.start, (tm.end() if tm else first) + 3)):
            if self._own_grain(doc, d) and self._date_reaches(text, d, h):
                return d
            break
        before = dates.starting(max(first, h.start - self.date_before_reach), h.start)
        if before:
            d = before[-1]
            if (
                d.start > first + 3
                and self._own_grain(doc, d)
                and self.clause_before.match(text[first : d.start])
                and self.clause_after.match(text[d.end : d.end + 40])
                and self.clause_link.search(text[d.end : h.start])
                and self._date_reaches(text, d, h)
            ):
                return d
        return None

    def _date_reaches(self, text: str, d: Found, h: _Head) -> bool:
        """Whether a date before the head may be the meeting's: nothing of another event between."""
        between = text[d.end : h.start]
        return len(between) < self.date_before_reach and self._nothing_between(between)

    def _nothing_between(self, between: str) -> bool:
        """Whether the words between a date and a meeting hold no other head and no word of
        another event (``date_not_between``)."""
        return not self._heads(between) and not self.date_not_between.search(between)

    # -- attributes read around the meeting ----------------------------------------------------
    def _context_attributes(self, doc: Document, m: Found, stop: int) -> None:
        """Format, organizer, chair and locations, read up to ``stop`` (the next meeting)."""
        text = doc.norm
        f = m.fields
        s_start, s_end = _sentence(doc, m.start)
        # the scopes looked at in order: the phrase, the rest of its sentence, the next sentences
        sent_rest_end = min(s_end, stop)
        reach_end = min(stop, len(text), m.end + self.format_reach)
        if reach_end < sent_rest_end:
            reach_end = sent_rest_end
        scopes = [(m.start, m.end), (m.end, sent_rest_end), (sent_rest_end, reach_end)]
        for i, (lo, hi) in enumerate(scopes):
            if hi <= lo:
                continue
            found = None
            for name, pat in self.formats:
                if i < 2:
                    if pat.search(text, lo, hi):
                        found = name
                        break
                    continue
                # a later sentence: only one that speaks of a meeting
                for fm in pat.finditer(text, lo, hi):
                    fs, fe = _sentence(doc, fm.start())
                    if self.later_cue.search(text, max(fs, lo), min(fe, hi)):
                        found = name
                        break
                if found:
                    break
            if found:
                f["format"] = found
                break
        # organizer: just before the head in its sentence, or "do X tổ chức" right after
        b_start = max(s_start, m.start - 250)
        before = text[b_start : m.start]
        om = None
        if self.org_verb.search(before[-40:]):
            # the first place a body's name can start ("Chiều 11/3, Văn phòng Chủ tịch nước tổ chức")
            om = next(
                (
                    o
                    for o in self.org_before.finditer(before, overlapped=True)
                    if self._org_head(o.group("org"))
                ),
                None,
            )
        if om:
            org_s = b_start + om.start("org")
            org_e = b_start + om.end("org")
            f["organizer"] = " ".join(doc.raw_text(org_s, org_e).split()) or None
        else:
            om = self.org_after.match(text[m.end : sent_rest_end])
            if om and self._org_head(om.group("org")):
                org_s, org_e = m.end + om.start("org"), m.end + om.end("org")
                f["organizer"] = " ".join(doc.raw_text(org_s, org_e).split())
        # chair: in its sentence or the next ones, before another meeting
        cm = self.chair.search(text, s_start, reach_end)
        if cm:
            f["chair"] = " ".join(doc.raw_text(cm.start("chair"), cm.end("chair")).split())
        # locations: bridge points, else a venue right after the phrase
        places: list[str] = []
        for bm in self.bridges.finditer(text, m.end, reach_end):
            for place in self._places(doc, bm.end(), reach_end, many=True):
                if place not in places:
                    places.append(place)
        if not places:
            vm = self.venue.match(text[m.end : sent_rest_end])
            if vm:
                places = self._places(doc, m.end + vm.end(), sent_rest_end, many=False)
        if not places:
            places = self._venue_before(doc, m, s_start)
        f["locations"] = places

    def _venue_before(self, doc: Document, m: Found, s_start: int) -> list[str]:
        """A venue that opens the meeting's sentence as a clause ("Sáng 20/5, tại Nhà hát Lớn, Bộ
        ... tổ chức Lễ ..."), when the rest of the clause holds or attends the meeting."""
        text = doc.norm
        vm = self.venue_before.match(text, s_start, m.start)
        if vm is None:
            return []
        pm = self.venue_before_place.match(text, vm.end(), m.start)
        if pm is None:
            return []
        link = text[pm.end() - 1 : m.start]  # from the comma after the place to the head
        # the "place" may be another meeting ("Tại Kỳ họp thứ 6, Quốc hội ...; ... tại Kỳ họp thứ 9")
        if self._heads(text[vm.end() : pm.end()]):
            return []
        # nor a clause ("tại Ngày thơ Việt Nam tổ chức tại Văn Miếu, ..."): no lower-case word that
        # ends a name before the comma
        toks = _WORD.findall(text, vm.end(), pm.end() - 1)
        words = [w.casefold() for w in toks]
        if any(not w[0].isupper() and self.stop.at(words, k) for k, w in enumerate(toks)):
            return []
        if (
            len(link) > self.date_before_reach
            or ";" in link
            or not self.clause_link.search(link)
            or not self._nothing_between(link)
        ):
            return []
        return self._places(doc, vm.end(), pm.end() - 1, many=False)

    def _org_head(self, org: str) -> bool:
        """Does ``org`` start with a word that names a body (lexicon ``mt_org_heads``)?"""
        words = [w.casefold() for w in _WORD.findall(org, 0, 60)]
        return bool(words) and self.org_heads.at(words, 0) > 0

    def _places(self, doc: Document, pos: int, limit: int, many: bool) -> list[str]:
        """Place names from ``pos``: each starts with a capital (or "thành phố", "tỉnh" ...) and runs
        until punctuation or a word that ends a name; ``many`` reads a list ("Hà Nội, Đà Nẵng và ...").
        The leading count of a list ("3 điểm cầu:") is skipped by the caller's pattern."""
        text = doc.norm
        out: list[str] = []
        while pos < limit:
            m = _SPACES.match(text, pos)
            pos = m.end()
            pm = self.place_prefix.match(text, pos, limit)
            start = pos
            if pm:
                pos = pm.end()
            toks = [(t.start(), t.end(), t.group()) for t in _WORD.finditer(text, pos, limit)]
            if not toks or not toks[0][2][0].isupper():
                break
            words = [t[2].casefold() for t in toks]
            end = None
            for k, (_, te, w) in enumerate(toks):
                # a capitalised word ends a place only as a stop word that does so capitalised too
                # ("Nhà hát Lớn")
                if not w[0].isalnum() or k >= self.place_words or (k > 0 and self._stop_word(words, k, w)):
                    break
                if k > 0 and words[k] in self.conjunctions:
                    break
                end = te
            if end is None:
                break
            out.append(" ".join(doc.raw_text(start, end).split()))
            pos = end
            if not many:
                break
            sep = self.place_sep.match(text, pos, limit)
            if sep is None:
                break
            pos = sep.end()
        return out


def _capitalised(w: str) -> bool:
    """A capitalised word ("Công"), not one of an all-capitals line ("NHIỆM")."""
    return w[0].isupper() and not (len(w) > 1 and w.isupper())


def _words(lex: dict) -> frozenset[str]:
    """The words of a lexicon in lookup form."""
    return frozenset(fold_key(k) for k in lex)


def _trail_pattern(words: frozenset[str]) -> regex.Pattern:
    """What a name never ends with ("và", "về", a comma ...): a run of those words at its end."""
    alts = []
    for w in sorted(words, key=lambda x: (-len(x), x)):
        e = r"\s+".join(regex.escape(p) for p in w.split())
        # a word must stand alone ("về", not the end of "Huế về"... nor of "nhiều")
        alts.append(r"(?<![\p{L}\p{M}\d])" + e if w[0].isalnum() else e)
    return regex.compile(r"(?i:(?:\s*(?:" + "|".join(alts) + r"))+)$")


def _iso(s: str) -> datetime.date:
    return datetime.date.fromisoformat(s[:10])


def _sentence(doc: Document, p: int) -> tuple[int, int]:
    """The sentence around ``p`` (norm offsets), found locally.

    ``Document.sentence_at`` splits the whole text on first use; a meeting needs only the sentence
    it is in, and most documents have few meetings, so only a window around ``p`` is searched
    (cached per document).
    """
    by_pos = doc.cache.setdefault("meetings.sentence_at", {})
    hit = by_pos.get(p)
    if hit is not None:
        return hit
    spans = doc.cache.setdefault("meetings.sentences", [])
    for s, e in spans[-4:]:  # meetings are read in order: the sentence is one of the last found
        if s <= p < e:
            by_pos[p] = (s, e)
            return s, e
    text = doc.norm
    lo, hi = max(0, p - _SENTENCE_REACH), min(len(text), p + _SENTENCE_REACH)
    start, end = lo, hi
    for m in _SENTENCE_BREAK.finditer(text, lo, hi):
        b_start = m.end("mark") if m.group("mark") else m.start()
        if m.end() <= p:
            start = m.end()
        elif b_start > p:
            end = b_start
            break
        else:
            # p inside a break (spaces between sentences): the next sentence starts after it
            start = m.end()
    # a sentence cut by the window is only good for p: reused for a later position it would end
    # that one's name in the middle of a word
    if (start > lo or lo == 0) and (end < hi or hi == len(text)):
        spans.append((start, end))
    by_pos[p] = (start, end)
    return start, end


def _key_plan(keys: list[str]) -> list[tuple[str, list[tuple[str, list[str], int, str, str]]]]:
    """How ``_key_hits`` looks for keys: each by the word it shares with most other keys ("hội" for
    "hội nghị", "đại hội", "hội thảo"), so that keys share their searches; the other words are
    checked in place (``before`` / ``after``: the usual single-spaced text around the anchor)."""
    split = {key: key.split() for key in keys}
    share: dict[str, int] = {}
    for words in split.values():
        for w in set(words):
            share[w] = share.get(w, 0) + 1
    plan: dict[str, list[tuple[str, list[str], int, str, str]]] = {}
    for key, words in split.items():
        a = max(range(len(words)), key=lambda i: (share[words[i]], len(words[i]), -i))
        before = (" ".join(words[:a]) + " ") if a else ""
        after = (" " + " ".join(words[a + 1 :])) if a + 1 < len(words) else ""
        plan.setdefault(words[a], []).append((key, words, a, before, after))
    return list(plan.items())


def _key_hits(low: str, plan: list) -> dict[str, list[int]]:
    """Where each key of a ``_key_plan`` starts in a lower-cased text, any white space between its
    words. Every search is one ``str.find`` pass over the text, far cheaper than a regex scan."""
    out: dict[str, list[int]] = {}
    for anchor, entries in plan:
        n_a = len(anchor)
        i = low.find(anchor)
        while i >= 0:
            j = i + n_a
            for key, words, a, before, after in entries:
                if (not after or low.startswith(after, j)) and (not before or low.endswith(before, 0, i)):
                    out.setdefault(key, []).append(i - len(before))
                    continue
                # other white space (a line break, two spaces) between the words: the slow check
                if after and (
                    not low[j : j + 1].isspace() or (low[j] == " " and not low[j + 1 : j + 2].isspace())
                ):
                    continue
                if before and (
                    not low[i - 1 : i].isspace() or (low[i - 1] == " " and not low[i - 2 : i - 1].isspace())
                ):
                    continue
                start = _words_before(low, i, words[:a])
                if start is not None and _words_after(low, j, words[a + 1 :]):
                    out.setdefault(key, []).append(start)
            i = low.find(anchor, j)
    return out


def _words_after(low: str, j: int, words: list[str]) -> bool:
    n = len(low)
    for w in words:
        if low.startswith(w, j + 1) and low[j : j + 1] == " ":
            j += 1 + len(w)  # the usual single space
            continue
        k = j
        while k < n and low[k].isspace():
            k += 1
        if k == j or not low.startswith(w, k):
            return False
        j = k + len(w)
    return True


def _words_before(low: str, i: int, words: list[str]) -> int | None:
    """Where ``words`` start when they end, white space apart, just before ``low[i]``."""
    for w in reversed(words):
        k = i
        while k > 0 and low[k - 1].isspace():
            k -= 1
        if k == i or not low.startswith(w, k - len(w)) or k - len(w) < 0:
            return None
        i = k - len(w)
    return i
