"""Committed against delivered, pro rata, overdue and proxy values: pure, no database."""

from datetime import date
from decimal import Decimal

import pytest

from socialvalue import measures

COMMITMENT = measures.Commitment(
    id=1,
    contract=10,
    contract_title="Repairs",
    buyer="Home Council",
    supplier="Supplier Ltd",
    metric="apprenticeships",
    metric_title="Apprenticeship starts",
    unit="apprentices",
    quantity=Decimal(4),
    period_start=date(2026, 1, 1),
    period_end=date(2026, 12, 31),
    report_every_months=3,
    proxy_per_unit=Decimal("1000.00"),
)


def report(status, quantity, start=date(2026, 1, 1), end=date(2026, 3, 31), commitment=1):
    return measures.Report(commitment, start, end, Decimal(quantity), status)


def test_expected_to_date_is_pro_rata_to_the_days_passed():
    assert measures.expected_to_date(COMMITMENT, date(2025, 12, 31)) == 0
    # 2 July is the 183rd of 365 days: 4 × 183 / 365 = 2.005, to the penny 2.01.
    assert measures.expected_to_date(COMMITMENT, date(2026, 7, 2)) == Decimal("2.01")
    assert measures.expected_to_date(COMMITMENT, date(2027, 1, 1)) == 4


def test_only_accepted_reports_count_as_delivered():
    reports = [report("accepted", 1), report("submitted", 2), report("queried", 5)]
    item = measures.progress(COMMITMENT, reports, date(2026, 7, 2))
    assert item.delivered == 1 and item.awaiting_review == 2
    assert not item.on_track  # 1 delivered of 2.01 expected
    assert item.share_delivered == 0.25
    assert item.share_of_expected == pytest.approx(1 / 2.01)
    assert item.proxy_committed == Decimal("4000.00")
    assert item.proxy_delivered == Decimal("1000.00")


def test_reporting_periods_cut_the_period_and_end_with_it():
    periods = measures.reporting_periods(COMMITMENT)
    assert periods[0] == (date(2026, 1, 1), date(2026, 3, 31))
    assert periods[-1] == (date(2026, 10, 1), date(2026, 12, 31))
    odd = measures.Commitment(**{**COMMITMENT.__dict__, "period_end": date(2026, 5, 15)})
    assert measures.reporting_periods(odd)[-1] == (date(2026, 4, 1), date(2026, 5, 15))


def test_a_period_is_overdue_after_the_grace_days_without_an_accepted_report():
    today = date(2026, 7, 31)  # Q1 due 30 April, Q2 due 30 July
    states = [p.state for p in measures.due_periods(COMMITMENT, [], today)]
    assert states == ["missing", "missing", "not_due", "not_due"]
    reports = [report("accepted", 1), report("queried", 1, date(2026, 4, 1), date(2026, 6, 30))]
    states = [p.state for p in measures.due_periods(COMMITMENT, reports, today)]
    assert states == ["accepted", "queried", "not_due", "not_due"]
    on_the_day = measures.due_periods(COMMITMENT, [], date(2026, 4, 30))
    assert on_the_day[0].state == "not_due"
    item = measures.progress(COMMITMENT, reports, today)
    assert [p.state for p in item.overdue] == ["queried"]


def test_totals_by_metric_add_the_same_unit_only():
    other = measures.Commitment(
        **{
            **COMMITMENT.__dict__,
            "id": 2,
            "contract": 11,
            "supplier": "Other Ltd",
            "proxy_per_unit": None,
        }
    )
    tonnes = measures.Commitment(
        **{
            **COMMITMENT.__dict__,
            "id": 3,
            "metric": "waste",
            "unit": "tonnes",
            "quantity": Decimal(10),
        }
    )
    items = measures.all_progress(
        [COMMITMENT, other, tonnes],
        [report("accepted", 1), report("accepted", 2, commitment=2)],
        date(2027, 1, 1),
    )
    rows = {r["metric"]: r for r in measures.by_metric(items)}
    assert rows["apprenticeships"]["committed"] == 8
    assert rows["apprenticeships"]["delivered"] == 3
    assert rows["apprenticeships"]["share_delivered"] == 3 / 8
    assert rows["apprenticeships"]["proxy_committed"] == Decimal("4000.00")  # one has no proxy
    assert rows["waste"]["delivered"] == 0
    suppliers = {r["label"]: r for r in measures.by_group(items, "supplier")}
    assert suppliers["Supplier Ltd"]["commitments"] == 2
    assert suppliers["Other Ltd"]["without_proxy"] == 1
    assert suppliers["Other Ltd"]["proxy_committed"] is None
    contracts = measures.by_group(items, "contract")
    assert sorted(r["key"] for r in contracts) == [10, 11]
    overdue = measures.overdue(items)
    # Three quarters are due by then (the fourth ends on 31 December); two have an accepted report.
    assert len(overdue) == 2 + 2 + 3
    assert overdue == sorted(overdue, key=lambda r: (r["due"], r["commitment"]))


def test_add_months_keeps_to_the_end_of_short_months():
    assert measures.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert measures.add_months(date(2026, 11, 1), 3) == date(2027, 2, 1)


def test_a_report_submitted_and_not_yet_reviewed_waits_on_the_buyer_not_the_supplier():
    today = date(2026, 7, 31)
    submitted = [report("submitted", 1)]
    first = measures.due_periods(COMMITMENT, submitted, today)[0]
    assert first.state == "submitted" and first.awaiting_review and not first.overdue
    assert measures.progress(COMMITMENT, submitted, today).overdue[0].state == "missing"  # Q2
