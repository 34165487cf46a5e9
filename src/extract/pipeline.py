"""The pipeline: a list of small components run in order over one Document.

Each component (an extractor) reads the Document and what earlier components found, and adds
``Found`` items for its list. Positions in a ``Found`` are offsets into ``Document.norm``; they are
mapped to the decoded text once, when the record is built. After all components ran, the one
overlap policy (``resolve``) settles conflicts between lists, and the record is built and validated
once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .models import Record
from .rules import RuleSet, RuleTimeout, load_rules
from .text import Document

LISTS = ("references", "dates", "meetings", "figures")


@dataclass(slots=True)
class Found:
    """A mention before it becomes a record entry: norm offsets, the rule, and its fields."""

    start: int
    end: int
    rule: str
    fields: dict[str, Any] = field(default_factory=dict)
    priority: int = 0

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class Context:
    """What the components of one run share: the rules, the lists found so far, warnings."""

    rules: RuleSet
    found: dict[str, list[Found]] = field(default_factory=lambda: {k: [] for k in LISTS})
    doc_date: Found | None = None
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


class Component(Protocol):
    name: str

    def __call__(self, doc: Document, ctx: Context) -> None: ...


def default_components(rules: RuleSet) -> list[Component]:
    """The extractors in the order they run (dates first: the others link to them)."""
    from .extractors.dates import DateExtractor
    from .extractors.figures import FigureExtractor
    from .extractors.meetings import MeetingExtractor
    from .extractors.references import ReferenceExtractor

    return [DateExtractor(rules), ReferenceExtractor(rules), MeetingExtractor(rules), FigureExtractor(rules)]


class Pipeline:
    """Components plus the overlap policy; ``run`` turns a decoded text into a Record."""

    def __init__(self, rules: RuleSet | None = None, components: Sequence[Component] | None = None):
        self.rules = rules or load_rules()
        self.components = list(components) if components is not None else default_components(self.rules)
        from .resolve import OverlapPolicy

        self.policy = OverlapPolicy.from_rules(self.rules)

    def run(
        self,
        text: str,
        doc_id: str | None = None,
        source: str | None = None,
        warnings: Sequence[str] = (),
    ) -> Record:
        doc = Document(text)
        ctx = Context(self.rules, warnings=list(warnings))
        for comp in self.components:
            try:
                comp(doc, ctx)
            except RuleTimeout as exc:
                ctx.warn(f"{comp.name}: {exc}; the list may be incomplete")
        self.policy.apply(ctx.found)
        return build_record(doc, ctx, doc_id, source)


def _mention_dict(doc: Document, f: Found) -> dict[str, Any]:
    """One Found as the dict its model validates: span mapped to the decoded text, nested dates too."""
    start, end = doc.raw_span(f.start, f.end)
    out: dict[str, Any] = {"text": doc.raw[start:end], "span": (start, end), "rule": f.rule}
    for key, value in f.fields.items():
        out[key] = _mention_dict(doc, value) if isinstance(value, Found) else value
    return out


def build_record(doc: Document, ctx: Context, doc_id: str | None, source: str | None) -> Record:
    # one validation for the whole record (pydantic checks every mention in one call, which is
    # cheaper than building each model on its own)
    lists = {}
    for kind in LISTS:
        items = sorted(ctx.found[kind], key=lambda f: (f.start, f.end, f.rule))
        lists[kind] = [_mention_dict(doc, f) for f in items]
    doc_date = _mention_dict(doc, ctx.doc_date) if ctx.doc_date is not None else None
    return Record.model_validate(
        {"doc_id": doc_id, "source": source, "doc_date": doc_date, "warnings": ctx.warnings, **lists}
    )
