"""Dates: every SPEC form, year resolution, the document's own date, and the negative corpus."""

import calendar
import datetime as dt
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.api import extract_text
from extract.dates_calendar import Parsed, Point, closest_year, date_fields, months_point, quarter_point
from extract.paths import rules_dir


def dates(text):
    return extract_text(text).dates


def one(text, mention):
    found = [d for d in dates(text) if d.text == mention]
    assert found, f"{mention!r} not found in {[d.text for d in dates(text)]}"
    return found[0]


# -- every form: (sentence, mention, value, grain, start, end) ------------------------------
FORMS = [
    (
        "Quy định số 208-QĐ/TW ngày 08/11/2019 của Bộ Chính trị.",
        "ngày 08/11/2019",
        "2019-11-08",
        "day",
        "2019-11-08",
        "2019-11-08",
    ),
    (
        "Ngày 7/1/2022, tỉnh tổng kết công tác.",
        "Ngày 7/1/2022",
        "2022-01-07",
        "day",
        "2022-01-07",
        "2022-01-07",
    ),
    (
        "Chỉ thị ban hành 15-5-2016 đã đi vào cuộc sống.",
        "15-5-2016",
        "2016-05-15",
        "day",
        "2016-05-15",
        "2016-05-15",
    ),
    (
        "Thành lập 01.10.1997 theo quyết định của tỉnh.",
        "01.10.1997",
        "1997-10-01",
        "day",
        "1997-10-01",
        "1997-10-01",
    ),
    (
        "Luật có hiệu lực từ ngày 15 tháng 5 năm 2016.",
        "ngày 15 tháng 5 năm 2016",
        "2016-05-15",
        "day",
        "2016-05-15",
        "2016-05-15",
    ),
    (
        "Trong tháng 11/2021, các chi bộ họp chuyên đề.",
        "tháng 11/2021",
        "2021-11",
        "month",
        "2021-11-01",
        "2021-11-30",
    ),
    ("Đến tháng 2/2020 đã hoàn thành.", "tháng 2/2020", "2020-02", "month", "2020-02-01", "2020-02-29"),
    ("Luật có hiệu lực từ 7/2020 trên cả nước.", "7/2020", "2020-07", "month", "2020-07-01", "2020-07-31"),
    (
        "Hội nghị họp vào tháng 5 năm 2016.",
        "tháng 5 năm 2016",
        "2016-05",
        "month",
        "2016-05-01",
        "2016-05-31",
    ),
    (
        "Trong quý I/2021, tỉnh kết nạp 120 đảng viên.",
        "quý I/2021",
        "2021-Q1",
        "quarter",
        "2021-01-01",
        "2021-03-31",
    ),
    (
        "Dự kiến hoàn thành trong quý III năm 2021.",
        "quý III năm 2021",
        "2021-Q3",
        "quarter",
        "2021-07-01",
        "2021-09-30",
    ),
    ("Chương trình công tác năm 2021 đã hoàn thành.", "năm 2021", "2021", "year", "2021-01-01", "2021-12-31"),
    ("KẾT QUẢ CÔNG TÁC NĂM 2021", "NĂM 2021", "2021", "year", "2021-01-01", "2021-12-31"),
    (
        "Sơ kết 6 tháng đầu năm 2021 tại hội trường tỉnh.",
        "6 tháng đầu năm 2021",
        "2021-H1",
        "half",
        "2021-01-01",
        "2021-06-30",
    ),
    (
        "Nhiệm vụ 6 tháng cuối năm 2021 rất nặng nề.",
        "6 tháng cuối năm 2021",
        "2021-H2",
        "half",
        "2021-07-01",
        "2021-12-31",
    ),
    (
        "Kết quả sáu tháng đầu năm 2017 khả quan.",
        "sáu tháng đầu năm 2017",
        "2017-H1",
        "half",
        "2017-01-01",
        "2017-06-30",
    ),
    (
        "Tăng trưởng nửa cuối năm 2019 chậm lại.",
        "nửa cuối năm 2019",
        "2019-H2",
        "half",
        "2019-07-01",
        "2019-12-31",
    ),
    (
        "Thu ngân sách 9 tháng đầu năm 2020 đạt 80%.",
        "9 tháng đầu năm 2020",
        "2020-01/2020-09",
        "month",
        "2020-01-01",
        "2020-09-30",
    ),
    (
        "Đại hội Đảng bộ nhiệm kỳ 2020-2025 thành công.",
        "nhiệm kỳ 2020-2025",
        "2020/2025",
        "year",
        "2020-01-01",
        "2025-12-31",
    ),
    (
        "Đại hội Đảng bộ nhiệm kỳ 2020 – 2025 thành công.",
        "nhiệm kỳ 2020 – 2025",
        "2020/2025",
        "year",
        "2020-01-01",
        "2025-12-31",
    ),
    (
        "Kế hoạch giai đoạn 2021-2025 được phê duyệt.",
        "giai đoạn 2021-2025",
        "2021/2025",
        "year",
        "2021-01-01",
        "2025-12-31",
    ),
    (
        "Quy hoạch giai đoạn 2026 2031 được thông qua.",
        "giai đoạn 2026 2031",
        "2026/2031",
        "year",
        "2026-01-01",
        "2031-12-31",
    ),
    (
        "Kỷ niệm 10 năm thành lập (2011-2021) của Hội.",
        "2011-2021",
        "2011/2021",
        "year",
        "2011-01-01",
        "2021-12-31",
    ),
    (
        "Trong năm 2016 – 2018, tỉnh đầu tư mạnh.",
        "năm 2016 – 2018",
        "2016/2018",
        "year",
        "2016-01-01",
        "2018-12-31",
    ),
    (
        "Từ năm 1999 đến hết năm 2016, tỉnh giữ ổn định.",
        "năm 1999 đến hết năm 2016",
        "1999/2016",
        "year",
        "1999-01-01",
        "2016-12-31",
    ),
    (
        "Kỷ niệm 91 năm Ngày thành lập Đảng (3/2/1930-3/2/2021).",
        "3/2/1930-3/2/2021",
        "1930-02-03/2021-02-03",
        "day",
        "1930-02-03",
        "2021-02-03",
    ),
    (
        "Lớp học diễn ra từ ngày 15/5 đến ngày 20/5/2016 tại tỉnh.",
        "ngày 15/5 đến ngày 20/5/2016",
        "2016-05-15/2016-05-20",
        "day",
        "2016-05-15",
        "2016-05-20",
    ),
    (
        "Đoàn công tác làm việc từ ngày 28/12 đến ngày 3/1/2022.",
        "ngày 28/12 đến ngày 3/1/2022",
        "2021-12-28/2022-01-03",
        "day",
        "2021-12-28",
        "2022-01-03",
    ),
    (
        "Đoàn kiểm tra làm việc ngày 15 - 18/4/2017 tại tỉnh.",
        "ngày 15 - 18/4/2017",
        "2017-04-15/2017-04-18",
        "day",
        "2017-04-15",
        "2017-04-18",
    ),
    (
        "Hội nghị diễn ra trong hai ngày 12 và 13/5/2021 tại tỉnh.",
        "ngày 12 và 13/5/2021",
        "2021-05-12/2021-05-13",
        "day",
        "2021-05-12",
        "2021-05-13",
    ),
    (
        "Lớp tập huấn mở từ tháng 3 đến tháng 5/2021.",
        "tháng 3 đến tháng 5/2021",
        "2021-03/2021-05",
        "month",
        "2021-03-01",
        "2021-05-31",
    ),
    # a month written as a word, with its year
    (
        "Thắng lợi của Cách mạng tháng Tám năm 1945 mở ra kỷ nguyên mới.",
        "tháng Tám năm 1945",
        "1945-08",
        "month",
        "1945-08-01",
        "1945-08-31",
    ),
    (
        "Tháng Giêng năm 1968, quân và dân ta tổng tiến công.",
        "Tháng Giêng năm 1968",
        "1968-01",
        "month",
        "1968-01-01",
        "1968-01-31",
    ),
    # a space typed after the second slash
    (
        "Hội nghị diễn ra ngày 26/5/ 2017 tại Hà Nội.",
        "ngày 26/5/ 2017",
        "2017-05-26",
        "day",
        "2017-05-26",
        "2017-05-26",
    ),
]


@pytest.mark.parametrize("text, mention, value, grain, start, end", FORMS, ids=[f[1] for f in FORMS])
def test_every_form(text, mention, value, grain, start, end):
    d = one(text, mention)
    assert (d.value, d.grain, d.start, d.end, d.year_inferred) == (value, grain, start, end, False)


def test_a_count_of_months_is_no_month_in_words():
    found = dates("Sau 3 tháng hai năm 2020 và 2021 đều tăng.")
    assert found and all(d.grain != "month" for d in found)


def test_the_later_days_of_a_run_after_ngay_are_dates_too():
    """ "ngày 23/6 và 24/6": the second day has no cue of its own; the run's first one is its cue."""
    text = "Năm 2024, đoàn làm việc tại tỉnh trong các ngày 23/6, 24/6 và 25/6 vừa qua."
    assert [(d.text, d.value) for d in dates(text)][1:] == [
        ("ngày 23/6", "2024-06-23"),
        ("24/6", "2024-06-24"),
        ("25/6", "2024-06-25"),
    ]
    # without a day word before the run, a fraction after a comma stays no date
    assert [d.text for d in dates("Tỷ lệ 3/4, 2/3 đại biểu tán thành.")] == []


def test_the_later_years_of_a_run_after_nam_are_dates_too():
    text = "Tỉnh được tặng Bằng khen các năm 2016, 2017 và 2018; năm 2019 có 2020 người dự thi."
    assert [(d.text, d.value) for d in dates(text)] == [
        ("năm 2016", "2016"),
        ("2017", "2017"),
        ("2018", "2018"),
        ("năm 2019", "2019"),
    ]


def test_a_birth_is_no_year_evidence():
    """ "sinh ngày 12/6/1953", "(SN 1993)": they date a person, not what the text tells."""
    text = (
        "Ngày 10/5, tỉnh ủy công bố quyết định về công tác cán bộ. Ông Trần Văn B., sinh ngày "
        "12/6/1953, quê tại Trà Vinh.\nNgày 7/5, đối tượng Nguyễn Văn C. (SN 1993) bị bắt giữ."
    )
    values = {d.text: d.value for d in dates(text)}
    assert values["Ngày 10/5"] == "XXXX-05-10"
    assert values["Ngày 7/5"] == "XXXX-05-07"
    assert values["ngày 12/6/1953"] == "1953-06-12"  # still a date, only no evidence
    # a year that is no birth still counts
    assert one("Ngày 7/5, tỉnh tổ chức hội nghị. Năm 2017 là năm bản lề.", "Ngày 7/5").value == "2017-05-07"


def test_weekday_dateline_with_clock_is_the_documents_date():
    rec = extract_text(
        "Thứ Sáu, ngày 7/1/2022 - 09:44 Đã xem: 120\n\nNăm 2021, Ban Tuyên giáo hoàn thành nhiệm vụ."
    )
    d = rec.dates[0]
    assert (d.text, d.value, d.time, d.part_of_day) == ("Thứ Sáu, ngày 7/1/2022", "2022-01-07", "09:44", None)
    assert rec.doc_date is not None and rec.doc_date.text == d.text and rec.doc_date.time == "09:44"


def test_part_of_day_and_clock_time_next_to_a_date():
    d = one("Chiều 19/7/2021, hội nghị khai mạc.", "Chiều 19/7/2021")
    assert (d.part_of_day, d.value) == ("afternoon", "2021-07-19")
    d = one("Lúc 14h30 ngày 5/6/2021, đoàn đến tỉnh.", "ngày 5/6/2021")
    assert d.time == "14:30"
    assert one("Tối 23/1/2024, đội tuyển thi đấu.", "Tối 23/1/2024").part_of_day == "evening"
    assert one("Trưa 2/9/2021, đoàn về tới.", "Trưa 2/9/2021").part_of_day == "noon"
    assert one("Sáng 16/7/2021, hội nghị khai mạc.", "Sáng 16/7/2021").part_of_day == "morning"


# -- years for year-less dates ------------------------------------------------------------------
def test_year_from_the_same_sentence():
    text = "Chiều 19/7, Đảng ủy tổ chức hội nghị sơ kết 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2021."
    d = one(text, "Chiều 19/7")
    assert (d.value, d.start, d.year_inferred, d.part_of_day) == (
        "2021-07-19",
        "2021-07-19",
        True,
        "afternoon",
    )
    h1 = one(text, "6 tháng đầu năm")
    assert (h1.value, h1.start, h1.end, h1.year_inferred) == ("2021-H1", "2021-01-01", "2021-06-30", True)
    assert one(text, "6 tháng cuối năm 2021").year_inferred is False


def test_a_bare_year_in_the_sentence_is_evidence():
    d = one("Sản phẩm ra mắt tại triển lãm MWC 2026, diễn ra từ ngày 2 - 5/3.", "ngày 2 - 5/3")
    assert (d.value, d.start, d.end, d.year_inferred) == (
        "2026-03-02/2026-03-05",
        "2026-03-02",
        "2026-03-05",
        True,
    )


def test_a_period_takes_the_reported_year_not_a_documents_date():
    text = (
        "Kết quả nổi bật trong 6 tháng đầu năm, các chi bộ thực hiện Quy định số 208-QĐ/TW ngày 08/11/2019 "
        "của Bộ Chính trị.\nHội nghị sơ kết 6 tháng đầu năm 2021 được tổ chức trực tuyến."
    )
    assert dates(text)[0].value == "2021-H1"


def test_an_interval_is_no_evidence_for_a_period():
    text = "Thực hiện nhiệm vụ 6 tháng cuối năm 2021.\nNhiệm vụ 6 tháng cuối năm gắn với Nghị quyết Đại hội nhiệm kỳ 2020 - 2025."
    assert [d.value for d in dates(text)][:2] == ["2021-H2", "2021-H2"]


def test_nearest_explicit_year_before_then_after():
    assert (
        one("Năm 2018, tỉnh khởi công dự án.\nNgày 5/3, đoàn khảo sát đến tỉnh.", "Ngày 5/3").value
        == "2018-03-05"
    )
    d = one("Sáng 24/6, Quốc hội thông qua Luật.\nLuật có hiệu lực từ ngày 1/7/2025.", "Sáng 24/6")
    assert (d.value, d.year_inferred) == ("2025-06-24", True)


def test_a_year_inside_a_later_sentence_is_no_evidence():
    # with no anchor anywhere, a year named inside a later sentence is background: XXXX
    for text, mention in [
        (
            "Chiều 12/11, Quốc hội thảo luận dự án Luật Đường sắt (sửa đổi).\n"
            "Dự án sẽ thay thế Luật được ban hành từ năm 2005.",
            "Chiều 12/11",
        ),
        (
            "Sáng 4/3, công an huyện bắt giữ hai đối tượng vận chuyển hàng cấm.\n"
            "Đối tượng Nguyễn Văn A, sinh năm 1990, khai nhận hành vi.",
            "Sáng 4/3",
        ),
        ("Ngày 20/5, giá vàng tăng mạnh. Đây là mức cao nhất kể từ năm 2011.", "Ngày 20/5"),
    ]:
        d = one(text, mention)
        assert (d.value[:4], d.start, d.end, d.year_inferred) == ("XXXX", None, None, False), text
    # a year leading its sentence, or a dated day, still sets the time looking forward
    text = "Sáng 4/3, đoàn công tác làm việc với tỉnh.\nNăm 2024, tỉnh phấn đấu tăng trưởng 8%."
    assert one(text, "Sáng 4/3").value == "2024-03-04"
    text = "Sáng 4/3, đoàn công tác làm việc với tỉnh.\nĐến ngày 31/12/2023, tỉnh có 120 hợp tác xã."
    assert one(text, "Sáng 4/3").value == "2023-03-04"


def test_an_interval_of_days_dates_the_text():
    # an anniversary's span ends on the day of the text; its end year is evidence like a day's
    text = "Sáng 18/8, huyện tổ chức lễ kỷ niệm 80 năm Ngày thành lập huyện (19/8/1945 - 19/8/2025)."
    d = one(text, "Sáng 18/8")
    assert (d.value, d.year_inferred) == ("2025-08-18", True)
    text = (
        "Nhân kỷ niệm 95 năm Ngày thành lập Đảng (3/2/1930 - 3/2/2025), các chi bộ sinh hoạt chuyên đề.\n"
        "Ngày 1/2, Ban Thường vụ Tỉnh ủy dâng hương tại đài tưởng niệm."
    )
    assert one(text, "Ngày 1/2").value == "2025-02-01"
    text = "Kỳ họp diễn ra từ ngày 20/10 đến ngày 28/11/2026.\nChiều 5/9, Ủy ban Thường vụ cho ý kiến về chương trình."
    assert one(text, "Chiều 5/9").value == "2026-09-05"
    # an interval of years or months still says nothing about the day
    d = one("Ngày 5/3, đại hội chi bộ nhiệm kỳ 2025 - 2027 được tổ chức.", "Ngày 5/3")
    assert (d.value, d.start) == ("XXXX-03-05", None)
    text = "Hôm 6/2, ông phát biểu tại hội nghị.\nSố liệu được thu thập từ tháng 9/2014 tới tháng 12/2016."
    assert one(text, "6/2").value == "XXXX-02-06"


def test_documents_date_gives_the_nearest_year():
    text = "Thứ Sáu, ngày 7/1/2022 - 09:44\n\nChiều 20/12, Ban Thường vụ họp phiên cuối năm.\nNăm 2022 tỉnh đặt nhiều chỉ tiêu."
    assert one(text, "Chiều 20/12").value == "2021-12-20"


def test_a_crawl_date_header_is_weak_evidence():
    text = "Chủ nhật,\u00a0 29/05/2022\n\nSáng 16/7, Ban Tuyên giáo tổ chức hội nghị.\nHội nghị đánh giá kết quả công tác năm 2021."
    rec = extract_text(text)
    assert rec.doc_date is not None and rec.doc_date.value == "2022-05-29"
    assert one(text, "Sáng 16/7").value == "2021-07-16"


def test_no_year_anywhere_gives_xxxx_and_null_bounds():
    d = dates("6 tháng đầu năm, các chi bộ đã hoàn thành kế hoạch.")[0]
    assert (d.value, d.grain, d.start, d.end, d.year_inferred) == ("XXXX-H1", "half", None, None, False)
    d = dates("Hội thảo sẽ diễn ra từ ngày 9 đến 10/9 tại thành phố.")[0]
    assert (d.text, d.value, d.start, d.end) == ("ngày 9 đến 10/9", "XXXX-09-09/XXXX-09-10", None, None)
    assert dates("Trong quý II, tỉnh kiểm tra 12 chi bộ.")[0].value == "XXXX-Q2"


# -- the document's own date --------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Công tác tuyên truyền nhiệm kỳ 2020 - 2025\n\n15/06/2020 | 362\n\nTriển khai thực hiện năm 2020.",
            "15/06/2020",
        ),
        (
            "CỤC THUẾ\nSố: 5664/CT-CS\n*Hà Nội, ngày 01 tháng 12 năm 2025*\nKính gửi: Ông A.",
            "ngày 01 tháng 12 năm 2025",
        ),
        ("Chủ nhật, 29/05/2022\n\nBan Tuyên giáo sơ kết công tác.", "Chủ nhật, 29/05/2022"),
    ],
)
def test_doc_date(text, expected):
    rec = extract_text(text)
    assert rec.doc_date is not None and rec.doc_date.text == expected


def test_a_date_in_running_text_is_not_the_documents_date():
    assert (
        extract_text("Ngày 15/5/2016, Bộ Chính trị ban hành Chỉ thị về học tập và làm theo.").doc_date is None
    )
    assert extract_text("| Thành lập | 17 tháng 9 năm 1990 |").doc_date is None


# -- the other lists can rely on it ----------------------------------------------------------------
def test_reference_issue_date_links_to_the_date_found():
    rec = extract_text("Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về học tập.")
    assert rec.references[0].issued_on == "2016-05-15"
    assert rec.dates[0].text == "ngày 15/5/2016"


def test_spans_cut_the_decoded_text():
    text = "Chủ nhật,\u00a0 29/05/2022\r\n\r\nSáng 16/7, hội nghị sơ kết 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm 2021 – nhiệm kỳ 2020 – 2025."
    rec = extract_text(text)
    assert len(rec.dates) == 5
    for d in rec.dates:
        assert text[d.span[0] : d.span[1]] == d.text


# -- the negative corpus ----------------------------------------------------------------------------
with open(rules_dir() / "dates_negative.toml", "rb") as _fh:
    NEGATIVE = tomllib.load(_fh)["negative"]["lines"]


@pytest.mark.parametrize("line", NEGATIVE)
def test_negative_corpus_line_yields_no_date(line):
    rec = extract_text(line)
    assert [d.text for d in rec.dates] == [] and rec.doc_date is None


# -- calendar arithmetic ------------------------------------------------------------------------
def test_calendar_points():
    assert quarter_point(4, 2021).bounds() == (dt.date(2021, 10, 1), dt.date(2021, 12, 31))
    assert months_point(3, False, 2021).value() == "2021-10/2021-12"
    assert months_point(6, True, None).value() == "XXXX-H1"
    assert Point("day", None, 2, 29).bounds() is None
    assert Parsed(Point("day", 2021, 2, 29)).complete() is None
    assert Parsed(Point("year", 2025), Point("year", 2020)).complete() is None
    assert date_fields(Parsed(Point("month", 2020, 2))) == {
        "value": "2020-02",
        "grain": "month",
        "start": "2020-02-01",
        "end": "2020-02-29",
    }
    assert closest_year(12, 20, dt.date(2022, 1, 7)) == 2021
    assert closest_year(1, 5, dt.date(2021, 12, 20)) == 2022
    assert closest_year(7, 19, dt.date(2021, 7, 20)) == 2021


@settings(max_examples=40, deadline=None)
@given(st.integers(1900, 2099), st.integers(1, 12), st.integers(1, 31), st.sampled_from(["/", "-", "."]))
def test_numeric_day_dates_round_trip(year, month, day, sep):
    text = f"Văn bản ký ngày {day}{sep}{month}{sep}{year} tại trụ sở."
    got = [d.value for d in dates(text)]
    if day <= calendar.monthrange(year, month)[1]:
        assert got == [f"{year:04d}-{month:02d}-{day:02d}"]
    else:
        assert got == []


# -- the [prefix] tables: their examples go through the pipeline ---------------------------------
with open(rules_dir() / "dates.toml", "rb") as _fh:
    PREFIX_EXAMPLES = [
        (name, ex) for name, table in tomllib.load(_fh)["prefix"].items() for ex in table.get("examples", [])
    ]


@pytest.mark.parametrize("name, example", PREFIX_EXAMPLES)
def test_prefix_examples_join_or_cue_a_date(name, example):
    text, mention = (example, example) if isinstance(example, str) else (example["text"], example["match"])
    assert mention in [d.text for d in dates(text)]


def test_publication_line_with_update_time():
    rec = extract_text("08 Tháng 8 2005 - Cập nhật 10h44 GMT+7\n\nHà Nội đề nghị tạm dừng đăng ký xe.")
    assert rec.doc_date is not None
    assert (rec.doc_date.value, rec.doc_date.time) == ("2005-08-08", "10:44")


def test_time_before_a_date_and_part_of_day_after_it():
    d = one("Vụ việc xảy ra lúc gần 9h sáng ngày 14/7/2017 tại quốc lộ.", "sáng ngày 14/7/2017")
    assert (d.time, d.part_of_day, d.value) == ("09:00", "morning", "2017-07-14")


def test_a_publication_line_with_a_clock_stays_strong_evidence():
    text = "Thứ Hai, 20/11/2023 - 10:00\n\nSáng 18/11, hội nghị diễn ra. Nghị quyết số 18-NQ/TW năm 2017 được quán triệt."
    assert one(text, "Sáng 18/11").value == "2023-11-18"


def test_a_count_is_no_bare_year():
    text = "Năm 2019, tỉnh khởi công dự án.\nNgày 5/3, đoàn thăm 2015 hộ dân ở vùng lũ."
    assert one(text, "Ngày 5/3").value == "2019-03-05"


def test_nam_nay_is_the_texts_own_year_not_the_sentences():
    text = "Thứ Hai, 20/5/2025 - 08:00\n\nChính sách áp dụng từ ngày 1/6 năm nay, đến năm 2030 hoàn thành."
    assert one(text, "ngày 1/6").value == "2025-06-01"
    assert (
        one("Chính sách áp dụng từ ngày 1/6 năm nay, đến năm 2030 hoàn thành.", "ngày 1/6").value
        == "XXXX-06-01"
    )


def test_the_same_day_written_with_its_year_elsewhere_gives_the_year():
    text = (
        "Theo Nghị định mới, từ ngày 1/7/2026 các cửa hàng phải niêm yết giá, đến năm 2030 hoàn thành chuyển đổi.\n"
        "Ông Bình cho biết quy định áp dụng từ ngày 1/7 năm nay trên cả nước."
    )
    assert one(text, "ngày 1/7").value == "2026-07-01"
    # written twice without a year: the second is the day the first was
    text = (
        "Ngày 6-3, công ty thông báo dừng bán hàng do hợp đồng thuê kho kết thúc trong năm 2011.\n"
        "Tới tháng 9-2018, công ty chuyển trụ sở. Trước đó, ngày 6-3, các hộ kinh doanh đã kiến nghị."
    )
    assert [d.value for d in dates(text) if d.text.casefold() == "ngày 6-3"] == ["2011-03-06"] * 2


def test_a_year_inside_a_sentence_is_background_a_dated_day_is_the_time():
    text = (
        "Luật Đất đai có hiệu lực từ ngày 1-1-2019, thay thế Luật Đất đai năm 2003.\n"
        "Xử lý hồ sơ tồn đọng Từ 1-7, các văn phòng đăng ký phải trả kết quả trong 10 ngày."
    )
    assert one(text, "1-7").value == "2019-07-01"
    # a year leading its sentence still sets the time of what follows
    text = "Ngày 3/4/2015, tỉnh khởi công cầu.\nNăm 2018, tỉnh khánh thành cầu.\nNgày 5/3, đoàn khảo sát đến tỉnh."
    assert one(text, "Ngày 5/3").value == "2018-03-05"
    # with no dated day at all, any year is the evidence left
    assert one("Cầu xây từ năm 2009.\nSáng 9/7, đoàn đến thăm cầu.", "Sáng 9/7").value == "2009-07-09"


NEWS_FORMS = [
    ("Ngày 10.6, tại hội trường, đoàn giám sát công bố kết luận.", "Ngày 10.6", "XXXX-06-10"),
    ("Đoàn sẽ báo cáo Thường trực Tỉnh ủy trước ngày 30.6.", "ngày 30.6", "XXXX-06-30"),
    ("Sáng nay, 12-6, Ban Thường vụ họp phiên thường kỳ.", "12-6", "XXXX-06-12"),
    ("Hôm qua 11-6, Ủy ban Kiểm tra hoàn thành dự thảo.", "11-6", "XXXX-06-11"),
    ("Giải chia làm vòng loại (3/4 đến 25/4) ở 4 khu vực.", "3/4 đến 25/4", "XXXX-04-03/XXXX-04-25"),
    ("Trong 45 ngày đêm (20/5-3/7/1968), quân và dân bám trụ.", "20/5-3/7/1968", "1968-05-20/1968-07-03"),
    ("Ông giữ chức Giám đốc Sở (tháng 2/2009 - 8/2014).", "tháng 2/2009 - 8/2014", "2009-02/2014-08"),
    ("| 5/1951 - 10/1957 | Ban Công tác nông thôn |", "5/1951 - 10/1957", "1951-05/1957-10"),
    ("Các trận đánh lớn diễn ra vào tháng 11 và 12/1967.", "tháng 11 và 12/1967", "1967-11/1967-12"),
    ("Kỳ thi tổ chức trong các ngày 8, 9 và 10/6/2019.", "ngày 8, 9 và 10/6/2019", "2019-06-08/2019-06-10"),
    (
        "Lấy ý kiến nhân dân từ 5-3-2019 đến 5-4-2019 tại trụ sở.",
        "5-3-2019 đến 5-4-2019",
        "2019-03-05/2019-04-05",
    ),
]


@pytest.mark.parametrize(("sentence", "mention", "value"), NEWS_FORMS)
def test_news_forms(sentence, mention, value):
    assert one(sentence, mention).value == value


def test_relative_words_fractions_and_ranges_of_numbers_stay_out():
    for line in (
        "Hôm qua, đoàn làm việc với huyện 2 buổi.",
        "Tỷ lệ 1/3 đến 1/2 số hộ chưa có nước sạch.",
        "Mức phạt từ 2-3 triệu đồng, thu hồi 3/4 diện tích.",
        "Ngày 1.500 người tham gia hiến máu là ngày vui.",
    ):
        assert dates(line) == [], line


def test_cung_nam_is_the_year_named_last_and_a_paragraphs_year_sets_its_months():
    text = (
        "Ngày 3 tháng 5 năm 1990, ông được bổ nhiệm Chỉ huy trưởng.\n"
        "Ông nghỉ hưu vào năm 1998 sau nhiều năm công tác ở đơn vị cũ.\n"
        "Tháng 2 cùng năm, ông về quê."
    )
    assert one(text, "Tháng 2").value == "1998-02"
    text = (
        "Ngày 14 tháng 10 năm 1964, ông được bầu làm Bí thư thứ nhất.\n"
        "Cuộc khủng hoảng đầu tiên xảy ra năm 1968 ở Đông Âu. Vào tháng 7, ông lên án giới lãnh đạo nước này."
    )
    assert one(text, "tháng 7").value == "1968-07"


def test_nam_ngoai_is_the_year_before_the_texts_own():
    text = "Thứ Ba, 16/5/2017 - 08:00\n\nÔng đã tính việc này từ khi đắc cử vào tháng 11 năm ngoái, nay mới công bố."
    assert one(text, "tháng 11").value == "2016-11"
    assert one("Doanh thu quý IV năm ngoái tăng 5%.", "quý IV").value == "XXXX-Q4"


def test_a_cited_documents_date_is_background_for_a_yearless_date():
    # a regulation cited by its symbol is older than the report: a dated day of the text's own wins,
    # before the mention or after it
    text = (
        "Chiều nay 12-4, Ủy ban Kiểm tra Trung ương công bố quyết định kỷ luật.\n"
        "Ông A. bị xử lý theo Quy định số 102-QĐ/TW, ngày 15-11-2017 của Bộ Chính trị.\n"
        "Ngày 12-4, đoàn kiểm tra làm việc tại tỉnh. Đoàn sẽ báo cáo trước ngày 20-6-2024."
    )
    assert [d.value for d in dates(text) if d.year_inferred] == ["2024-04-12", "2024-04-12"]
    # the same with "ban hành năm" after the symbol, and with the issuer between
    text = (
        "Ngày 9/5, Thường trực Quốc hội thảo luận dự thảo thay thế Nghị quyết số 12/2006/QH11 "
        "ban hành năm 2006.\nDự thảo được trình Quốc hội ngày 20/10/2019."
    )
    assert one(text, "Ngày 9/5").value == "2019-05-09"
    text = (
        "Sáng 3/3, chi bộ quán triệt Chỉ thị 22/2013/CT-TTg của Thủ tướng Chính phủ ký ngày 2/4/2013.\n"
        "Kết quả được tổng hợp đến ngày 30/6/2021."
    )
    assert one(text, "Sáng 3/3").value == "2021-03-03"


def test_a_cited_documents_date_still_gives_a_year_when_nothing_else_does():
    # the only dates: the cited documents' own; in the sentence the latest of them is the floor
    text = (
        "Tại phiên họp ngày 24/2, Ban Thường vụ nghe báo cáo về Nghị định số 120/2025/NĐ-CP, "
        "ngày 30/12/2025 và Tờ trình số 15-TTr/BTC, ngày 18/2/2026 của Ban Tổ chức."
    )
    assert one(text, "ngày 24/2").value == "2026-02-24"
    text = "Chiều 19/7, chi bộ học tập Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị."
    assert one(text, "Chiều 19/7").value == "2016-07-19"
    # a cited document is a floor: the text's own day found looking forward that is older gives way
    text = (
        "Thực hiện Công văn số 812/UBND-KT ngày 20/11/2025 của UBND tỉnh về rà soát hộ nghèo.\n"
        "Các xã gửi báo cáo trong tháng 12.\nSố liệu hộ nghèo được chốt đến ngày 31/12/2023."
    )
    assert one(text, "tháng 12").value == "2025-12"
    # ... and a year named inside a sentence before (a law's year) gives way to a later cited one
    text = (
        "Căn cứ Bộ luật Lao động năm 2012 và Nghị định số 45/2021/NĐ-CP ngày 10 tháng 3 năm 2021 "
        "của Chính phủ.\nDoanh nghiệp gửi báo cáo trước ngày 15 tháng 6."
    )
    assert one(text, "ngày 15 tháng 6").value == "2021-06-15"


def test_a_dated_day_before_still_beats_a_later_cited_document():
    # looking back, the nearest of the text's own dates stands: a reference list cites an old
    # article below a site's licence
    text = (
        "Giấy phép số 45/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày 28/12/2020.\n"
        'Nguyễn Văn A. (ngày 10 tháng 9 năm 2008). "Từ 15-9, báo ra thêm số chiều thứ Bảy".'
    )
    assert one(text, "15-9").value == "2008-09-15"
    # looking forward, a year leading a later sentence (a target) comes after a cited document
    text = (
        "Kỳ thi được tổ chức vào cuối tháng 6.\nLịch cụ thể: Sáng 24/6, thí sinh làm thủ tục dự thi.\n"
        "Quy chế ban hành kèm theo Thông tư số 05/2018/TT-BGDĐT ngày 28/02/2018.\n"
        "Từ năm 2020 trở đi, đề thi gồm cả chương trình lớp 10."
    )
    assert one(text, "Sáng 24/6").value == "2018-06-24"


@pytest.mark.parametrize(
    ("before", "cited"),
    [
        ("theo Quy định số 181-QĐ/TW, ", True),
        ("thay thế Nghị quyết số 12/2006/QH11 ban hành ", True),
        ("Chỉ thị 22/2013/CT-TTg của Thủ tướng Chính phủ ký ", True),
        ("(Tờ trình số 08-TTr/ĐU, ", True),
        ("Công văn 1234/QĐ-TTg được ký ban hành ", True),
        ("Số: 2842/QĐ-UBND\n|\n*Thành phố Hồ Chí Minh, ", False),
        ("Đoàn sẽ báo cáo trước ", False),
        ("đạt 1/3 kế hoạch ", False),
        ("Quyết định 15/2020/NĐ-CP về xử phạt, và từ ", False),
    ],
)
def test_what_marks_a_cited_documents_date(before, cited):
    import regex

    with open(rules_dir() / "dates.toml", "rb") as fh:
        pattern = tomllib.load(fh)["resolve"]["cited_before"]
    assert (regex.search(pattern, before) is not None) is cited
