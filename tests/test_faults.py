"""Input faults: a folder with one file of each fault (plus the seed texts) through `extract batch`.

Every input entry gets exactly one record, the fault is reported in that record (a warning, an
``error:`` warning, or — for the faults that change nothing, such as CRLF or a no-break space
inside a symbol — the reference is still found with spans that cut the decoded text), the batch
goes on, and the exit code follows the rule (0 all extracted, 1 some failed, 2 usage).

Tests run as root in CI, where ``chmod 000`` does not stop a read: unreadable inputs are made
with a directory named ``x.txt``, a FIFO, looping and broken symbolic links, and a monkeypatched
``os.read``.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from extract.api import extract_file
from extract.decode import decode_bytes
from extract.safety import InputError, read_input

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"

# sentences in the style of the corpus (written for these tests)
S1 = (
    "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ "
    "Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."
)
S2 = "Các cấp ủy đảng tổ chức quán triệt Nghị quyết số 18-NQ/TW ngày 25/10/2017 đến toàn thể cán bộ, đảng viên."
# the same sentences as the legacy fonts store them (read as Windows-1252)
S1_TCVN3 = (
    "Ban Th\xadêng vô TØnh ñy ban hµnh KÕ ho¹ch thùc hiÖn ChØ thÞ sè 05-CT/TW ngµy 15/5/2016 cña Bé "
    "ChÝnh trÞ vÒ ®Èy m¹nh häc tËp vµ lµm theo t\xad t\xadëng, ®¹o ®øc, phong c¸ch Hå ChÝ Minh."
)
S2_TCVN3 = "C¸c cÊp ñy ®¶ng tæ chøc qu¸n triÖt NghÞ quyÕt sè 18-NQ/TW ngµy 25/10/2017 ®Õn toµn thÓ c¸n bé, ®¶ng viªn."
S1_VNI = (
    "Ban Thöôøng vuï Tænh uûy ban haønh Keá hoaïch thöïc hieän Chæ thò soá 05-CT/TW ngaøy 15/5/2016 cuûa Boä "
    "Chính trò veà ñaåy maïnh hoïc taäp vaø laøm theo tö töôûng, ñaïo ñöùc, phong caùch Hoà Chí Minh."
)
S2_VNI = "Caùc caáp uûy ñaûng toå chöùc quaùn trieät Nghò quyeát soá 18-NQ/TW ngaøy 25/10/2017 ñeán toaøn theå caùn boä, ñaûng vieân."
TEXT = S1 + "\n" + S2 + "\n"

GENERATED_SEEDS = {
    "gen_a": TEXT
    + "Hội nghị sơ kết 6 tháng đầu năm 2021 được tổ chức trực tuyến tại 3 điểm cầu; 100% chi bộ đã quán triệt.\n",
    "gen_b": "Thực hiện Kế hoạch số 369-KH/BTGTW, Ban Tuyên giáo Huyện ủy đã mở 12 lớp bồi dưỡng cho hơn 900 lượt "
    "cán bộ, đảng viên; Quyết định số 1234/QĐ-TTg của Thủ tướng Chính phủ được triển khai đúng tiến độ.\n",
}


def _symbols(rec: dict) -> list[str]:
    return [r["symbol"] for r in rec["references"]]


def _errors(rec: dict) -> list[str]:
    return [w for w in rec["warnings"] if w.startswith("error:")]


def _has(rec: dict, *parts: str) -> bool:
    return any(all(p in w for p in parts) for w in rec["warnings"])


def _empty_lists(rec: dict) -> bool:
    return not (rec["references"] or rec["dates"] or rec["meetings"] or rec["figures"])


def _to_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 stores it: letters with shape marks whole, tone marks combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def _seed_ok(rec: dict, raw: str) -> None:
    assert not _errors(rec) and rec["references"], rec["warnings"]
    for kind in ("references", "dates", "meetings", "figures"):
        for m in rec[kind]:
            assert raw[m["span"][0] : m["span"][1]] == m["text"], (kind, m)


def _build(folder: Path) -> dict[str, object]:
    """Write one entry per fault; return doc_id -> (check(record, decoded text), the file or None)."""
    checks: dict[str, object] = {}

    def put(name: str, data: bytes, check) -> None:
        (folder / f"{name}.txt").write_bytes(data)
        checks[name] = (check, folder / f"{name}.txt")

    def finds(*symbols: str, warn: tuple[str, ...] | None = None, error: bool = False, nowarn: bool = False):
        def check(rec, raw):
            assert _symbols(rec) == list(symbols), rec
            assert bool(_errors(rec)) is error, rec["warnings"]
            if warn is not None:
                assert _has(rec, *warn), rec["warnings"]
            if nowarn:  # a byte-order mark is dropped silently (the README says so)
                assert rec["warnings"] == [], rec["warnings"]
            for kind in ("references", "dates", "meetings", "figures"):
                for m in rec[kind]:
                    assert raw[m["span"][0] : m["span"][1]] == m["text"], (kind, m)

        return check

    def fails(*parts: str):
        def check(rec, raw):
            assert _empty_lists(rec), rec
            assert _errors(rec) and _has(rec, "error:", *parts), rec["warnings"]

        return check

    utf8 = TEXT.encode("utf-8")
    put("empty", b"", lambda rec, raw: _empty_lists(rec) and _has(rec, "empty file") or pytest.fail(str(rec)))
    put("blank", b" \r\n\t\n", lambda rec, raw: _has(rec, "only white space") or pytest.fail(str(rec)))
    put(
        "binary-pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + utf8,
        fails("binary file", "PDF"),
    )
    put(
        "binary-png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),
        fails("binary file", "PNG"),
    )
    put("binary-nul", utf8[:40] + b"\x00\x01\x02\x00" * 20 + utf8[40:], fails("binary file", "NUL"))
    put(
        "utf16-bom",
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        finds("05-CT/TW", "18-NQ/TW", nowarn=True),
    )
    put(
        "utf16be-bom",
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        finds("05-CT/TW", "18-NQ/TW", nowarn=True),
    )
    put(
        "utf16-nobom",
        TEXT.encode("utf-16-le"),
        finds("05-CT/TW", "18-NQ/TW", warn=("UTF-16-LE without byte-order mark",)),
    )
    put("utf8-bom", codecs.BOM_UTF8 + utf8, finds("05-CT/TW", "18-NQ/TW", nowarn=True))
    # Windows-1258 stores most tones as combining marks: the decoded text is decomposed
    put("cp1258", _to_cp1258(TEXT), finds("05-CT/TW", "18-NQ/TW", warn=("windows-1258",)))
    latin1 = "Công tác tuyên giáo thì vẫn là mũi nhọn; Kế hoạch 12-KH/TU nêu rõ nhiệm vụ.\n"
    # Vietnamese saved as Latin-1 keeps only the letters Latin-1 has; "thì", "gì" tell it from Windows-1258
    latin1_text = (
        "Báo cáo công tác tháng 5 thì cán bô làm gì? Kê hoach sô 12-KH/TU, quý II, chính là nhiêm vu.\n"
    )
    put("latin1", latin1_text.encode("latin-1"), finds("12-KH/TU", warn=("windows-1252",)))
    put(
        "utf8-bad-bytes",
        utf8[:60] + b"\xff\xfe" + utf8[60:],
        finds("05-CT/TW", "18-NQ/TW", warn=("invalid UTF-8", "U+FFFD")),
    )
    put(
        "utf8-truncated",
        latin1.encode("utf-8")[:-3] + "ệ".encode()[:2],
        finds("12-KH/TU", warn=("invalid UTF-8",)),
    )
    put(
        "tcvn3-in-utf8",
        (S1_TCVN3 + "\n" + S2_TCVN3 + "\n").encode("utf-8"),
        finds("05-CT/TW", "18-NQ/TW", warn=("TCVN3", "converted")),
    )
    put(
        "tcvn3-bytes",
        (S1_TCVN3 + "\r\n" + S2_TCVN3).encode("cp1252"),
        finds("05-CT/TW", "18-NQ/TW", warn=("TCVN3", "not valid UTF-8")),
    )
    put(
        "vni-in-utf8",
        (S1_VNI + "\n" + S2_VNI + "\n").encode("utf-8"),
        finds("05-CT/TW", "18-NQ/TW", warn=("VNI", "converted")),
    )
    put(
        "vni-bytes",
        (S1_VNI + "\n" + S2_VNI).encode("cp1252"),
        finds("05-CT/TW", "18-NQ/TW", warn=("VNI", "not valid UTF-8")),
    )
    put(
        "nfd",
        unicodedata.normalize("NFD", TEXT).encode(),
        finds("05-CT/TW", "18-NQ/TW", warn=("decomposed",)),
    )
    put("crlf", TEXT.replace("\n", "\r\n").encode(), finds("05-CT/TW", "18-NQ/TW"))
    put("cr", TEXT.replace("\n", "\r").encode(), finds("05-CT/TW", "18-NQ/TW", warn=("CR only",)))
    put(
        "nbsp-in-symbol",
        TEXT.replace("05-CT/TW", "05\u00a0-\u00a0CT/TW").encode(),
        finds("05-CT/TW", "18-NQ/TW"),
    )
    put(
        "zwsp-in-symbol",
        TEXT.replace("05-CT/TW", "05-\u200bCT\u200b/TW").encode(),
        finds("05-CT/TW", "18-NQ/TW"),
    )
    long_line = (
        "Đảng bộ tiếp tục lãnh đạo thực hiện nhiệm vụ chính trị " * 20_000
    ) + "theo Chỉ thị số 05-CT/TW."
    put("long-line", long_line.encode(), finds("05-CT/TW"))
    put("many-empty-lines", ("\n" * 200_000 + TEXT).encode(), finds("05-CT/TW", "18-NQ/TW"))

    # a 50 MB file: refused by the documented limit without being read (sparse, so cheap to make)
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    checks["huge"] = (fails("file too large", "--max-bytes"), None)

    # unreadable entries
    (folder / "a-directory.txt").mkdir()
    (folder / "a-directory.txt" / "inside.txt").write_bytes(utf8)
    checks["a-directory"] = (fails("not a regular file", "directory"), None)
    checks["a-directory.txt/inside"] = (
        finds("05-CT/TW", "18-NQ/TW"),
        folder / "a-directory.txt" / "inside.txt",
    )
    os.mkfifo(folder / "fifo.txt")
    checks["fifo"] = (fails("FIFO"), None)
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    checks["loop-a"] = checks["loop-b"] = (fails("symbolic link loop"), None)
    os.symlink("missing-target.txt", folder / "broken-link.txt")
    checks["broken-link"] = (fails("broken symbolic link"), None)
    os.symlink("crlf.txt", folder / "link-to-crlf.txt")
    checks["link-to-crlf"] = (finds("05-CT/TW", "18-NQ/TW", warn=("symbolic link",)), folder / "crlf.txt")
    # a folder link back to its parent: the walk must end, and list the file inside once
    (folder / "sub").mkdir()
    (folder / "sub" / "in-sub.txt").write_bytes(utf8)
    os.symlink("..", folder / "sub" / "up")
    checks["sub/in-sub"] = (finds("05-CT/TW", "18-NQ/TW"), folder / "sub" / "in-sub.txt")

    # odd file names
    for name in ("with space", "Nghị quyết Đảng ủy", "new\nline", "-leading-dash", "tab\there"):
        put(name, utf8, finds("05-CT/TW", "18-NQ/TW"))
    checks["new\nline"] = (
        finds("05-CT/TW", "18-NQ/TW", warn=("control characters",)),
        folder / "new\nline.txt",
    )
    checks["tab\there"] = (
        finds("05-CT/TW", "18-NQ/TW", warn=("control characters",)),
        folder / "tab\there.txt",
    )
    bad = folder / os.fsdecode(b"bad-\xff-name.txt")
    bad.write_bytes(utf8)
    checks["bad-\\xff-name"] = (finds("05-CT/TW", "18-NQ/TW", warn=("not valid UTF-8", "\\xff")), bad)

    # the seeds (or generated Vietnamese text when the shared folder is not next to the repo)
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seeds:
        for p in seeds:
            shutil.copy(p, folder / p.name)
            checks[p.stem] = (_seed_ok, folder / p.name)
    else:
        for name, text in GENERATED_SEEDS.items():
            put(name, text.encode(), _seed_ok)
    return checks


def _run_batch(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("EXTRACT_MAX_BYTES", None)
    return subprocess.run(
        [sys.executable, "-m", "extract", "batch", *args, "-q"],
        capture_output=True,
        env=env,
        timeout=240,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    checks = _build(folder)
    out = tmp_path_factory.mktemp("out") / "out.jsonl"
    proc = _run_batch(str(folder), "--out", str(out))
    return folder, checks, out, proc


def test_batch_over_faults_exits_1_and_writes_one_record_per_entry(fault_run):
    folder, checks, out, proc = fault_run
    assert proc.returncode == 1, proc.stderr.decode()
    records = [json.loads(line) for line in out.read_bytes().splitlines()]
    ids = [r["doc_id"] for r in records]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(checks), set(ids) ^ set(checks)


def test_each_fault_is_reported_in_its_record(fault_run):
    folder, checks, out, proc = fault_run
    records = {r["doc_id"]: r for r in map(json.loads, out.read_bytes().splitlines())}
    for doc_id, check in checks.items():
        rec = records[doc_id]
        check, path = check
        raw = decode_bytes(path.read_bytes()).text if path is not None else None
        check(rec, raw)


def test_batch_of_clean_texts_exits_0_and_missing_folder_exits_2(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    assert _run_batch(str(tmp_path / "in"), "--out", str(tmp_path / "a.jsonl")).returncode == 0
    assert _run_batch(str(tmp_path / "nope"), "--out", str(tmp_path / "b.jsonl")).returncode == 2
    assert (
        _run_batch(str(tmp_path / "in"), "--out", str(tmp_path / "c.jsonl"), "--max-bytes", "-5").returncode
        == 2
    )


def test_max_bytes_option_refuses_larger_files(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "small.txt").write_text("Chỉ thị số 05-CT/TW.", encoding="utf-8")
    (tmp_path / "in" / "big.txt").write_text(TEXT * 10, encoding="utf-8")
    proc = _run_batch(str(tmp_path / "in"), "--out", str(tmp_path / "o.jsonl"), "--max-bytes", "1000")
    assert proc.returncode == 1
    recs = {r["doc_id"]: r for r in map(json.loads, (tmp_path / "o.jsonl").read_bytes().splitlines())}
    assert _symbols(recs["small"]) == ["05-CT/TW"]
    assert _has(recs["big"], "error: file too large", "limit of 1000 bytes")


def test_read_error_in_the_middle_of_a_file_becomes_an_error_record(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    real_read = os.read

    def failing_read(fd, n):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "read", failing_read)
    with pytest.raises(InputError, match="Input/output error"):
        read_input(p)
    rec = extract_file(p)
    monkeypatch.setattr(os, "read", real_read)
    assert rec.warnings == ["error: cannot read file: Input/output error"]
    assert _symbols(json.loads(rec.model_dump_json())) == []


def test_read_input_never_reads_more_than_the_limit(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_bytes(b"x" * 5000)
    asked = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: asked.append(n) or real_read(fd, n))
    assert read_input(p, limit=6000)[0] == b"x" * 5000
    assert max(asked) <= 6001  # no read asks for more than the limit allows
    with pytest.raises(InputError, match="file too large"):
        read_input(p, limit=100)


def test_extraction_crash_becomes_an_error_record_and_batch_goes_on():
    from extract.api import extract_bytes
    from extract.pipeline import Pipeline

    class Boom:
        name = "boom"

        def __call__(self, doc, ctx):
            raise ValueError("extractor bug")

    pipe = Pipeline(components=[Boom()])
    rec = extract_bytes(TEXT.encode(), doc_id="x", pipeline=pipe)
    assert rec.warnings == ["error: extraction failed: ValueError: extractor bug"]


def test_a_document_past_its_deadline_becomes_an_error_record():
    import time

    from extract.api import extract_bytes
    from extract.pipeline import Pipeline

    class Slow:
        name = "slow"

        def __call__(self, doc, ctx):
            try:
                time.sleep(5)
            except Exception:  # an extractor that swallows everything must not swallow the deadline
                pass

    t0 = time.monotonic()
    rec = extract_bytes(TEXT.encode(), doc_id="x", pipeline=Pipeline(components=[Slow()]), timeout=0.3)
    assert time.monotonic() - t0 < 2
    assert _has(rec.model_dump(), "error: extraction ran past the time limit of 0.3 s")


def test_folder_output_of_the_fault_folder(fault_run, tmp_path):
    """The folder-of-JSON output writes every record inside --out, odd names included."""
    folder, checks, _, _ = fault_run
    out = tmp_path / "jsons"
    proc = _run_batch(str(folder), "--out", str(out), "--max-bytes", "2000000")
    assert proc.returncode == 1, proc.stderr.decode()
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert len(written) == len(checks)
    assert all(not w.startswith("..") for w in written)


def test_a_folder_that_cannot_be_listed_gets_an_error_record(tmp_path, monkeypatch):
    """As root every folder can be listed: the refusal is simulated."""
    from extract.api import doc_id_for, iter_texts

    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "hidden.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "secret":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    entries = list(iter_texts(tmp_path))
    assert [doc_id_for(tmp_path, p) for p in entries] == ["ok", "secret"]
    rec = extract_file(entries[1], doc_id="secret")
    assert rec.warnings == ["error: cannot list folder, the texts in it are missing: Permission denied"]


def test_extract_text_safely_for_already_decoded_texts():
    from extract.api import extract_text_safely
    from extract.output import dumps
    from extract.pipeline import Pipeline

    text = "Chỉ thị số 05-CT/TW \ud800 ngày 15/5/2016"
    rec = extract_text_safely(text, doc_id="a\udcff")
    assert rec.warnings == ["text: 1 lone surrogate code points replaced by U+FFFD"]
    assert rec.doc_id == "a\ufffd"
    assert [r.span for r in rec.references] == [(0, 19)]
    dumps(rec)  # the record can be written as UTF-8

    class Boom:
        name = "boom"

        def __call__(self, doc, ctx):
            raise KeyError("x")

    rec = extract_text_safely(TEXT, pipeline=Pipeline(components=[Boom()]))
    assert rec.warnings == ["error: extraction failed: KeyError: 'x'"]


def test_text_command_applies_the_size_limit_to_stdin():
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "extract", "text", "--max-bytes", "50"]
    big = subprocess.run(cmd, input=TEXT.encode(), capture_output=True, env=env, timeout=120)
    assert big.returncode == 1
    assert json.loads(big.stdout)["warnings"] == [
        "error: input too large: over the limit of 50 bytes (--max-bytes)"
    ]
    small = subprocess.run(cmd, input="Chỉ thị 05-CT/TW".encode(), capture_output=True, env=env, timeout=120)
    assert small.returncode == 0 and _symbols(json.loads(small.stdout)) == ["05-CT/TW"]
