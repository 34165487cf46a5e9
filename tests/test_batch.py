"""Batch runs: inputs, order, workers, JSON Lines, folder output, resume, CLI options."""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import threading

import orjson
import pytest
from _batch_corpus import make_jsonl, make_tree

from extract import batch as batch_mod
from extract.api import doc_id_for, extract_file, iter_texts
from extract.batch import Progress, run_batch
from extract.cli import main
from extract.engines import local as local_engine
from extract.inputs import list_texts
from extract.manifest import Manifest, manifest_path
from extract.output import dumps, dumps_line
from extract.paths import rules_dir
from extract.safety import safe_output_path
from extract.sinks import part_path


def quiet(_msg: str) -> None:
    pass


def lines(path):
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_list_texts_is_the_order_of_iter_texts(tmp_path):
    root = tmp_path / "in"
    for rel in [
        "a.b/c.txt",
        "a/b.txt",
        "a-b.txt",
        "a/.hidden.txt",
        "Z.txt",
        "x/y/z/deep.txt",
        "x.TXT",
        "n.txt.bak",
    ]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x")
    (root / "dir.txt").mkdir()  # a folder named like a text is not a text
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text("x")
    os.symlink(outside, root / "linked")  # symlinked folders are followed (never into an ancestor)
    os.symlink(root / "Z.txt", root / "link.txt")  # and symlinked files taken
    expected = [p.relative_to(root).as_posix() for p in iter_texts(root)]
    assert list_texts(root) == expected
    assert "link.txt" in expected and "linked/o.txt" in expected and "x.TXT" not in expected
    assert "dir.txt" in expected  # listed, so that it gets its error record


def test_jsonl_output_is_the_records_in_path_order(tmp_path):
    root = tmp_path / "in"
    make_tree(root, 40)
    out = tmp_path / "out.jsonl"
    stats = run_batch(root, out, progress=False, chunk_docs=3, log=quiet)
    expected = b"".join(
        dumps_line(extract_file(p, doc_id=doc_id_for(root, p), source=p.relative_to(root).as_posix()))
        for p in iter_texts(root)
    )
    assert out.read_bytes() == expected
    assert stats.documents == 40 and not part_path(out).exists()
    recs = lines(out)
    assert any(any(w.startswith("decoding:") for w in r["warnings"]) for r in recs)
    assert stats.counts["references"] == sum(len(r["references"]) for r in recs) > 0


def test_two_workers_write_the_same_bytes_with_bounded_chunks_in_flight(tmp_path, monkeypatch):
    root = tmp_path / "in"
    make_tree(root, 60)
    corpus = tmp_path / "c.jsonl.gz"
    make_jsonl(corpus, 50)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch([root, corpus], one, progress=False, workers=1, chunk_docs=4, log=quiet)

    # how far the chunk reader runs ahead of the chunks written: bounded by the engine's in-flight limit
    ahead = []
    real_iter = batch_mod._Chunker.__iter__

    def spy_iter(self):
        for chunk in real_iter(self):
            ahead.append(len(self.spans))  # chunks made and not yet written
            yield chunk

    monkeypatch.setattr(batch_mod._Chunker, "__iter__", spy_iter)
    methods = []
    real_context = local_engine.multiprocessing.get_context
    monkeypatch.setattr(
        local_engine.multiprocessing, "get_context", lambda m: methods.append(m) or real_context(m)
    )
    stats = run_batch([root, corpus], two, progress=False, workers=2, chunk_docs=4, log=quiet)
    assert two.read_bytes() == one.read_bytes()
    # extracted in pool processes, not here (the second may start after the first did all the work)
    assert stats.workers and f":{os.getpid()}" not in " ".join(stats.workers)

    # a threaded caller gets spawned workers instead of forked ones: the same bytes again
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        spawned = tmp_path / "spawned.jsonl"
        run_batch([root, corpus], spawned, progress=False, workers=2, chunk_docs=4, log=quiet)
    finally:
        stop.set()
        t.join()
    assert spawned.read_bytes() == one.read_bytes()
    assert methods == ["fork", "spawn"]
    assert len(ahead) > 20 and max(ahead) <= 2 * 2 + 1
    assert all(0 < kb < 300 * 1024 for kb in stats.workers.values())


def test_jsonl_input_bad_lines_become_error_records(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(
        b'{"key": 7, "body": "Ngh\xe1\xbb\x8b quy\xe1\xba\xbft s\xe1\xbb\x91 18-NQ/TW"}\n'
        b"not json\n"
        b"\n"
        b"[1, 2]\n"
        b'{"body": "Ch\xe1\xbb\x89 th\xe1\xbb\x8b 05-CT/TW"}\n'
        b'{"key": "k6", "body": 42}\n'
        b'{"key": "k7", "body": "abc"'  # the last line, cut off and without its newline
    )
    gz = tmp_path / "c2.jsonl.gz"
    gz.write_bytes(gzip.compress(b'{"key": "g1", "body": "Kh\xc3\xb4ng c\xc3\xb3 g\xc3\xac."}\n'))
    out = tmp_path / "out.jsonl"
    rc = main(
        ["batch", str(corpus), str(gz), "--out", str(out), "--id-field", "key", "--text-field", "body", "-q"]
    )
    assert rc == 1
    recs = lines(out)
    got = [(r["doc_id"], r["source"], [w.split(":")[0] for w in r["warnings"]]) for r in recs]
    assert got == [
        ("7", "c.jsonl:1", []),
        ("c.jsonl:2", "c.jsonl:2", ["error"]),
        ("c.jsonl:4", "c.jsonl:4", ["error"]),
        ("c.jsonl:5", "c.jsonl:5", ["input"]),
        ("k6", "c.jsonl:6", ["error"]),
        ("c.jsonl:7", "c.jsonl:7", ["error"]),
        ("g1", "c2.jsonl.gz:1", []),
    ]
    assert recs[0]["references"][0]["symbol"] == "18-NQ/TW"
    assert recs[3]["references"][0]["symbol"] == "05-CT/TW"
    assert "bad JSON line" in recs[1]["warnings"][0]


def test_jsonl_folder_input_and_folder_output(tmp_path):
    src = tmp_path / "corpora"
    (src / "sub").mkdir(parents=True)
    make_jsonl(src / "b.jsonl.gz", 12, seed=1, bad=False)
    make_jsonl(src / "sub" / "a.jsonl", 5, seed=2, bad=False)
    (src / "ignored.txt").write_text("not a corpus")
    out = tmp_path / "records.jsonl"
    run_batch(src, out, progress=False, input_format="jsonl", log=quiet)
    assert [r["source"].rsplit(":", 1)[0] for r in lines(out)] == ["b.jsonl.gz"] * 12 + ["sub/a.jsonl"] * 5

    # a folder output holds one indented file per record, named by doc_id, never outside the folder
    odd = tmp_path / "odd.jsonl"
    odd.write_text(
        '{"id": "../../escape", "text": "a"}\n{"id": "x/./y", "text": "b"}\n{"id": "/", "text": "c"}\n'
    )
    folder = tmp_path / "outdir"
    run_batch(odd, folder, progress=False, log=quiet)
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.json"))
    expected = sorted(
        safe_output_path(folder, d).relative_to(folder).as_posix() for d in ("../../escape", "x/./y", "/")
    )
    assert files == expected and all(".." not in f.split("/") for f in files)
    escaped = safe_output_path(folder, "../../escape")
    assert orjson.loads(escaped.read_bytes())["doc_id"] == "../../escape"
    assert safe_output_path(folder, "x/./y").read_bytes().startswith(b"{\n  ")


def test_folder_output_of_a_text_tree(tmp_path):
    root = tmp_path / "in"
    make_tree(root, 9)
    folder = tmp_path / "outdir"
    run_batch(root, folder, progress=False, workers=1, log=quiet)
    for p in iter_texts(root):
        doc_id = doc_id_for(root, p)
        want = (
            dumps(extract_file(p, doc_id=doc_id, source=p.relative_to(root).as_posix()), indent=True) + b"\n"
        )
        assert (folder / f"{doc_id}.json").read_bytes() == want
    assert manifest_path(folder).exists() and not (folder / ".manifest.json").exists()


class _Stop(Exception):
    pass


def _interrupt_after(monkeypatch, chunks: int, exc: type[BaseException] = KeyboardInterrupt):
    from extract.sinks import JsonlSink

    real = JsonlSink.write
    calls = {"n": 0}

    def write(self, docs):
        calls["n"] += 1
        if calls["n"] > chunks:
            raise exc()
        real(self, docs)

    monkeypatch.setattr(JsonlSink, "write", write)


def test_resume_after_an_interruption_does_only_the_rest(tmp_path, monkeypatch):
    root = tmp_path / "in"
    make_tree(root, 50)
    full = tmp_path / "full.jsonl"
    run_batch(root, full, progress=False, log=quiet)

    out = tmp_path / "out.jsonl"
    with monkeypatch.context() as mp:
        _interrupt_after(mp, 3)
        with pytest.raises(KeyboardInterrupt):
            run_batch(root, out, progress=False, chunk_docs=5, checkpoint_seconds=0, log=quiet)
    assert not out.exists()  # never a half-written output under the final name
    part = part_path(out)
    m = Manifest.load(manifest_path(out))
    assert m is not None and m.done == 15 and m.bytes == part.stat().st_size and not m.complete
    with open(part, "ab") as fh:
        fh.write(b'{"dates":[],"doc_id":"torn')  # what a kill in the middle of a write leaves

    msgs = []
    stats = run_batch(root, out, progress=False, resume=True, chunk_docs=5, log=msgs.append)
    assert out.read_bytes() == full.read_bytes()
    assert stats.skipped == 15 and stats.run_documents == 35 and stats.documents == 50
    assert "15 documents already done" in msgs[0]
    assert not part.exists() and Manifest.load(manifest_path(out)).complete

    # resuming a finished run does nothing
    msgs.clear()
    stats = run_batch(root, out, progress=False, resume=True, log=msgs.append)
    assert stats.run_documents == 0 and "already complete" in msgs[0]
    assert out.read_bytes() == full.read_bytes()


def test_resume_redoes_everything_after_a_rules_change(tmp_path, monkeypatch):
    root = tmp_path / "in"
    make_tree(root, 20)
    out = tmp_path / "out.jsonl"
    with monkeypatch.context() as mp:
        _interrupt_after(mp, 1, _Stop)
        with pytest.raises(_Stop):
            run_batch(root, out, progress=False, chunk_docs=5, checkpoint_seconds=0, log=quiet)
    assert Manifest.load(manifest_path(out)).done == 5

    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    with open(rules / "references.toml", "a", encoding="utf-8") as fh:
        fh.write("\n# a changed rule file\n")
    monkeypatch.setenv("EXTRACT_RULES_DIR", str(rules))
    msgs = []
    stats = run_batch(root, out, progress=False, resume=True, log=msgs.append)
    assert "the rules changed" in msgs[0]
    assert stats.skipped == 0 and stats.run_documents == 20
    assert len(out.read_bytes().splitlines()) == 20


def test_resume_redoes_everything_when_the_input_changed(tmp_path, monkeypatch):
    root = tmp_path / "in"
    make_tree(root, 20)
    out = tmp_path / "out.jsonl"
    with monkeypatch.context() as mp:
        _interrupt_after(mp, 2, _Stop)
        with pytest.raises(_Stop):
            run_batch(root, out, progress=False, chunk_docs=5, checkpoint_seconds=0, log=quiet)
    (root / "a" / "doc0000.txt").rename(root / "a" / "doc0000-renamed.txt")
    msgs = []
    stats = run_batch(root, out, progress=False, resume=True, log=msgs.append)
    assert "changed" in msgs[0] and stats.skipped == 0
    # and without a manifest a resume starts from the beginning too
    manifest_path(out).unlink()
    stats = run_batch(root, out, progress=False, resume=True, log=msgs.append)
    assert "no readable manifest" in msgs[-1] and stats.run_documents == 20


def test_cli_batch_keeps_its_usage_errors(tmp_path, capsys):
    root = tmp_path / "in"
    make_tree(root, 3)
    out = str(tmp_path / "o.jsonl")
    assert main(["batch", str(tmp_path / "missing"), "--out", out]) == 2
    assert "input folder not found" in capsys.readouterr().err
    assert main(["batch", str(root), "--out", out, "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err
    assert main(["batch", str(root), "--out", out, "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--engine dask" in capsys.readouterr().err
    assert main(["batch", str(root), "--out", out, "-q", "--summary", "--workers", "1"]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith("3 documents -> ") and printed.err == ""


def test_progress_shows_rates_on_a_terminal_only(capsys):
    bar = Progress(10, enabled=True)
    bar.update(5, 2_000_000, force=True)
    bar.close()
    err = capsys.readouterr().err
    assert "5/10 documents" in err and "docs/s" in err and "MB/s" in err
    quiet_bar = Progress(10)  # stderr is not a terminal under pytest
    quiet_bar.update(5, 100, force=True)
    quiet_bar.close()
    assert capsys.readouterr().err == ""


def test_ctrl_c_waits_for_the_write_and_its_accounting():
    import signal

    steps = []
    with pytest.raises(KeyboardInterrupt):
        with batch_mod._deferred_interrupt():
            os.kill(os.getpid(), signal.SIGINT)
            steps.append("written")
            steps.append("counted")
    assert steps == ["written", "counted"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_folder_output_resumes_too(tmp_path, monkeypatch):
    from extract.sinks import FolderSink

    corpus = tmp_path / "c.jsonl.gz"
    make_jsonl(corpus, 30)
    full, out = tmp_path / "full", tmp_path / "out"
    run_batch(corpus, full, progress=False, log=quiet)
    real = FolderSink.write
    calls = {"n": 0}

    def write(self, docs):
        calls["n"] += 1
        if calls["n"] > 2:
            raise _Stop()
        real(self, docs)

    with monkeypatch.context() as mp:
        mp.setattr(FolderSink, "write", write)
        with pytest.raises(_Stop):
            run_batch(corpus, out, progress=False, chunk_docs=4, checkpoint_seconds=0, log=quiet)
    stats = run_batch(corpus, out, progress=False, resume=True, log=quiet)
    assert stats.skipped == 8 and stats.documents == 31
    tree = {p.relative_to(full): p.read_bytes() for p in full.rglob("*.json")}
    assert tree == {p.relative_to(out): p.read_bytes() for p in out.rglob("*.json")}


def test_without_process_support_the_pool_falls_back_to_this_process(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "c.jsonl"
    make_jsonl(corpus, 20)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch(corpus, one, progress=False, workers=1, log=quiet)

    def no_semaphores(*_a, **_k):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(local_engine, "ProcessPoolExecutor", no_semaphores)
    stats = run_batch(corpus, two, progress=False, workers=2, chunk_docs=3, log=quiet)
    assert two.read_bytes() == one.read_bytes()
    assert "extracting in this process" in capsys.readouterr().err
    assert list(stats.workers) == [f"{socket.gethostname()}:{os.getpid()}"]
