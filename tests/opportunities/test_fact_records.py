"""fact_records.py: the plain records of a process. No database."""

from dataclasses import fields

import pytest

from opportunities.fact_records import (
    AwardFacts,
    ContractFacts,
    LotFacts,
    ProcessFacts,
    SupplierFacts,
)


@pytest.mark.parametrize(
    ("value", "count"),
    [
        (7, 7),
        (7.0, 7),
        (7.9, 7),
        (0, 0),
        (2**31 - 1, 2**31 - 1),
        (2**31, None),  # more than the column holds
        (-1, None),
        ("7", None),
        (None, None),
    ],
)
def test_a_lots_statistic_as_a_count(value, count):
    lot = LotFacts("L1", "", "", None, "", bid_statistics={"bids": value})
    assert lot.statistic("bids") == count


def test_a_statistic_not_published():
    assert LotFacts("L1", "", "", None, "").statistic("bids") is None


def test_defaults_are_fresh_for_each_record():
    first, second = ProcessFacts("ocds-1"), ProcessFacts("ocds-2")
    first.lots.append(LotFacts("L1", "", "", None, ""))
    first.delivery_regions.append("UKG")
    assert second.lots == [] and second.delivery_regions == []
    one, other = LotFacts("L1", "", "", None, ""), LotFacts("L2", "", "", None, "")
    one.cpvs.append("72000000")
    one.bid_statistics["bids"] = 1
    assert other.cpvs == [] and other.bid_statistics == {}
    assert SupplierFacts("A", "", "", "", None).identifiers == []
    assert AwardFacts("r", "a", "", None, None, []).lots == []


def test_a_process_starts_in_tender_with_nothing_known():
    facts = ProcessFacts("ocds-1")
    assert facts.phase == "tender"
    unknown = [f.name for f in fields(facts) if getattr(facts, f.name) is None]
    assert {"value", "deadline", "sme_suitable", "above_threshold", "awarded_value"} <= set(unknown)
    assert facts.notice_type == "" and facts.legal_basis == ""


def test_a_contract_without_final_values_or_metrics():
    contract = ContractFacts("r", "c", "a", "", "", None, None, "", None, None, None)
    assert (contract.final_value, contract.final_value_gross, contract.metrics) == (None, None, [])
