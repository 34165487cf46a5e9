"""Whole-pipeline time of two or more builds of this repository, measured in the same run.

    python bench/compare_builds.py BASE [REV ...] [--dir DIR] [--rounds 5]

Each REV is a git revision (``b2931b5``, ``main~3``) or ``.`` for the working tree as it is. A
revision is checked out into a temporary git worktree, removed at the end. For every round, each
build in turn runs in a fresh process:

- ``extract_file`` on every ``*.txt`` of DIR (default: ``../shared/corpus/docs``), then the
  record's JSON, after three texts to warm up (rules loaded, patterns compiled);
- that pass twice: **first** includes what a build does once per process on first use (patterns
  compiled lazily), **steady** is the second pass, the throughput of a long batch.

CPU time of the timed passes (``time.process_time``) is what is compared, the median over the
rounds; the builds take turns so that they share a busy machine alike. Ratios are to the first
build. The same Python runs every build, so a build must be importable with this interpreter's
packages (the project's venv has them for every revision since the first release).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT.parent / "shared" / "corpus" / "docs"

# run inside each build's tree: the build's own extract package comes first on sys.path
_CHILD = r"""
import json, sys, time
from pathlib import Path
from extract.api import extract_file
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
for p in paths[:3]:
    extract_file(p).model_dump_json()
out = {}
for name in ("first", "steady"):
    c, w = time.process_time(), time.perf_counter()
    for p in paths:
        extract_file(p).model_dump_json()
    out[name] = [time.process_time() - c, time.perf_counter() - w]
print(json.dumps(out))
"""


def _tree(rev: str, tmp: Path) -> Path:
    if rev == ".":
        return ROOT
    dest = tmp / rev.replace("/", "_").replace("~", "_")
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(dest), rev],
        check=True,
    )
    return dest


def _one(tree: Path, folder: Path) -> dict[str, list[float]]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"the build in {tree} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "revs", nargs="+", help="git revisions, or '.' for the working tree; the first is the base"
    )
    ap.add_argument("--dir", type=Path, default=DOCS, help="folder of *.txt (default: %(default)s)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    if not sorted(args.dir.glob("*.txt")):
        raise SystemExit(f"no *.txt in {args.dir}")
    tmp = Path(tempfile.mkdtemp(prefix="compare-builds-"))
    trees: dict[str, Path] = {}
    try:
        for rev in args.revs:
            trees[rev] = _tree(rev, tmp)
        runs: dict[str, list[dict[str, list[float]]]] = {rev: [] for rev in args.revs}
        for i in range(args.rounds):
            order = args.revs if i % 2 == 0 else list(reversed(args.revs))
            for rev in order:
                runs[rev].append(_one(trees[rev], args.dir))
    finally:
        for tree in trees.values():
            if tree != ROOT:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False
                )
        shutil.rmtree(tmp, ignore_errors=True)
    n = len(sorted(args.dir.glob("*.txt")))
    print(f"{n} texts of {args.dir}, {args.rounds} rounds; CPU seconds, median (min)")
    base = args.revs[0]
    med = {
        rev: {k: statistics.median(r[k][0] for r in rs) for k in ("first", "steady")}
        for rev, rs in runs.items()
    }
    for rev, rs in runs.items():
        cells = []
        for k in ("first", "steady"):
            lo = min(r[k][0] for r in rs)
            ratio = med[rev][k] / med[base][k]
            cells.append(f"{k} {med[rev][k]:.3f} ({lo:.3f}) x{ratio:.3f}")
        print(f"{rev:12s} " + "   ".join(cells))


if __name__ == "__main__":
    main()
