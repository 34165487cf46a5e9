"""What the figures component costs: the pipeline over a folder of texts with and without it.

    PYTHONPATH=src python bench/figures_ratio.py DIR [--repeat N] [--whole]   # DIR: e.g. the corpus docs

Builds ``Pipeline(components=...)`` twice from the same rules, warms both up, then times whole
passes over every ``*.txt`` of DIR, the two settings taking turns so they share a busy machine
alike, and prints the best and median times and their ratio.

By default a pass is ``Pipeline.run`` on every text (reading and decoding not timed): the
stricter figure, since the work both settings share is smallest. ``--whole`` times what a batch
does per file instead: ``extract_file`` (read, decode, extract, with the per-document time limit)
and the JSON line written for it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from extract.api import extract_file
from extract.output import dumps
from extract.pipeline import Pipeline, default_components
from extract.rules import load_rules


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--whole", action="store_true", help="time extract_file and the JSON line per file")
    args = ap.parse_args()
    paths = sorted(Path(args.dir).glob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    if not texts:
        raise SystemExit(f"no *.txt in {args.dir}")
    rules = load_rules()
    full = default_components(rules)
    runs = {
        "without figures": Pipeline(rules, components=[c for c in full if c.name != "figures"]),
        "with figures": Pipeline(rules, components=full),
    }

    def one_pass(pipe: Pipeline) -> None:
        if args.whole:
            for p in paths:
                dumps(extract_file(p, pipeline=pipe))
        else:
            for t in texts:
                pipe.run(t)

    times: dict[str, list[float]] = {k: [] for k in runs}
    for p in runs.values():
        for t in texts[:20]:
            p.run(t)
    for i in range(args.repeat):
        order = list(runs) if i % 2 == 0 else list(reversed(runs))
        for name in order:
            t0 = time.perf_counter()
            one_pass(runs[name])
            times[name].append(time.perf_counter() - t0)
    what = "extract_file + JSON per file" if args.whole else "Pipeline.run per text"
    print(f"{len(texts)} texts, {args.repeat} passes each ({what})")
    for name, ts in times.items():
        print(f"{name:16s} best {min(ts):.3f} s  median {statistics.median(ts):.3f} s")
    a, b = times["without figures"], times["with figures"]
    print(
        f"ratio            best {min(b) / min(a):.3f}  median {statistics.median(b) / statistics.median(a):.3f}"
    )


if __name__ == "__main__":
    main()
