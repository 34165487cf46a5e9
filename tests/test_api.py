"""Library API and the `text` command."""

import subprocess
import sys
from pathlib import Path

import extract

ROOT = Path(__file__).resolve().parent.parent


def test_extract_text_returns_a_validated_record():
    rec = extract.extract_text("Theo Chỉ thị số 05-CT/TW ngày 15/5/2016.", doc_id="x")
    assert isinstance(rec, extract.Record)
    assert rec.doc_id == "x" and rec.source is None and rec.schema_version == extract.SCHEMA_VERSION
    assert rec.references[0].symbol == "05-CT/TW"


def test_extract_file_and_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Kết luận số 01-KL/TW", encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfChi bo")
    (tmp_path / "skip.md").write_text("Chỉ thị số 05-CT/TW", encoding="utf-8")
    recs = list(extract.extract_folder(tmp_path))
    assert [(r.doc_id, r.source) for r in recs] == [("a", "a.txt"), ("sub/b", "sub/b.txt")]
    assert recs[1].references[0].span == (0, 20)
    assert extract.extract_file(tmp_path / "a.txt").doc_id == "a"


def test_dumps_is_deterministic_and_sorted():
    rec = extract.extract_text("Nghị quyết số 35-NQ/TW và Chỉ thị 05-CT/TW", doc_id="d")
    a, b = (
        extract.dumps(rec),
        extract.dumps(extract.extract_text("Nghị quyết số 35-NQ/TW và Chỉ thị 05-CT/TW", doc_id="d")),
    )
    assert a == b
    assert a.startswith(b'{"dates":')


def test_text_command_reads_stdin():
    out = subprocess.run(
        [sys.executable, "-m", "extract", "text", "--doc-id", "s"],
        input="Quy định số 208-QĐ/TW".encode(),
        capture_output=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    import json

    rec = json.loads(out.stdout)
    assert rec["doc_id"] == "s" and rec["references"][0]["doc_type"] == "quy_dinh"


def test_broken_rules_exit_2(tmp_path):
    import shutil

    from extract.paths import rules_dir

    shutil.copytree(rules_dir(), tmp_path, dirs_exist_ok=True)
    (tmp_path / "bad.toml").write_text("[[rule]]\nid = 'x'\npattern = '('\n", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "extract", "text"],
        input=b"x",
        capture_output=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "EXTRACT_RULES_DIR": str(tmp_path)},
    )
    assert res.returncode == 2
    assert b"bad.toml" in res.stderr and b"'x'" in res.stderr


def test_an_amount_beyond_64_bits_is_written_as_a_float():
    from extract.models import Figure

    f = Figure(text="x", span=(0, 1), rule="r", value=25873329250 * 10**9, unit="đồng")
    assert isinstance(f.value, float)
    rec = extract.Record(doc_id="x", figures=[f])
    assert b"2.587332925e+19" in extract.dumps(rec)
