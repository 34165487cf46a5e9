"""Command line: argument parsing only; the work is done by the modules it calls.

Exit codes: 0 all documents extracted; 1 some documents failed (they are still written, as records
whose warnings start with "error:"); 2 usage error or broken rules.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_DOC_ERRORS, EXIT_USAGE = 0, 1, 2


def _apply_limits(args: argparse.Namespace) -> None:
    """--max-bytes / --doc-timeout reach every worker process through the environment."""
    if getattr(args, "max_bytes", None) is not None:
        os.environ["EXTRACT_MAX_BYTES"] = str(args.max_bytes)
    if getattr(args, "doc_timeout", None) is not None:
        os.environ["EXTRACT_DOC_TIMEOUT"] = str(args.doc_timeout)


def _add_limits(p: argparse.ArgumentParser) -> None:
    from .safety import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_BYTES

    p.add_argument(
        "--max-bytes",
        type=_non_negative(int),
        default=None,
        help=f"skip (as an error record) files larger than this; 0 = no limit (default {DEFAULT_MAX_BYTES})",
    )
    p.add_argument(
        "--doc-timeout",
        type=_non_negative(float),
        default=None,
        help=f"seconds one document may take before it becomes an error record; 0 = none (default {DEFAULT_DOC_TIMEOUT:g})",
    )


def _non_negative(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
        return value

    return parse


def _cmd_batch(args: argparse.Namespace) -> int:
    from .batch import run_batch, summary

    _apply_limits(args)

    src = Path(args.input)
    if not src.is_dir():
        print(f"extract: input folder not found: {src}", file=sys.stderr)
        return EXIT_USAGE
    stats = run_batch(src, Path(args.out), progress=None if not args.quiet else False)
    if args.summary:
        print(summary(stats, Path(args.out)))
    return EXIT_DOC_ERRORS if stats.failed else EXIT_OK


def _cmd_text(args: argparse.Namespace) -> int:
    from .api import extract_bytes
    from .output import dumps

    _apply_limits(args)
    from .safety import max_bytes

    limit = max_bytes()
    data = sys.stdin.buffer.read(limit + 1) if limit else sys.stdin.buffer.read()
    if limit and len(data) > limit:
        from .api import _error_record

        record = _error_record(
            args.doc_id, None, f"input too large: over the limit of {limit} bytes (--max-bytes)"
        )
    else:
        record = extract_bytes(data, doc_id=args.doc_id)
    sys.stdout.buffer.write(dumps(record, indent=args.indent) + b"\n")
    return EXIT_DOC_ERRORS if any(w.startswith("error:") for w in record.warnings) else EXIT_OK


def _cmd_rules_check(args: argparse.Namespace) -> int:
    from .rules import RuleSet

    rules = RuleSet(Path(args.dir) if args.dir else None)
    problems = [p for r in rules.rules.values() for p in r.check_examples()]
    for p in problems:
        print(p)
    n_ex = sum(len(r.examples) + len(r.counter_examples) for r in rules.rules.values())
    print(f"{len(rules.rules)} rules in {len(rules.files)} files, {n_ex} examples: {len(problems)} problems")
    return EXIT_DOC_ERRORS if problems else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="extract", description="Extract references, dates, meetings and figures from Vietnamese texts.")
    sub = ap.add_subparsers(dest="command", required=True)

    b = sub.add_parser("batch", help="extract every *.txt under a folder")
    b.add_argument("input", help="input folder (searched recursively for *.txt)")
    b.add_argument("--out", required=True, help="OUT.jsonl (one record per line) or a folder of .json files")
    b.add_argument("--summary", action="store_true", help="print a one-screen summary when done")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    _add_limits(b)
    b.set_defaults(func=_cmd_batch)

    t = sub.add_parser("text", help="extract stdin into one JSON record on stdout")
    t.add_argument("--doc-id", default=None)
    t.add_argument("--indent", action="store_true", help="indented JSON")
    _add_limits(t)
    t.set_defaults(func=_cmd_text)

    r = sub.add_parser("rules", help="rule files")
    rsub = r.add_subparsers(dest="rules_command", required=True)
    rc = rsub.add_parser("check", help="load every rule file and run every example and counter-example")
    rc.add_argument("dir", nargs="?", default=None)
    rc.set_defaults(func=_cmd_rules_check)
    return ap


def main(argv: list[str] | None = None) -> int:
    from .rules import RuleError

    ap = build_parser()
    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except RuleError as exc:
        print(f"extract: rules error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("extract: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
