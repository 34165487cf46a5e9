"""Ctrl-C or kill -9 in the middle of a batch run, then --resume: the output is byte for byte an uninterrupted run's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _batch_corpus import make_tree

from extract.batch import run_batch
from extract.manifest import Manifest, manifest_path
from extract.sinks import part_path

SRC = Path(__file__).resolve().parent.parent / "src"


def _group_alive(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    alive = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(d.name))
    return alive


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A few hundred small texts and the output of an uninterrupted run over them."""
    folder = tmp_path_factory.mktemp("corpus")
    root = folder / "in"
    make_tree(root, 300, sentences=(20, 50))
    ref = folder / "ref.jsonl"
    run_batch(root, ref, progress=False, workers=1, log=lambda _m: None)
    return root, ref


def _start(root: Path, out: Path) -> tuple[list[str], dict, subprocess.Popen]:
    cmd = [sys.executable, "-m", "extract", "batch", str(root), "--out", str(out), "-q", "--chunk-docs", "2"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen(
        [*cmd, "--workers", "2", "--checkpoint-seconds", "0"],
        env=env,
        start_new_session=True,  # its own process group: the test can clean up every process it made
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        m = Manifest.load(manifest_path(out))
        if m is not None and m.done >= 10:
            break
        assert proc.poll() is None, "the run ended before it could be stopped"
        time.sleep(0.002)
    return cmd, env, proc


@pytest.mark.parametrize(
    "stop, code",
    [
        (lambda pid: os.killpg(pid, signal.SIGINT), 130),  # Ctrl-C on a terminal: the whole group
        (lambda pid: os.kill(pid, signal.SIGTERM), 143),  # `kill PID`
    ],
    ids=["ctrl-c", "sigterm"],
)
def test_ctrl_c_or_sigterm_then_resume_writes_the_same_bytes(tmp_path, corpus, stop, code):
    root, ref = corpus
    out = tmp_path / "out.jsonl"
    cmd, env, proc = _start(root, out)
    try:
        stop(proc.pid)
        _, err = proc.communicate(timeout=30)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert proc.returncode == code and b"--resume" in err
    stopped = Manifest.load(manifest_path(out))
    assert not stopped.complete and stopped.bytes == part_path(out).stat().st_size  # flushed at the stop
    done = subprocess.run([*cmd, "--resume"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == ref.read_bytes()


def test_kill_9_then_resume_writes_the_same_bytes(tmp_path, corpus):
    root, ref = corpus
    out = tmp_path / "out.jsonl"
    cmd, env, proc = _start(root, out)
    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        # the pool's workers notice their parent is gone and exit by themselves
        deadline = time.monotonic() + 10
        while _group_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _group_alive(proc.pid) == []
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists() and part_path(out).exists()
    killed = Manifest.load(manifest_path(out))
    assert killed is not None and not killed.complete and 10 <= killed.done < 300
    assert part_path(out).stat().st_size >= killed.bytes

    stats_file = tmp_path / "stats.json"
    done = subprocess.run(
        [*cmd, "--workers", "1", "--resume", "--stats-json", str(stats_file)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"{killed.done} documents already done" in done.stderr
    assert out.read_bytes() == ref.read_bytes()
    stats = json.loads(stats_file.read_text())
    assert stats["skipped"] == killed.done and stats["run_documents"] == 300 - killed.done
    assert not part_path(out).exists()
