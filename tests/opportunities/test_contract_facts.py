"""contract_facts.py: what was awarded and contracted, excluding and including VAT, and each
contract as a release describes it (with its UK9 performance). No database."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from opportunities.contract_facts import (
    CANCELLED_STATUSES,
    awarded_values,
    contract_of,
    metrics_of,
    total_of,
    value_pair,
)


def test_value_pairs():
    assert value_pair({"amount": 10, "amountGross": "12", "currency": "GBP"}) == (
        Decimal(10),
        Decimal(12),
        "GBP",
    )
    assert value_pair({"amount": "1e9999"}) == (None, None, "")
    assert value_pair(None) == (None, None, "")
    assert value_pair(100) == (None, None, "")


def test_totals_of_what_is_known():
    assert total_of([Decimal(1), None, Decimal("2.5")]) == Decimal("3.5")
    assert total_of([Decimal(0)]) == Decimal(0)
    assert total_of([None, None]) is None
    assert total_of([]) is None


def _award(award_id, status, amount=None, gross=None):
    value = {k: v for k, v in (("amount", amount), ("amountGross", gross)) if v is not None}
    return {"id": award_id, "status": status, "value": value}


def _contract(award_id, amount=None, gross=None, **extra):
    value = {k: v for k, v in (("amount", amount), ("amountGross", gross)) if v is not None}
    return {"awardID": award_id, "value": value, **extra}


def test_contracts_values_when_any_contract_gives_one():
    compiled = {
        "awards": [_award("A1", "active", 1000, 1200), _award("A2", "active", 500)],
        "contracts": [_contract("A1", 900, 1080), _contract("A2"), _contract("", gross=60)],
    }
    # the contracts' (UK7): 900 (the contract with no value adds nothing), gross 1080 + 60
    assert awarded_values(compiled) == (Decimal(900), Decimal(1140))


def test_awards_values_when_no_contract_gives_one():
    compiled = {
        "awards": [_award("A1", "active", 1000, 1200), _award("A2", "pending", gross=600), {}],
        "contracts": [_contract("A1")],
    }
    assert awarded_values(compiled) == (Decimal(1000), Decimal(1800))
    assert awarded_values({"awards": [_award("A1", "active", gross=5)]}) == (None, Decimal(5))


@pytest.mark.parametrize("status", sorted(CANCELLED_STATUSES))
def test_cancelled_awards_and_their_contracts_do_not_count(status):
    compiled = {
        "awards": [_award("A1", status, 1000, 1200), _award("A2", "active", 300, 360)],
        "contracts": [_contract("A1", 1000, 1200), _contract("A2", 290)],
    }
    assert awarded_values(compiled) == (Decimal(290), None)
    # without contracts: the awards', the cancelled one left out
    assert awarded_values({"awards": compiled["awards"]}) == (Decimal(300), Decimal(360))
    # every award cancelled: nothing was awarded
    everything_ended = {"awards": compiled["awards"][:1], "contracts": compiled["contracts"][:1]}
    assert awarded_values(everything_ended) == (None, None)


def test_a_cancelled_contract_does_not_count_and_a_terminated_one_does():
    compiled = {
        "awards": [_award("A1", "active", 1000), _award("A2", "active", 300)],
        "contracts": [
            _contract("A1", 1000, status="cancelled"),
            _contract("A2", 290, status="terminated"),
        ],
    }
    assert awarded_values(compiled) == (Decimal(290), None)
    # only a cancelled contract: the awards' values, less the award whose contract was cancelled
    only_cancelled = {"awards": compiled["awards"], "contracts": compiled["contracts"][:1]}
    assert awarded_values(only_cancelled) == (Decimal(300), None)
    # an award with one cancelled and one standing contract (without a value) still counts
    both = {
        "awards": compiled["awards"][:1],
        "contracts": [_contract("A1", 1000, status="cancelled"), _contract("A1")],
    }
    assert awarded_values(both) == (Decimal(1000), None)


def test_cancelled_statuses():
    assert {"cancelled", "unsuccessful", "withdrawn"} == CANCELLED_STATUSES
    assert awarded_values({"awards": [_award("A1", " cancelled ", 10)]}) == (None, None)  # stripped


def test_a_contract_without_an_award_id_counts_even_when_an_award_without_one_is_cancelled():
    compiled = {
        "awards": [{"status": "cancelled", "value": {"amount": 5}}],
        "contracts": [_contract(None, 70)],
    }
    assert awarded_values(compiled) == (Decimal(70), None)


def test_nothing_awarded():
    assert awarded_values({}) == (None, None)
    assert awarded_values({"awards": "none", "contracts": [None, "x"]}) == (None, None)


def test_metrics_of_a_uk9_notice():
    implementation = {
        "metrics": [
            {
                "id": "1",
                "title": "Response &amp; repair",
                "description": "Within 24 hours",
                "observations": [
                    {
                        "period": {"startDate": "2026-01-01", "endDate": "2026-03-31"},
                        "measure": "95%",
                        "measureClassification": {"id": "met", "description": "Target met"},
                    },
                    "not an observation",
                ],
            },
            "not a metric",
        ]
    }
    first, empty = metrics_of(implementation)
    assert first == {
        "id": "1",
        "title": "Response & repair",
        "description": "Within 24 hours",
        "observations": [
            {
                "start": "2026-01-01",
                "end": "2026-03-31",
                "measure": "95%",
                "rating": "met",
                "rating_description": "Target met",
            },
            {"start": "", "end": "", "measure": "", "rating": "", "rating_description": ""},
        ],
    }
    assert empty == {"id": "", "title": "", "description": "", "observations": []}
    assert metrics_of({}) == []


def test_a_contract_as_a_release_describes_it():
    contract = {
        "id": "C1",
        "awardID": "A1",
        "title": "Meals &amp; snacks",
        "status": "terminated",
        "value": {"amount": 100, "amountGross": 120},
        "period": {"startDate": "2026-01-01T00:00:00Z"},
        "dateSigned": "2025-12-20",
        "implementation": {
            "endDate": "2026-06-30T00:00:00Z",
            "finalValue": {"amount": 80, "amountGross": 96, "currency": "GBP"},
            "metrics": [{"id": "1"}],
        },
    }
    facts = contract_of("r1", contract)
    assert (facts.release_id, facts.contract_id, facts.award_id) == ("r1", "C1", "A1")
    assert (facts.title, facts.status) == ("Meals & snacks", "terminated")
    assert (facts.value, facts.value_gross) == (Decimal(100), Decimal(120))
    assert facts.currency == "GBP"  # the final value's, the value giving none
    assert facts.start == datetime(2026, 1, 1, tzinfo=UTC)
    assert facts.end == datetime(2026, 6, 30, tzinfo=UTC)  # the implementation's end
    assert facts.date_signed == datetime(2025, 12, 20, tzinfo=UTC)
    assert (facts.final_value, facts.final_value_gross) == (Decimal(80), Decimal(96))
    assert [m["id"] for m in facts.metrics] == ["1"]
    # the contract's own period end and currency come first
    contract["period"]["endDate"] = "2027-01-01T00:00:00Z"
    contract["value"]["currency"] = "EUR"
    facts = contract_of("r1", contract)
    assert facts.end == datetime(2027, 1, 1, tzinfo=UTC) and facts.currency == "EUR"


def test_an_empty_contract():
    facts = contract_of("r1", {})
    assert (facts.contract_id, facts.value, facts.start, facts.end, facts.metrics) == (
        "",
        None,
        None,
        None,
        [],
    )
    assert facts.final_value is None and facts.currency == ""
