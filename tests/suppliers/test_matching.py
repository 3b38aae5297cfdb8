"""The register matcher (suppliers/matching.py): which entry each payee is, the probability and the
evidence people read. Pure: tables in, placements out. The tests of each step are beside it:
tests/suppliers/test_identifier_matching.py, test_name_matching.py, test_register_candidates.py."""

import copy

import pytest

from core import datafiles
from suppliers import matching
from suppliers.matching import decide
from tests.suppliers.register_entries import RULES, entry, payee, placed


def test_thresholds_are_data():
    rules = copy.deepcopy(RULES)
    rules["thresholds"]["matched"]["value"] = 0.999
    found, _ = placed(payee(1, "Acme Widgets Ltd"), rules=rules)
    assert found[1].status == "suggested"  # 0.97 is no longer certain
    rules["thresholds"]["review"]["value"] = 0.98
    found, result = placed(payee(1, "Acme Widgets Ltd"), rules=rules)
    assert found[1].status == "unmatched" and not result.candidates


@pytest.mark.parametrize(
    ("probabilities", "status"),
    [
        ([0.99], "matched"),
        ([0.99, 0.95], "suggested"),
        ([0.99, 0.5], "matched"),
        ([0.2], "unmatched"),
    ],
)
def test_decide(probabilities, status):
    from suppliers.register_candidates import Candidate

    candidates = [Candidate(1, i, p, "e") for i, p in enumerate(probabilities)]
    assert decide(1, candidates, RULES).status == status


def test_every_rule_says_why():
    for group in ("thresholds", "identifier", "exact"):
        for name, rule in RULES[group].items():
            assert rule["reason"], name
    file = datafiles.read(matching.RULES)
    assert file.version and file.source


def test_four_or_more_entries_of_the_payees_name_reach_a_person():
    """Each of five same-named companies gets a fifth of the name's weight, under the review
    threshold alone; the payee is one of them, so all five wait for a person."""
    same = [
        entry(40 + n, "companies-house", f"0900000{n}", "HILLTOP SERVICES LIMITED")
        for n in range(5)
    ]
    found, result = placed(payee(1, "Hilltop Services Ltd"), entries=same)
    assert found[1].status == "suggested" and found[1].entry_id == 40
    shown = [(c.entry_id, c.rank) for c in result.candidates]
    assert shown == [(40 + n, n + 1) for n in range(5)]

    # summed only for an exact name's share: likeness scores each pair alone
    weak = [matching.Candidate(1, n, 0.2, "close") for n in range(3)]
    assert matching.plausibility(weak, "exact") == pytest.approx(0.6)
    assert matching.plausibility(weak, "fuzzy") == 0.2
    assert decide(1, weak, RULES, "fuzzy").status == "unmatched"
    assert decide(1, weak, RULES, "exact").status == "suggested"
