"""An anchored rule finds exactly what the plain scan of its patterns finds."""

from pathlib import Path

import pytest

from extract.decode import decode_bytes
from extract.rules import load_rules
from extract.text import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "docs"
_RULES = load_rules()
ANCHORED = sorted(
    r.id for r in _RULES.rules.values() if r.anchor_words is not None or "(?=\\d)" in r.patterns[0].pattern
)


def _texts():
    folder = CORPUS if CORPUS.is_dir() else ROOT / "samples"
    texts = [Document(decode_bytes(p.read_bytes()).text).norm for p in sorted(folder.glob("*.txt"))[:120]]
    texts += [ex.text for r in _RULES.rules.values() for ex in r.examples]
    return texts


_TEXTS = _texts()


@pytest.mark.parametrize("rule_id", ANCHORED)
def test_anchor_changes_nothing(rule_id):
    rule = _RULES.rules[rule_id]
    for text in _TEXTS:
        norm = Document(text).norm
        fast = [(m.start(), m.end()) for m in rule.finditer(norm)]
        if rule.anchor_words is not None:
            plain = [(m.start(), m.end()) for m in rule.scan(norm)]
        else:
            stripped = [p.pattern[len("(?=\\d)(?:") : -1] for p in rule.patterns]
            import regex

            plain = [
                (m.start(), m.end())
                for src, p in zip(stripped, rule.patterns, strict=True)
                for m in regex.compile(src, p.flags).finditer(norm)
            ]
        assert fast == plain, text[:200]


def test_anchor_must_be_known(tmp_path):
    from extract.rules import RuleError, RuleSet

    (tmp_path / "a.toml").write_text(
        "[[rule]]\nid = 'x'\npattern = 'a'\nanchor = 'lex:none'\n", encoding="utf-8"
    )
    with pytest.raises(RuleError, match="unknown lexicon"):
        RuleSet(tmp_path)


def test_shared_anchor_scan_sees_words_that_start_inside_others(tmp_path):
    # the rule set scans every anchor word at once; a word of one rule that starts inside another
    # rule's word ("quyết định" inside "nghị quyết định") must still be found for its rule
    from extract.rules import RuleSet

    (tmp_path / "a.toml").write_text(
        "[[rule]]\nid = 'a'\npattern = '(?i:nghị\\s+quyết)\\s+\\d+'\nanchor = ['nghị quyết']\n"
        "[[rule]]\nid = 'b'\npattern = '(?i:quyết\\s+định)\\s+(?:số\\s+)?\\d+'\nanchor = ['quyết định', 'định']\n"
        "[[rule]]\nid = 'c'\npattern = '(?i:định)\\s+\\d+'\nanchor = ['định']\n",
        encoding="utf-8",
    )
    rules = RuleSet(tmp_path)
    text = "Nghị quyết 12 và nghị quyết định số 5, Quyết định 7; quy định 9. NGHỊ QUYẾT\n3"
    for rid, expected in (
        ("a", ["Nghị quyết 12", "NGHỊ QUYẾT\n3"]),
        ("b", ["quyết định số 5", "Quyết định 7"]),
    ):
        rule = rules.rules[rid]
        assert [m.group() for m in rule.finditer(text)] == expected
        assert [m.span() for m in rule.finditer(text)] == [m.span() for m in rule.scan(text)]
    c = rules.rules["c"]
    assert [m.group() for m in c.finditer(text)] == ["định 7", "định 9"]
    assert [m.span() for m in c.finditer(text)] == [m.span() for m in c.scan(text)]


def test_two_rule_sets_on_one_text_keep_their_own_anchor_scans(tmp_path):
    # the scan of all anchor words is cached per text: a second rule set with other words must not
    # reuse the first one's starts
    from extract.rules import RuleSet

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "a.toml").write_text(
        "[[rule]]\nid = 'a'\npattern = '(?i:chỉ\\s+thị)\\s+\\d+'\nanchor = ['chỉ thị']\n", encoding="utf-8"
    )
    (tmp_path / "b" / "b.toml").write_text(
        "[[rule]]\nid = 'b'\npattern = '(?i:kết\\s+luận)\\s+\\d+'\nanchor = ['kết luận']\n", encoding="utf-8"
    )
    a, b = RuleSet(tmp_path / "a"), RuleSet(tmp_path / "b")
    text = "Chỉ thị 05 và Kết luận 01 của Bộ Chính trị."
    assert [m.group() for m in a.rules["a"].finditer(text)] == ["Chỉ thị 05"]
    assert [m.group() for m in b.rules["b"].finditer(text)] == ["Kết luận 01"]
