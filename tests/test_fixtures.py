"""extract fixtures check / update on a folder of texts with their expected records beside them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.api import extract_file
from extract.cli import main
from extract.output import dumps

TEXTS = {
    "one.txt": "Đảng ủy xã triển khai Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị tới các chi bộ.\n",
    "nested/two.txt": "Ủy ban nhân dân huyện thực hiện Quyết định số 1234/QĐ-TTg. Kế hoạch số 12-KH/HU được ban hành.\n",
}


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "fx"
    for name, text in TEXTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    assert main(["fixtures", "update", str(root)]) == 0
    return root


def check(root: Path, capsys) -> tuple[int, str]:
    rc = main(["fixtures", "check", str(root)])
    return rc, capsys.readouterr().out


def test_update_writes_the_record_as_indented_sorted_json(folder, capsys):
    fx = folder / "nested" / "two.json"
    record = extract_file(folder / "nested" / "two.txt", doc_id="nested/two", source="nested/two.txt")
    assert fx.read_bytes() == dumps(record, indent=True) + b"\n"
    assert json.loads(fx.read_text())["doc_id"] == "nested/two"
    rc, out = check(folder, capsys)
    assert rc == 0 and "2 fixtures: 2 ok" in out


def test_update_touches_only_what_changed(folder, capsys):
    capsys.readouterr()
    assert main(["fixtures", "update", str(folder)]) == 0
    assert "0 created, 0 updated, 2 unchanged" in capsys.readouterr().out


def _edit(path: Path, fn) -> None:
    rec = json.loads(path.read_text(encoding="utf-8"))
    fn(rec)
    path.write_text(json.dumps(rec, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def test_check_prints_a_per_mention_diff_with_sentences(folder, capsys):
    def edit(rec):
        ref = rec["references"][0]
        ref["issued_on"] = "2016-05-16"  # a field changed
        rec["dates"] = []  # a mention the run finds that the fixture lacks: appeared
        rec["figures"].append({"text": "tới", "span": [71, 74], "rule": "fig.fake", "value": 3})  # vanished

    _edit(folder / "one.json", edit)
    rc, out = check(folder, capsys)
    assert rc == 1
    assert "fx/one.txt: differs from" in out and "(3 mentions)" in out
    assert '~ references [22, 41] changed: "Chỉ thị số 05-CT/TW" (ref.party.symbol)' in out
    assert 'issued_on: "2016-05-16" -> "2016-05-15"' in out
    assert '+ dates [42, 56] appeared: "ngày 15/5/2016" (date.day.numeric)' in out
    assert '- figures [71, 74] vanished: "tới" (fig.fake)' in out
    assert "in: Đảng ủy xã triển khai [[Chỉ thị số 05-CT/TW]] ngày 15/5/2016 của Bộ Chính trị" in out
    assert "1 ok, 1 differ" in out
    assert "extract fixtures update" in out
    # not a JSON text diff
    assert '"issued_on":' not in out


def test_check_reports_texts_without_fixture_and_fixtures_without_text(folder, capsys):
    (folder / "nested" / "two.txt").unlink()
    (folder / "three.txt").write_text("Nghị quyết số 35 của Bộ Chính trị.\n", encoding="utf-8")
    rc, out = check(folder, capsys)
    assert rc == 1
    assert "fx/three.txt: text without fixture" in out
    assert "fx/nested/two.json: fixture without text" in out
    assert "1 ok, 1 without fixture, 1 without text" in out
    # update creates the new one and keeps the orphan unless asked to prune it
    assert main(["fixtures", "update", str(folder)]) == 0
    assert (folder / "three.json").is_file() and (folder / "nested" / "two.json").is_file()
    assert main(["fixtures", "update", "--prune", str(folder)]) == 0
    assert not (folder / "nested" / "two.json").exists()
    assert check(folder, capsys)[0] == 0


def test_warnings_and_layout_are_checked_too(folder, capsys):
    _edit(folder / "one.json", lambda rec: rec["warnings"].append("decoding: made up"))
    rc, out = check(folder, capsys)
    assert rc == 1 and '- warning vanished: "decoding: made up"' in out
    main(["fixtures", "update", str(folder)])
    capsys.readouterr()
    # same record, other layout: the fixture must be what update writes (clean git diffs)
    fx = folder / "one.json"
    fx.write_text(json.dumps(json.loads(fx.read_text(encoding="utf-8"))), encoding="utf-8")
    rc, out = check(folder, capsys)
    assert rc == 1 and "same record, but not written as" in out


def test_broken_fixture_and_missing_folder(folder, tmp_path, capsys):
    (folder / "one.json").write_text("{broken", encoding="utf-8")
    rc, out = check(folder, capsys)
    assert rc == 1 and "fx/one.json: not a JSON record" in out
    assert main(["fixtures", "check", str(tmp_path / "nowhere")]) == 2


def test_unreadable_text_is_reported(folder, monkeypatch, capsys):
    from extract import fixtures

    real = fixtures.expected_bytes

    def flaky(root, text, pipeline=None):
        if text.name == "one.txt":
            raise PermissionError(13, "Permission denied")
        return real(root, text, pipeline)

    monkeypatch.setattr(fixtures, "expected_bytes", flaky)
    rc, out = check(folder, capsys)
    assert rc == 1 and "fx/one.txt: cannot read the text or its fixture: Permission denied" in out
    assert main(["fixtures", "update", str(folder)]) == 1
    assert "cannot read" in capsys.readouterr().out
