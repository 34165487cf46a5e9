"""Figures through the whole pipeline: what counts, its attributes, and the negative corpus."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.extractors.dates import DateExtractor
from extract.extractors.figures import FigureExtractor, sentence_bounds
from extract.extractors.references import ReferenceExtractor
from extract.pipeline import Pipeline
from extract.rules import load_rules

_RULES = load_rules()
_PIPELINE = Pipeline(_RULES)


def figures(text: str) -> list:
    return _PIPELINE.run(text).figures


def summary(text: str) -> list[tuple]:
    return [(f.value, f.unit, f.comparator, f.role) for f in figures(text)]


@pytest.mark.parametrize("line", _RULES.data("figures.toml", "negative")["corpus"])
def test_negative_corpus_gives_no_figure(line):
    assert figures(line) == [], line


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Năm 2024, Ban Tuyên giáo đã tổ chức 1.250 buổi sinh hoạt chuyên đề cho hơn 45.000 lượt đảng viên.",
            [(1250, "buổi", "eq", "achieved"), (45000, "lượt", "gt", "achieved")],
        ),
        (
            "Phấn đấu đến năm 2030 có 100% chi bộ đạt tiêu chuẩn trong sạch, vững mạnh.",
            [(100, "%", "eq", "target")],
        ),
        (
            "Đảng bộ xác định đạt các chỉ tiêu chủ yếu sau:\n- 95% đảng viên hoàn thành tốt nhiệm vụ;\n"
            "- Kết nạp ít nhất 120 đảng viên mới.",
            [(95, "%", "eq", "target"), (120, "đảng viên mới", "gte", "target")],
        ),
        (
            "Mức phạt tiền từ 2.000.000 đồng đến 4.000.000 đồng đối với hành vi vi phạm.",
            [(2000000, "đồng", "gte", "other"), (4000000, "đồng", "lte", "other")],
        ),
        (
            "Ban Thường trực gồm từ 5 - 7 đồng chí.",
            [(5, "đồng chí", "gte", "target"), (7, "đồng chí", "lte", "target")],
        ),
        (
            "Giá trị hợp đồng 4.000 - 5.000 USD.",
            [(4000, "usd", "gte", "other"), (5000, "usd", "lte", "other")],
        ),
        ("Dự án có tổng vốn khoảng 2,5 tỷ đồng.", [(2500000000, "đồng", "approx", "other")]),
        (
            "Có hai lớp bồi dưỡng với hai mươi mốt học viên.",
            [(2, "lớp", "eq", "other"), (21, "học viên", "eq", "other")],
        ),
        ("Gần 90% cử tri đã đi bầu cử.", [(90, "%", "approx", "other")]),
        ("Kết quả, gần 90% cử tri đi bầu cử.", [(90, "%", "approx", "achieved")]),
        ("Tỷ lệ tham gia đạt một trăm phần trăm.", [(100, "%", "eq", "achieved")]),
        ("Mỗi đơn vị cử không quá 3 đại biểu dự hội nghị.", [(3, "đại biểu", "lte", "target")]),
        ("Hội có 3.000 hội viên trở lên tham gia.", [(3000, "hội viên", "gte", "other")]),
        (
            "Năm năm sau, 05 lớp được mở cho dưới 200 học viên.",
            [(5, "lớp", "eq", "other"), (200, "học viên", "lt", "other")],
        ),
        (
            "Học phí tăng từ 180.000 đồng lên 250.000 đồng.",
            [(180000, "đồng", "eq", "other"), (250000, "đồng", "eq", "other")],
        ),
        (
            "Huyện đã trao 01 giải A, 02 giải B cho các tập thể.",
            [(1, "giải", "eq", "achieved"), (2, "giải", "eq", "achieved")],
        ),
        ("Luật gồm 7 chương, 45 điều.", [(7, "chương", "eq", "other"), (45, "điều", "eq", "other")]),
        # a comparison word before "hơn" sets the direction; "không ..." sets a norm
        ("Tỷ lệ bỏ học của trường không cao hơn 8%.", [(8, "%", "lte", "target")]),
        ("Số giảng viên có học vị tiến sĩ không thấp hơn 25%.", [(25, "%", "gte", "target")]),
        ("Ở xã này, số hộ nghèo thấp hơn 40 hộ.", [(40, "hộ", "lt", "other")]),
        ("Tối thiểu có 7 người làm việc thì được lập tổ.", [(7, "người", "gte", "target")]),
        # fines a rule sets and sums appropriated are no result, whatever cue stands before
        (
            "Người tham gia giao thông có thể bị phạt tiền từ 400.000 đồng đến 600.000 đồng.",
            [(400000, "đồng", "gte", "other"), (600000, "đồng", "lte", "other")],
        ),
        ("Đối tượng đã lừa đảo chiếm đoạt hơn 2 tỷ đồng.", [(2000000000, "đồng", "gt", "other")]),
        # a goal measured against: the result is achieved, the goal's programme name is no cue
        (
            "Ban Chỉ đạo Chương trình mục tiêu quốc gia cho biết đã có 412 xã đạt chuẩn.",
            [(412, "xã", "eq", "achieved")],
        ),
        ("Đến cuối năm, toàn tỉnh có 57 xã đạt chuẩn nông thôn mới.", [(57, "xã", "eq", "achieved")]),
        (
            "Mục tiêu là 60% xã đạt chuẩn (hiện nay là 41%).",
            [(60, "%", "eq", "target"), (41, "%", "eq", "achieved")],
        ),
        # digits of a growth rate, cubic metres, floors and seats are no count
        ("Tỉnh phấn đấu tăng trưởng hai con số.", []),
        ("Công trình cần 3 triệu khối đất, nhà 7 tầng và xe 16 chỗ.", []),
        # "năm" after these words is the year: "hằng năm quy định", "ngày, tháng, năm quyết định"
        ("Khen thưởng hằng năm quy định tại điều lệ; ghi ngày, tháng, năm quyết định.", []),
        ("Đợt này có năm di sản được ghi danh.", [(5, "di sản", "eq", "other")]),
        (
            "Cả ba bộ cùng quản lý ba nghị quyết.",
            [(3, "bộ", "eq", "other"), (3, "nghị quyết", "eq", "other")],
        ),
        (
            "Có 12 hành khách và 3 binh sĩ bị thương.",
            [(12, "hành khách", "eq", "other"), (3, "binh sĩ", "eq", "other")],
        ),
        # a range written without spaces is a range too; the lower bound takes the upper's scale
        # word when it has none and stays below the upper
        (
            "Nợ xấu khoảng 8-11% tổng dư nợ; mức phạt 4-9 triệu đồng.",
            [
                (8, "%", "gte", "other"),
                (11, "%", "lte", "other"),
                (4000000, "đồng", "gte", "other"),
                (9000000, "đồng", "lte", "other"),
            ],
        ),
        (
            "Giá vé giảm từ 300.000 - 1,2 triệu đồng, đón 40-60 khách mỗi đợt.",
            [
                (300000, "đồng", "gte", "other"),
                (1200000, "đồng", "lte", "other"),
                (40, "khách", "gte", "other"),
                (60, "khách", "lte", "other"),
            ],
        ),
        (
            "Thu hút từ 3,5 đến 4 triệu lượt khách.",
            [(3500000, "lượt", "gte", "achieved"), (4000000, "lượt", "lte", "achieved")],
        ),
        # a dash after a letter glues the number to a name; a range of multipliers is no count
        ("Biến thể SARS-2 và tàu TH-45 cập cảng, nồng độ vượt quy chuẩn cho phép 3-6 lần.", []),
        ("Năng suất tăng gấp 2-4 lần.", []),
        # people a news report counts; "trong số"/"tổng số" before a number is no label, and the
        # part before it borrows the noun of the whole
        (
            "Liên danh giới thiệu 52 trong số 90 ứng cử viên, cùng hơn 30 diễn viên và 8 thuyền viên.",
            [
                (52, "ứng cử viên", "eq", "other"),
                (90, "ứng cử viên", "eq", "other"),
                (30, "diễn viên", "gt", "other"),
                (8, "thuyền viên", "eq", "other"),
            ],
        ),
        ("Xếp thứ 4 trên tổng số 120 thí sinh.", [(120, "thí sinh", "eq", "other")]),
        # a sum whose noun goes unsaid after a scale word, up to the end of its clause
        (
            "Tổng thu đạt 8.200 tỷ đồng, riêng thu nội địa gần 5.100 tỷ; lô đất trị giá 45 tỷ là tài sản lớn nhất.",
            [
                (8200000000000, "đồng", "eq", "achieved"),
                (5100000000000, None, "approx", "achieved"),
                (45000000000, None, "eq", "other"),
            ],
        ),
        (
            "Kinh phí ước 3-4 nghìn tỷ.",
            [(3000000000000, None, "gte", "other"), (4000000000000, None, "lte", "other")],
        ),
        ("Dân số 1,2 triệu người.", [(1200000, "người", "eq", "other")]),
        # "trên dưới" is about; collateral ("tài sản bảo đảm") is no goal
        ("Lớp học có trên dưới 30 học viên.", [(30, "học viên", "approx", "other")]),
        (
            "Khoản vay có tài sản bảo đảm, thường định giá khoảng 70% giá trị thực.",
            [(70, "%", "approx", "other")],
        ),
    ],
)
def test_what_counts_and_its_attributes(text, expected):
    assert summary(text) == expected


def test_subject_of_a_percentage():
    (f,) = figures("Tỉnh có 100% đảng viên được học tập nghị quyết.")
    assert f.unit == "%" and f.subject == "đảng viên"


def test_deadline_of_a_target():
    (f,) = figures("Phấn đấu đến năm 2030 có 100% xã đạt chuẩn.")
    assert f.role == "target" and f.deadline == "2030"
    (g,) = figures("Hằng năm, phấn đấu 100% chi bộ hoàn thành nhiệm vụ.")
    assert g.deadline is None


def test_a_target_carries_over_the_clauses_of_its_sentence():
    # goals one a clause after one cue: the clauses with no cue of their own continue it
    text = (
        "Huyện phấn đấu thu ngân sách tăng 7%; tổng vốn đầu tư xã hội từ 9 đến 10%; "
        "tổng chi ngân sách là 1.240 tỷ đồng. Năm ngoái huyện có 320 doanh nghiệp."
    )
    assert [(f.value, f.role) for f in figures(text)] == [
        (7, "target"),
        (9, "target"),
        (10, "target"),
        (1240000000000, "target"),
        (320, "other"),
    ]
    # a clause with its own cue keeps it; a clause of no goal carries nothing over
    text = "Mục tiêu kết nạp 200 đảng viên; đến nay đã kết nạp 150 đảng viên; còn 12 chi bộ chưa có."
    assert [f.role for f in figures(text)] == ["target", "achieved", "other"]
    text = "Xã có 45 hộ nghèo; 30 hộ cận nghèo."
    assert [f.role for f in figures(text)] == ["other", "other"]
    # a cue that is no cue ("theo kế hoạch") ends the carrying over
    text = "Phấn đấu mở 8 lớp; theo kế hoạch 3 lớp học vào quý II."
    assert [f.role for f in figures(text)] == ["target", "other"]
    # nor does a plan denied: answers of a poll
    text = "Có 42% hợp tác xã cho biết không có kế hoạch vay vốn; 35% nói sẽ vay trong năm tới; 23% chưa trả lời."
    assert [f.role for f in figures(text)] == ["other", "other", "other"]


def test_a_share_is_no_result_by_itself():
    # "chiếm" tells a part of a whole; the role comes from the cues around it
    assert summary("Nhóm hộ trồng lúa chiếm 45% số hộ của xã.") == [(45, "%", "eq", "other")]
    text = "Năm qua, huyện đã kết nạp 120 đảng viên, chiếm 15% số quần chúng ưu tú."
    assert [f.role for f in figures(text)] == ["achieved", "achieved"]
    text = "Mục tiêu đến năm 2030 kinh tế số chiếm 30% GRDP của tỉnh."
    assert [(f.role, f.deadline) for f in figures(text)] == [("target", "2030")]


def test_an_aim_of_attracting_is_no_result():
    text = (
        "Hoàn thiện cơ chế thu hút nhân tài trong khu vực công, Nghị định quy định chính sách "
        "đối với 03 nhóm đối tượng."
    )
    assert summary(text) == [(3, "nhóm đối tượng", "eq", "other")]
    # the verb still reports a result
    assert summary("Hội chợ thu hút 120 doanh nghiệp tham gia.") == [(120, "doanh nghiệp", "eq", "achieved")]


def test_a_soft_wrap_inside_a_noun_is_no_break():
    text = "Quy chế phối hợp giữa 3 Ban\nchỉ đạo của tỉnh được ban hành."
    assert [(f.text, f.unit) for f in figures(text)] == [("3 Ban\nchỉ đạo", "ban chỉ đạo")]
    # a break between the number and its noun still ends the figure
    assert figures("Số phòng họp là 3\nphòng họp trực tuyến.") == []


def test_a_bound_a_rule_forbids_to_cross():
    text = "Điểm thưởng không được vượt quá 10% tổng điểm; số thành viên không được dưới 5 người."
    assert summary(text) == [(10, "%", "lte", "target"), (5, "người", "gte", "target")]


def test_whom_a_visit_meets_is_no_result():
    text = (
        "Sáng 3/4, Đoàn công tác đã làm việc với Thường trực Huyện ủy và 9 chi bộ trực thuộc. "
        "Bộ trưởng đã có buổi gặp mặt 40 thanh niên tiêu biểu. Đoàn đã tặng 40 suất quà."
    )
    assert [(f.value, f.role) for f in figures(text)] == [(9, "other"), (40, "other"), (40, "achieved")]


def test_a_cue_word_in_a_name_is_no_cue():
    text = (
        "Sở Kế hoạch và Đầu tư vừa thẩm định 14 dự án. "
        "Mục tiêu của Sở Kế hoạch và Đầu tư là 100% hồ sơ được giải quyết đúng hạn."
    )
    assert [(f.value, f.role) for f in figures(text)] == [(14, "other"), (100, "target")]
    # the name written without "và" after the body, its cue then carried over no clause
    text = (
        "Bộ trưởng Kế hoạch Đầu tư cho biết: lãi vay bình quân trong nước là 8%; Thái Lan 5%; Singapore 3%."
    )
    assert [(f.value, f.role) for f in figures(text)] == [(8, "other"), (5, "other"), (3, "other")]
    # a plan to invest is still a cue
    assert [f.role for f in figures("Kế hoạch đầu tư công của xã là xây mới 12 phòng học.")] == ["target"]


def test_a_list_cue_scopes_over_its_list():
    text = (
        "Nghị quyết đề ra các mục tiêu cụ thể như sau:\n\n"
        "Kết nạp 500 đảng viên mới;\n\n"
        "Có 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ.\n\n"
        "Trong năm qua, toàn Đảng bộ đã kết nạp 450 đảng viên."
    )
    assert [f.role for f in figures(text)] == ["target", "target", "achieved"]


def test_a_colon_before_a_quotation_opens_no_list():
    text = (
        "Ông Trưởng ban Chương trình mục tiêu cho rằng: “Các địa phương đã làm tốt”.\n\n"
        "Năm nay cả nước có 380 xã đạt chuẩn.\n\nCòn 45 xã chưa hoàn thành."
    )
    assert [f.role for f in figures(text)] == ["achieved", "other"]


def test_a_list_of_goals_wins_over_a_cue_after_the_number():
    text = "Mục tiêu đến năm 2030:\n- 100% xã đạt chuẩn nông thôn mới;\n- 70% hộ dân dùng nước sạch."
    assert [(f.value, f.role) for f in figures(text)] == [(100, "target"), (70, "target")]


def test_plan_opening_makes_goals_the_default():
    text = "KẾ HOẠCH\nTuyên truyền pháp luật năm 2026\n\nTổ chức 12 hội nghị cho 1.500 lượt cán bộ."
    assert [f.role for f in figures(text)] == ["target", "target"]
    report = "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2025\n\nTổ chức 12 hội nghị."
    assert [f.role for f in figures(report)] == ["achieved"]


def test_a_heading_in_capitals_sets_the_default_of_its_section():
    text = (
        "BÁO CÁO\nCông tác dân vận năm 2025\n\nI. KẾT QUẢ THỰC HIỆN NHIỆM VỤ\n\n"
        "Tổ chức 14 buổi đối thoại với 900 người dân.\n\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026\n\nTổ chức 16 buổi đối thoại.\n\n"
        "Các Chương trình mục tiêu vẫn được triển khai ở 3 huyện."
    )
    assert [(f.value, f.role) for f in figures(text)] == [
        (14, "achieved"),
        (900, "achieved"),
        (16, "target"),
        (3, "target"),
    ]


def test_reach_in_a_section_of_goals_is_a_goal():
    # "đạt" reports a result, but in a plan (or a section of goals) it is the goal to reach
    text = (
        "KẾ HOẠCH\nXây dựng xã không ma túy\n\nTrong năm 2026 có 30% xã không ma túy; "
        "đến hết năm 2030 đạt 60% xã không ma túy."
    )
    assert [(f.value, f.role, f.deadline) for f in figures(text)] == [
        (30, "target", "2026"),
        (60, "target", "2030"),
    ]
    text = (
        "KẾ HOẠCH\nPhòng, chống ma túy năm 2026\n\nI. KẾT QUẢ NĂM 2025\n\n"
        "Toàn tỉnh đạt 25% xã không ma túy.\n\nII. NHIỆM VỤ NĂM 2026\n\nPhấn đấu 35% xã không ma túy."
    )
    assert [(f.value, f.role) for f in figures(text)] == [(25, "achieved"), (35, "target")]
    assert [f.role for f in figures("Năm 2025, toàn tỉnh đạt 25% xã không ma túy.")] == ["achieved"]


def test_the_deadline_of_its_own_clause_first():
    text = "Phấn đấu có 20% xã đạt chuẩn trong năm 2026; đến năm 2030 có 100% xã đạt chuẩn."
    assert [(f.value, f.deadline) for f in figures(text)] == [(20, "2026"), (100, "2030")]


def test_report_opening_makes_results_the_default():
    text = "KẾT QUẢ CÔNG TÁC TUYÊN GIÁO NĂM 2024\n\nTham mưu mở 05 lớp bồi dưỡng cho 230 học viên."
    assert [f.role for f in figures(text)] == ["achieved", "achieved"]


def test_spans_cut_the_decoded_text():
    raw = "Đã tổ chức\r\n6.372\u00a0buổi tuyên truyền cho hơn 100 cộng tác viên."
    found = figures(raw)
    assert [f.value for f in found] == [6372, 100]
    for f in found:
        assert raw[f.span[0] : f.span[1]] == f.text


def test_labels_and_names_are_not_counts():
    assert figures("Theo khoản 2 Điều 5 Luật, học sinh lớp 12 và điện thoại Fold 7 có camera.") == []
    assert figures("Kinh phí thực hiện Dự án 3 chương trình giảm nghèo bền vững.") == []
    assert figures("Xét tuyển theo điểm thi học kỳ 1 lớp 9 và học kì 2 lớp 9.") == []


def test_a_sum_of_money_is_no_label():
    # after a label word or a capitalised name, a number of a currency is still a sum
    text = (
        "Gia hạn giấy phép áp dụng mức 150.000 đồng. Nhà văn hóa 45 tỉ đồng bị bỏ hoang. "
        "Chi nhánh nộp về Công ty Bắc Giang 600 triệu đồng và trả đối tác Đài Loan 20.000 USD."
    )
    assert [(f.value, f.unit) for f in figures(text)] == [
        (150000, "đồng"),
        (45000000000, "đồng"),
        (600000000, "đồng"),
        (20000, "usd"),
    ]
    # the labels of other counts stay labels
    assert figures("Tại phòng 12 cán bộ làm việc, Công ty Bắc Giang 5 hộ dân góp vốn.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Câu một. Câu hai có 3 người\nDòng mới",
        "Mục tiêu.\nPhấn đấu\n100% xã đạt chuẩn,\nnông thôn mới.\nHết",
        "\nA? B! C. D\n\nE,\nf 1\n2 g.\n",
        "x" * 500 + ". " + "y" * 300 + "\nZ 5 người" + "." * 3 + " " + "w" * 450,
    ],
)
def test_sentence_bounds_match_the_sentence_end_pattern(text):
    """The str.find version gives the spans the regex scan over the window gives, everywhere."""
    from extract.extractors.figures import _SENTENCE_END, _SENTENCE_REACH

    def by_regex(p):
        lo, hi = max(0, p - _SENTENCE_REACH), min(len(text), p + _SENTENCE_REACH)
        start = lo
        for m in _SENTENCE_END.finditer(text, lo, min(len(text), p + 1)):
            if m.end() <= p:
                start = m.end()
        m = _SENTENCE_END.search(text, p, hi)
        return start, (m.start() + (1 if m.group() != "\n" else 0)) if m else hi

    for p in range(len(text)):
        assert sentence_bounds(text, p) == by_regex(p), p


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(st.sampled_from(list("ab A.?! ,\n5")), max_size=900),
        st.lists(
            st.sampled_from(["ab", "c d", " A", ",", "5", ". ", "\n", "efgh"]), min_size=100, max_size=400
        ).map("".join),
    )
)
def test_sentence_bounds_hold_as_far_as_bounds_says(text):
    """The judge reuses the bounds of one number for the next ones up to ``until``: they must be
    the bounds there too."""
    from extract.extractors.figures import _bounds

    for p in range(0, len(text), 7):
        s, e, until = _bounds(text, p)
        assert (s, e) == sentence_bounds(text, p)
        for q in range(p, min(until, len(text))):
            assert sentence_bounds(text, q) == (s, e), (p, q)


def test_sentence_bounds():
    text = "Câu một. Câu hai có 3 người\nDòng mới"
    s, e = sentence_bounds(text, text.index("3"))
    assert text[s:e] == "Câu hai có 3 người"
    wrapped = "Mục tiêu.\nPhấn đấu\n100% xã đạt chuẩn,\nnông thôn mới.\nHết"
    s, e = sentence_bounds(wrapped, wrapped.index("100"))
    assert wrapped[s:e] == "Phấn đấu\n100% xã đạt chuẩn,\nnông thôn mới."


def test_pos_fallback_finds_a_noun_no_lexicon_holds():
    text = "Đội đã lập 5 kỷ lục liên tiếp."
    assert figures(text) == []  # off by default: "kỷ lục" is in no lexicon
    ext = FigureExtractor(_RULES)
    ext.pos_fallback = True
    pipeline = Pipeline(_RULES, [DateExtractor(_RULES), ReferenceExtractor(_RULES), ext])
    (f,) = pipeline.run(text).figures
    assert (f.value, f.unit, f.rule) == (5, "kỷ lục", "fig.digits.pos")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a floor word in a report of an event describes a count: the role its other cues give
        ("Trận động đất làm ít nhất 14 người thiệt mạng ở vùng ven biển.", [(14, "người", "gte", "other")]),
        ("Ít nhất 9 người mất tích sau trận lũ quét đêm qua.", [(9, "người", "gte", "other")]),
        (
            "Cơ quan điều tra đã triệu tập ít nhất 6 đối tượng liên quan.",
            [(6, "đối tượng", "gte", "achieved")],
        ),
        # a floor or cap a rule or a plan sets stays a norm
        ("Mỗi tổ phải có ít nhất 5 thành viên.", [(5, "thành viên", "gte", "target")]),
        ("Đơn vị đã được giao biên chế nhưng không vượt quá 40 người.", [(40, "người", "lte", "target")]),
        (
            "Năm 2024, Chính phủ đã giao các bộ kiểm tra tối thiểu 30% đơn vị trực thuộc.",
            [(30, "%", "gte", "target")],
        ),
    ],
)
def test_a_floor_word_in_a_reported_event_sets_no_norm(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Liên minh cầm quyền giành được 215 ghế trong tổng số 400 ghế.", [(215, "ghế"), (400, "ghế")]),
        ("Đoàn thể thao có 1 trưởng đoàn và 3 phó đoàn.", [(3, "phó đoàn")]),
        ("Sở chỉ được bố trí không quá 2 phó trưởng phòng.", [(2, "phó trưởng phòng")]),
        ("Chính phủ nhiệm kỳ mới có 5 Phó Thủ tướng.", [(5, "phó thủ tướng")]),
        # a military unit named by its number counts nothing
        ("Cán bộ Trung đoàn 2 Sư đoàn 312 tham gia diễn tập.", []),
        ("Bộ Tư lệnh Quân đoàn 4 tổ chức hội thao.", []),
        ("Lực lượng gồm 2 tiểu đoàn và 1 đại đội.", [(2, "tiểu đoàn"), (1, "đại đội")]),
    ],
)
def test_seats_deputies_and_military_unit_names(text, expected):
    assert [(f.value, f.unit) for f in figures(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a label word that ends a longer word before a count labels nothing
        ("Tòa án tuyên án tử hình 5 bị cáo trong đường dây ma túy.", [(5, "bị cáo", "eq", "other")]),
        ("Năm 2024, các cấp ủy đã kỷ luật 120 đảng viên vi phạm.", [(120, "đảng viên", "eq", "achieved")]),
        ("Ngư dân đã nâng cấp 45 chiếc tàu vỏ gỗ.", [(45, "chiếc", "eq", "achieved")]),
        # ... also when a wrapped line splits the pair
        (
            "Công bố kèm theo Quyết định này Danh\nmục 04 thủ tục hành chính nội bộ.",
            [(4, "thủ tục hành chính", "eq", "other")],
        ),
        (
            "Công bố kèm theo Quyết định này Danh\r\nmục 04 thủ tục hành chính nội bộ.",
            [(4, "thủ tục hành chính", "eq", "other")],
        ),
        ("Sửa đổi, bổ sung Điều\n5 của Nghị định.", []),
        ("Học sinh lớp\n12 chuẩn bị cho kỳ thi.", []),
        # a mixed-case word in mid-sentence before the number is a name
        ("Giá bán iPad 11 bản tiêu chuẩn giảm mạnh.", []),
        ("Cửa hàng có 11 bản tiêu chuẩn.", [(11, "bản", "eq", "other")]),
        # per unit even with a bound word before the "/"
        ("Tài sản có nguyên giá từ 03 tỷ đồng trở lên/01 đơn vị tài sản do Sở quyết định.", []),
        (
            "Dự án có tổng vốn từ 3 tỷ đồng trở lên do tỉnh quyết định.",
            [(3000000000, "đồng", "gte", "other")],
        ),
        # counted nouns of items and people
        (
            "Kho lưu giữ 12.000 viên đạn và hơn 40 cọc bê tông.",
            [(12000, "viên đạn", "eq", "other"), (40, "cọc", "gt", "other")],
        ),
        ("Hội đồng xét xử có 2 hội thẩm nhân dân.", [(2, "hội thẩm", "eq", "other")]),
        ("Đội bóng phải vượt qua ba đối thủ mạnh.", [(3, "đối thủ", "eq", "other")]),
        ("Văn phòng đã tiếp nhận 214 phản ánh của người dân.", [(214, "phản ánh", "eq", "achieved")]),
    ],
)
def test_labels_names_per_unit_and_nouns(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "đến nay" reports a result, also when "đã" follows the subject
        ("Đến nay, 95% các chi bộ đã ứng dụng phần mềm quản lý.", [(95, "%", "eq", "achieved")]),
        ("Từ năm 2021 đến nay có 42 xã đạt chuẩn nông thôn mới.", [(42, "xã", "eq", "achieved")]),
        # a cue inside a parenthesis closed before the number is no cue of it
        (
            "Đề nghị (do trượt giá đến nay là 20%) nâng mức từ 500 tỷ đồng lên 1.000 tỷ đồng.",
            [
                (20, "%", "eq", "achieved"),
                (500000000000, "đồng", "eq", "other"),
                (1000000000000, "đồng", "eq", "other"),
            ],
        ),
        # the participants of an event are no cue of a result
        ("Người tham gia đấu giá nộp tiền đặt trước 10% giá khởi điểm.", [(10, "%", "eq", "other")]),
        ("Có 300 người tham gia giải chạy.", [(300, "người", "eq", "other")]),
        ("Đã có 300 đoàn viên tham gia giải chạy.", [(300, "đoàn viên", "eq", "achieved")]),
    ],
)
def test_roles_up_to_now_parenthesis_participants(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a percentage after a label word is no label
        ("Nhà trường giảm mức 50% học phí cho con em hộ nghèo.", [(50, "%", "eq", "other")]),
        ("Giáo viên được hưởng phụ cấp đứng lớp 30%.", [(30, "%", "eq", "other")]),
        ("Học sinh lớp 9 được nghỉ học.", []),
        # a bound word before "bằng" or "mức" sets the comparator and makes a norm
        ("Kinh phí được bố trí tối đa bằng 15% tổng quỹ lương.", [(15, "%", "lte", "target")]),
        ("Sản lượng hợp đồng không thấp hơn mức 70% sản lượng bình quân.", [(70, "%", "gte", "target")]),
        ("Các đơn vị quyết tâm hoàn thành vượt mức 100% các chỉ tiêu.", [(100, "%", "gt", "target")]),
    ],
)
def test_percent_after_label_and_bounds_before_bang_or_muc(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bound word before "là" is the same bound, and a cap or floor is a norm
        ("Mức phạt tiền tối đa là 05 tỷ đồng đối với tổ chức.", [(5000000000, "đồng", "lte", "target")]),
        ("Ủy viên ban thường vụ tối đa là 13 người.", [(13, "người", "lte", "target")]),
        ("Mỗi chi bộ có tối thiểu là 3 đảng viên chính thức.", [(3, "đảng viên", "gte", "target")]),
        # an event still makes the floor a count
        ("Vụ sạt lở làm ít nhất là 4 người thiệt mạng.", [(4, "người", "gte", "other")]),
    ],
)
def test_a_bound_word_before_la(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the abbreviations news writes for people, bodies and prizes are counted nouns
        (
            "Đoàn thể thao tỉnh giành 4 HCV, 3 HCB và 6 HC đồng.",
            [(4, "hcv", "eq", "other"), (3, "hcb", "eq", "other"), (6, "hc đồng", "eq", "other")],
        ),
        ("Giải đấu quy tụ 350 VĐV của 20 đoàn.", [(350, "vđv", "eq", "other"), (20, "đoàn", "eq", "other")]),
        ("Hội chợ có 75 DN tham gia.", [(75, "dn", "eq", "other")]),
        (
            "Trường có 1.500 HS và 2,1 triệu HSSV cả nước được miễn phí.",
            [(1500, "hs", "eq", "other"), (2100000, "hssv", "eq", "other")],
        ),
        ("Tay vợt này có 12 chiến thắng liên tiếp.", [(12, "chiến thắng", "eq", "other")]),
        ("Hãng giới thiệu 2 dòng sản phẩm mới.", [(2, "dòng sản phẩm", "eq", "other")]),
    ],
)
def test_abbreviated_and_news_nouns(text, expected):
    assert summary(text) == expected


def test_a_multiplier_of_a_limit_or_a_sum_is_no_count():
    text = (
        "Hàm lượng amoni vượt quy chuẩn 14 lần; có lúc vượt giới hạn cho phép đối với nước thải "
        "từ 6 lần - 85 lần. Người vi phạm có thể bị phạt đến 5 lần khoản lợi bất chính."
    )
    assert figures(text) == []
    # times something is done are still counted
    assert summary("Đoàn kiểm tra đã 3 lần vượt biên giới.") == [(3, "lần", "eq", "achieved")]
