"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI): the tables, detection, conversion."""

from __future__ import annotations

import unicodedata

import pytest

from extract.decode import decode_bytes
from extract.legacy import detect, encodings, syllables

# The national motto lines as the two legacy fonts store them: the best-known legacy strings
HEADER = "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
HEADER_TCVN3 = "Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n"
HEADER_VNI = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\n"
BODY = "Ban Thường vụ Đảng ủy khối ban hành Kế hoạch số 12-KH/ĐUK về công tác tuyên truyền năm 2021.\n"
BODY_TCVN3 = (
    "Ban Th\xadêng vô §¶ng ñy khèi ban hµnh KÕ ho¹ch sè 12-KH/§UK vÒ c«ng t¸c tuyªn truyÒn n¨m 2021.\n"
)
BODY_VNI = "Ban Thöôøng vuï Ñaûng uûy khoái ban haønh Keá hoaïch soá 12-KH/ÑUK veà coâng taùc tuyeân truyeàn naêm 2021.\n"


def test_tables_map_to_single_vietnamese_letters_and_bytes_exist():
    syl = syllables()
    for enc in encodings():
        assert len(enc.mapping) > 60, enc.name
        for key, value in enc.mapping.items():
            assert len(value) == 1 and unicodedata.is_normalized("NFC", value), (enc.name, key, value)
            assert value in syl.letters or value.casefold() in syl.letters, (enc.name, value)
            key.encode("cp1252")  # every key is what some legacy bytes look like in Windows-1252
    tcvn3, vni = encodings()
    # the 67 lower-case letters of Vietnamese and the 7 base capitals are all in TCVN3
    assert len(set(tcvn3.mapping.values())) == 74
    # VNI has all 134 letters with diacritics, both cases
    assert len(set(vni.mapping.values())) == 134


@pytest.mark.parametrize(
    "legacy_text, name",
    [(HEADER_TCVN3 + BODY_TCVN3, "TCVN3 (ABC)"), (HEADER_VNI + BODY_VNI, "VNI")],
)
def test_known_legacy_text_converts_to_unicode(legacy_text, name):
    conv = detect(legacy_text)
    assert conv is not None and conv.encoding == name
    assert conv.text == HEADER + BODY
    assert conv.lines_converted == 3


@pytest.mark.parametrize("codec_text", [HEADER_TCVN3 + BODY_TCVN3, HEADER_VNI + BODY_VNI])
def test_legacy_bytes_decode_to_unicode_with_a_warning(codec_text):
    d = decode_bytes(codec_text.encode("cp1252"))
    assert d.text == HEADER + BODY
    assert any("legacy Vietnamese font encoding" in w and "converted" in w for w in d.warnings)


def test_a_unicode_heading_above_a_legacy_body_stays_as_it_is():
    text = HEADER + BODY_TCVN3 + BODY_TCVN3
    conv = detect(text)
    assert conv is not None and conv.text == HEADER + BODY + BODY and conv.lines_converted == 2


@pytest.mark.parametrize(
    "text",
    [
        HEADER + BODY,
        unicodedata.normalize("NFD", HEADER + BODY),
        "Ban Tuyên giáo · © « hoà » thuý, khoá; Tuyên giáo\nBan Tuyên giáo · © ¸ µ\n",
        "Señor Muñoz vivía en la mañana con niños pequeños en España, où était la forêt.\n" * 3,
        "Kích thước 5 µm, nhiệt độ 30 °C, 2850÷3800 tấn, § 3 khoản ¶ 2\n" * 3,
        "ASCII only, 05-CT/TW.\n",
        "",
    ],
)
def test_unicode_and_other_languages_are_left_alone(text):
    assert detect(text) is None


def test_one_legacy_word_is_not_enough():
    assert detect("Xem b¶ng 3.\n") is None


def test_syllable_shape():
    syl = syllables()
    good = [
        "quyết",
        "người",
        "khuyến",
        "giữ",
        "thuở",
        "xoong",
        "gìn",
        "Việt",
        "hoà",
        "nghiêng",
        "đường",
        "khuya",
        "quốc",
    ]
    bad = ["quyeát", "Coäng", "c¸c", "abc", "th́", "hoàá", "tcvn", "NghÞ"]
    assert all(syl.ok(w) for w in good), [w for w in good if not syl.ok(w)]
    assert not any(syl.ok(w) for w in bad), [w for w in bad if syl.ok(w)]
