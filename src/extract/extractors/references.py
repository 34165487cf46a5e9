"""References: specific Party and State documents a text names (SPEC: Reference).

The rules of rules/references.toml find candidates; this module turns each into a Reference:
the kind word before a symbol joins the span, the symbol is put in canonical form, and the
attributes that follow the mention (issuer, issuing date, term, title) are read from a short
window after it. A last pass gives every mention of one document the same ``key``.
"""

from __future__ import annotations

import datetime as _dt

import regex

from ..pipeline import Context, Found
from ..resolve import select
from ..rules import RuleError, RuleSet, lookup
from ..text import Document

_FILE = "references.toml"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
# the separators between the codes of a symbol ("TTLT-BTTTT-BNV", "TTLT/BTC-BTNMT")
_CODE_SEP = regex.compile(r"[-/]")


def roman_to_int(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


def number_key(number: str) -> str:
    """A document number as keys compare it: "05" and "5" are one number, "66.13" stays itself."""
    head, dot, tail = number.partition(".")
    return (head.lstrip("0") or "0") + dot + tail


def as_roman(term: str | None) -> str | None:
    """A term of office as the SPEC writes it: Roman numerals ("12" -> "XII")."""
    if term is None or not term.isdigit():
        return term
    n = int(term)
    if not 0 < n < 90:
        return term
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def ordinal_value(s: str, words: dict) -> str:
    """ "5", "V" or "năm" (through the ordinal-word lexicon) as digits ("5"); else as written."""
    s = " ".join(s.split())
    if s.isdigit():
        return str(int(s))
    r = roman_to_int(s)
    if r is not None:
        return str(r)
    v = lookup(words, s)
    return str(v) if v is not None else s


def _slug(text: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return "_".join(regex.findall(r"[a-z0-9]+", s))


class ReferenceExtractor:
    """Fills ``found["references"]``; reads dates already found for ``issued_on``."""

    name = "references"

    def __init__(self, rules: RuleSet):
        self.rules = rules.for_file(_FILE)
        conf = rules.data(_FILE, "reference")
        self.doc_kinds = rules.lexicon("doc_kinds")
        self.numbered_kinds = {**rules.lexicon("numbered_kinds"), **rules.lexicon("numbered_kinds_with_so")}
        self.party_kinds = rules.lexicon("party_kinds")
        self.state_kinds = rules.lexicon("state_kinds")
        self.party_issuers = rules.lexicon("party_issuers")
        self.issuers = rules.lexicon("issuers")
        self.generic_kinds = rules.lexicon("generic_kinds")
        self.ordinal_words = rules.lexicon("ref_ordinal_words")
        try:
            self.prefix = rules.compile(conf["prefix"], _FILE, "reference.prefix")
            self.issuer_after = rules.compile(conf["issuer_after"], _FILE, "reference.issuer_after")
            self.term_after = rules.compile(conf["term_after"], _FILE, "reference.term_after")
            self.date_after = rules.compile(conf["date_after"], _FILE, "reference.date_after")
            self.title_after = rules.compile(conf["title_after"], _FILE, "reference.title_after")
            self.year_after = rules.compile(conf["year_after"], _FILE, "reference.year_after")
            self.issued_cue = rules.compile(conf["issued_cue"], _FILE, "reference.issued_cue")
            self.clause_open = rules.compile(conf["clause_open"], _FILE, "reference.clause_open")
            self.gloss_before = rules.compile(conf["gloss_before"], _FILE, "reference.gloss_before")
            self.header_symbol = rules.compile(conf["header_symbol"], _FILE, "reference.header_symbol")
            self.form_before = rules.compile(conf["form_before"], _FILE, "reference.form_before")
            self.header_window = int(conf["header_window"])
            self.plenum_item = rules.compile(conf["plenum_item"], _FILE, "reference.plenum_item")
            self.congress_body_drop = rules.compile(
                conf["congress_body_drop"], _FILE, "reference.congress_body_drop"
            )
            self.assembly_code = rules.compile(conf["assembly_code"], _FILE, "reference.assembly_code")
            self.after_window = int(conf["after_window"])
            self.state_doc_types = set(conf["state_doc_types"])
            self.unkinded_words = set(conf["unkinded_words"])
            self.state_issuer_codes = set(conf["state_issuer_codes"])
        except KeyError as exc:
            raise RuleError(_FILE, "reference", f"missing key {exc}") from None

    # -- the component ---------------------------------------------------------------------
    def __call__(self, doc: Document, ctx: Context) -> None:
        text = doc.norm
        candidates: list[Found] = []
        for rule in self.rules:
            form = rule.fields.get("form")
            for m in rule.finditer(text):
                for f in self._read(text, rule.id, rule.fields, form, m):
                    f.priority = rule.priority
                    candidates.append(f)
        refs = select(candidates)
        dates = ctx.found["dates"]
        by_start = {d.start: d for d in dates}
        for i, f in enumerate(refs):
            limit = refs[i + 1].start if i + 1 < len(refs) else len(text)
            self._attributes(doc, f, limit, dates, by_start)
        self._keys(refs)
        for f in refs:
            for k in ("form", "canonical", "needs_word", "kind_code", "worded"):
                f.fields.pop(k, None)
        ctx.found["references"] = refs

    # -- reading one match -----------------------------------------------------------------
    def _read(self, text: str, rule_id: str, fixed: dict, form: str | None, m: regex.Match) -> list[Found]:
        if form == "symbol":
            f = self._symbol(text, rule_id, fixed, m)
            return [f] if f else []
        if form == "numbered":
            kind = fixed.get("doc_type") or lookup(self.numbered_kinds, m.group("word"))
            return [
                Found(
                    m.start(),
                    m.end(),
                    rule_id,
                    {
                        "system": None,
                        "doc_type": kind,
                        "number": m.group("number"),
                        "symbol": None,
                        "issuer_code": None,
                        "form": form,
                        "year": m.groupdict().get("year"),
                    },
                )
            ]
        if form == "plenum":
            return self._plenum(rule_id, fixed, m)
        if form == "congress":
            body = m.group("body") or ""
            body_slug = _slug(self.congress_body_drop.sub("", body)) or "toan_quoc"
            ordinal = m.group("ordinal")
            return [
                Found(
                    m.start(),
                    m.end(),
                    rule_id,
                    {
                        "system": fixed["system"],
                        "doc_type": fixed.get("doc_type", "nghi_quyet"),
                        "number": None,
                        "symbol": None,
                        "issuer_code": fixed.get("issuer_code"),
                        "key": f"nghi_quyet:dai_hoi_{body_slug}:{ordinal}",
                        "form": form,
                    },
                )
            ]
        raise RuleError(_FILE, rule_id, f"unknown form {form!r}")

    def _symbol(self, text: str, rule_id: str, fixed: dict, m: regex.Match) -> Found | None:
        start = m.start()
        if self.form_before.search(text, max(0, start - 20), start):
            return None  # Mẫu số 01/TB-RSĐT: a form, not a document
        word_kind = None
        pm = self.prefix.search(text, max(0, start - 200), start)
        if pm is not None:
            word_kind = lookup(self.doc_kinds, pm.group("word"))
        if pm is None:
            # a bare kind word without "số" (Chỉ thị 01-CT/TW) is matched by the prefix too; a title
            # without "số" is not
            if fixed.get("needs_word"):
                return None
        else:
            start = pm.start()
        worded = pm is not None
        number = m.group("number")
        if fixed["system"] == "party":
            kind_code = m.group("kind")
            issuer = m.group("issuer")
            doc_type = lookup(self.party_kinds, kind_code) or "van_ban"
            if doc_type == "quyet_dinh" and word_kind == "quy_dinh":
                doc_type = "quy_dinh"
            elif word_kind and word_kind != doc_type and doc_type == "van_ban":
                doc_type = word_kind
            symbol = f"{number}-{kind_code.upper()}/{issuer.upper()}"
            return Found(
                start,
                m.end(),
                rule_id,
                {
                    "system": "party",
                    "doc_type": doc_type,
                    "number": number,
                    "symbol": symbol,
                    "issuer_code": issuer.upper(),
                    "form": "symbol",
                    "worded": worded,
                },
            )
        code = regex.sub(r"\s+", "", m.group("code"))
        if fixed.get("old"):
            # NUMBER-ISSUER: no kind code, the word says what it is
            return Found(
                start,
                m.end(),
                rule_id,
                {
                    "system": "state",
                    "doc_type": word_kind or "van_ban",
                    "number": number,
                    "symbol": f"{number}-{code}",
                    "issuer_code": code,
                    "form": "symbol",
                    "worded": True,
                },
            )
        year = m.groupdict().get("year")
        parts = _CODE_SEP.split(code)
        head = parts[0]
        head_kind = lookup(self.state_kinds, head)
        if "/" in code and not (worded or head_kind or lookup(self.party_kinds, head)):
            return None  # "Windows 98/ME/NT": a slash between codes only after a kind code or word
        if pm is not None and lookup(self.generic_kinds, pm.group("word")) is not None:
            # "Văn bản số 538/BC-CP", "Văn bản số 526/UBND-TNMT": the generic word names no kind, so
            # the symbol decides (a kind code, or none: a letter, cong_van)
            word_kind = None
        if self.assembly_code.fullmatch(head) and len(parts) == 1:
            doc_type = word_kind or "luat"
            issuer_code = head
        elif (
            head_kind and len(parts) > 1 and (word_kind not in self.unkinded_words or head_kind == word_kind)
        ):
            doc_type = head_kind
            if head == "QĐ" and word_kind == "quy_dinh":
                doc_type = "quy_dinh"
            issuer_code = parts[1]
        else:
            # no kind code: the part before the dash is the issuer, after it the drafting unit
            doc_type = word_kind or "cong_van"
            issuer_code = head
        # as written: "19-2017/NQ-CP" keeps its dash
        symbol = f"{number}{m.groupdict().get('ysep') or '/'}{year}/{code}" if year else f"{number}/{code}"
        if fixed.get("canonical") == "party":
            return None  # handled by the party slash rule
        return Found(
            start,
            m.end(),
            rule_id,
            {
                "system": "state",
                "doc_type": doc_type,
                "number": number,
                "symbol": symbol,
                "issuer_code": issuer_code,
                "form": "symbol",
                "year": year,
                "worded": worded,
            },
        )

    def _plenum(self, rule_id: str, fixed: dict, m: regex.Match) -> list[Found]:
        term = as_roman(m.groupdict().get("term"))
        first = ordinal_value(m.group("ordinal"), self.ordinal_words)
        out = []
        more = m.group("more") if "more" in m.groupdict() else None
        if more:
            # "Nghị quyết Hội nghị Trung ương 5 và Trung ương 6 khóa XII": two documents
            first_end = m.end("ordinal")
            out.append(self._plenum_found(m.start(), first_end, rule_id, fixed, first, term))
            base = m.start("more")
            for sm in self.plenum_item.finditer(more):
                s = base + sm.start()
                e = m.end() if base + sm.end() == m.end("more") else base + sm.end()
                num = ordinal_value(sm.group("ordinal"), self.ordinal_words)
                out.append(self._plenum_found(s, e, rule_id, fixed, num, term))
            return out
        return [self._plenum_found(m.start(), m.end(), rule_id, fixed, first, term)]

    @staticmethod
    def _plenum_found(
        start: int, end: int, rule_id: str, fixed: dict, ordinal: str, term: str | None
    ) -> Found:
        doc_type = fixed.get("doc_type", "nghi_quyet")
        return Found(
            start,
            end,
            rule_id,
            {
                "system": fixed["system"],
                "doc_type": doc_type,
                "number": None,
                "symbol": None,
                "issuer_code": fixed.get("issuer_code"),
                "term": term,
                "key": f"{doc_type}:tw{ordinal}:{term or '?'}",
                "form": "plenum",
            },
        )

    # -- attributes after the mention ------------------------------------------------------
    def _attributes(
        self, doc: Document, f: Found, limit: int, dates: list[Found], by_start: dict[int, Found]
    ) -> None:
        text = doc.norm
        fields = f.fields
        fields.setdefault("issuer", None)
        fields.setdefault("issued_on", None)
        fields.setdefault("term", None)
        fields.setdefault("title", None)
        pos = f.end
        end = min(limit, f.end + self.after_window, len(text))
        for _ in range(5):
            progressed = False
            m = self.year_after.match(text, pos, end)
            if m:
                pos = m.end()
            m = self.issuer_after.match(text, pos, end)
            if m and fields["issuer"] is None:
                fields["issuer"] = doc.raw_text(m.start("issuer"), m.end("issuer"))
                if fields.get("issuer_code") is None:
                    fields["issuer_code"] = lookup(self.issuers, m.group("issuer"))
                pos = m.end()
                progressed = True
            m = self.date_after.match(text, pos, end)
            if m and fields["issued_on"] is None:
                d = by_start.get(m.end())
                issued = self._issue_day(d, fields.get("year"))
                if issued is not None:
                    fields["issued_on"] = issued
                    # this date belongs to the document: later components (meetings) leave it
                    doc.cache.setdefault("issue_dates", set()).add((d.start, d.end))
                    pos = d.end
                    progressed = True
            m = self.term_after.match(text, pos, end)
            if m and fields["term"] is None:
                fields["term"] = as_roman(m.group("term"))
                pos = m.end()
                progressed = True
            m = self.title_after.match(text, pos, end)
            if m and fields["title"] is None:
                g = "title" if m.group("title") else "title2"
                fields["title"] = " ".join(doc.raw_text(m.start(g), m.end(g)).split())
                pos = m.end()
                progressed = True
            if not progressed:
                break
        if fields["issued_on"] is None:
            fields["issued_on"] = self._issued_in_header(doc, f, limit, dates)
        if fields["issued_on"] is None:
            fields["issued_on"] = self._issued_before(doc, f, dates)

    @staticmethod
    def _issue_day(d: Found | None, symbol_year: str | None) -> str | None:
        """The issuing day a date after a mention gives: a full day written with its year, or a
        year-less day ("Nghị định 46/2026/NĐ-CP ngày 26/1") completed by the symbol's year."""
        if d is None or d.fields.get("grain") != "day" or "/" in str(d.fields.get("value", "")):
            return None
        if d.fields.get("start") and not d.fields.get("year_inferred"):
            return d.fields["start"]
        value = str(d.fields.get("value", ""))
        if symbol_year and len(value) == 10 and value[4] == "-":
            try:
                return _dt.date(int(symbol_year), int(value[5:7]), int(value[8:10])).isoformat()
            except ValueError:
                return None
        return None

    def _issued_in_header(self, doc: Document, f: Found, limit: int, dates: list[Found]) -> str | None:
        """ "Số hiệu: 5664/CT-CS ... Ngày ban hành: 01/12/2025", "Số: 5664/CT-CS ... Hà Nội, ngày
        01 tháng 12 năm 2025": a document's own symbol in its header takes the first full date
        that follows it before any other reference."""
        if not self.header_symbol.search(doc.norm, max(0, f.start - 40), f.start):
            return None
        end = min(limit, f.end + self.header_window)
        for d in dates:
            if f.end <= d.start < end and d.fields.get("grain") == "day" and d.fields.get("start"):
                if not d.fields.get("year_inferred"):
                    return d.fields["start"]
        return None

    def _issued_before(self, doc: Document, f: Found, dates: list[Found]) -> str | None:
        """ "Ngày 9/6/2025, Ban Bí thư ký ban hành Quy định 301-QĐ/TW": a day date opening the
        sentence, or a clause of it after a comma ("Thực hiện Kết luận ..., ngày 6/2/2017 UBND tỉnh
        đã có Văn bản số 331/UBND-TH"), an issuing cue between it and the mention, and no other date
        between."""
        s_start, _ = doc.sentence_at(f.start)
        before = [d for d in dates if s_start <= d.start < f.start]
        if not before:
            return None
        first = before[-1]
        if first.start - s_start > 2 and not self.clause_open.search(doc.norm, s_start, first.start):
            return None
        if first.fields.get("grain") != "day":
            return None
        if first.fields.get("year_inferred") or not first.fields.get("start"):
            return None
        span = (first.start, first.end)
        if span in doc.cache.get("issue_dates", ()):
            return None  # "Kết luận số 91-KL/TU, ngày 09/01/2017, ...": another document's date
        taken = doc.cache.setdefault("issued_before", {})
        if span in taken and not self.gloss_before.match(doc.norm, taken[span], f.start):
            # "ngày 6/2/2017 ... đã có Văn bản số 331/UBND-TH giao thực hiện Kết luận số 91-KL/TU":
            # the first one's date, unless this mention glosses it ("Nghị quyết ... (số 11-NQ/TW)")
            return None
        between = doc.norm[first.end : f.start]
        if not self.issued_cue.search(between) or len(between) > 200:
            return None
        taken.setdefault(span, f.end)
        return first.fields["start"]

    # -- keys ------------------------------------------------------------------------------
    def _keys(self, refs: list[Found]) -> None:  # noqa: C901 - one pass per joining step
        """One key per document: coded mentions by type, number and issuer; the others join them."""
        by_symbol: dict[str, dict] = {}
        for f in refs:
            fl = f.fields
            if fl.get("symbol"):
                year = fl.get("year")
                num = number_key(fl["number"])
                fl["key"] = (
                    f"{fl['doc_type']}:{num}/{year}:{fl['issuer_code']}"
                    if year
                    else f"{fl['doc_type']}:{num}:{fl['issuer_code']}"
                )
                # the first mention with a kind word says best what the document is
                known = by_symbol.get(fl["symbol"])
                if known is None or (fl.get("worded") and not known.get("worded")):
                    by_symbol[fl["symbol"]] = fl
        # a bare symbol takes the kind of a worded mention of the same symbol (5664/CT-CS)
        for f in refs:
            fl = f.fields
            first = by_symbol.get(fl.get("symbol") or "")
            if first is not None and first is not fl:
                fl["doc_type"], fl["issuer_code"], fl["key"] = (
                    first["doc_type"],
                    first["issuer_code"],
                    first["key"],
                )
        unjoined: list[tuple[dict, str | None]] = []
        coded: dict[tuple[str, int], set[str]] = {}
        coded_fields: dict[str, dict] = {}
        for f in refs:
            fl = f.fields
            if fl.get("symbol"):
                coded.setdefault((fl["doc_type"], number_key(fl["number"])), set()).add(fl["key"])
                coded_fields.setdefault(fl["key"], fl)
        for f in refs:
            fl = f.fields
            if fl.get("symbol") or fl.get("number") is None:
                fl.pop("year", None)
                continue
            keys = coded.get((fl["doc_type"], number_key(fl["number"])), set())
            if fl.get("year"):
                keys = {k for k in keys if f"/{fl['year']}:" in k}
            match = None
            if fl.get("issuer_code"):
                match = next(
                    (k for k in sorted(keys) if coded_fields[k]["issuer_code"] == fl["issuer_code"]), None
                )
            elif len(keys) == 1:
                match = next(iter(keys))
            if match:
                src = coded_fields[match]
                fl["key"] = match
                fl["system"] = src["system"]
                fl["issuer_code"] = fl.get("issuer_code") or src["issuer_code"]
            else:
                num = (
                    f"{number_key(fl['number'])}/{fl['year']}" if fl.get("year") else number_key(fl["number"])
                )
                fl["key"] = f"{fl['doc_type']}:{num}:{fl.get('issuer_code') or '?'}"
                unjoined.append((fl, fl.get("year")))
            if fl.get("system") is None:
                state = (
                    fl["doc_type"] in self.state_doc_types or fl.get("issuer_code") in self.state_issuer_codes
                )
                fl["system"] = "state" if state else "party"
            fl.pop("year", None)
        self._join_numbered(unjoined)
        for f in refs:
            f.fields.pop("year", None)

    @staticmethod
    def _join_numbered(unjoined: list[tuple[dict, str | None]]) -> None:
        """Numbered mentions with no coded mention to join: one that leaves out the issuer or the year
        ("Quyết định 2430" after "Quyết định 2430 ngày 13/12/2000 của UBND thành phố", "Nghị định 46"
        after "Nghị định số 46/2026") takes the key of the one mention of that kind and number that
        says more, when exactly one such key agrees with it."""
        groups: dict[tuple[str, str], list[tuple[dict, str | None]]] = {}
        for fl, year in unjoined:
            groups.setdefault((fl["doc_type"], number_key(fl["number"])), []).append((fl, year))
        for group in groups.values():
            if len({fl["key"] for fl, _ in group}) < 2:
                continue
            for fl, year in group:
                issuer = fl.get("issuer_code")
                richer = {
                    o["key"]: o
                    for o, o_year in group
                    if (issuer is None or o.get("issuer_code") == issuer)
                    and (year is None or o_year == year)
                    and ((issuer is None and o.get("issuer_code")) or (year is None and o_year))
                }
                if len(richer) == 1:
                    ((key, src),) = richer.items()
                    fl["key"], fl["system"] = key, src["system"]
                    fl["issuer_code"] = issuer or src.get("issuer_code")
