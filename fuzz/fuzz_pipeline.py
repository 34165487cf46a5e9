"""atheris harness: bytes in, record out, over the whole pipeline (decode, normalise, extract, JSON).

Run (atheris is in the ``fuzz`` extra)::

    PYTHONPATH=src python fuzz/fuzz_pipeline.py fuzz/corpus -max_total_time=600 -rss_limit_mb=3072

Checks on every input, beyond "no exception": the record validates, every span cuts its text out
of the decoded input, lists are sorted by span, the JSON is deterministic. A crash becomes a
regression test in tests/test_hostile.py (``FUZZ_REGRESSIONS``).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from extract.api import default_pipeline, extract_bytes
    from extract.decode import decode_bytes
    from extract.invariants import check_record, comparable
    from extract.output import dumps

_PIPELINE = default_pipeline()


def check(data: bytes) -> None:
    record = extract_bytes(data, doc_id="fuzz", pipeline=_PIPELINE, timeout=0)
    check_record(record, decode_bytes(data).text)
    assert dumps(record) == dumps(extract_bytes(data, doc_id="fuzz", pipeline=_PIPELINE, timeout=0))


_without_spans = comparable


def test_one_input(data: bytes) -> None:
    check(data)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
