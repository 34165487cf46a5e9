"""Bytes to text: the only place that decodes input.

Order of attempts (documented in the README):
1. a byte-order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE (the mark is dropped);
2. strict UTF-8;
3. UTF-16 without a mark, when the NUL bytes sit on alternating positions as in UTF-16 text;
4. fallback: Windows-1258 (the Vietnamese Windows code page), undecodable bytes replaced,
   and a warning in the record.
Spans of every mention refer to the text returned here.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class Decoded:
    """Decoded text, the encoding that produced it and any warnings about how it was decoded."""

    __slots__ = ("text", "encoding", "warnings")

    def __init__(self, text: str, encoding: str, warnings: list[str]):
        self.text = text
        self.encoding = encoding
        self.warnings = warnings


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    # Vietnamese in UTF-16 still has many ASCII code units (spaces, digits, Latin letters)
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        codec = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; never raises on any input."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), codec, [])
            except UnicodeDecodeError:
                text = data[len(bom) :].decode(codec, errors="replace")
                return Decoded(text, codec, [f"decoding: invalid {codec} after its byte-order mark; bad bytes replaced by U+FFFD"])
    try:
        return Decoded(data.decode("utf-8"), "utf-8", [])
    except UnicodeDecodeError:
        pass
    text = _utf16_without_bom(data)
    if text is not None:
        return Decoded(text, "utf-16", ["decoding: UTF-16 without byte-order mark detected"])
    text = data.decode("cp1258", errors="replace")
    return Decoded(text, "cp1258", ["decoding: not valid UTF-8; decoded as windows-1258 (fallback)"])
