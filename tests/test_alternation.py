"""The trie form of a lexicon finds exactly what the flat, longest-first alternation finds."""

import regex
from hypothesis import given
from hypothesis import strategies as st

from extract import alternation
from extract.rules import load_rules

# few letters, so that words share prefixes and suffixes and texts hold many of them
_letters = st.sampled_from(list("aAbđĐạ"))
_words = st.lists(
    st.lists(st.text(_letters, min_size=1, max_size=3), min_size=1, max_size=3).map(" ".join),
    min_size=1,
    max_size=12,
    unique=True,
)
_texts = st.text(st.sampled_from(list("aAbđĐạ  \n,")), max_size=60)

TEMPLATES = [
    (r"({alt})", False),
    (r"(?i)({alt})", False),
    (r"\b({alt})(?![\w])", False),
    (r"(?i)(?<![\w])({alt})(?![\w])", False),
    (r"(?r)(?<![\w])({alt})[ \t]*$", True),
    (r"(?i)(?r)(?<![\w])({alt})\s*$", True),
    (r"(?r)({alt})", True),
]


def _found(template: str, alt: str, text: str) -> list[tuple[int, int]]:
    pat = regex.compile(template.replace("{alt}", alt))
    return [m.span(1) for m in pat.finditer(text)]


@given(_words, _texts)
def test_trie_finds_what_the_flat_alternation_finds(words, text):
    for template, reverse in TEMPLATES:
        flat = alternation.flat(words)
        trie = alternation.trie(words, reverse=reverse)
        assert _found(template, trie, text) == _found(template, flat, text), (template, trie)


def test_the_longer_word_wins_forwards_and_backwards():
    words = ["đạt", "đạt được", "được"]
    fwd = regex.compile("(" + alternation.trie(words) + ")")
    assert fwd.search("đã đạt được").group(1) == "đạt được"
    back = regex.compile(r"(?r)(" + alternation.trie(words, reverse=True) + r")\s*$")
    assert back.search("đã đạt được ").group(1) == "đạt được"


def test_a_case_conflict_keeps_the_flat_alternation():
    # under (?i) "Ban" would match before the longer "ban chấp hành" in an exact-case trie
    words = ["Ban", "ban chấp hành"]
    assert alternation.trie(words) == alternation.flat(words)
    pat = regex.compile("(?i)(" + alternation.trie(words) + ")")
    assert pat.search("Ban Chấp hành Trung ương").group(1) == "Ban Chấp hành"


def test_every_lexicon_of_the_rules_gives_the_same_matches_both_ways():
    rules = load_rules()
    text = "\n".join(ex.text for r in rules.rules.values() for ex in r.examples)
    for lex in rules.lexicons.values():
        words = list(lex)
        for template, reverse in TEMPLATES[:4]:
            flat = alternation.flat(words)
            assert _found(template, alternation.trie(words, reverse), text) == _found(template, flat, text)


def test_patterns_searched_backwards_get_the_trie_on_word_ends(tmp_path):
    from extract.rules import RuleSet

    # "ab" is tried before "zab" by a trie on word starts: backwards that would give the shorter
    (tmp_path / "x.toml").write_text('[lexicon.w]\n"ab" = 1\n"zab" = 1\n', encoding="utf-8")
    rules = RuleSet(tmp_path)
    by_flag = rules.compile(r"({{lex:w}})\Z", "x.toml", "t", regex.REVERSE)
    by_source = rules.compile(r"(?r)({{lex:w}})\Z", "x.toml", "t")
    for pat in (by_flag, by_source):
        assert pat.search("x zab").group(1) == "zab"
    forward = rules.compile(r"({{lex:w}})", "x.toml", "t")
    assert forward.search("zab").group(1) == "zab"
