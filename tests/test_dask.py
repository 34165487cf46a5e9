"""The Dask engine on a real cluster: a `dask scheduler` and two `dask worker` processes on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import distributed
from _batch_corpus import make_jsonl, make_tree

from extract.batch import run_batch

SRC = Path(__file__).resolve().parent.parent / "src"


def _dask_cmd(what: str) -> list[str]:
    script = Path(sys.executable).parent / "dask"
    if script.exists():
        return [str(script), what]
    return [sys.executable, "-m", f"distributed.cli.dask_{what}"]


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(p.pid, signal.SIGKILL)  # whatever is left of its process group
        except ProcessLookupError:
            pass
        p.wait()


def test_dask_cluster_writes_what_the_local_engine_writes(tmp_path):
    root = tmp_path / "in"
    make_tree(root, 40)
    corpus = tmp_path / "c.jsonl.gz"
    make_jsonl(corpus, 40)
    local = tmp_path / "local.jsonl"
    run_batch([root, corpus], local, progress=False, workers=1, log=lambda _m: None)

    env = {**os.environ, "PYTHONPATH": str(SRC)}
    sched_file = tmp_path / "scheduler.json"
    common = {"env": env, "cwd": tmp_path, "start_new_session": True, "stdout": subprocess.DEVNULL}
    procs: list[subprocess.Popen] = []
    try:
        procs.append(
            subprocess.Popen(
                [*_dask_cmd("scheduler"), "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
                + ["--scheduler-file", str(sched_file)],
                stderr=open(tmp_path / "scheduler.log", "wb"),  # noqa: SIM115 - closed with the process
                **common,
            )
        )
        deadline = time.monotonic() + 60
        while not sched_file.exists() and time.monotonic() < deadline:
            assert procs[0].poll() is None, (tmp_path / "scheduler.log").read_text()
            time.sleep(0.05)
        time.sleep(0.1)  # the file is written whole, but give it a moment
        address = json.loads(sched_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        for i in range(2):
            procs.append(
                subprocess.Popen(
                    [*_dask_cmd("worker"), address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny"]
                    + [
                        "--no-dashboard",
                        "--death-timeout",
                        "30",
                        "--local-directory",
                        str(tmp_path / f"w{i}"),
                    ],
                    stderr=open(tmp_path / f"worker{i}.log", "wb"),  # noqa: SIM115
                    **common,
                )
            )
        with distributed.Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
            worker_pids = set(client.run(os.getpid).values())

        out = tmp_path / "dask.jsonl"
        stats = run_batch(
            [root, corpus],
            out,
            progress=False,
            engine="dask",
            scheduler=address,
            chunk_docs=4,
            log=lambda _m: None,
        )
    finally:
        _stop(procs)

    assert out.read_bytes().splitlines() == local.read_bytes().splitlines()
    assert out.read_bytes() == local.read_bytes()
    assert stats.documents == 80 + 1 and stats.failed == 1  # the bad JSON line is a record too
    used = {int(w.rsplit(":", 1)[1]) for w in stats.workers}
    assert used and used <= worker_pids and os.getpid() not in used


def test_dask_without_a_scheduler_starts_and_stops_a_local_cluster(tmp_path):
    corpus = tmp_path / "c.jsonl"
    make_jsonl(corpus, 30, bad=False)
    local = tmp_path / "local.jsonl"
    run_batch(corpus, local, progress=False, workers=1, log=lambda _m: None)
    out = tmp_path / "dask.jsonl"
    stats = run_batch(
        corpus, out, progress=False, engine="dask", workers=2, chunk_docs=3, log=lambda _m: None
    )
    assert out.read_bytes() == local.read_bytes()
    assert stats.workers and f":{os.getpid()}" not in " ".join(stats.workers)
