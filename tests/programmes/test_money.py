"""A programme's money worked out (pure, no database): the funding position, the leverage ratio
(with no cash at all), costing totals, gaps and over-allocation, and the Green Book appraisal
giving the invest-to-save calculator's own figures."""

from datetime import date
from decimal import Decimal

import pytest

from cases import greenbook
from core.roles import Role
from programmes import money, rules
from programmes.money import AllocationFacts, BidFacts, ContributionFacts, LineFacts

D = Decimal


def _contributions():
    return [
        ContributionFacts(
            1, "Home Council", "funded", "committed", {2026: D("20000"), 2027: D("10000")}
        ),
        ContributionFacts(2, "Home Council", "funded", "received", {2026: D("5000")}),
        ContributionFacts(
            3, "University", "in_kind", "committed", {2026: D("8000")}, "40 staff days"
        ),
        ContributionFacts(4, "University", "funded", "proposed", {2027: D("7000")}),
    ]


def _bids():
    return [
        BidFacts(1, "Innovate UK", "Smart", "awarded", D("60000"), D("25000"), D("100000")),
        BidFacts(2, "Health Foundation", "Q Exchange", "applying", None, D("10000"), D("30000")),
        BidFacts(3, "Lottery", "Awards", "declined", None, None, D("10000")),
        BidFacts(4, "Council", "Fund", "identified"),
    ]


def test_the_funding_position_counts_committed_and_received_and_shows_proposed_apart():
    rows = money.funding_position(_contributions(), _bids())
    by = {(r.source, r.kind, r.year): r for r in rows}
    home_2026 = by[("Home Council", money.PARTNER_CASH, 2026)]
    assert (home_2026.committed, home_2026.received, home_2026.proposed) == (D(25000), D(5000), 0)
    uni_kind = by[("University", money.PARTNER_IN_KIND, 2026)]
    assert (uni_kind.committed, uni_kind.received) == (D(8000), 0)
    uni_cash = by[("University", money.PARTNER_CASH, 2027)]
    assert (uni_cash.committed, uni_cash.proposed) == (0, D(7000))
    award = by[("Innovate UK: Smart", money.EXTERNAL, None)]
    assert award.committed == D(60000) and award.received is None
    assert award.year_label == "Whole award"
    assert not any(r.source.startswith(("Health", "Lottery", "Council")) for r in rows)
    years = money.position_by_year(rows)
    assert [y.year for y in years] == [2026, 2027, None]
    assert years[0].cash == D(25000) and years[0].in_kind == D(8000)
    assert years[0].committed == D(33000) and years[0].received == D(5000)
    assert years[1].proposed == D(7000) and years[1].committed == D(10000)
    assert years[2].external == D(60000)


def test_leverage_is_external_secured_per_pound_of_partners_cash():
    found = money.leverage(_contributions(), _bids())
    # Cash committed or received: 20,000 + 10,000 + 5,000 (the proposed 7,000 and in kind excluded)
    assert found.partner_cash == D(35000)
    assert found.external_secured == D(60000)  # only the awarded bid
    assert found.ratio == D("1.71")
    assert found.words == "£1.71 of external funding for every £1 of partners' cash"
    assert "not defined" in money.LEVERAGE_DEFINITION.lower()
    assert money.LEVERAGE_DEFINITION.startswith("The leverage ratio is")


def test_leverage_with_no_partner_cash_is_not_defined():
    only_kind = [c for c in _contributions() if c.kind == "in_kind"]
    found = money.leverage(only_kind, _bids())
    assert found.partner_cash == 0 and found.ratio is None
    assert found.words.startswith("Not defined")
    assert money.leverage([], []).ratio is None


def _lines():
    return [
        LineFacts(1, "staff", "Project manager", {2026: D("30000"), 2027: D("30000")}),
        LineFacts(2, "evaluation", "Evaluation", {2027: D("10000")}),
        LineFacts(3, "staff", "Backfill", {2026: D("5000")}),
    ]


def test_costing_totals_gaps_by_year_and_category():
    allocations = [
        AllocationFacts(1, 2026, D("20000"), contribution=1),  # committed: secured
        AllocationFacts(1, 2026, D("5000"), bid=1),  # awarded: secured
        AllocationFacts(1, 2027, D("7000"), contribution=4),  # proposed: expected
        AllocationFacts(2, 2027, D("10000"), bid=2),  # applying: expected
    ]
    found = money.costing(_lines(), allocations, _contributions(), _bids())
    y26, y27 = found.years
    assert (y26.cost, y26.secured, y26.expected, y26.gap) == (D(35000), D(25000), 0, D(10000))
    assert (y27.cost, y27.secured, y27.expected, y27.gap) == (D(40000), 0, D(17000), D(40000))
    assert y27.gap_if_expected == D(23000)
    assert found.total_cost == D(75000) and found.total_gap == D(50000)
    assert found.by_category == [
        ("Staff", {2026: D(35000), 2027: D(30000)}, D(65000)),
        ("Evaluation", {2027: D(10000)}, D(10000)),
    ]
    assert found.problems == []


def test_over_allocation_is_flagged_by_line_source_and_year():
    allocations = [
        AllocationFacts(3, 2026, D("6000"), contribution=2),  # line costs 5,000; gives 5,000
        AllocationFacts(2, 2027, D("5000"), bid=3),  # a declined bid
        AllocationFacts(1, 2026, D("70000"), bid=1),  # more than the award and the line
    ]
    found = money.costing(_lines(), allocations, _contributions(), _bids())
    text = " | ".join(found.problems)
    assert "Backfill in 2026-27: £6,000 is allocated but the line costs £5,000" in text
    assert "Home Council's contribution in 2026-27: £6,000 is allocated but it gives £5,000" in text
    assert "declined bid" in text
    assert "Innovate UK: Smart: £70,000 is allocated but awarded is £60,000" in text
    assert (
        "2026-27: £41,000 more is allocated than the lines cost, and is not counted as funding"
        in text
    )
    assert found.years[0].over_allocated == D(41000) and found.years[0].gap == 0


def test_money_beyond_one_line_s_cost_does_not_fill_another_line_s_gap():
    allocations = [AllocationFacts(1, 2026, D("35000"), contribution=1)]  # line 1 costs 30,000
    found = money.costing(_lines(), allocations, _contributions(), _bids())
    year = found.years[0]
    assert (year.cost, year.secured, year.gap, year.over_allocated) == (
        D(35000),
        D(30000),
        D(5000),  # line 3's 5,000 is still to find
        D(5000),
    )


def test_the_appraisal_reuses_the_green_book_engine_and_gives_the_calculators_figures():
    found = money.costing(_lines(), [], [], [], optimism_bias_percent=D("41"))
    appraisal = found.appraisal
    assert appraisal.undiscounted == 75000
    assert appraisal.with_optimism_bias == pytest.approx(75000 * 1.41)
    # The invest-to-save calculator on the same costs as running costs of an outsourcing project
    # (41% optimism bias): the same present value.
    calculated = greenbook.calculate(
        [
            greenbook.Line("P", "opex", 0, D("35000")),
            greenbook.Line("P", "opex", 1, D("40000")),
        ],
        "outsourcing",
    )
    assert appraisal.present_value == pytest.approx(calculated.pv_costs)
    assert appraisal.base_year == 2026 and appraisal.discount_rate == 0.035
    assert "Green Book" in appraisal.rate_source and "RULES.md" not in appraisal.rate_source
    assert "41% optimism bias" in appraisal.words and "3.5%" in appraisal.words


def test_the_appraisal_counts_from_a_chosen_base_year_and_without_costs():
    later = money.appraise({2026: D("1000"), 2028: D("1000")}, D("0"), base_year=2025)
    assert later.present_value == pytest.approx(1000 / 1.035 + 1000 / 1.035**3)
    empty = money.appraise({}, D("10"))
    assert empty.present_value == 0 and empty.base_year is None and empty.words == "No costs yet."


def test_the_years_a_form_asks_for():
    assert money.programme_years(None, None, date(2026, 12, 3)) == [2026, 2027, 2028]
    assert money.programme_years(date(2027, 1, 1), date(2028, 6, 1), date(2026, 12, 3)) == [
        2026,
        2027,
        2028,
    ]
    assert money.programme_years(date(2026, 4, 1), date(2060, 1, 1), date(2026, 12, 3))[-1] == 2035
    assert money.programme_years(None, None, date(2026, 5, 1), existing=[2024]) == [
        2024,
        2026,
        2027,
        2028,
    ]
    assert money.year_words(2026) == "2026 to 2027"


def test_status_moves_go_forward_only():
    assert money.next_statuses(money.CONTRIBUTION_MOVES, "proposed") == ("committed",)
    assert money.next_statuses(money.CONTRIBUTION_MOVES, "received") == ()
    assert money.next_statuses(money.BID_MOVES, "applying") == ("awarded", "declined")
    assert money.next_statuses(money.BID_MOVES, "declined") == ()


def test_evidence_files_are_for_coordinators_and_partner_members():
    facts = rules.ProgrammeFacts(is_published=True, partner_ids=frozenset({7}))
    assert money.can_open_evidence(rules.Viewer(Role.COORDINATOR), facts)
    assert money.can_open_evidence(rules.Viewer(Role.BUYER, 7), facts)
    assert not money.can_open_evidence(rules.Viewer(Role.BUYER, 8), facts)
    assert not money.can_open_evidence(rules.Viewer(Role.ANONYMOUS), facts)


def test_budget_categories_are_data_with_sources():
    keys = [c["key"] for c in money.categories()]
    assert keys[:4] == ["staff", "delivery", "evaluation", "contingency"]
    assert money.category_label("contingency") == "Contingency"
    assert money.category_label("unknown") == "unknown"
