"""What every record must satisfy, checked by the tests, the fuzz harnesses and anyone who keeps
records: each span cuts its mention's text out of the decoded input, lists are sorted by span.
``comparable`` gives a record's content without offsets, for comparing two extractions of the
same text written differently (CRLF against LF line ends)."""

from __future__ import annotations

from collections.abc import Iterator

from .models import Record

LISTS = ("references", "dates", "meetings", "figures")


def mentions(record: Record) -> Iterator[tuple[str, object]]:
    """Every mention of a record with its list name, nested Dates (a meeting's date) included."""
    for kind in LISTS:
        for m in getattr(record, kind):
            yield kind, m
            for value in m.__dict__.values():
                if hasattr(value, "span") and hasattr(value, "text"):
                    yield kind + ".nested", value
    if record.doc_date is not None:
        yield "doc_date", record.doc_date


def check_record(record: Record, raw: str) -> None:
    """Raise AssertionError unless every span cuts its text out of ``raw`` and lists are sorted."""
    for kind, m in mentions(record):
        s, e = m.span
        if not (0 <= s <= e <= len(raw)) or raw[s:e] != m.text:
            raise AssertionError(f"{kind}: span {m.span} does not cut {m.text!r}")
    for kind in LISTS:
        spans = [tuple(m.span) for m in getattr(record, kind)]
        if spans != sorted(spans):
            raise AssertionError(f"{kind}: not sorted by span: {spans}")


def comparable(record: Record) -> dict:
    """The record's mentions as texts and fields, CRLF folded to LF, spans dropped."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "span"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str):
            return value.replace("\r\n", "\n")
        return value

    d = record.model_dump(mode="json")
    return {k: strip(d[k]) for k in (*LISTS, "doc_date")}
