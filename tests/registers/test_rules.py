"""registers/rules.py: the register rules as small lookups. No database. The logic is tested over
a small rule set of its own (the real file's entries are checked by the data-file tests); one
test reads the real file to see that every register's rule names a known source."""

import pytest

from registers import rules

# As rules() gives them: each source id already turned into its words (datafiles.load(cited=True)).
SMALL = {
    "charity_income_size": {"sme_up_to": 1_000_000, "large_above": 10_000_000},
    "registers": {
        "councils": {
            "source": "ONS classification",
            "status": "V",
            "sector": "public",
            "is_vcse": False,
            "size": "large",
            "kind": "local-authority",
        },
        "charities": {
            "source": "AnchorHub's judgement",
            "status": "U",
            "rule": "a charity is VCSE",
            "is_vcse": True,
        },
        "schools": {
            "source": "ONS classification",
            "sector": "education",
            "size": "large",
            "size_rule": "by law",
        },
    },
}


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(rules, "rules", lambda: SMALL)


def test_rule_facts_name_the_source_and_a_note_for_judgements(small):
    assert rules.rule_facts("councils") == {"sector_source": "ONS classification"}
    assert rules.rule_facts("charities") == {
        "sector_source": "AnchorHub's judgement",
        "rule_note": "Check before relying on this: a charity is VCSE",
    }


def test_an_unknown_register_has_no_rule(small):
    with pytest.raises(KeyError):
        rules.register_rule("nowhere")


@pytest.mark.parametrize(
    ("income", "size"),
    [
        (None, ("", "")),
        (0, ("sme", "income £0 up to £1,000,000")),
        (1_000_000, ("sme", "income £1,000,000 up to £1,000,000")),
        (1_000_001, ("", "")),
        (10_000_000, ("", "")),
        (10_000_001, ("large", "income £10,000,001 above £10,000,000")),
    ],
)
def test_charity_size_by_income_bands(small, income, size):
    assert rules.charity_size(income) == size


def test_defaults_are_only_what_the_rule_fixes(small):
    assert rules.defaults("councils") == {
        "sector": "public",
        "is_vcse": False,
        "size": "large",
        "size_basis": "public body",
        "kind": "local-authority",
    }
    assert rules.defaults("charities") == {"is_vcse": True}
    assert rules.defaults("schools") == {
        "sector": "education",
        "size": "large",
        "size_basis": "by law",
    }


def test_every_register_in_the_real_file_names_a_known_source():
    real = rules.rules()
    for register in real["registers"]:
        facts = rules.rule_facts(register)
        assert facts["sector_source"], register
        assert isinstance(rules.defaults(register), dict)
