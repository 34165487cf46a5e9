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
    import json
    import signal

    _apply_limits(args)
    from .batch import BatchError, EngineError, InputError, run_batch, summary

    for src in args.input:
        if not Path(src).exists():
            what = "file" if src.endswith((".jsonl", ".jsonl.gz", ".txt")) else "folder"
            print(f"extract: input {what} not found: {src}", file=sys.stderr)
            return EXIT_USAGE
    if args.chunk_docs < 1:
        print("extract: --chunk-docs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.workers is not None and args.workers < 1:
        print("extract: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.scheduler and args.engine != "dask":
        print("extract: --scheduler needs --engine dask", file=sys.stderr)
        return EXIT_USAGE

    class Terminated(KeyboardInterrupt):
        pass

    def terminated(_signum, _frame):
        raise Terminated

    # `kill PID` (systemd, a job scheduler) stops like Ctrl-C: what is written is recorded for --resume
    try:
        previous = signal.signal(signal.SIGTERM, terminated)
    except ValueError:  # not the main thread
        previous = None
    try:
        stats = run_batch(
            [Path(p) for p in args.input],
            Path(args.out),
            progress=None if not args.quiet else False,
            workers=args.workers,
            engine=args.engine,
            scheduler=args.scheduler,
            resume=args.resume,
            input_format=args.input_format,
            id_field=args.id_field,
            text_field=args.text_field,
            chunk_docs=args.chunk_docs,
            checkpoint_seconds=args.checkpoint_seconds,
        )
    except InputError as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (BatchError, EngineError) as exc:
        print(f"extract: batch stopped: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:
        print("extract: interrupted; run the same command with --resume to finish", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if args.summary:
        print(summary(stats, Path(args.out)))
    if args.stats_json:
        Path(args.stats_json).write_text(json.dumps(stats.as_dict(), indent=2, sort_keys=True) + "\n")
    return EXIT_DOC_ERRORS if stats.failed else EXIT_OK


def _cmd_text(args: argparse.Namespace) -> int:
    from .api import extract_bytes
    from .output import dumps

    _apply_limits(args)
    from .safety import max_bytes

    limit = max_bytes()
    data = sys.stdin.buffer.read(limit + 1) if limit else sys.stdin.buffer.read()
    if limit and len(data) > limit:
        from .api import error_record

        record = error_record(
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


def _cmd_fixtures(args: argparse.Namespace) -> int:
    from . import fixtures

    root = Path(args.dir)
    if not root.is_dir():
        print(f"extract: fixtures folder not found: {root}", file=sys.stderr)
        return EXIT_USAGE
    if args.fixtures_command == "check":
        report = fixtures.check(root)
        print(fixtures.format_check(report))
        return EXIT_OK if report.ok else EXIT_DOC_ERRORS
    rep = fixtures.update(root, prune=args.prune)
    print(fixtures.format_update(rep))
    return EXIT_DOC_ERRORS if rep.unreadable else EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from .diff import RecordsError, diff_corpora, format_corpus_diff, load_records, texts_lookup
    from .output import _OPTS  # the same key order as every record written

    try:
        old, new = load_records(args.old), load_records(args.new)
    except RecordsError as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.texts and not Path(args.texts).is_dir():
        print(f"extract: texts folder not found: {args.texts}", file=sys.stderr)
        return EXIT_USAGE
    cd = diff_corpora(old, new, texts_lookup(args.texts) if args.texts else None)
    if args.json:
        import orjson

        sys.stdout.buffer.write(
            orjson.dumps(cd.to_json(args.examples), option=_OPTS | orjson.OPT_INDENT_2) + b"\n"
        )
    else:
        print(format_corpus_diff(cd, args.examples))
        if not args.texts and not cd.empty:
            print("\n(give --texts INPUT_DIR to see each mention in its sentence)")
    return EXIT_OK if cd.empty else EXIT_DOC_ERRORS


def _cmd_review(args: argparse.Namespace) -> int:
    from .diff import RecordsError
    from .review import write_report

    if not Path(args.texts).is_dir():
        print(f"extract: texts folder not found: {args.texts}", file=sys.stderr)
        return EXIT_USAGE
    try:
        n = write_report(args.out, args.texts, args.output, args.title)
    except RecordsError as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{n} documents -> {args.output}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="extract", description="Extract references, dates, meetings and figures from Vietnamese texts."
    )
    sub = ap.add_subparsers(dest="command", required=True)

    b = sub.add_parser(
        "batch",
        help="extract every *.txt under a folder, or every line of .jsonl[.gz] corpora",
        description='Extract a folder tree of *.txt and/or JSON Lines corpora (one {"id", "text"} object '
        "per line, .jsonl or .jsonl.gz, streamed) into one JSONL file or a folder of .json files.",
    )
    b.add_argument(
        "input", nargs="+", help="input folder (searched recursively for *.txt) or .jsonl[.gz] file"
    )
    b.add_argument("--out", required=True, help="OUT.jsonl (one record per line) or a folder of .json files")
    b.add_argument("--summary", action="store_true", help="print a one-screen summary when done")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    b.add_argument(
        "--workers", type=int, default=None, metavar="N", help="worker processes (default: one per CPU)"
    )
    b.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local process pool (default) or a Dask cluster",
    )
    b.add_argument(
        "--scheduler",
        default=None,
        metavar="tcp://HOST:PORT",
        help="Dask scheduler (default: a local cluster)",
    )
    b.add_argument(
        "--resume",
        action="store_true",
        help="carry on an interrupted run: extract only what is not written yet",
    )
    b.add_argument(
        "--input-format",
        choices=("auto", "txt", "jsonl"),
        default="auto",
        help="auto: folders hold *.txt, *.jsonl[.gz] files are JSON Lines; jsonl: folders hold *.jsonl[.gz] files",
    )
    b.add_argument("--id-field", default="id", help="JSON Lines field holding the doc_id (default: id)")
    b.add_argument("--text-field", default="text", help="JSON Lines field holding the text (default: text)")
    b.add_argument(
        "--chunk-docs",
        type=int,
        default=64,
        metavar="N",
        help="documents per chunk sent to a worker (default: 64)",
    )
    b.add_argument(
        "--checkpoint-seconds",
        type=float,
        default=1.0,
        metavar="S",
        help="at most this long between checkpoints (fsync + manifest) that --resume starts from (default: 1)",
    )
    b.add_argument(
        "--stats-json",
        default=None,
        metavar="FILE",
        help="write run statistics (throughput, peak memory) as JSON",
    )
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

    fx = sub.add_parser("fixtures", help="expected records beside texts: check or update them")
    fxsub = fx.add_subparsers(dest="fixtures_command", required=True)
    fc = fxsub.add_parser(
        "check",
        help="extract every DIR/**/*.txt and compare with the .json beside it (exit 1 on any difference)",
    )
    fc.add_argument("dir")
    fc.set_defaults(func=_cmd_fixtures)
    fu = fxsub.add_parser("update", help="write DIR/**/*.json from the current rules (review with git diff)")
    fu.add_argument("dir")
    fu.add_argument("--prune", action="store_true", help="delete fixtures whose text is gone")
    fu.set_defaults(func=_cmd_fixtures)

    d = sub.add_parser(
        "diff", help="mentions added, removed and changed between two batch outputs (exit 1 when any)"
    )
    d.add_argument("old", help="OLD.jsonl or folder of .json")
    d.add_argument("new", help="NEW.jsonl or folder of .json")
    d.add_argument(
        "--texts", default=None, help="the input folder of the runs: show each example in its sentence"
    )
    d.add_argument(
        "--examples", type=int, default=5, metavar="N", help="examples of each kind per list (default 5)"
    )
    d.add_argument("--json", action="store_true", help="the whole report as JSON on stdout")
    d.set_defaults(func=_cmd_diff)

    rv = sub.add_parser("review", help="one self-contained HTML report of a batch output with its texts")
    rv.add_argument("out", help="OUT.jsonl or folder of .json written by extract batch")
    rv.add_argument("--texts", required=True, help="the input folder the records were extracted from")
    rv.add_argument("-o", "--output", required=True, help="report.html")
    rv.add_argument("--title", default=None)
    rv.set_defaults(func=_cmd_review)
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
