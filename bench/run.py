"""Throughput and memory of the batch path, against underthesea's word_tokenize on the same text.

    python bench/run.py [--limit-mb 4.5] [--workers 2] [--repeat 3] [--markdown]

One run measures, on one slice of text (the JSON Lines corpora in ``../shared/corpus/bulk`` beside
the repository when present, documents taken in turn from each file until ``--limit-mb`` MB of
text; else a generated sample):

- the whole pipeline (``extract batch SLICE.jsonl``) on 1 worker and on N workers: MB/s, docs/s;
- underthesea ``word_tokenize`` over every sentence of the same text (the baseline);
- peak RSS of each worker process, and memory on the slice and on a corpus ``--grow`` times
  larger (flatness: a batch run's memory must not grow with the corpus);
- the ratios, which are what to read on a shared machine: they are measured in the same run.

Every measurement runs in a fresh process (``ru_maxrss`` is a high-water mark). Pipeline timings
are the best of ``--repeat`` runs of ``run_batch`` (wall time from reading the inputs to the
renamed output, pool start included; interpreter start and imports excluded). MB are MB of UTF-8
text. The outputs of 1 and N workers are compared byte for byte.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
# ../shared/corpus/bulk beside the repository (or beside a folder above it, for git worktrees)
BULK = next(
    (p / "shared" / "corpus" / "bulk" for p in ROOT.parents if (p / "shared" / "corpus" / "bulk").is_dir()),
    ROOT.parent / "shared" / "corpus" / "bulk",
)
ENV = {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}

_SAMPLE = [
    "Thực hiện Chỉ thị số {n}-CT/TW ngày {d}/{m}/{y} của Ban Bí thư, Đảng ủy xã đã xây dựng kế hoạch cụ thể.",
    "Ngày {d}/{m}/{y}, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết việc thực hiện Nghị quyết số {n}-NQ/HU.",
    "Căn cứ Quyết định số {n}/QĐ-UBND ngày {d} tháng {m} năm {y} của Ủy ban nhân dân tỉnh về việc giao chỉ tiêu.",
    "Trong năm, toàn Đảng bộ kết nạp được {n} đảng viên mới, đạt {p}% chỉ tiêu đề ra.",
    "Công tác kiểm tra, giám sát được duy trì thường xuyên, đúng quy định của Điều lệ Đảng.",
    "Các chi bộ tiếp tục quán triệt sâu rộng nghị quyết đến toàn thể cán bộ, đảng viên và nhân dân.",
]


def _bulk_docs():
    """Documents from each bulk corpus in turn (streamed: only the start of each file is read)."""
    files = sorted(BULK.glob("*.jsonl.gz"))
    handles = [gzip.open(f, "rb") for f in files]
    try:
        while handles:
            for fh in list(handles):
                line = fh.readline()
                if not line:
                    handles.remove(fh)
                    continue
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                if isinstance(obj.get("text"), str) and obj["text"].strip():
                    yield str(obj.get("id")), obj["text"]
    finally:
        for fh in handles:
            fh.close()


def _sample_docs():
    rng = random.Random(5)
    i = 0
    while True:
        sents = [
            rng.choice(_SAMPLE).format(
                n=rng.randint(1, 300),
                d=rng.randint(1, 28),
                m=rng.randint(1, 12),
                y=rng.randint(2000, 2025),
                p=rng.randint(50, 120),
            )
            for _ in range(rng.randint(10, 60))
        ]
        yield f"sample/{i}", "\n".join(" ".join(sents[k : k + 4]) for k in range(0, len(sents), 4))
        i += 1


def make_slices(folder: Path, limit_mb: float, grow: float) -> tuple[str, dict[str, tuple[Path, int, int]]]:
    """``full.jsonl``: the first ``limit_mb`` MB of text; ``big.jsonl``: ``full`` and more documents
    up to ``grow`` times its size, none longer than the longest of ``full`` (peak memory follows the
    longest document; what must not grow it is the number of documents)."""
    source = "bulk" if BULK.is_dir() and any(BULK.glob("*.jsonl.gz")) else "generated"
    docs = _bulk_docs() if source == "bulk" else _sample_docs()
    slices = {}
    longest = 0
    big = folder / "big.jsonl"
    with open(folder / "full.jsonl", "w", encoding="utf-8") as full, open(big, "w", encoding="utf-8") as more:
        n = size = 0
        for doc_id, text in docs:
            nbytes = len(text.encode())
            if size >= limit_mb * 1e6:
                if "full" not in slices:
                    slices["full"] = (Path(full.name), n, size)
                if nbytes > longest:
                    continue
                if size >= grow * limit_mb * 1e6:
                    break
            else:
                longest = max(longest, nbytes)
                full.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
            more.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
            n += 1
            size += nbytes
    slices.setdefault("full", (folder / "full.jsonl", n, size))
    slices["big"] = (big, n, size)
    # the same documents again and again: memory must not grow at all
    path, n, size = slices["full"]
    again = folder / "again.jsonl"
    data = path.read_bytes()
    with open(again, "wb") as fh:
        for _ in range(round(grow)):
            fh.write(data)
    slices["again"] = (again, n * round(grow), size * round(grow))
    return source, slices


def run_pipeline(slice_path: Path, out: Path, workers: int) -> dict:
    stats_file = out.with_suffix(".stats.json")
    cmd = [sys.executable, "-m", "extract", "batch", str(slice_path), "--out", str(out), "-q"]
    cmd += ["--workers", str(workers), "--stats-json", str(stats_file)]
    done = subprocess.run(cmd, env=ENV, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{done.stderr}")
    return json.loads(stats_file.read_text())


_BASELINE = r"""
import json, resource, sys, time
from underthesea import word_tokenize
from extract.text import Document
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
word_tokenize("Khởi động mô hình.")  # load the model before timing
n = 0
t = time.perf_counter()
for text in texts:
    doc = Document(text)
    for s, e in doc.sentences:
        word_tokenize(doc.norm[s:e])
        n += 1
sec = time.perf_counter() - t
print(json.dumps({"seconds": sec, "sentences": n, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run_baseline(slice_path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _BASELINE, str(slice_path)], env=ENV, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"bench: word_tokenize baseline failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def interleaved(slice_path: Path, folder: Path, settings: list[int], repeat: int) -> list[dict]:
    """The best of ``repeat`` runs for each number of workers, the settings taking turns so that
    all of them see the same share of a busy machine."""
    runs: dict[int, list[dict]] = {w: [] for w in settings}
    for i in range(repeat):
        for w in settings:
            r = run_pipeline(slice_path, folder / f"w{w}-{i}.jsonl", w)
            r["out"] = str(folder / f"w{w}-{i}.jsonl")
            runs[w].append(r)
    tops = []
    for w in settings:
        top = min(runs[w], key=lambda r: r["seconds"])
        top["all_seconds"] = [r["seconds"] for r in runs[w]]
        tops.append(top)
    return tops


def cores(stats: dict) -> float:
    """CPUs the run got on average: its CPU time (parent and workers) over its wall time."""
    in_process = list(stats["workers_peak_rss_kb"]) in ([], [stats["parent"]])
    cpu = stats["parent_cpu_seconds"] + (0 if in_process else stats["worker_cpu_seconds"])
    return cpu / stats["seconds"]


def _peak_worker_mb(stats: dict) -> float:
    w = stats["workers_peak_rss_kb"]
    return max(w.values()) / 1024 if w else stats["parent_peak_rss_kb"] / 1024


def main(argv: list[str] | None = None) -> int:
    global BULK
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit-mb", type=float, default=4.5, help="MB of text to bench (default 4.5)")
    ap.add_argument("--workers", type=int, default=2, help="workers of the parallel run (default 2)")
    ap.add_argument(
        "--repeat", type=int, default=3, help="pipeline runs per setting; the best counts (default 3)"
    )
    ap.add_argument(
        "--grow", type=float, default=4.0, help="memory is also measured on a corpus this many times larger"
    )
    ap.add_argument("--markdown", action="store_true", help="print the results as a Markdown table")
    ap.add_argument("--keep", default=None, help="keep slices and outputs in this folder")
    ap.add_argument("--corpus", default=None, help=f"folder of *.jsonl.gz corpora (default {BULK})")
    args = ap.parse_args(argv)
    if args.corpus:
        BULK = Path(args.corpus)

    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
        return _bench(args, Path(args.keep))
    with tempfile.TemporaryDirectory(prefix="extract-bench-") as tmp:  # slices and outputs: ~100 MB
        return _bench(args, Path(tmp))


def _bench(args: argparse.Namespace, folder: Path) -> int:
    load_before = os.getloadavg()
    source, slices = make_slices(folder, args.limit_mb, args.grow)
    full, n_docs, n_bytes = slices["full"]
    big, b_docs, b_bytes = slices["big"]
    mb = n_bytes / 1e6
    print(
        f"bench: {source} text, {n_docs} documents, {mb:.2f} MB (memory also on {b_docs} documents, {b_bytes / 1e6:.2f} MB)",
        file=sys.stderr,
    )

    t0 = time.monotonic()
    one, par = interleaved(full, folder, [1, args.workers], args.repeat)
    same = Path(one["out"]).read_bytes() == Path(par["out"]).read_bytes()
    par_big = run_pipeline(big, folder / "big-par.jsonl", args.workers)
    one_big = run_pipeline(big, folder / "big-w1.jsonl", 1)
    again = slices["again"][0]
    par_again = run_pipeline(again, folder / "again-par.jsonl", args.workers)
    one_again = run_pipeline(again, folder / "again-w1.jsonl", 1)
    print(
        f"bench: pipeline runs took {time.monotonic() - t0:.1f} s; now word_tokenize over every sentence ...",
        file=sys.stderr,
    )
    base = run_baseline(full)
    load_after = os.getloadavg()

    def rate(sec: float) -> tuple[float, float]:
        return mb / sec, n_docs / sec

    p1, d1 = rate(one["seconds"])
    pn, dn = rate(par["seconds"])
    pb, db = rate(base["seconds"])
    cpu1 = one["parent_cpu_seconds"]  # one worker: extraction runs in the parent process
    cpu_crit = max(par["worker_cpu"].values()) if par["worker_cpu"] else float("nan")
    rows = [
        ("pipeline, 1 worker", f"{p1:.2f}", f"{d1:.0f}", f"{one['parent_peak_rss_kb'] / 1024:.0f}"),
        (f"pipeline, {args.workers} workers", f"{pn:.2f}", f"{dn:.0f}", f"{_peak_worker_mb(par):.0f}"),
        ("word_tokenize, every sentence", f"{pb:.3f}", f"{db:.1f}", f"{base['rss_kb'] / 1024:.0f}"),
    ]
    ratios = [
        ("pipeline 1 worker / word_tokenize", f"{p1 / pb:.1f}x", ">= 5x"),
        (f"pipeline {args.workers} workers / 1 worker (wall)", f"{pn / p1:.2f}x", ">= 1.7x"),
        (
            f"{args.workers} workers / 1 worker (CPU: 1-worker CPU / busiest worker's CPU)",
            f"{cpu1 / cpu_crit:.2f}x",
            "what free cores would give",
        ),
        ("peak RSS per worker", f"{_peak_worker_mb(par):.0f} MB", "<= 300 MB"),
        (
            f"peak RSS, the slice {round(args.grow)} times / once ({args.workers} workers: worker, parent)",
            f"{_peak_worker_mb(par_again) / _peak_worker_mb(par):.2f}, "
            f"{par_again['parent_peak_rss_kb'] / par['parent_peak_rss_kb']:.2f}",
            "1.0 (flat)",
        ),
        (
            f"peak RSS, the slice {round(args.grow)} times / once (1 worker)",
            f"{one_again['parent_peak_rss_kb'] / one['parent_peak_rss_kb']:.2f}",
            "1.0 (flat)",
        ),
        (
            f"peak RSS, {b_bytes / 1e6:.0f} MB / {mb:.1f} MB of other documents ({args.workers} workers: worker, parent)",
            f"{_peak_worker_mb(par_big) / _peak_worker_mb(par):.2f}, "
            f"{par_big['parent_peak_rss_kb'] / par['parent_peak_rss_kb']:.2f}",
            "~1.0 (heaviest document decides)",
        ),
        (
            f"peak RSS, {b_bytes / 1e6:.0f} MB / {mb:.1f} MB of other documents (1 worker)",
            f"{one_big['parent_peak_rss_kb'] / one['parent_peak_rss_kb']:.2f}",
            "~1.0 (heaviest document decides)",
        ),
        (f"output of 1 and {args.workers} workers", "identical" if same else "DIFFERENT", "identical"),
    ]
    extra = {
        "pipeline seconds, 1 worker (runs)": [round(s, 2) for s in one["all_seconds"]],
        f"pipeline seconds, {args.workers} workers (runs)": [round(s, 2) for s in par["all_seconds"]],
        f"peak RSS (MB), {mb:.1f} MB / {b_bytes / 1e6:.0f} MB corpus": (
            f"{args.workers} workers: worker {_peak_worker_mb(par):.0f} / {_peak_worker_mb(par_big):.0f}, "
            f"parent {par['parent_peak_rss_kb'] / 1024:.0f} / {par_big['parent_peak_rss_kb'] / 1024:.0f}; "
            f"1 worker: {one['parent_peak_rss_kb'] / 1024:.0f} / {one_big['parent_peak_rss_kb'] / 1024:.0f}"
        ),
        "word_tokenize seconds": round(base["seconds"], 1),
        "sentences": base["sentences"],
        "CPUs obtained (CPU time / wall time), 1 worker / N workers": f"{cores(one):.2f} / {cores(par):.2f}",
        "parent CPU share with workers": f"{par['parent_cpu_seconds'] / max(par['worker_cpu_seconds'], 1e-9):.1%} of the workers' CPU",
        "load average before / after": f"{load_before[0]:.1f} / {load_after[0]:.1f}",
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
    }
    if args.markdown:
        print("| measure | MB/s | docs/s | peak RSS (MB) |\n|---|---:|---:|---:|")
        for r in rows:
            print(f"| {' | '.join(r)} |")
        print("\n| ratio | measured | target |\n|---|---:|---|")
        for r in ratios:
            print(f"| {' | '.join(r)} |")
        print()
        for k, v in extra.items():
            print(f"- {k}: {v}")
    else:
        for r in rows:
            print(f"{r[0]:<34} {r[1]:>8} MB/s {r[2]:>7} docs/s  peak RSS {r[3]:>4} MB")
        for r in ratios:
            print(f"{r[0]:<72} {r[1]:>12}   (target {r[2]})")
        for k, v in extra.items():
            print(f"{k}: {v}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
