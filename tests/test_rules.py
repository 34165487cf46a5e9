"""Every rule's examples and counter-examples, and the loader's errors."""

import pytest

from extract.rules import RuleError, RuleSet, load_rules

_RULES = load_rules()


@pytest.mark.parametrize("rule_id", sorted(_RULES.rules))
def test_rule_examples(rule_id):
    rule = _RULES.rules[rule_id]
    assert rule.examples or rule.counter_examples, f"{rule_id} has no examples"
    assert rule.check_examples() == []


def _write(tmp_path, text):
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "body, reason",
    [
        ("[[rule]]\nid = 'x'\npattern = '(unclosed'\n", "does not compile"),
        ("[[rule]]\nid = 'x'\n", "exactly one of 'pattern'"),
        ("[[rule]]\nid = 'x'\npattern = 'a'\nsurprise = 1\n", "unknown keys"),
        ("[[rule]]\nid = 'x'\npattern = '{{nope}}'\n", "unknown define"),
        ("[[rule]]\nid = 'x'\npattern = 'a'\n[[rule]]\nid = 'x'\npattern = 'b'\n", "duplicate rule id"),
        ("not toml = = 1", "not valid TOML"),
    ],
)
def test_broken_rule_file_names_file_rule_and_reason(tmp_path, body, reason):
    with pytest.raises(RuleError) as err:
        RuleSet(_write(tmp_path, body))
    assert "bad.toml" in str(err.value)
    assert reason in str(err.value)


def test_lexicon_macro_expands_longest_first(tmp_path):
    rs = RuleSet(
        _write(
            tmp_path,
            "[lexicon.k]\n'Thông tư' = 1\n'Thông tư liên tịch' = 2\n"
            "[[rule]]\nid = 'x'\npattern = '{{lex:k}}'\nexamples = ['Thông tư liên tịch']\n",
        )
    )
    assert rs.rules["x"].check_examples() == []


def test_rules_hash_changes_with_content(tmp_path):
    a = RuleSet(_write(tmp_path, "[[rule]]\nid = 'x'\npattern = 'a'\n")).hash
    b = RuleSet(_write(tmp_path, "[[rule]]\nid = 'x'\npattern = 'b'\n")).hash
    assert a != b
