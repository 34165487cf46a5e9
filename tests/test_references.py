"""References in context: spans, canonical symbols, attributes and keys (sentences written for the tests)."""

import pytest

from extract import extract_text


def refs(text):
    rec = extract_text(text)
    for r in rec.references:
        assert text[r.span[0] : r.span[1]] == r.text
    return rec.references


def one(text):
    rs = refs(text)
    assert len(rs) == 1, [r.text for r in rs]
    return rs[0]


@pytest.mark.parametrize(
    "text, span_text, symbol, doc_type, issuer_code",
    [
        (
            "Đảng ủy quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị.",
            "Chỉ thị số 05-CT/TW",
            "05-CT/TW",
            "chi_thi",
            "TW",
        ),
        (
            "Thực hiện Kế hoạch số 369-KH/BTGTW, các chi bộ đã",
            "Kế hoạch số 369-KH/BTGTW",
            "369-KH/BTGTW",
            "ke_hoach",
            "BTGTW",
        ),
        ("theo Kế hoạch 161-KH/ĐUK của Đảng ủy Khối", "Kế hoạch 161-KH/ĐUK", "161-KH/ĐUK", "ke_hoach", "ĐUK"),
        ("Quy định số 11-QĐ/TU về chế độ", "Quy định số 11-QĐ/TU", "11-QĐ/TU", "quy_dinh", "TU"),
        (
            "Quyết định số 518-QĐ/BTGTW về việc",
            "Quyết định số 518-QĐ/BTGTW",
            "518-QĐ/BTGTW",
            "quyet_dinh",
            "BTGTW",
        ),
        ("theo Chỉ thị 05- CT/TW, cán bộ", "Chỉ thị 05- CT/TW", "05-CT/TW", "chi_thi", "TW"),
        ("theo Chỉ thị 05 \u2013 CT/TW, cán bộ", "Chỉ thị 05 \u2013 CT/TW", "05-CT/TW", "chi_thi", "TW"),
        ("Nghị quyết số 18/NQ-TW về sắp xếp", "Nghị quyết số 18/NQ-TW", "18-NQ/TW", "nghi_quyet", "TW"),
        (
            "Nghị định số 15/2020/NĐ-CP quy định xử phạt",
            "Nghị định số 15/2020/NĐ-CP",
            "15/2020/NĐ-CP",
            "nghi_dinh",
            "CP",
        ),
        ("Luật số 59/2020/QH14 có hiệu lực", "Luật số 59/2020/QH14", "59/2020/QH14", "luat", "QH14"),
        ("Quyết định 1234/QĐ-TTg phê duyệt", "Quyết định 1234/QĐ-TTg", "1234/QĐ-TTg", "quyet_dinh", "TTg"),
        ("Thông tư 01/2021/TT-BNV hướng dẫn", "Thông tư 01/2021/TT-BNV", "01/2021/TT-BNV", "thong_tu", "BNV"),
        (
            "Công văn số 123/UBND-VX ngày hôm trước",
            "Công văn số 123/UBND-VX",
            "123/UBND-VX",
            "cong_van",
            "UBND",
        ),
        ("Văn bản số 538/BC-CP gửi Quốc hội", "Văn bản số 538/BC-CP", "538/BC-CP", "bao_cao", "CP"),
        (
            "Thủ tướng vừa ký Công điện số 155/CĐ-TTg về ứng phó mưa lũ",
            "Công điện số 155/CĐ-TTg",
            "155/CĐ-TTg",
            "van_ban",
            "TTg",
        ),
        (
            "UBND thành phố gửi Công điện 04/CĐ-UBND tới các quận",
            "Công điện 04/CĐ-UBND",
            "04/CĐ-UBND",
            "van_ban",
            "UBND",
        ),
        (
            "Ban Chỉ đạo có Công văn số 171/CV-BCĐ gửi các tỉnh",
            "Công văn số 171/CV-BCĐ",
            "171/CV-BCĐ",
            "cong_van",
            "BCĐ",
        ),
        (
            "Luật Cán bộ, công chức số 22/2008/QH12 quy định",
            "Luật Cán bộ, công chức số 22/2008/QH12",
            "22/2008/QH12",
            "luat",
            "QH12",
        ),
    ],
)
def test_symbols(text, span_text, symbol, doc_type, issuer_code):
    r = one(text)
    assert (r.text, r.symbol, r.doc_type, r.issuer_code) == (span_text, symbol, doc_type, issuer_code)


def test_symbol_with_invisible_characters_keeps_raw_text():
    text = "theo Chỉ thị 05-CT/\u200bTW và 06\u00a0-\u00a0CT/TW."
    rs = refs(text)
    assert [r.symbol for r in rs] == ["05-CT/TW", "06-CT/TW"]
    assert "\u200b" in rs[0].text


@pytest.mark.parametrize(
    "text, issued_on",
    [
        ("Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư", "2019-11-08"),
        ("Chỉ thị số 05-CT/TW, ngày 15-5-2016 của Bộ Chính trị", "2016-05-15"),
        ("Nghị quyết số 35-NQ/TW ngày 22 tháng 10 năm 2018 của Bộ Chính trị", "2018-10-22"),
        ("Kết luận số 01-KL/TW của Bộ Chính trị ngày 18/5/2021 về tiếp tục", "2021-05-18"),
        ("Ngày 9/6/2025, Ban Bí thư đã ký ban hành Quy định 301-QĐ/TW về công tác", "2025-06-09"),
        ("Giấy phép số 636/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày 28/12/2020.", "2020-12-28"),
        ("Nghị định 13/2023/NĐ-CP, có hiệu lực từ ngày 01/07/2023.", None),
        # "ra ngày", "vừa ban hành ngày", "vào ngày" after the mention give its issuing day
        ("Trong khi đó Nghị định 27 ra ngày 04/3/1999 lại cho phép chuộc tài sản.", "1999-03-04"),
        ("Tại Thông tư số 09/2026/TT-BCA ra ngày 12/2, Bộ bỏ quy định cũ.", "2026-02-12"),
        ("Các tỉnh thực hiện Chỉ thị 12 vừa ban hành ngày 4/6/2026.", "2026-06-04"),
        ("Thành phố ban hành Quyết định 417/QĐ-UBND vào ngày 05/3/2026 để giao việc.", "2026-03-05"),
        ("Thông tư số 09/2026/TT-BCA áp dụng ra sao vào mùa lễ hội?", None),
        ("Ngày 9/6/2025, đoàn công tác làm việc; Quy định 301-QĐ/TW được nhắc lại.", None),
    ],
)
def test_issued_on(text, issued_on):
    assert one(text).issued_on == issued_on


def test_issuer_term_and_title():
    r = one(
        'Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khóa XII về "Tăng cường bảo vệ nền tảng tư tưởng của Đảng".'
    )
    assert r.issuer == "Bộ Chính trị"
    assert r.term == "XII"
    assert r.title == "Tăng cường bảo vệ nền tảng tư tưởng của Đảng"


def test_reference_without_symbol_joins_the_coded_mention():
    rs = refs(
        "Chỉ thị số 05-CT/TW được ban hành năm 2016. Sau 5 năm thực hiện Chỉ thị 05 của Bộ Chính trị, các chi bộ"
    )
    assert [r.text for r in rs] == ["Chỉ thị số 05-CT/TW", "Chỉ thị 05"]
    assert rs[0].key == rs[1].key
    assert rs[1].symbol is None and rs[1].number == "05" and rs[1].issuer == "Bộ Chính trị"


def test_numbered_mentions_join_the_one_that_says_more():
    rs = refs(
        "Xã dẫn Quyết định 1875 ngày 02/3/2009 của UBND tỉnh về hạn mức đất ở. "
        "Người dân cho rằng Quyết định 1875 không áp dụng cho thửa đất này."
    )
    assert [r.text for r in rs] == ["Quyết định 1875", "Quyết định 1875"]
    assert rs[0].key == rs[1].key == "quyet_dinh:1875:UBND"
    assert rs[1].issuer_code == "UBND" and rs[1].system == "state"


def test_a_short_name_joins_the_number_with_its_year():
    rs = refs("Chính phủ sửa Nghị định số 52/2026 (gọi tắt là Nghị định 52); Nghị định 52 có hiệu lực ngay.")
    assert [r.text for r in rs] == ["Nghị định số 52/2026", "Nghị định 52", "Nghị định 52"]
    assert len({r.key for r in rs}) == 1


def test_numbered_mentions_of_two_issuers_stay_apart():
    rs = refs(
        "Chỉ thị 17 của Thủ tướng và Chỉ thị 17 của Ban Bí thư đều nhắc tới việc này; "
        "thực hiện Chỉ thị 17, các đơn vị đã rà soát."
    )
    assert [r.key for r in rs] == ["chi_thi:17:TTg", "chi_thi:17:TW", "chi_thi:17:?"]


def test_a_letter_named_by_its_number():
    r = one("Sau đó, UBND quận ra văn bản số 512 ngày 4/9/2025 yêu cầu các phường rà soát.")
    assert (r.text, r.doc_type, r.number, r.symbol, r.issued_on) == (
        "văn bản số 512",
        "van_ban",
        "512",
        None,
        "2025-09-04",
    )
    assert refs("Các văn bản 2 lần bị trả lại; văn bản 512 ngày 4/9.") == []


def test_plenum_resolutions_two_in_one_phrase():
    rs = refs("tiếp tục thực hiện Nghị quyết Hội nghị Trung ương 5 và Trung ương 6 khóa XII về kinh tế")
    assert [r.text for r in rs] == ["Nghị quyết Hội nghị Trung ương 5", "Trung ương 6 khóa XII"]
    assert all(r.term == "XII" and r.doc_type == "nghi_quyet" for r in rs)
    assert rs[0].key != rs[1].key


@pytest.mark.parametrize(
    "text, span_text, term",
    [
        (
            "gắn với Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng",
            "Nghị quyết Trung ương 4 khóa XII",
            "XII",
        ),
        (
            "gắn với Nghị quyết Trung ương 4 (khóa XII) về xây dựng Đảng",
            "Nghị quyết Trung ương 4 (khóa XII)",
            "XII",
        ),
        (
            "theo Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khoá XII, các cấp",
            "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khoá XII",
            "XII",
        ),
    ],
)
def test_plenum_forms(text, span_text, term):
    r = one(text)
    assert (r.text, r.term, r.issuer_code) == (span_text, term, "TW")


def test_congress_resolutions_share_a_key():
    rs = refs(
        "Học tập Nghị quyết Đại hội XIII của Đảng và Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII; "
        "quán triệt Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII."
    )
    assert [r.text for r in rs] == [
        "Nghị quyết Đại hội XIII",
        "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII",
        "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII",
    ]
    assert rs[0].key == rs[1].key != rs[2].key


@pytest.mark.parametrize(
    "text",
    [
        "Đảng ủy quán triệt các chỉ thị, nghị quyết của Đảng.",
        "thực hiện các nghị quyết của Đảng về công tác cán bộ",
        "Chỉ thị của Bộ Chính trị về học tập, quán triệt Nghị quyết",
        "Kế hoạch 2 năm và kế hoạch 3 năm của đơn vị",
        "cơ quan phải thông báo 3 lần liên tiếp",
        "tỷ lệ 1/3 số đảng viên, ngày 19/7",
        "giai đoạn 2020-2025, COVID-19",
    ],
)
def test_generic_phrases_are_not_references(text):
    assert refs(text) == []


def test_a_bare_symbol_of_a_cv_letter_keeps_its_issuer():
    rs = refs("Số hiệu: 96/CV-KSMT\nNgày ban hành: 03/11/2025\n... theo Công văn 96/CV-KSMT của Chi cục.")
    assert [r.doc_type for r in rs] == ["cong_van", "cong_van"]
    assert [r.issuer_code for r in rs] == ["KSMT", "KSMT"]


def test_bare_symbol_takes_the_kind_of_the_worded_mention():
    rs = refs("Số: 5664/CT-CS\nHà Nội, ngày 01/12/2025\n... Công văn 5664/CT-CS về chính sách thuế.")
    assert [r.doc_type for r in rs] == ["cong_van", "cong_van"]
    assert [r.issuer_code for r in rs] == ["CT", "CT"]
    assert rs[0].issued_on == "2025-12-01"


@pytest.mark.parametrize(
    "text, span_text, symbol, issuer_code, issued_on",
    [
        (
            "Căn cứ Hướng dẫn số 06-HD/BTCTW-BTGTW, ngày 15/8/2011 của hai ban",
            "Hướng dẫn số 06-HD/BTCTW-BTGTW",
            "06-HD/BTCTW-BTGTW",
            "BTCTW-BTGTW",
            "2011-08-15",
        ),
        ("Quyết định số 217-QĐ/TƯ về quy chế giám sát", "Quyết định số 217-QĐ/TƯ", "217-QĐ/TƯ", "TƯ", None),
        (
            "Nghị định số 151/2025 ngày 12/6/2025 của Chính phủ",
            "Nghị định số 151/2025",
            None,
            "CP",
            "2025-06-12",
        ),
        ("Quyết định 2430 ngày 13/12/2000 của UBND thành phố", "Quyết định 2430", None, "UBND", "2000-12-13"),
        ("Hội đồng Chính phủ ra Quyết định số 25-CP về việc", "Quyết định số 25-CP", "25-CP", "CP", None),
        ("xét duyệt theo Nghị định 60/CP trước đây", "Nghị định 60/CP", "60/CP", "CP", None),
    ],
)
def test_older_and_looser_forms(text, span_text, symbol, issuer_code, issued_on):
    r = one(text)
    assert (r.text, r.symbol, r.issuer_code, r.issued_on) == (span_text, symbol, issuer_code, issued_on)


@pytest.mark.parametrize(
    "text, symbols",
    [
        ("Người bán lập thông báo theo Mẫu số 04/SS-HĐĐT gửi cơ quan thuế.", []),
        ("Hộ gia đình kê khai theo mẫu 01/TK-SDDPNN và nộp cho xã.", []),
        ("Điền biểu mẫu số 02/ĐK-TCT ban hành kèm theo Thông tư số 86/2024/TT-BTC.", ["86/2024/TT-BTC"]),
        ("Mẫu đơn theo Công văn số 96/CV-KSMT của Chi cục", ["96/CV-KSMT"]),
    ],
)
def test_a_form_is_not_a_document(text, symbols):
    assert [r.symbol for r in refs(text)] == symbols


def test_a_duration_after_a_plan_is_not_a_number():
    assert refs("Tỉnh triển khai kế hoạch 60 ngày cao điểm chuyển đổi số.") == []


def test_eth_look_alike_is_read_as_dj():
    r = one("theo Điều 5 Nghị định 102/2024/N\u00d0-CP về giá đất")
    assert r.symbol == "102/2024/NĐ-CP" and "\u00d0" in r.text


@pytest.mark.parametrize(
    "text, span_text, key",
    [
        ("vi phạm Chỉ thị 11-2012 của Thủ tướng về sân golf", "Chỉ thị 11-2012", "chi_thi:11/2012:TTg"),
        ("Nghị quyết 71 năm 2025 của Bộ Chính trị về giáo dục", "Nghị quyết 71", "nghi_quyet:71:TW"),
    ],
)
def test_number_with_year(text, span_text, key):
    r = one(text)
    assert (r.text, r.key) == (span_text, key)


def test_term_in_arabic_digits_is_written_roman():
    r = one("thực hiện Nghị quyết Trung ương 4 khóa 12 về xây dựng Đảng")
    assert (r.term, r.key) == ("XII", "nghi_quyet:tw4:XII")


def test_ministries_are_named_issuers():
    r = one("Thông tư 31 của Bộ Xây dựng quy định về phân hạng")
    assert (r.issuer, r.issuer_code) == ("Bộ Xây dựng", "BXD")


def test_dotted_government_resolution_numbers():
    rs = refs(
        "Nghị quyết số 66.13/2026/NQ-CP ngày 27/01/2026 của Chính phủ; Nghị quyết 66.13/2026/NQ-CP nêu rõ"
    )
    assert [r.symbol for r in rs] == ["66.13/2026/NQ-CP", "66.13/2026/NQ-CP"]
    assert rs[0].number == "66.13" and rs[0].key == rs[1].key == "nghi_quyet:66.13/2026:CP"
    assert rs[0].issued_on == "2026-01-27"


def test_a_year_less_issuing_day_takes_the_symbols_year():
    r = one("Theo Nghị định 46/2026/NĐ-CP ngày 26/1 của Chính phủ về an toàn thực phẩm")
    assert r.issued_on == "2026-01-26"


@pytest.mark.parametrize(
    "text, span_text, symbol, doc_type, issuer_code",
    [
        # a slash for the dash after the kind code: the symbol is kept as written
        (
            "Căn cứ Thông tư liên tịch 41/2019/TTLT/BTC-BXD ngày 3 tháng 7 năm 2019 của liên Bộ.",
            "Thông tư liên tịch 41/2019/TTLT/BTC-BXD",
            "41/2019/TTLT/BTC-BXD",
            "thong_tu_lien_tich",
            "BTC",
        ),
        (
            "Hội đã gửi Công văn số 87/CV/HHTS tới các tỉnh.",
            "Công văn số 87/CV/HHTS",
            "87/CV/HHTS",
            "cong_van",
            "HHTS",
        ),
        (
            "Xưởng hoạt động theo giấy phép số 312/GP/SCN từ lâu.",
            "giấy phép số 312/GP/SCN",
            "312/GP/SCN",
            "van_ban",
            "SCN",
        ),
        # a Party symbol written with two slashes is still canonical
        (
            "Bộ Chính trị ra Nghị quyết 31/NQ/TW về công tác này.",
            "Nghị quyết 31/NQ/TW",
            "31-NQ/TW",
            "nghi_quyet",
            "TW",
        ),
        # a dash for the slash after the number, when a kind code follows
        (
            "Các bộ triển khai Nghị quyết số 35-2016/NQ-CP về hỗ trợ doanh nghiệp.",
            "Nghị quyết số 35-2016/NQ-CP",
            "35-2016/NQ-CP",
            "nghi_quyet",
            "CP",
        ),
        # "Văn bản" names no kind: a symbol without a kind code is a letter
        (
            "UBND huyện có Văn bản số 902/UBND-NN gửi Sở.",
            "Văn bản số 902/UBND-NN",
            "902/UBND-NN",
            "cong_van",
            "UBND",
        ),
        ("Bộ có văn bản 4410/BYT-KCB hướng dẫn.", "văn bản 4410/BYT-KCB", "4410/BYT-KCB", "cong_van", "BYT"),
        # a law whose title ends in "pháp luật": the span starts at the title's "Luật"
        (
            "Căn cứ Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13;",
            "Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13",
            "14/2012/QH13",
            "luat",
            "QH13",
        ),
        # "ND" typed for "NĐ": still the kind code, the Government the issuer; kept as written
        (
            "Doanh nghiệp kê khai theo Nghị định 52/2026/ND-CP từ quý sau.",
            "Nghị định 52/2026/ND-CP",
            "52/2026/ND-CP",
            "nghi_dinh",
            "CP",
        ),
        ("Mức phạt nêu tại 19/2026/ND-CP đã tăng.", "19/2026/ND-CP", "19/2026/ND-CP", "nghi_dinh", "CP"),
        # the kind codes QĐ and NĐ written as the kind word
        (
            "Ngày 3/4/2026, tại QĐ số 415/QĐ-TTg, Thủ tướng giao nhiệm vụ.",
            "QĐ số 415/QĐ-TTg",
            "415/QĐ-TTg",
            "quyet_dinh",
            "TTg",
        ),
        ("Đội xử phạt theo NĐ 36/CP về giao thông.", "NĐ 36/CP", "36/CP", "nghi_dinh", "CP"),
        # Markdown emphasis between "số" and the symbol
        (
            "Thị xã được lập theo Nghị định số **41/2026/NĐ-CP**[3] năm đó.",
            "Nghị định số **41/2026/NĐ-CP",
            "41/2026/NĐ-CP",
            "nghi_dinh",
            "CP",
        ),
        (
            "*Căn cứ Nghị quyết số** 58/2026/UBTVQH15* *của Ủy ban Thường vụ Quốc hội;*",
            "Nghị quyết số** 58/2026/UBTVQH15",
            "58/2026/UBTVQH15",
            "nghi_quyet",
            "UBTVQH15",
        ),
        (
            "Huyện được lập theo Quyết định số **64-CP** năm ấy.",
            "Quyết định số **64-CP",
            "64-CP",
            "quyet_dinh",
            "CP",
        ),
        # L is an order of the President (lệnh), not a law
        (
            "Chủ tịch nước đã ký Lệnh số 05/2026/L-CTN công bố luật mới.",
            "Lệnh số 05/2026/L-CTN",
            "05/2026/L-CTN",
            "van_ban",
            "CTN",
        ),
        (
            "Căn cứ 11/2026/L-CTN, Văn phòng đăng tải luật.",
            "11/2026/L-CTN",
            "11/2026/L-CTN",
            "van_ban",
            "CTN",
        ),
    ],
)
def test_slashed_dashed_and_generic_symbols(text, span_text, symbol, doc_type, issuer_code):
    r = one(text)
    assert (r.text, r.symbol, r.doc_type, r.issuer_code) == (span_text, symbol, doc_type, issuer_code)


@pytest.mark.parametrize(
    "text",
    [
        "Phần mềm chạy trên Windows 98/ME/NT và các bản sau.",
        "Mã quy trình: 17-2013/BLĐTBXH.",
        "Biên phòng giữ tàu NĐ 07-46 chở hàng lậu.",
    ],
)
def test_runs_of_codes_are_not_symbols(text):
    assert refs(text) == []


def test_a_day_date_opening_a_clause_is_the_issuing_day():
    rs = refs(
        "Thực hiện Kết luận số 47-KL/TU ngày 11/3/2019 của Tỉnh ủy, ngày 2/4/2019 Chủ tịch UBND tỉnh "
        "đã ký Quyết định số 812/QĐ-UBND giao nhiệm vụ thực hiện Kết luận số 47-KL/TU."
    )
    assert [(r.text, r.issued_on) for r in rs] == [
        ("Kết luận số 47-KL/TU", "2019-03-11"),
        ("Quyết định số 812/QĐ-UBND", "2019-04-02"),
        ("Kết luận số 47-KL/TU", None),
    ]


def test_the_issuing_day_of_one_mention_is_not_given_to_the_documents_it_cites():
    rs = refs(
        "Ngày 4/5/2024, Bộ Xây dựng ban hành Thông tư số 07/2024/TT-BXD sửa đổi Thông tư số 11/2021/TT-BXD "
        "và Thông tư số 13/2021/TT-BXD."
    )
    assert [r.issued_on for r in rs] == ["2024-05-04", None, None]


def test_a_bracketed_symbol_glossing_a_mention_shares_its_issuing_day():
    rs = refs(
        "Ngày 8/9/2021, Bộ Chính trị đã ban hành Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương "
        "khóa XIII về xây dựng Đảng (số 41-NQ/TW)."
    )
    assert [r.issued_on for r in rs] == ["2021-09-08", "2021-09-08"]


def test_a_clause_date_of_another_document_is_not_the_issuing_day():
    rs = refs("Thực hiện Kết luận số 22-KL/TU, ngày 05/6/2020, UBND tỉnh đã ban hành Kế hoạch số 66/KH-UBND.")
    assert [(r.text, r.issued_on) for r in rs] == [
        ("Kết luận số 22-KL/TU", "2020-06-05"),
        ("Kế hoạch số 66/KH-UBND", None),
    ]


def test_a_resolution_named_by_its_subject_before_so_is_a_resolution():
    # a QH symbol alone reads as a law; the kind word before the subject decides
    text = "Quốc hội đã ban hành Nghị quyết về chất vấn tại phiên họp số 105/2015/QH13 để áp dụng."
    (r,) = extract_text(text).references
    assert (r.text, r.doc_type, r.issuer_code) == (
        "Nghị quyết về chất vấn tại phiên họp số 105/2015/QH13",
        "nghi_quyet",
        "QH13",
    )
