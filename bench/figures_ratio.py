"""Whole-pipeline time over a folder of texts with and without the figures component.

    PYTHONPATH=src python bench/figures_ratio.py DIR [--repeat N]   # DIR: e.g. the corpus docs

Builds ``Pipeline(components=...)`` twice from the same rules, warms both up, then times whole
passes over every ``*.txt`` of DIR, the two settings taking turns
so they share a busy machine alike, and prints the best and median times and their ratio. Reading
the files is not timed; each pass is ``Pipeline.run`` on every text (decoding excluded).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from extract.pipeline import Pipeline, default_components
from extract.rules import load_rules


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(args.dir).glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no *.txt in {args.dir}")
    rules = load_rules()
    full = default_components(rules)
    runs = {
        "without figures": Pipeline(rules, components=[c for c in full if c.name != "figures"]),
        "with figures": Pipeline(rules, components=full),
    }
    times: dict[str, list[float]] = {k: [] for k in runs}
    for p in runs.values():
        for t in texts[:20]:
            p.run(t)
    for i in range(args.repeat):
        order = list(runs) if i % 2 == 0 else list(reversed(runs))
        for name in order:
            t0 = time.perf_counter()
            for t in texts:
                runs[name].run(t)
            times[name].append(time.perf_counter() - t0)
    for name, ts in times.items():
        print(f"{name:16s} best {min(ts):.3f} s  median {statistics.median(ts):.3f} s  ({len(texts)} texts)")
    a, b = times["without figures"], times["with figures"]
    print(
        f"ratio            best {min(b) / min(a):.3f}  median {statistics.median(b) / statistics.median(a):.3f}"
    )


if __name__ == "__main__":
    main()
