"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI): detect them in a decoded text, convert them.

Before Unicode, Vietnamese was typed with 8-bit fonts whose letters sit on Latin-1 code points:
a UTF-8 file converted from an old Word document holds "NghÞ quyÕt" (TCVN3) or "Nghò quyeát"
(VNI) for "Nghị quyết". The tables are data (``rules/encodings/*.toml``); this module holds the
mechanism:

- a cheap screen: a text full of real Vietnamese letters (ạ, ơ, đ, combining marks ...) and
  without characters that only legacy fonts produce is left alone at once;
- a judge: for each encoding, every line without real Vietnamese letters is scored by how many
  of its words become well-formed Vietnamese syllables (``rules/encodings/syllable.toml``)
  after conversion, minus how many were well-formed before;
- the encoding with the best total wins when the gain is clear, and only the lines that gain (or
  lose nothing and hold a legacy-only character) are converted: a Unicode heading above a legacy
  body stays as it is.

All of it is linear in the text (one pass per encoding, one table lookup per character).
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .paths import rules_dir
from .rules import RuleError

_ENCODINGS = ("tcvn3.toml", "vni.toml")
# a "word" for judging: a run of characters that are not spaces, ASCII punctuation or digits
# (legacy letters include symbols such as "¸" and "«", so \w would cut them)
_WORD = regex.compile(r"[^\s!-@\[-`{-~“”‘’…–—]+")
_ASCII_LETTER = regex.compile(r"[A-Za-z]")
_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

MIN_GAIN = 2
"""Words a conversion must repair (net) before a text is converted at all."""
MIN_SHARE = 0.5
"""Share of the candidate words (in convertible lines) the net repairs must reach."""


@dataclass(frozen=True)
class LegacyEncoding:
    """One table: its name, the longest-first key pattern and the map."""

    name: str
    file: str
    mapping: dict[str, str]
    pattern: regex.Pattern
    key_chars: frozenset[str]
    # characters of keys that are not Vietnamese letters: their presence is what the screen looks for
    telltales: frozenset[str]

    def convert(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.mapping[m.group()], text)


@dataclass(frozen=True)
class Conversion:
    """The result of :func:`detect`: converted text, the encoding and how many lines changed."""

    text: str
    encoding: str
    lines_converted: int
    words_repaired: int


class _Syllables:
    """Is a word a well-formed Vietnamese syllable (shape only, not a dictionary)?"""

    def __init__(self, data: dict, file: str):
        try:
            initials = sorted(data["initials"], key=len, reverse=True)
            nuclei = sorted(data["nuclei"], key=len, reverse=True)
            finals = sorted(data["finals"], key=len, reverse=True)
            self.tones = frozenset(data["tones"])
        except (KeyError, TypeError, ValueError) as exc:
            raise RuleError(file, None, f"[syllable] needs initials, nuclei, finals, tones: {exc}") from exc
        ini = "|".join(regex.escape(i) for i in initials)
        nuc = "|".join(regex.escape(n) for n in nuclei)
        fin = "|".join(regex.escape(f) for f in finals)
        self.shape = regex.compile(rf"(?:{ini})?(?:{nuc})(?:{fin})?")
        vowels = "".join(sorted({ch for n in nuclei for ch in n}))
        # every precomposed letter a syllable may hold: what the screen counts as "real Vietnamese"
        letters = set()
        for v in vowels + "đ":
            for t in ("", *self.tones):
                c = unicodedata.normalize("NFC", v + t)
                if len(c) == 1:
                    letters.add(c)
                    letters.add(c.upper())
        self.letters = frozenset(letters)
        # letters outside Latin-1: no legacy text can hold them
        self.native = frozenset(c for c in letters if ord(c) > 0xFF)
        # letters outside Latin-1 and combining marks: no legacy-font text holds them
        self.native_re = regex.compile("[" + regex.escape("".join(sorted(self.native))) + "\u0300-\u036f]")

    @lru_cache(maxsize=65536)  # noqa: B019 - one instance per process, words repeat a lot
    def ok(self, word: str) -> bool:
        d = unicodedata.normalize("NFD", word.casefold())
        tones = sum(1 for ch in d if ch in self.tones)
        if tones > 1:
            return False
        base = unicodedata.normalize("NFC", "".join(ch for ch in d if ch not in self.tones))
        return self.shape.fullmatch(base) is not None


def _load_toml(name: str) -> dict:
    path = rules_dir() / "encodings" / name
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise RuleError(f"encodings/{name}", None, f"cannot read: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"encodings/{name}", None, f"not valid TOML: {exc}") from exc


@lru_cache(maxsize=1)
def syllables() -> _Syllables:
    data = _load_toml("syllable.toml")
    if not isinstance(data.get("syllable"), dict):
        raise RuleError("encodings/syllable.toml", None, "missing table [syllable]")
    return _Syllables(data["syllable"], "encodings/syllable.toml")


@lru_cache(maxsize=1)
def encodings() -> tuple[LegacyEncoding, ...]:
    """The legacy tables of ``rules/encodings/``, loaded once."""
    syl = syllables()
    out = []
    for name in _ENCODINGS:
        data = _load_toml(name)
        file = f"encodings/{name}"
        mapping = data.get("map")
        enc_name = data.get("encoding", {}).get("name")
        if not isinstance(mapping, dict) or not mapping or not isinstance(enc_name, str):
            raise RuleError(file, None, "needs [encoding] name and a non-empty [map]")
        for k, v in mapping.items():
            if not isinstance(v, str) or not k or not v:
                raise RuleError(file, None, f"[map] {k!r} must map to a non-empty string")
        keys = sorted(mapping, key=lambda k: (-len(k), k))
        pattern = regex.compile("|".join(regex.escape(k) for k in keys))
        key_chars = frozenset(ch for k in mapping for ch in k if ord(ch) > 0x7F)
        telltales = frozenset(ch for ch in key_chars if ch not in syl.letters)
        out.append(LegacyEncoding(enc_name, file, dict(mapping), pattern, key_chars, telltales))
    return tuple(out)


@lru_cache(maxsize=1)
def _all_telltales() -> tuple[str, ...]:
    return tuple(sorted(frozenset().union(*(e.telltales for e in encodings()))))


def detect(text: str) -> Conversion | None:
    """The text converted from the legacy encoding it is written in, or None (leave it alone)."""
    if text.isascii():
        return None
    encs = encodings()
    # most texts hold no character that only a legacy font produces: a look for each of them (C
    # speed) spares the set of the whole text's characters
    if not any(ch in text for ch in _all_telltales()):
        return None
    syl = syllables()
    chars = set(text)
    candidates = [e for e in encs if len(chars & e.telltales) >= 1]
    if not candidates:
        return None
    # the screen: next to no characters that only legacy fonts produce -> Unicode, leave it
    candidates = [e for e in candidates if sum(text.count(ch) for ch in chars & e.telltales) >= MIN_GAIN]
    if not candidates:
        return None
    lines = [m.group() for m in _LINE.finditer(text) if m.group()]
    best: tuple[int, LegacyEncoding, list[bool]] | None = None
    for enc in candidates:
        gain_total = 0
        cand_total = 0
        convert_line: list[bool] = []
        for line in lines:
            if not (set(line) & enc.key_chars) or syl.native_re.search(line):
                convert_line.append(False)
                continue
            gain = 0
            cand = 0
            for m in _WORD.finditer(line):
                w = m.group()
                # a word of one symbol ("÷", "·") proves nothing; legacy words hold ASCII letters
                if len(w) < 2 or not (set(w) & enc.key_chars) or not _ASCII_LETTER.search(w):
                    continue
                cand += 1
                gain += syl.ok(enc.convert(w)) - syl.ok(w)
            # once the document is found to be legacy, a line that neither gains nor loses is
            # converted too when it holds a character only the legacy font produces ("Soá: 12/QÑ")
            convert_line.append(gain > 0 or (gain == 0 and not enc.telltales.isdisjoint(line)))
            if gain > 0:
                gain_total += gain
                cand_total += cand
        if gain_total >= MIN_GAIN and gain_total >= MIN_SHARE * cand_total:
            if best is None or gain_total > best[0]:
                best = (gain_total, enc, convert_line)
    if best is None:
        return None
    gain_total, enc, convert_line = best
    out = [enc.convert(line) if conv else line for line, conv in zip(lines, convert_line, strict=True)]
    return Conversion("".join(out), enc.name, sum(convert_line), gain_total)
