"""extract diff: mention-level differences between two batch runs, counted per list and per rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extract.api import extract_folder
from extract.cli import main
from extract.diff import diff_records, load_records
from extract.output import dumps, dumps_line
from extract.paths import rules_dir
from extract.pipeline import LISTS, Pipeline
from extract.rules import RuleSet

# our own sentences, in the style of the corpus; c.txt holds nothing the altered rules touch
TEXTS = {
    "a.txt": (
        "Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 45-KH/TU ngày 02/3/2023 để thực hiện Chỉ thị số 5 "
        "của Ban Bí thư và Chỉ thị số 05-CT/TW.\n"
        "Đảng bộ tiếp tục quán triệt Nghị quyết Trung ương 4 khóa XII, Nghị quyết Đại hội XIII và "
        "Nghị quyết Đại hội 13 của Đảng.\n"
    ),
    "b.txt": (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ, Sở Nội vụ hướng dẫn áp dụng "
        "Thông tư 01/2021/TT-BNV.\nNghị quyết số 35 của Bộ Chính trị và Kết luận 21 được học tập trong tháng 5.\n"
    ),
    "sub/c.txt": "Hội nghị lần này không nhắc văn bản nào; chỉ có ngày 15 tháng 5 năm 2016 được ghi lại.\n",
}

# one rule altered per case: (file, old, new, exactly the changes expected as (doc, list, kind, text))
ALTERATIONS = {
    "numbered_two_digits": (
        "references.toml",
        r"(?P<so>(?i:số))\s+(?P<number>\d{1,4})|",
        r"(?P<so>(?i:số))\s+(?P<number>\d{2,4})|",
        {("a", "references", "removed", "Chỉ thị số 5")},
    ),
    "congress_arabic_ordinal": (
        "references.toml",
        r"(?P<ordinal>{{roman}})(?![\w])",
        r"(?P<ordinal>{{roman}}|\d{1,2})(?![\w])",
        {("a", "references", "added", "Nghị quyết Đại hội 13")},
    ),
    # the date loses its "ngày": the date moves (removed + added) and the references that took
    # their issued_on from it change: a knock-on effect the report must show too
    "date_without_ngay": (
        "dates.toml",
        "fields = { prefix = [\"date_pre\"] }\npattern = '''{{date_l}}(?P<day>{{date_d}})(?P<sep>[/.\\-])",
        "pattern = '''{{date_l}}(?P<day>{{date_d}})(?P<sep>[/.\\-])",
        {
            ("a", "dates", "removed", "ngày 02/3/2023"),
            ("a", "dates", "added", "02/3/2023"),
            ("a", "references", "changed", "Kế hoạch số 45-KH/TU"),
            ("b", "dates", "removed", "ngày 05/3/2020"),
            ("b", "dates", "added", "05/3/2020"),
            ("b", "references", "changed", "Nghị định số 30/2020/NĐ-CP"),
        },
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name, text in TEXTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def run_jsonl(texts: Path, rules: Path, out: Path) -> Path:
    pipeline = Pipeline(RuleSet(rules))
    out.write_bytes(b"".join(dumps_line(r) for r in extract_folder(texts, pipeline=pipeline)))
    return out


@pytest.fixture(scope="module")
def stock_run(corpus, tmp_path_factory) -> Path:
    return run_jsonl(corpus, rules_dir(), tmp_path_factory.mktemp("old") / "old.jsonl")


def altered_rules(tmp_path: Path, file: str, old: str, new: str) -> Path:
    dest = tmp_path / "rules"
    shutil.copytree(rules_dir(), dest)
    f = dest / file
    src = f.read_text(encoding="utf-8")
    assert src.count(old) == 1, f"the alteration no longer applies to {file}: {old!r}"
    f.write_text(src.replace(old, new), encoding="utf-8")
    return dest


def brute_force(old: dict, new: dict) -> set[tuple]:
    """The differences computed the plain way: every (doc, list, span) whose mention is not equal."""
    out = set()
    for did in set(old) | set(new):
        for lst in LISTS:
            a = {tuple(m["span"]): m for m in old.get(did, {}).get(lst, [])}
            b = {tuple(m["span"]): m for m in new.get(did, {}).get(lst, [])}
            assert len(a) == len(old.get(did, {}).get(lst, [])), "spans within a list are unique"
            for span in set(a) | set(b):
                if span not in b:
                    out.add((did, lst, "removed", span))
                elif span not in a:
                    out.add((did, lst, "added", span))
                elif a[span] != b[span]:
                    out.add((did, lst, "changed", span))
    return out


@pytest.mark.parametrize("case", sorted(ALTERATIONS))
def test_diff_reports_exactly_what_one_rule_change_changed(case, corpus, stock_run, tmp_path, capsys):
    file, old, new, expected = ALTERATIONS[case]
    new_run = run_jsonl(corpus, altered_rules(tmp_path, file, old, new), tmp_path / "new.jsonl")
    rc = main(["diff", str(stock_run), str(new_run), "--json", "--texts", str(corpus), "--examples", "100"])
    report = json.loads(capsys.readouterr().out)
    assert rc == 1
    got = {(c["doc_id"], c["list"], c["kind"], c["text"]) for c in report["changes"]}
    assert got == expected
    # and the same as the plain comparison of the two runs, span for span
    old_recs, new_recs = load_records(stock_run), load_records(new_run)
    assert {(c["doc_id"], c["list"], c["kind"], tuple(c["span"])) for c in report["changes"]} == brute_force(
        old_recs, new_recs
    )
    # counts per list add up to the changes, and every change shows its sentence
    for lst, counts in report["per_list"].items():
        for kind, n in counts.items():
            assert n == sum(1 for c in expected if c[1] == lst and c[2] == kind)
    assert all("[[" in c["sentence"] for c in report["changes"])
    assert report["documents"]["changed"] == sorted({c[0] for c in expected})


def test_date_change_counts_per_rule_and_fields(corpus, stock_run, tmp_path, capsys):
    file, old, new, _ = ALTERATIONS["date_without_ngay"]
    new_run = run_jsonl(corpus, altered_rules(tmp_path, file, old, new), tmp_path / "new.jsonl")
    main(["diff", str(stock_run), str(new_run), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["per_rule"] == {
        "date.day.numeric": {"added": 2, "removed": 2, "changed": 0},
        "ref.party.symbol": {"added": 0, "removed": 0, "changed": 1},
        "ref.state.symbol_year": {"added": 0, "removed": 0, "changed": 1},
    }
    changed = {
        c["text"]: {f["field"]: (f["old"], f["new"]) for f in c["fields"]}
        for c in report["changes"]
        if c["kind"] == "changed"
    }
    assert changed["Kế hoạch số 45-KH/TU"] == {"issued_on": ("2023-03-02", None)}
    assert changed["Nghị định số 30/2020/NĐ-CP"]["issued_on"] == ("2020-03-05", None)


def test_human_report_lists_counts_and_examples_with_sentences(corpus, stock_run, tmp_path, capsys):
    file, old, new, _ = ALTERATIONS["date_without_ngay"]
    new_run = run_jsonl(corpus, altered_rules(tmp_path, file, old, new), tmp_path / "new.jsonl")
    rc = main(["diff", str(stock_run), str(new_run), "--texts", str(corpus), "--examples", "1"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "documents: 3 old, 3 new, 2 with differences" in out
    assert "date.day.numeric" in out and "ref.state.symbol_year" in out
    # one example of each kind per list, each with its sentence and the mention marked
    assert "dates added (2; first 1):" in out and "dates removed (2; first 1):" in out
    assert "references changed (2; first 1):" in out
    assert '~ references [34, 54] changed: "Kế hoạch số 45-KH/TU" (ref.party.symbol)' in out
    assert 'issued_on: "2023-03-02" -> null' in out
    assert "in: Ban Thường vụ Tỉnh ủy đã ban hành [[Kế hoạch số 45-KH/TU]] ngày 02/3/2023" in out
    assert out.count("in: ") == 3


def test_same_run_is_no_difference_and_folders_read_like_jsonl(corpus, stock_run, tmp_path, capsys):
    folder = tmp_path / "out"
    for r in extract_folder(corpus, pipeline=Pipeline(RuleSet(rules_dir()))):
        (folder / f"{r.doc_id}.json").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"{r.doc_id}.json").write_bytes(dumps(r, indent=True) + b"\n")
    assert load_records(folder) == load_records(stock_run)
    assert main(["diff", str(stock_run), str(folder)]) == 0
    assert "no differences" in capsys.readouterr().out


def test_documents_only_on_one_side_count_their_mentions(stock_run, tmp_path, capsys):
    lines = stock_run.read_bytes().splitlines(keepends=True)
    partial = tmp_path / "partial.jsonl"
    partial.write_bytes(b"".join(line for line in lines if b'"doc_id":"b"' not in line))
    main(["diff", str(stock_run), str(partial), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["documents"]["only_old"] == ["b"]
    n_b = sum(len(json.loads(line)[lst]) for line in lines if b'"doc_id":"b"' in line for lst in LISTS)
    assert sum(c["removed"] for c in report["per_list"].values()) == n_b


def test_unreadable_input_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    assert main(["diff", str(bad), str(bad)]) == 2
    assert "bad.jsonl:1" in capsys.readouterr().err


def _ref(span, **kw) -> dict:
    base = {
        "text": "x",
        "span": list(span),
        "rule": "r1",
        "system": "party",
        "doc_type": "chi_thi",
        "key": "k",
    }
    return base | kw


def test_pairing_by_span_and_nested_fields():
    old = {
        "doc_id": "d",
        "references": [_ref((0, 5)), _ref((10, 15), number="1"), _ref((20, 25))],
        "meetings": [
            {
                "text": "m",
                "span": [30, 40],
                "rule": "mt",
                "type": "hoi_nghi",
                "date": {"value": "2021-05-01", "span": [41, 50]},
            }
        ],
        "warnings": ["w1"],
    }
    new = {
        "doc_id": "d",
        "references": [_ref((0, 5)), _ref((10, 15), number="2", rule="r2"), _ref((21, 25))],
        "meetings": [
            {
                "text": "m",
                "span": [30, 40],
                "rule": "mt",
                "type": "hoi_nghi",
                "date": {"value": "2021-06-01", "span": [41, 50]},
            }
        ],
        "warnings": ["w2"],
    }
    dd = diff_records(old, new)
    kinds = [(c.list, c.kind, c.span) for c in dd.mentions]
    assert kinds == [
        ("references", "changed", (10, 15)),
        ("references", "removed", (20, 25)),
        ("references", "added", (21, 25)),
        ("meetings", "changed", (30, 40)),
    ]
    assert [(f.field, f.old, f.new) for f in dd.mentions[0].fields] == [
        ("number", "1", "2"),
        ("rule", "r1", "r2"),
    ]
    assert dd.mentions[0].rules == ["r1", "r2"]
    assert [(f.field, f.old, f.new) for f in dd.mentions[3].fields] == [
        ("date.value", "2021-05-01", "2021-06-01")
    ]
    assert (dd.warnings_removed, dd.warnings_added) == (["w1"], ["w2"])
    assert diff_records(old, old).empty
