"""The sample programme's money: the pure sample keeps its own sums (no over-allocation, the first
year funded, a gap in the second), and the demo command writes it idempotently, or skips."""

import json
from io import StringIO

from django.core.management import call_command

from programmes import money, sample_money
from programmes.models import (
    BudgetAllocation,
    Contribution,
    FundingSource,
    Partner,
    Programme,
)


def _facts(data):
    keys = {row["key"]: number for number, row in enumerate(data["contributions"], start=1)}
    bid_keys = {row["key"]: number for number, row in enumerate(data["bids"], start=1)}
    line_keys = {row["key"]: number for number, row in enumerate(data["lines"], start=1)}
    contributions = [
        money.ContributionFacts(keys[r["key"]], r["partner"], r["kind"], r["status"], r["years"])
        for r in data["contributions"]
    ]
    bids = [
        money.BidFacts(
            bid_keys[r["key"]],
            r["funder"],
            r["scheme"],
            r["status"],
            r.get("amount_awarded"),
            r.get("amount_min"),
            r.get("amount_max"),
        )
        for r in data["bids"]
    ]
    lines = [
        money.LineFacts(line_keys[r["key"]], r["category"], r["description"], r["years"])
        for r in data["lines"]
    ]
    allocations = []
    for line, year, source, amount in data["allocations"]:
        kind, key = source.split(":")
        allocations.append(
            money.AllocationFacts(
                line_keys[line],
                year,
                amount,
                contribution=keys[key] if kind == "c" else None,
                bid=bid_keys[key] if kind == "b" else None,
            )
        )
    return contributions, bids, lines, allocations


def test_the_sample_funds_the_first_year_and_leaves_a_gap_in_the_second():
    data = sample_money.generate(2026)
    contributions, bids, lines, allocations = _facts(data)
    found = money.costing(
        lines, allocations, contributions, bids, D41 := data["settings"]["optimism_bias_percent"]
    )
    assert D41 == 41
    assert found.problems == []
    first, second = found.years
    assert first.gap == 0 and second.gap > 0 and second.expected > 0
    statuses = {r["status"] for r in data["contributions"]}
    assert statuses == {"proposed", "committed", "received"}
    assert {r["status"] for r in data["bids"]} == {"identified", "applying", "awarded", "declined"}
    assert {r["category"] for r in data["lines"]} >= {
        "staff",
        "delivery",
        "evaluation",
        "contingency",
    }
    assert all(r["valuation_method"] for r in data["contributions"] if r["kind"] == "in_kind")
    assert money.leverage(contributions, bids).ratio is not None


def test_the_demo_skips_without_the_sample_programme(db):
    out = StringIO()
    call_command("demo_programme_money", stdout=out)
    assert "skipped" in out.getvalue()


def test_the_demo_writes_the_sample_money_idempotently(world):
    programme = Programme.objects.create(
        slug=sample_money.SLUG,
        title="Sample data: Healthy homes innovation pilot",
        summary="-",
        aims="-",
        is_sample=True,
    )
    Partner.objects.create(
        programme=programme, organisation=world.home, kind="anchor", role="Lead", is_lead=True
    )
    Partner.objects.create(
        programme=programme, organisation=world.other, kind="anchor", role="Partner"
    )
    Partner.objects.create(
        programme=programme, name="Sample University", kind="university", role="Evaluation"
    )
    Partner.objects.create(
        programme=programme, name="Sample Alliance", kind="intermediary", role="Market"
    )
    out = StringIO()
    call_command("demo_programme_money", "--json", stdout=out)
    first = json.loads(out.getvalue())
    assert first == {
        "programme": sample_money.SLUG,
        "contributions": 6,
        "bids": 4,
        "budget_lines": 5,
        "allocations": 15,
    }
    ids = sorted(Contribution.objects.values_list("pk", flat=True))
    call_command("demo_programme_money", stdout=StringIO())
    assert sorted(Contribution.objects.values_list("pk", flat=True)) == ids
    assert FundingSource.objects.count() == 4 and BudgetAllocation.objects.count() == 15
    assert all(c.is_sample for c in Contribution.objects.all())
    received = Contribution.objects.get(status="received")
    assert received.proposed_on and received.committed_on and received.received_on
