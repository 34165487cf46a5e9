"""Bytes to text: the only place that decodes input. Never raises, whatever the bytes.

Order of attempts (documented in the README):
1. binary files: a known signature (``rules/encodings/binary.toml``: PDF, images, archives, old
   Word files) or NUL bytes that are not UTF-16/UTF-32 text -> ``Decoded.error`` is set
   ("binary file: PDF document") and there is no text to extract;
2. a byte-order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE (the mark is dropped);
3. UTF-16 / UTF-32 without a mark, when the NUL bytes sit where they do in such text;
4. strict UTF-8; then UTF-8 with a few bad bytes (replaced by U+FFFD, with a warning) when the
   rest is clearly UTF-8;
5. single-byte fallbacks, each with a warning: the legacy Vietnamese font encodings TCVN3 (ABC)
   and VNI (``extract.legacy``), else Windows-1258 or Windows-1252 (Latin-1), whichever gives more
   well-formed Vietnamese syllables (Windows-1258 on a tie).
A text decoded from Unicode is also checked for legacy-font letters (a UTF-8 file converted from
an old .VnTime Word document) and converted, with a warning. Spans of every mention refer to the
text returned here (after such a conversion, to the converted text).
"""

from __future__ import annotations

import codecs
import tomllib
import unicodedata
from functools import lru_cache

import regex

from . import legacy
from .paths import rules_dir
from .rules import RuleError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

SNIFF_BYTES = 8192
"""How much of the start of a file the binary checks look at (like git and grep)."""
# control bytes that do not occur in text (tab, line ends, form feed and escape do)
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_SHARE = 0.10
"""Share of control bytes in the sniffed start above which a file is binary."""
_SCORE_CHARS = 200_000
"""Characters of a single-byte text scored when choosing between Windows-1258 and -1252."""
_WORD = regex.compile(r"\w+")


class Decoded:
    """Decoded text, the encoding that produced it, warnings, and ``error`` for non-text input."""

    __slots__ = ("text", "encoding", "warnings", "error")

    def __init__(self, text: str, encoding: str, warnings: list[str], error: str | None = None):
        self.text = text
        self.encoding = encoding
        self.warnings = warnings
        self.error = error


@lru_cache(maxsize=1)
def _signatures() -> tuple[tuple[bytes, str], ...]:
    path = rules_dir() / "encodings" / "binary.toml"
    try:
        with open(path, "rb") as fh:
            table = tomllib.load(fh).get("signatures", {})
        sigs = tuple(sorted(((bytes.fromhex(k), str(v)) for k, v in table.items()), key=lambda s: -len(s[0])))
    except (OSError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise RuleError("encodings/binary.toml", None, f"cannot load [signatures]: {exc}") from exc
    return sigs


def _utf16_32_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 text without a mark, judged by where its NUL bytes are."""
    n = len(data)
    if n >= 8 and n % 4 == 0:
        quarter = n // 4
        cols = [data[i::4].count(0) for i in range(4)]
        # ASCII and Vietnamese code points fit in 3 bytes: the high byte is always NUL
        for codec, hi, mid in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
            if cols[hi] == quarter and cols[mid] > 0.9 * quarter:
                try:
                    return data.decode(codec), codec
                except UnicodeDecodeError:
                    pass
    if n < 2:
        return None
    body = data[: n - (n % 2)]
    half = len(body) // 2
    even_nuls = body[0::2].count(0)
    odd_nuls = body[1::2].count(0)
    # Vietnamese in UTF-16 still has many ASCII code units (spaces, digits, Latin letters), whose
    # high byte is NUL; the other byte is NUL only now and then: in a combining grave (U+0300,
    # frequent in decomposed text) or another code point ending in 00. A NUL code unit (both bytes)
    # is no text: many of them make the data binary.
    if odd_nuls > 0.3 * half and even_nuls < 0.25 * half:
        codec = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.25 * half:
        codec = "utf-16-be"
    else:
        return None
    text = body.decode(codec, errors="replace")
    if text.count("\ufffd") > 0.01 * max(len(text), 1) or text.count("\x00") > 0.05 * half:
        return None
    return text, codec


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes (a truncated file, a stray Latin-1 byte): replaced by U+FFFD."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    if bad > 0 and good >= 4 * bad:
        return text
    return None


def syllable_score(text: str) -> int:
    """Well-formed Vietnamese syllables among the words with non-ASCII letters, minus malformed ones."""
    syl = legacy.syllables()
    nfc = unicodedata.normalize("NFC", text[:_SCORE_CHARS])
    score = 0
    for m in _WORD.finditer(nfc):
        w = m.group()
        if not w.isascii():
            score += 1 if syl.ok(w) else -1
    return score


def _cp1252(data: bytes) -> str:
    """Windows-1252, with the five bytes it leaves undefined read as Latin-1 (never fails)."""
    return data.decode("latin-1").translate(_CP1252_HIGH)


_CP1252_HIGH = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}


def _single_byte(data: bytes) -> Decoded:
    t1252 = _cp1252(data)
    conv = legacy.detect(t1252)
    if conv is not None:
        return Decoded(
            conv.text,
            conv.encoding,
            [
                f"decoding: not valid UTF-8; legacy Vietnamese font encoding {conv.encoding} detected "
                f"({conv.lines_converted} lines); converted to Unicode, spans refer to the converted text"
            ],
        )
    t1258 = data.decode("cp1258", errors="replace")
    if syllable_score(t1252) > syllable_score(t1258):
        return Decoded(
            t1252, "cp1252", ["decoding: not valid UTF-8; decoded as windows-1252 (Latin-1) (fallback)"]
        )
    warn = ["decoding: not valid UTF-8; decoded as windows-1258 (fallback)"]
    if "\ufffd" in t1258:
        warn.append("decoding: bytes undefined in windows-1258 replaced by U+FFFD")
    return Decoded(t1258, "cp1258", warn)


def _with_legacy(text: str, encoding: str, warnings: list[str]) -> Decoded:
    conv = legacy.detect(text)
    if conv is None:
        return Decoded(text, encoding, warnings)
    warnings = [
        *warnings,
        f"decoding: legacy Vietnamese font encoding {conv.encoding} detected in {conv.lines_converted} lines; "
        "converted to Unicode, spans refer to the converted text",
    ]
    return Decoded(conv.text, f"{encoding}+{conv.encoding}", warnings)


def _binary(data: bytes) -> str | None:
    """Why the bytes are not a text file, or None."""
    for sig, name in _signatures():
        if data.startswith(sig):
            return name
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return "contains NUL bytes"
    if head and len(head) - len(head.translate(None, _CONTROL)) > _CONTROL_SHARE * len(head):
        return "mostly control characters"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; never raises on any input."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _with_legacy(data[len(bom) :].decode(codec), codec, [])
            except UnicodeDecodeError:
                text = data[len(bom) :].decode(codec, errors="replace")
                return Decoded(
                    text,
                    codec,
                    [f"decoding: invalid {codec} after its byte-order mark; bad bytes replaced by U+FFFD"],
                )
    if b"\x00" in data[:SNIFF_BYTES]:
        wide = _utf16_32_without_bom(data)
        if wide is not None:
            text, codec = wide
            warn = [f"decoding: {codec.upper()} without byte-order mark detected"]
            if codec.startswith("utf-16") and len(data) % 2:
                warn.append("decoding: odd number of bytes for UTF-16; the last byte was dropped")
            return _with_legacy(text, codec, warn)
    why = _binary(data)
    if why is not None:
        return Decoded("", "binary", [], error=f"binary file: {why}")
    try:
        return _with_legacy(data.decode("utf-8"), "utf-8", [])
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        n = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
        return _with_legacy(text, "utf-8", [f"decoding: {n} invalid UTF-8 byte sequences replaced by U+FFFD"])
    return _single_byte(data)


_CR_ONLY = regex.compile(r"\r(?!\n)")


def text_warnings(text: str) -> list[str]:
    """Notes about a decoded text that change nothing but are worth knowing (spans, line ends)."""
    out = []
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        out.append(
            "text: holds decomposed (NFD) characters; matched in composed form, spans count each combining mark"
        )
    if "\r" in text and _CR_ONLY.search(text) and "\n" not in text:
        out.append("text: line ends are CR only (old Mac style); kept as they are")
    nuls = text.count("\x00")
    if nuls:
        out.append(f"text: {nuls} NUL characters kept in the text")
    return out
