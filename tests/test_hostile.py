"""Hostile input: adversarial texts finish within a documented bound, hostile doc_ids cannot
write outside the output folder, and inputs the fuzzer found stay fixed.

The bound (README, "Robustness"): every document below finishes in under HOSTILE_BOUND seconds on
one CI core (measured: at most 0.44 s each with the extractors of this branch); each pattern scan
also has its own limit (rules.PATTERN_TIMEOUT) and each document a deadline (--doc-timeout).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from extract.api import default_pipeline, extract_bytes
from extract.decode import decode_bytes
from extract.safety import UnsafePath, safe_output_path

HOSTILE_BOUND = 10.0

HOSTILE = {
    "digits": "1" * 100_000,
    "digits-spaced": "1 " * 50_000,
    "hoi-nghi": "Hội nghị " * 50_000,
    "slashes": "/" * 100_000,
    "dashes": "-" * 100_000,
    "en-dashes": "\u2013" * 100_000,
    "slash-dash": "-/" * 50_000,
    "digit-slash": "1/" * 50_000,
    "digit-dash": "05-" * 33_000,
    "symbol-chain": "05-CT/" * 16_000,
    "state-chain": "15/2020/NĐ-CP-" * 7_000,
    "symbol-spaced": "05 - CT / " * 10_000,
    "ngay": "ngày " * 20_000,
    "date-chain": "15/5/" * 20_000,
    "nam": "năm 2020 " * 10_000,
    "chi-thi-so": "Chỉ thị số " * 10_000,
    "khoa": "khóa " * 20_000,
    "upper": "A" * 100_000,
    "upper-dash": "AB-" * 33_000,
    "dots": "1." * 50_000,
    "percent": "1% " * 30_000,
    "nbsp-digits": "1\u00a0" * 50_000,
    "zwsp": "\u200b" * 100_000,
    "nfd": "e\u0302\u0323" * 30_000,
    "parens": "(" * 50_000 + ")" * 50_000,
    "quotes": "“" * 50_000 + "”" * 50_000,
    "newlines": "\n" * 100_000,
    "crlf-sentences": "Hội nghị. \r\n" * 20_000,
    "tcvn3-words": "NghÞ quyÕt sè " * 8_000,
    "vni-words": "Nghò quyeát soá ñaûng " * 5_000,
    "soft-hyphens": "\u00ad" * 100_000,
    "one-word": "Đ" * 100_000,
}


@pytest.fixture(scope="module")
def pipeline():
    p = default_pipeline()
    p.run("Chỉ thị số 05-CT/TW ngày 15/5/2016")  # warm up (lazy loads) outside the timings
    return p


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_finishes_within_the_bound(pipeline, name):
    data = HOSTILE[name].encode("utf-8")
    t0 = time.perf_counter()
    rec = extract_bytes(data, doc_id=name, pipeline=pipeline, timeout=0)
    elapsed = time.perf_counter() - t0
    assert elapsed < HOSTILE_BOUND, f"{name}: {elapsed:.1f} s"
    assert not [w for w in rec.warnings if w.startswith("error:") or "time limit" in w], rec.warnings
    raw = decode_bytes(data).text
    for kind in ("references", "dates", "meetings", "figures"):
        for m in getattr(rec, kind):
            assert raw[m.span[0] : m.span[1]] == m.text


def test_symbol_inside_hostile_noise_is_still_found(pipeline):
    text = "/" * 50_000 + " Chỉ thị số 05-CT/TW ngày 15/5/2016 " + "-" * 50_000
    rec = extract_bytes(text.encode(), pipeline=pipeline, timeout=0)
    assert [r.symbol for r in rec.references] == ["05-CT/TW"]


# -- output paths ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "doc_id",
    [
        "../evil",
        "../../etc/passwd",
        "/etc/passwd",
        "a/../../b",
        "a/./b",
        ".",
        "..",
        "",
        "a//b",
        "sub/",
        "x\x00y",
        "..\\..\\win",
        ".hidden",
        "a/..",
        "name.",
        "trailing ",
        "ÿ" * 300,
        "a/" + "b" * 400,
    ],
)
def test_safe_output_path_stays_inside_the_output_folder(tmp_path, doc_id):
    out = tmp_path / "out"
    target = safe_output_path(out, doc_id)
    resolved = target.resolve()
    assert resolved.is_relative_to(out.resolve()), target
    assert target.name.endswith(".json")
    assert all(len(part.encode()) <= 255 for part in target.relative_to(out).parts)
    assert ".." not in target.relative_to(out).parts
    # and it can really be written there
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("{}")


def test_safe_output_path_keeps_ordinary_ids_and_is_injective(tmp_path):
    assert safe_output_path(tmp_path, "sub/a") == tmp_path / "sub" / "a.json"
    assert safe_output_path(tmp_path, "Nghị quyết 18") == tmp_path / "Nghị quyết 18.json"
    ids = ["a", "a.json", "a.json/b", "%2E", ".", "..", "", "/", "//", "a%", "a%25", "a/b", "a_b", "%"]
    paths = [safe_output_path(tmp_path, i) for i in ids]
    assert len(set(paths)) == len(ids)
    # no target is a folder on the way to another target (a file and a folder of one name)
    files = {p.relative_to(tmp_path).as_posix() for p in paths}
    folders = {q.as_posix() for p in paths for q in p.relative_to(tmp_path).parents}
    assert not files & folders


def test_safe_output_path_refuses_a_symlinked_folder_in_the_output(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "sub").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UnsafePath, match="symbolic link"):
        safe_output_path(out, "sub/a")


# -- odd bytes, and what the fuzzer found ---------------------------------------------------
# Each entry: bytes at an edge of the decoder (or, when the fuzzer finds one, bytes that once
# crashed or broke an invariant, named after what was wrong).
EDGE_BYTES: dict[str, bytes] = {
    "utf-16 with an odd byte count": "Chỉ thị".encode("utf-16-le") + b"\x00",
    "ascii-only utf-16 (valid utf-8 with NULs)": "Chi thi 05-CT/TW".encode("utf-16-le"),
    "utf-32 without a mark": "Chỉ thị số 05-CT/TW".encode("utf-32-le"),
    "lone surrogate code unit after a utf-16 mark": b"\xff\xfe\x00\xd8a\x00",
    "bom then nothing": b"\xef\xbb\xbf",
    "control bytes": bytes(range(1, 32)) * 10,
    "utf-8 cut inside a character": "Chỉ thị số 05-CT/TW ngày".encode()[:-1],
    "legacy bytes that are also valid utf-8 lead bytes": b"\xc2\xb8c \xc2\xae\xc2\xb6ng 05-CT/TW",
}


def _harness():
    """The fuzz harness module, imported with a stand-in for atheris (not needed to run checks)."""
    import contextlib
    import importlib.util
    import sys
    import types

    fake = types.ModuleType("atheris")
    fake.instrument_imports = contextlib.nullcontext
    fake.Setup = fake.Fuzz = lambda *a, **k: None
    path = Path(__file__).resolve().parents[1] / "fuzz" / "fuzz_pipeline.py"
    spec = importlib.util.spec_from_file_location("fuzz_pipeline", path)
    module = importlib.util.module_from_spec(spec)
    saved = sys.modules.get("atheris")
    sys.modules["atheris"] = fake
    try:
        spec.loader.exec_module(module)
    finally:
        if saved is None:
            sys.modules.pop("atheris", None)
        else:
            sys.modules["atheris"] = saved
    return module


@pytest.mark.parametrize("name", sorted(EDGE_BYTES))
def test_edge_bytes_pass_the_fuzz_harness_checks(name):
    _harness().check(EDGE_BYTES[name])


def test_utf32_and_odd_utf16_decode_as_text():
    assert decode_bytes("Chỉ thị số 05-CT/TW".encode("utf-32-le")).text == "Chỉ thị số 05-CT/TW"
    d = decode_bytes("Chỉ thị".encode("utf-16-le") + b"\x00")
    assert d.text == "Chỉ thị" and any("last byte was dropped" in w for w in d.warnings)
    d = decode_bytes("Chi thi 05-CT/TW".encode("utf-16-le"))
    assert d.text == "Chi thi 05-CT/TW" and d.error is None


def test_the_harness_checks_can_fail():
    """A record whose span does not cut its text must trip the harness."""
    harness = _harness()
    real = harness.extract_bytes

    def lying(data, **kw):
        rec = real(data, **kw)
        for r in rec.references:
            r.span = (r.span[0] + 1, r.span[1] + 1)
        return rec

    harness.extract_bytes = lying
    with pytest.raises(AssertionError):
        harness.check("Chỉ thị số 05-CT/TW".encode())
