"""The register matcher (suppliers/matching.py): which entry each payee is, the probability and the
evidence people read. Pure: tables in, placements out. The tests of each step are beside it:
tests/suppliers/test_identifier_matching.py, test_name_matching.py, test_register_candidates.py."""

import copy

import pytest

from core import datafiles
from suppliers import matching
from suppliers.matching import decide
from tests.suppliers.register_entries import RULES, payee, placed


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
