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
    from extract.output import dumps

_PIPELINE = default_pipeline()


def check(data: bytes) -> None:
    record = extract_bytes(data, doc_id="fuzz", pipeline=_PIPELINE, timeout=0)
    decoded = decode_bytes(data)
    raw = decoded.text
    for kind in ("references", "dates", "meetings", "figures"):
        items = getattr(record, kind)
        spans = [tuple(m.span) for m in items]
        assert spans == sorted(spans), (kind, spans)
        for m in items:
            s, e = m.span
            assert raw[s:e] == m.text, (kind, m.span, m.text)
    assert dumps(record) == dumps(extract_bytes(data, doc_id="fuzz", pipeline=_PIPELINE, timeout=0))


def _without_spans(record) -> dict:
    """Mentions as texts and fields, CRLF folded to LF, spans dropped (they move with CRLF)."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "span"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str):
            return value.replace("\r\n", "\n")
        return value

    d = record.model_dump(mode="json")
    return {k: strip(d[k]) for k in ("references", "dates", "meetings", "figures", "doc_date")}


def test_one_input(data: bytes) -> None:
    check(data)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
