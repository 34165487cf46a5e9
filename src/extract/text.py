"""The Document: decoded text, its normalised matching copy, the offset map, sentences, tokens.

Nothing else in the package normalises or tokenises. Rules match the normalised copy
(``Document.norm``); every position found there is mapped back to the decoded text
(``Document.raw``) with ``raw_span`` before it becomes a mention, so ``raw[start:end]`` is the
mention's text whatever the normalisation did (NFC composition, dashes, spaces, zero-width
characters removed, tone placement).

Tokenisation (underthesea) is the expensive step: ``tokens(start, end)`` tokenises only the
window asked for, caches it per sentence, and returns tokens with offsets into the normalised copy.
"""

from __future__ import annotations

import bisect
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import alternation
from .paths import rules_dir

# Sentence ends: terminal punctuation (with any closing quotes or brackets, which stay in the
# sentence) followed by space and an upper-case letter, digit or quote; or a line break. The
# pattern starts with a character class so the scan is cheap. Positions are in the normalised copy.
_SENTENCE_BREAK = regex.compile(r"[.!?…][\"”'’)\]]*[ \t]+(?=[\p{Lu}\d\"“'‘(\[-])|[\r\n]\s*")
# how far before a position Document.sentence_at looks for the start of its sentence, and how many
# positions of one document it answers so before it splits the whole text
_NEAR_BACK = 400
_NEAR_CALLS = 32


def _sentence_end(text: str, m: regex.Match, start: int) -> int:
    """Where the sentence that the break ``m`` ends stops (terminal mark and quotes kept, the
    spaces before a line break dropped, never before ``start``)."""
    brk = m.group()
    if brk[0] in "\r\n":
        end = m.start()
        while end > start and text[end - 1] in " \t":
            end -= 1
        return end
    return m.start() + len(brk.rstrip(" \t"))


@dataclass(frozen=True, slots=True)
class Token:
    """A word token (syllables joined by underthesea) with offsets into ``Document.norm``."""

    text: str
    start: int
    end: int
    pos: str | None = None


@dataclass(frozen=True, slots=True)
class _Edit:
    raw_start: int
    raw_end: int
    norm_start: int
    norm_end: int


class _Normaliser:
    """Builds the normalised copy and its offset map from the data in rules/normalize.toml."""

    def __init__(self) -> None:
        path = rules_dir() / "normalize.toml"
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        classes = data["classes"]
        self.replace: dict[str, str] = {}
        for ch in classes["dashes"]:
            self.replace[ch] = "-"
        for ch in classes["spaces"]:
            self.replace[ch] = " "
        for ch in classes["remove"]:
            self.replace[ch] = ""
        for src, dst in data.get("replace", {}).items():
            if len(src) != 1 or len(dst) != 1:
                raise ValueError(f"{path}: replace {src!r} -> {dst!r} must map one character to one")
            self.replace[src] = dst
        self.tones: dict[str, str] = dict(data.get("tone_placement", {}))
        for src, dst in self.tones.items():
            if len(src) != len(dst):
                raise ValueError(f"{path}: tone_placement {src!r} -> {dst!r} must keep the length")
        self.replace.update(self.tones)
        # line ends: CRLF and a lone CR both match as "\n", so no rule sees the difference
        self.replace["\r\n"] = "\n"
        self.replace["\r"] = "\n"
        chars = "".join(regex.escape(c) for c in self.replace if len(c) == 1)
        parts = ["\r\n?"]
        parts += [f"[{chars}]"] if chars else []
        # (a trie: the same matches as the longest-first alternation, a quarter faster to scan)
        tone_alt = alternation.trie(list(self.tones)) if self.tones else ""
        if tone_alt:
            parts.append(rf"(?<![qQ])(?:{tone_alt})(?!\p{{L}}|\p{{M}})")
        self.pattern = regex.compile("|".join(parts) or r"(?!)")
        self.combining = regex.compile(r"\p{M}")
        self.marks = regex.compile(r"\p{M}+")

    def normalise(self, raw: str) -> tuple[str, _OffsetMap]:
        if self.combining.search(raw):
            return self._slow(raw)
        out: list[str] = []
        edits: list[_Edit] = []
        last = 0
        norm_len = 0
        for m in self.pattern.finditer(raw):
            seg = m.group()
            repl = self.replace[seg]
            out.append(raw[last : m.start()])
            norm_len += m.start() - last
            edits.append(_Edit(m.start(), m.end(), norm_len, norm_len + len(repl)))
            out.append(repl)
            norm_len += len(repl)
            last = m.end()
        if not edits:
            return raw, _OffsetMap(edits)
        out.append(raw[last:])
        return "".join(out), _OffsetMap(edits)

    def _slow(self, raw: str) -> tuple[str, _OffsetMap]:
        """Decomposed (NFD) input: compose cluster by cluster with a per-character map."""
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        done = 0
        n = len(raw)
        # only the clusters around marks need composing: the text between them is copied whole,
        # each character mapped to itself (a run of marks belongs to the character before it)
        for run in self.marks.finditer(raw):
            i = max(run.start() - 1, done)
            if i > done:
                chars.append(raw[done:i])
                starts.extend(range(done, i))
                ends.extend(range(done + 1, i + 1))
            stop = run.end()
            while i < stop:
                j = i + 1
                while j < n and unicodedata.combining(raw[j]):
                    j += 1
                composed = unicodedata.normalize("NFC", raw[i:j]) if j > i + 1 else raw[i]
                chars.append(composed)
                starts.extend([i] * len(composed))
                ends.extend([j] * len(composed))
                i = j
            done = i
        if done < n:
            chars.append(raw[done:])
            starts.extend(range(done, n))
            ends.extend(range(done + 1, n + 1))
        mid = "".join(chars)
        out_chars: list[str] = []
        out_starts: list[int] = []
        out_ends: list[int] = []
        last = 0
        for m in self.pattern.finditer(mid):
            out_chars.append(mid[last : m.start()])
            out_starts.extend(starts[last : m.start()])
            out_ends.extend(ends[last : m.start()])
            repl = self.replace[m.group()]
            for k, ch in enumerate(repl):
                out_chars.append(ch)
                out_starts.append(starts[m.start() + k])
                # the last character of a shrinking replacement ("\r\n" -> "\n") ends where it did
                out_ends.append(ends[m.end() - 1] if k == len(repl) - 1 else ends[m.start() + k])
            last = m.end()
        out_chars.append(mid[last:])
        out_starts.extend(starts[last:])
        out_ends.extend(ends[last:])
        return "".join(out_chars), _OffsetMap([], out_starts, out_ends, len(raw))


class _OffsetMap:
    """Normalised positions to decoded positions.

    Fast form: a sorted list of edits, the offset constant between them. Slow form (decomposed
    input): the decoded start and end of every normalised character.
    """

    __slots__ = ("edits", "edit_starts", "starts", "ends", "raw_len")

    def __init__(self, edits: list[_Edit], starts=None, ends=None, raw_len: int = 0):
        self.edits = edits
        self.edit_starts = [e.norm_start for e in edits]
        self.starts = starts
        self.ends = ends
        self.raw_len = raw_len

    def start(self, p: int) -> int:
        if self.starts is not None:
            return self.starts[p] if p < len(self.starts) else self.raw_len
        if not self.edits:
            return p
        i = bisect.bisect_right(self.edit_starts, p) - 1
        if i < 0:
            return p
        e = self.edits[i]
        if p >= e.norm_end:
            return e.raw_end + (p - e.norm_end)
        if (e.norm_end - e.norm_start) == (e.raw_end - e.raw_start):
            return e.raw_start + (p - e.norm_start)
        return e.raw_start

    def end(self, p: int) -> int:
        if self.ends is not None:
            if p <= 0:
                return 0
            return self.ends[p - 1] if p - 1 < len(self.ends) else self.raw_len
        if not self.edits:
            return p
        i = bisect.bisect_left(self.edit_starts, p) - 1
        if i < 0:
            return p
        e = self.edits[i]
        if p >= e.norm_end:
            return e.raw_end + (p - e.norm_end)
        if (e.norm_end - e.norm_start) == (e.raw_end - e.raw_start):
            return e.raw_start + (p - e.norm_start)
        return e.raw_end


@lru_cache(maxsize=1)
def _normaliser() -> _Normaliser:
    return _Normaliser()


class Document:
    """One input text. ``raw`` is what spans refer to; ``norm`` is what rules match."""

    def __init__(self, raw: str):
        self.raw = raw
        self.norm, self._map = _normaliser().normalise(raw)
        self._sentences: list[tuple[int, int]] | None = None
        self._local_left = _NEAR_CALLS
        self._near: list[tuple[int, int]] = []
        self._token_cache: dict[tuple[int, int], list[Token]] = {}
        self._pos_cache: dict[tuple[int, int], list[Token]] = {}
        # per-document results shared between pipeline components (e.g. scanned candidates)
        self.cache: dict[str, object] = {}

    # -- offsets ---------------------------------------------------------------------------
    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``norm`` span to the ``raw`` span whose characters it was made from."""
        rs = self._map.start(start)
        re_ = self._map.end(end) if end > start else rs
        return rs, max(rs, re_)

    def raw_text(self, start: int, end: int) -> str:
        rs, re_ = self.raw_span(start, end)
        return self.raw[rs:re_]

    # -- sentences -------------------------------------------------------------------------
    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in ``norm``, in order, covering every non-space character."""
        if self._sentences is None:
            spans = []
            start = 0
            text = self.norm
            for m in _SENTENCE_BREAK.finditer(text):
                end = _sentence_end(text, m, start)
                if end > start:
                    spans.append((start, end))
                start = m.end()
            if start < len(text):
                spans.append((start, len(text)))
            self._sentences = spans
        return self._sentences

    def sentence_at(self, p: int) -> tuple[int, int]:
        """The sentence span containing position ``p`` of ``norm`` (or the nearest one before)."""
        if self._sentences is None:
            # the first few questions are answered from the text around ``p``: most documents ask
            # about a handful of positions, and splitting a long text whole costs more; a sentence
            # found so holds the answer for every position inside it
            for s, e in self._near:
                if s <= p < e:
                    return (s, e)
            if self._local_left > 0:
                self._local_left -= 1
                hit = self._sentence_near(p)
                if hit is not None:
                    if p < hit[1]:
                        self._near.append(hit)
                    return hit
        sents = self.sentences
        if not sents:
            return (0, len(self.norm))
        i = bisect.bisect_right(sents, (p, float("inf"))) - 1
        return sents[max(i, 0)]

    def _sentence_near(self, p: int) -> tuple[int, int] | None:
        """``sentence_at(p)`` found by splitting only from a little before ``p`` to the end of its
        sentence, or None when the answer lies further back (then the whole text is split).

        The breaks found from any position are the whole split's from the first one on: a break
        that starts inside one of the whole split's (in a run of line breaks) ends where that one
        does, and a break of a terminal mark cannot start inside another. Only the span before the
        first break found is unknown."""
        text = self.norm
        p = min(p, len(text))  # (past the end: the same answer as at the end)
        q = max(0, p - _NEAR_BACK)
        start: int | None = 0 if q == 0 else None  # where the current span starts (None: before q)
        best = None
        for m in _SENTENCE_BREAK.finditer(text, q):
            if start is not None:
                if start > p:
                    return best
                end = _sentence_end(text, m, start)
                if end > start:
                    best = (start, end)
            start = m.end()
        if start is not None and start <= p and start < len(text):
            best = (start, len(text))
        return best

    # -- tokens ----------------------------------------------------------------------------
    def tokens(self, start: int, end: int) -> list[Token]:
        """underthesea word tokens of ``norm[start:end]``, offsets into ``norm``. Cached."""
        key = (start, end)
        hit = self._token_cache.get(key)
        if hit is None:
            from underthesea import word_tokenize

            window = self.norm[start:end]
            words = word_tokenize(window) if window.strip() else []
            hit = _align(window, words, start)
            self._token_cache[key] = hit
        return hit

    def pos_tags(self, start: int, end: int) -> list[Token]:
        """underthesea POS-tagged word tokens of ``norm[start:end]``. Cached."""
        key = (start, end)
        hit = self._pos_cache.get(key)
        if hit is None:
            from underthesea import pos_tag

            window = self.norm[start:end]
            pairs = pos_tag(window) if window.strip() else []
            toks = _align(window, [w for w, _ in pairs], start)
            tags = {t.start: p for t, (_, p) in zip(toks, pairs, strict=False)}
            hit = [Token(t.text, t.start, t.end, tags.get(t.start)) for t in toks]
            self._pos_cache[key] = hit
        return hit


def _fold(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[:1].casefold()
    return "d" if base == "đ" else base


def _align(window: str, words: list[str], offset: int) -> list[Token]:
    """Find each underthesea token in the window it came from.

    underthesea joins a word's syllables with one space and may change characters (tone
    placement, quotes), so syllables are matched one by one, skipping whitespace, comparing
    characters without diacritics when they differ.
    """
    tokens: list[Token] = []
    pos = 0
    n = len(window)
    for word in words:
        sylls = word.split()
        if not sylls:
            continue
        start = None
        p = pos
        ok = True
        for syl in sylls:
            while p < n and window[p].isspace():
                p += 1
            if window.startswith(syl, p):
                q = p + len(syl)
            else:
                q = p
                for ch in syl:
                    if q < n and _fold(window[q]) == _fold(ch):
                        q += 1
                    else:
                        ok = False
                        break
                if not ok:
                    break
            if start is None:
                start = p
            p = q
        if not ok or start is None:
            # resynchronise: look for the first syllable a little further on
            found = window.find(sylls[0], pos, min(n, pos + 200))
            if found < 0:
                continue
            end = found + len(sylls[0])
            tokens.append(Token(window[found:end], offset + found, offset + end))
            pos = end
            continue
        tokens.append(Token(window[start:p], offset + start, offset + p))
        pos = p
    return tokens
