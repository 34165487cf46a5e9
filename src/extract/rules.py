"""Rules engine: load, validate and compile the TOML rule files under ``rules/``.

A rule file may hold:

``[meta]``            ``description`` and optionally ``list`` (which record list its rules feed).
``[define]``          named regex fragments, used in patterns as ``{{name}}``.
``[lexicon.NAME]``    word -> value tables; ``{{lex:NAME}}`` in a pattern expands to an alternation
                      of its words (longest first, spaces matching any whitespace).
``[[rule]]``          ``id``, ``pattern`` or ``patterns``, optional ``fields`` (constant values the
                      rule produces), ``priority``, ``description``, ``examples`` (texts the rule
                      must match, whole) and ``counter_examples`` (texts it must not match at all),
                      and ``anchor`` (see below).
                      An example may be a table ``{text = "...", match = "..."}`` when the match is a
                      part of the text.
Any other top-level table is data for the component that reads the file; that component
validates it (``RuleSet.data``).

``anchor`` makes a rule fast without changing what it finds. ``anchor = "digit"``: every match
starts with a digit. ``anchor = ["ngày", "tháng"]`` or ``anchor = "lex:NAME"``: every match starts
with one of these words (any case); the engine finds the words with a plain scan of the
case-folded text and tries the patterns only there. A test checks, over real texts, that an
anchored rule finds exactly what the plain scan finds.

Every problem is a :class:`RuleError` naming the file, the rule id and the reason.
Patterns are compiled for the ``regex`` module, with ``VERSION1`` semantics off (V0, like ``re``),
and always run with a time limit (:data:`PATTERN_TIMEOUT` seconds per scan).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from . import alternation
from .paths import rules_dir

PATTERN_TIMEOUT = 2.0
"""Seconds one pattern may spend on one text before the scan is abandoned with a warning."""

_RULE_KEYS = {
    "id",
    "pattern",
    "patterns",
    "fields",
    "priority",
    "description",
    "examples",
    "counter_examples",
    "flags",
    "anchor",
}
_TOP_KEYS_RESERVED = {"meta", "define", "lexicon", "rule"}
_MACRO = regex.compile(r"\{\{\s*(lex:)?([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# a pattern that starts with global flags holding r ("(?r)", "(?ir)") is searched backwards
_REVERSE_FLAG = regex.compile(r"\s*\(\?[a-zA-Z]*r[a-zA-Z]*\)")
_FLAGS = {"i": regex.IGNORECASE, "x": regex.VERBOSE, "m": regex.MULTILINE, "s": regex.DOTALL}


class RuleError(ValueError):
    """A rule file is broken: names the file, the rule and the reason."""

    def __init__(self, file: str, rule: str | None, reason: str):
        self.file = file
        self.rule = rule
        self.reason = reason
        where = f"{file}" + (f", rule {rule!r}" if rule else "")
        super().__init__(f"{where}: {reason}")


class RuleTimeout(RuntimeError):
    """A pattern ran past its time limit on one text."""

    def __init__(self, rule_id: str):
        self.rule_id = rule_id
        super().__init__(f"rule {rule_id!r} ran past its time limit ({PATTERN_TIMEOUT} s)")


@dataclass(frozen=True)
class Example:
    text: str
    match: str


@dataclass
class Rule:
    """One rule: an id, compiled patterns, the fields it produces, and its examples."""

    id: str
    file: str
    patterns: list[regex.Pattern]
    sources: list[str]
    fields: dict[str, Any] = field(default_factory=dict)
    priority: int = 0
    description: str = ""
    examples: list[Example] = field(default_factory=list)
    counter_examples: list[str] = field(default_factory=list)
    order: int = 0
    anchor_words: re.Pattern | None = None
    # every anchor word of the rule set in one pattern (scanned once per text for all the rules)
    anchor_union: re.Pattern | None = None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match]:
        """All matches of all patterns (pattern by pattern, left to right), under the time limit."""
        end = len(text) if endpos is None else endpos
        if self.anchor_words is not None:
            folded = casefolded(text)
            if folded is not None:
                yield from self._anchored(text, folded, pos, end)
                return
        yield from self.scan(text, pos, end)

    def scan(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match]:
        """The plain scan: every pattern's ``finditer`` over the text."""
        end = len(text) if endpos is None else endpos
        for pat in self.patterns:
            try:
                yield from pat.finditer(text, pos, end, timeout=PATTERN_TIMEOUT)
            except TimeoutError as exc:
                raise RuleTimeout(self.id) from exc

    def _anchored(self, text: str, folded: str, pos: int, end: int) -> Iterator[regex.Match]:
        hits = _anchor_hits(self.anchor_words, self.anchor_union, folded, pos, end)
        if not hits:
            return
        for pat in self.patterns:
            last = -1
            for h in hits:
                if h < last:
                    continue
                try:
                    m = pat.match(text, h, end, timeout=PATTERN_TIMEOUT)
                except TimeoutError as exc:
                    raise RuleTimeout(self.id) from exc
                if m is not None and (m.end() > m.start() or m.start() >= last):
                    last = m.end() if m.end() > m.start() else m.start() + 1
                    yield m

    def match_at(self, text: str, pos: int, endpos: int | None = None) -> regex.Match | None:
        """The first pattern that matches exactly at ``pos`` (anchored)."""
        end = len(text) if endpos is None else endpos
        for pat in self.patterns:
            try:
                m = pat.match(text, pos, end, timeout=PATTERN_TIMEOUT)
            except TimeoutError as exc:
                raise RuleTimeout(self.id) from exc
            if m:
                return m
        return None

    def check_examples(self) -> list[str]:
        """Problems with this rule's examples and counter-examples (empty when all hold)."""
        from .text import Document

        problems = []
        for ex in self.examples:
            norm = Document(ex.text).norm
            target = Document(ex.match).norm
            found = [m.group() for m in self.finditer(norm)]
            if target not in found:
                problems.append(
                    f"{self.file}, rule {self.id!r}: example {ex.text!r} should match {ex.match!r}, found {found}"
                )
        for ce in self.counter_examples:
            norm = Document(ce).norm
            found = [m.group() for m in self.finditer(norm)]
            if found:
                problems.append(f"{self.file}, rule {self.id!r}: counter-example {ce!r} matched {found}")
        return problems


class RuleFile:
    """One parsed TOML file: its meta, defines, lexicons, rules and other data tables."""

    def __init__(self, path: Path, root: Path):
        self.path = path
        self.name = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
        try:
            raw = path.read_bytes()
            self.data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise RuleError(self.name, None, f"not valid TOML: {exc}") from exc
        self.digest = hashlib.sha256(raw).hexdigest()
        meta = self.data.get("meta", {})
        if not isinstance(meta, dict):
            raise RuleError(self.name, None, "[meta] must be a table")
        self.meta = meta
        self.defines = self._table("define")
        self.lexicons = self._table("lexicon")
        for lex_name, lex in self.lexicons.items():
            if not isinstance(lex, dict) or not lex:
                raise RuleError(self.name, None, f"[lexicon.{lex_name}] must be a non-empty table")
        rules = self.data.get("rule", [])
        if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
            raise RuleError(self.name, None, "[[rule]] entries must be tables")
        self.raw_rules: list[dict] = rules

    def _table(self, key: str) -> dict:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise RuleError(self.name, None, f"[{key}] must be a table")
        return value


class RuleSet:
    """Every rule file under one folder, compiled, with lexicons and data tables by name."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else rules_dir()
        if not self.root.is_dir():
            raise RuleError(str(self.root), None, "rules folder not found")
        files = sorted(self.root.rglob("*.toml"))
        self.files: dict[str, RuleFile] = {}
        for p in files:
            rf = RuleFile(p, self.root)
            self.files[rf.name] = rf
        self.defines: dict[str, tuple[str, str]] = {}
        self.lexicons: dict[str, dict] = {}
        self._lexicon_file: dict[str, str] = {}
        for rf in self.files.values():
            for name, frag in rf.defines.items():
                if not isinstance(frag, str):
                    raise RuleError(rf.name, None, f"[define] {name} must be a string")
                if name in self.defines:
                    raise RuleError(
                        rf.name, None, f"define {name!r} already defined in {self.defines[name][0]}"
                    )
                self.defines[name] = (rf.name, frag)
            for name, lex in rf.lexicons.items():
                if name in self.lexicons:
                    raise RuleError(
                        rf.name, None, f"lexicon {name!r} already defined in {self._lexicon_file[name]}"
                    )
                self.lexicons[name] = lex
                self._lexicon_file[name] = rf.name
        self.rules: dict[str, Rule] = {}
        self._anchor_lists: dict[str, list[str]] = {}
        order = 0
        for rf in self.files.values():
            for raw in rf.raw_rules:
                rule = self._compile(rf, raw, order)
                order += 1
                if rule.id in self.rules:
                    raise RuleError(
                        rf.name, rule.id, f"duplicate rule id (also in {self.rules[rule.id].file})"
                    )
                self.rules[rule.id] = rule
        self._share_anchor_scan()
        self.hash = hashlib.sha256(
            "".join(f"{n}:{f.digest}\n" for n, f in sorted(self.files.items())).encode()
        ).hexdigest()

    # -- compilation -----------------------------------------------------------------------
    def expand(
        self, source: str, file: str, rule_id: str | None, _depth: int = 0, _reverse: bool | None = None
    ) -> str:
        """Replace ``{{name}}`` and ``{{lex:name}}`` macros in a pattern."""
        if _depth > 10:
            raise RuleError(file, rule_id, "macros nest too deep (a define refers to itself?)")
        if _reverse is None:
            # a pattern searched backwards gets its lexicons as tries on the words' ends
            _reverse = searched_backwards(source)

        def repl(m: regex.Match) -> str:
            is_lex, name = m.group(1), m.group(2)
            if is_lex:
                if name not in self.lexicons:
                    raise RuleError(file, rule_id, f"unknown lexicon {name!r} in pattern")
                return lexicon_alternation(self.lexicons[name], reverse=_reverse)
            if name not in self.defines:
                raise RuleError(file, rule_id, f"unknown define {name!r} in pattern")
            return "(?:" + self.expand(self.defines[name][1], file, rule_id, _depth + 1, _reverse) + ")"

        return _MACRO.sub(repl, source)

    def _compile(self, rf: RuleFile, raw: dict, order: int) -> Rule:
        rule_id = raw.get("id")
        if not isinstance(rule_id, str) or not rule_id:
            raise RuleError(rf.name, None, "a rule without a string 'id'")
        unknown = set(raw) - _RULE_KEYS
        if unknown:
            raise RuleError(rf.name, rule_id, f"unknown keys {sorted(unknown)}")
        if ("pattern" in raw) == ("patterns" in raw):
            raise RuleError(rf.name, rule_id, "needs exactly one of 'pattern' or 'patterns'")
        sources = [raw["pattern"]] if "pattern" in raw else raw["patterns"]
        if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s for s in sources):
            raise RuleError(rf.name, rule_id, "patterns must be non-empty strings")
        flags = 0
        for f in raw.get("flags", ""):
            if f not in _FLAGS:
                raise RuleError(rf.name, rule_id, f"unknown flag {f!r} (known: {''.join(_FLAGS)})")
            flags |= _FLAGS[f]
        compiled = []
        for src in sources:
            expanded = self.expand(src, rf.name, rule_id)
            try:
                compiled.append(regex.compile(expanded, flags | regex.V0))
            except regex.error as exc:
                raise RuleError(rf.name, rule_id, f"pattern does not compile: {exc}") from exc
        fields = raw.get("fields", {})
        if not isinstance(fields, dict):
            raise RuleError(rf.name, rule_id, "'fields' must be a table")
        priority = raw.get("priority", 0)
        if not isinstance(priority, int):
            raise RuleError(rf.name, rule_id, "'priority' must be an integer")
        examples = []
        for ex in raw.get("examples", []):
            if isinstance(ex, str):
                examples.append(Example(ex, ex))
            elif (
                isinstance(ex, dict) and isinstance(ex.get("text"), str) and isinstance(ex.get("match"), str)
            ):
                examples.append(Example(ex["text"], ex["match"]))
            else:
                raise RuleError(rf.name, rule_id, f"bad example {ex!r}: a string or {{text=..., match=...}}")
        anchor_words = None
        anchor = raw.get("anchor")
        if anchor == "digit":
            # a cheap first check before the rest of the pattern (and its lookbehinds) runs
            compiled = [regex.compile(r"(?=\d)(?:" + p.pattern + ")", p.flags) for p in compiled]
        elif anchor is not None:
            anchor_words = self._anchor_words(rf, rule_id, anchor)
        counter = raw.get("counter_examples", [])
        if not isinstance(counter, list) or not all(isinstance(c, str) for c in counter):
            raise RuleError(rf.name, rule_id, "'counter_examples' must be a list of strings")
        return Rule(
            id=rule_id,
            file=rf.name,
            patterns=compiled,
            sources=sources,
            fields=fields,
            priority=priority,
            description=str(raw.get("description", "")),
            examples=examples,
            counter_examples=counter,
            order=order,
            anchor_words=anchor_words,
        )

    def _share_anchor_scan(self) -> None:
        # the anchored rules' words, all of them, found in one scan of a text (the start of every
        # word, overlapping ones too), from which each rule keeps its own words
        words = {
            w for r in self.rules.values() if r.anchor_words is not None for w in self._anchor_lists[r.id]
        }
        if not words:
            return
        union = re.compile(alternation.trie(sorted(words)))
        for r in self.rules.values():
            if r.anchor_words is not None:
                r.anchor_union = union

    def _anchor_words(self, rf: RuleFile, rule_id: str, anchor: Any) -> re.Pattern:
        entries = [anchor] if isinstance(anchor, str) else anchor
        if (
            not isinstance(entries, list)
            or not entries
            or not all(isinstance(w, str) and w.strip() for w in entries)
        ):
            raise RuleError(rf.name, rule_id, "anchor must be 'digit', or words and 'lex:NAME' entries")
        words: list[str] = []
        for entry in entries:
            if entry.startswith("lex:"):
                if entry[4:] not in self.lexicons:
                    raise RuleError(rf.name, rule_id, f"anchor names unknown lexicon {entry[4:]!r}")
                words.extend(self.lexicons[entry[4:]])
            else:
                words.append(entry)
        # the words as a trie (the same matches as longest first, a sixth faster with re)
        folded = [w.casefold() for w in words]
        self._anchor_lists[rule_id] = folded
        return re.compile(alternation.trie(folded))

    # -- access ----------------------------------------------------------------------------
    def for_file(self, name: str) -> list[Rule]:
        """The rules of one file (``"references.toml"``), in file order."""
        if name not in self.files:
            raise RuleError(name, None, f"rule file not found in {self.root}")
        return [r for r in self.rules.values() if r.file == name]

    def rule(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise RuleError("<rules>", rule_id, "no such rule") from None

    def lexicon(self, name: str) -> dict:
        try:
            return self.lexicons[name]
        except KeyError:
            raise RuleError("<rules>", None, f"no lexicon named {name!r}") from None

    def data(self, file: str, table: str) -> Any:
        """A data table of a rule file, raising a RuleError when it is missing."""
        if file not in self.files:
            raise RuleError(file, None, "rule file not found")
        if table not in self.files[file].data:
            raise RuleError(file, None, f"missing table [{table}]")
        return self.files[file].data[table]

    def compile(self, source: str, file: str, what: str, flags: int = 0) -> regex.Pattern:
        """Compile a pattern found in a data table (macros expanded), as a RuleError on failure."""
        try:
            reverse = True if flags & regex.REVERSE else None  # (None: as the source's flags say)
            return regex.compile(self.expand(source, file, what, _reverse=reverse), flags | regex.V0)
        except regex.error as exc:
            raise RuleError(file, what, f"pattern does not compile: {exc}") from exc


_FOLDED: list = [None, None]
_HITS: dict = {}


def _anchor_hits(words: re.Pattern, union: re.Pattern | None, folded: str, pos: int, end: int) -> list[int]:
    """Where an anchor's words start in the folded text, as ``words.finditer`` gives them (a word
    that starts inside an earlier hit is none); computed once per text and anchor.

    The union of all anchors' words is scanned once per text; each anchor then tries its own
    words only where some word starts (``re.match``, far cheaper than a scan of its own)."""
    if _HITS.get("text") is not folded:
        _HITS.clear()
        _HITS["text"] = folded
    key = (words.pattern, pos, end)
    hits = _HITS.get(key)
    if hits is None:
        if union is None:
            hits = [m.start() for m in words.finditer(folded, pos, end)]
        else:
            ukey = (union.pattern, pos, end)  # (a rule set of its own has its own union)
            starts = _HITS.get(ukey)
            if starts is None:
                # every start, overlapping ones too: search again from one past each start (a
                # plain scan, with a few characters scanned twice)
                starts = []
                search = union.search
                m = search(folded, pos, end)
                while m is not None:
                    starts.append(m.start())
                    m = search(folded, m.start() + 1, end)
                _HITS[ukey] = starts
            hits = []
            last = -1
            match = words.match
            for p in starts:
                if p >= last:
                    m = match(folded, p, end)
                    if m is not None:
                        hits.append(p)
                        last = m.end() if m.end() > p else p + 1
        _HITS[key] = hits
    return hits


def casefolded(text: str) -> str | None:
    """The case-folded text, cached for the last text seen (the components of one document share
    it); None when folding changes lengths."""
    if _FOLDED[0] is text:
        return _FOLDED[1]
    folded = text.casefold()
    if len(folded) != len(text):
        folded = None
    _FOLDED[0], _FOLDED[1] = text, folded
    return folded


def searched_backwards(source: str) -> bool:
    """Whether a pattern starts with global flags holding ``r`` (``(?r)``, ``(?ir)``)."""
    return _REVERSE_FLAG.match(source) is not None


def lexicon_alternation(lex: dict, reverse: bool = False) -> str:
    """A regex matching any of a lexicon's words, the longest first, any whitespace between
    words; factored into a trie (``reverse``: on the words' ends, for a ``(?r)`` pattern)."""
    return alternation.trie(list(lex), reverse=reverse)


def fold_key(text: str) -> str:
    """The lookup form of a matched phrase: lower case, single spaces."""
    return " ".join(text.split()).casefold()


def lookup(lex: dict, text: str) -> Any:
    """Find a matched phrase in a lexicon, ignoring case and spacing; None if absent."""
    folded = _folded(id(lex), lex)
    return folded.get(fold_key(text))


_FOLD_CACHE: dict[int, tuple[dict, dict]] = {}


def _folded(key: int, lex: dict) -> dict:
    hit = _FOLD_CACHE.get(key)
    if hit is None or hit[0] is not lex:
        hit = (lex, {fold_key(k): v for k, v in lex.items()})
        _FOLD_CACHE[key] = hit
    return hit[1]


@lru_cache(maxsize=4)
def _load(root: str) -> RuleSet:
    return RuleSet(Path(root))


def load_rules(root: Path | str | None = None) -> RuleSet:
    """The rule set of a folder (default: the package's rules), loaded once per process."""
    return _load(str(Path(root) if root is not None else rules_dir()))
