"""atheris harness, structured: texts assembled from Vietnamese pieces (symbols, dates, cue words,
syllables) with the noise real files carry (NBSP, ZWSP, NFD, CRLF, legacy fonts, UTF-16), then
encoded to bytes and run through the whole pipeline with the checks of ``fuzz_pipeline.check``,
plus one more: the same text with CRLF line ends gives the same mentions (spans aside).

    PYTHONPATH=src python fuzz/fuzz_text.py -max_total_time=300 -rss_limit_mb=3072
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports():
    import fuzz_pipeline

    from extract.api import default_pipeline
    from extract.legacy import encodings

PIECES = (
    "Chỉ thị số ,Nghị quyết số ,Kế hoạch số ,Quyết định số ,Thông tư ,Nghị định ,Kết luận ,Hội nghị ,"
    "Đại hội ,sơ kết ,tổng kết ,khóa XIII,lần thứ ,ngày ,tháng ,năm ,quý ,6 tháng đầu năm ,nhiệm kỳ ,"
    "của Bộ Chính trị,Ban Bí thư,Thủ tướng Chính phủ,Tỉnh ủy,Đảng ủy Khối,"
    "05-CT/TW,18-NQ/TW,369-KH/BTGTW,161-KH/ĐUK,15/2020/NĐ-CP,1234/QĐ-TTg,18/NQ-TW,123/UBND-VX,59/2020/QH14,"
    "15/5/2016,19/7,2020-2025,tháng 5/2021,100%,6.372,03,95,5%,1.000,hơn ,trên ,gần ,đạt ,"
    "cán bộ,đảng viên,chi bộ,lượt người,điểm cầu,hoà,thuỷ,uỷ ban,"
).split(",")
NOISE = [
    "\u00a0",
    "\u200b",
    "\u2013",
    "\u00ad",
    "\t",
    "\n",
    "\r\n",
    " ",
    ", ",
    ". ",
    "(",
    ")",
    "/",
    "-",
    "“",
    "”",
]
_INV = [{v: k for k, v in enc.mapping.items()} for enc in encodings()]
_PIPELINE = default_pipeline()


def _text(fdp: atheris.FuzzedDataProvider) -> str:
    parts = []
    for _ in range(fdp.ConsumeIntInRange(0, 60)):
        choice = fdp.ConsumeIntInRange(0, 9)
        if choice <= 5:
            parts.append(PIECES[fdp.ConsumeIntInRange(0, len(PIECES) - 1)])
        elif choice <= 7:
            parts.append(NOISE[fdp.ConsumeIntInRange(0, len(NOISE) - 1)])
        elif choice == 8:
            parts.append(str(fdp.ConsumeIntInRange(0, 99999)))
        else:
            parts.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 6)))
    text = "".join(parts)
    if fdp.ConsumeBool():
        text = unicodedata.normalize("NFD", text)
    return text


def _bytes(text: str, how: int) -> bytes:
    if how == 1:
        return text.encode("utf-16")
    if how == 2:
        return text.encode("utf-16-le")
    if how in (3, 4):
        inv = _INV[how - 3]
        legacy = "".join(inv.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
        return legacy.encode("utf-8") if len(text) % 2 else legacy.encode("cp1252", errors="replace")
    return text.encode("utf-8")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    how = fdp.ConsumeIntInRange(0, 4)
    text = _text(fdp)
    fuzz_pipeline.check(_bytes(text, how))
    lf = text.replace("\r\n", "\n")
    a = fuzz_pipeline._without_spans(_PIPELINE.run(lf))
    b = fuzz_pipeline._without_spans(_PIPELINE.run(lf.replace("\n", "\r\n")))
    assert a == b, (lf, a, b)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
