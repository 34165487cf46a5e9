"""Property tests (hypothesis) over generated Vietnamese-like text with the noise real files carry.

For any text: no exception; every span (nested dates included) cuts its text out of the input;
lists are sorted by span; the output is deterministic; the same text with CRLF line ends gives
the same mentions (texts and fields; spans move). For any bytes: a record, never an exception.
Example counts are modest: the suite runs on 2 cores in CI.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.api import default_pipeline, extract_bytes
from extract.decode import decode_bytes
from extract.invariants import check_record, comparable
from extract.output import dumps

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SYLLABLES = (
    "Ban Thường vụ Tỉnh ủy Đảng bộ chi bộ cán bộ đảng viên thực hiện quán triệt triển khai "
    "Hội nghị sơ kết tổng kết công tác tuyên giáo năm tháng ngày quý đầu cuối nhiệm kỳ "
    "Chính trị Trung ương Bộ Huyện Thành phố Nhân dân học tập và làm theo tư tưởng đạo đức "
    "phong cách Hồ Chí Minh khóa lần thứ hơn trên gần đạt tỷ lệ lượt người hoà thuỷ uỷ"
).split()
KIND_WORDS = [
    "Chỉ thị số",
    "Nghị quyết số",
    "Kế hoạch số",
    "Quyết định số",
    "Thông tư",
    "Nghị định",
    "Kết luận",
    "Chỉ thị",
]
SYMBOLS = [
    "05-CT/TW",
    "18-NQ/TW",
    "369-KH/BTGTW",
    "161-KH/ĐUK",
    "15/2020/NĐ-CP",
    "1234/QĐ-TTg",
    "18/NQ-TW",
    "123/UBND-VX",
]
DATES = [
    "ngày 15/5/2016",
    "15/5/2016",
    "ngày 25 tháng 10 năm 2017",
    "tháng 5/2021",
    "năm 2020",
    "2020-2025",
    "19/7",
]
NUMBERS = ["100%", "6.372", "03", "12", "95,5%", "1.000", "XIII", "XII"]
PUNCT = [", ", ". ", "; ", ": ", " - ", "\n", "\n\n", " (", ") ", "“", "”"]
NOISE = ["\u00a0", "\u200b", "\u2013", "\u00ad", "\t", "  "]


def _noisy(piece: str, draw) -> str:
    """Put NBSP/ZWSP/en dash noise inside a symbol or phrase, sometimes."""
    if draw(st.integers(0, 3)) == 0 and len(piece) > 2:
        i = draw(st.integers(1, len(piece) - 1))
        piece = piece[:i] + draw(st.sampled_from(NOISE)) + piece[i:]
    return piece


@st.composite
def vietnamese_texts(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 9))
        if kind <= 3:
            piece = draw(st.sampled_from(SYLLABLES))
        elif kind == 4:
            piece = draw(st.sampled_from(KIND_WORDS)) + " " + _noisy(draw(st.sampled_from(SYMBOLS)), draw)
        elif kind == 5:
            piece = _noisy(draw(st.sampled_from(SYMBOLS)), draw)
        elif kind == 6:
            piece = _noisy(draw(st.sampled_from(DATES)), draw)
        elif kind == 7:
            piece = draw(st.sampled_from(NUMBERS))
        elif kind == 8:
            piece = draw(st.sampled_from(PUNCT))
        else:
            piece = draw(st.text(alphabet="0123456789/-.ĐđCTW ", max_size=8))
        if draw(st.integers(0, 5)) == 0:
            piece = unicodedata.normalize("NFD", piece)
        parts.append(piece)
        parts.append(draw(st.sampled_from([" ", " ", " ", "", "\n"])))
    return "".join(parts)


_check_spans = check_record
_without_spans = comparable


@SETTINGS
@given(vietnamese_texts())
def test_spans_cut_the_text_and_lists_are_sorted(text):
    rec = default_pipeline().run(text)
    _check_spans(rec, text)


@SETTINGS
@given(vietnamese_texts())
def test_output_is_deterministic(text):
    p = default_pipeline()
    assert dumps(p.run(text, doc_id="x")) == dumps(p.run(text, doc_id="x"))


@SETTINGS
@given(vietnamese_texts())
def test_crlf_line_ends_give_the_same_mentions(text):
    p = default_pipeline()
    lf = text.replace("\r\n", "\n")
    crlf = lf.replace("\n", "\r\n")
    rec_crlf = p.run(crlf)
    _check_spans(rec_crlf, crlf)
    assert _without_spans(p.run(lf)) == _without_spans(rec_crlf)


@SETTINGS
@given(vietnamese_texts(), st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-8-sig"]))
def test_encoded_text_decodes_back_and_extracts_the_same(text, codec):
    data = text.encode(codec)
    rec = extract_bytes(data, doc_id="x", timeout=0)
    decoded = decode_bytes(data).text
    assert not [w for w in rec.warnings if w.startswith("error:")], rec.warnings
    _check_spans(rec, decoded)
    if text.strip() and decoded == text:
        assert _without_spans(rec) == _without_spans(default_pipeline().run(text))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_record(data):
    rec = extract_bytes(data, doc_id="x", timeout=0)
    _check_spans(rec, decode_bytes(data).text)
