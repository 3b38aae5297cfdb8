"""Award to payment, payments within the awarded value, spend with no notice and payment within
30 days (UK17): worked examples on small tables, and the real days. No database (the real ledger
is read in tests/scorecard/test_gathering.py)."""

from dataclasses import replace
from datetime import date

import polars as pl
import pytest

from scorecard.indicators.payments import (
    award_to_payment,
    payment_within_30_days,
    payments_within_contract_share,
    spend_without_notice,
)
from scorecard.notice_table import PAYMENTS, tables
from tests.scorecard.realdata import real_releases


def _award(ocid, date_, award_id, value, name, ident=None):
    return {
        "ocid": ocid,
        "id": "1",
        "date": date_,
        "awards": [
            {
                "id": award_id,
                "status": "active",
                "date": date_,
                "value": {"amount": value},
                "suppliers": [{"id": "s", "name": name}],
            }
        ],
        "parties": [{"id": "s", **({"identifier": ident} if ident else {})}],
    }


def _payments(rows):
    return pl.DataFrame(
        [
            {
                "buyer_key": "b",
                "date": day,
                "financial_year": day.year - (day.month < 4),
                "in_period": in_period,
                "amount": amount,
                "payee_id": payee,
                "supplier_id": supplier,
                "name": name,
                "name_key": name.lower(),
                "identifiers": ids,
                "is_redacted": False,
                "sector": sector,
            }
            for day, amount, payee, supplier, name, ids, in_period, sector in rows
        ],
        schema=PAYMENTS,
    )


def _tables(releases, payments, settings=None, entries=None):
    table = tables(((r, "b", "", True, False) for r in releases), settings=settings or {})
    awards = table.awards.with_columns(
        supplier_id=pl.col("supplier_name").replace_strict(
            entries or {}, default=None, return_dtype=pl.Int64
        )
    )
    return replace(table, awards=awards, payments=payments)


RELEASES = [
    _award("a", "2025-05-01T00:00:00Z", "x", 1000, "Acme", {"scheme": "GB-COH", "id": "01234567"}),
    _award("b", "2025-06-01T00:00:00Z", "y", 500, "Beta"),
    _award("c", "2025-06-01T00:00:00Z", "z", 800, "Gamma"),
]
PAID = _payments(
    [
        # Acme by identifier: 700 before its award does not count, 1200 after does
        (date(2025, 4, 1), 700.0, 1, None, "ACME LIMITED", ["GB-COH:01234567"], True, "private"),
        (date(2025, 7, 1), 1200.0, 1, None, "ACME LIMITED", ["GB-COH:01234567"], True, "private"),
        # Beta by register entry 7 (its award linked to entry 7): 400
        (date(2025, 7, 1), 400.0, 2, 7, "Beta Services", [], True, "private"),
        # Delta, never awarded, 40,000 in one year: no notice names it
        (date(2025, 8, 1), 25000.0, 3, None, "delta", [], True, "private"),
        (date(2026, 2, 1), 15000.0, 3, None, "delta", [], True, "private"),
        # Epsilon, 20,000 in each of two years: under the threshold in each
        (date(2025, 8, 1), 20000.0, 4, None, "epsilon", [], True, "private"),
        (date(2026, 8, 1), 20000.0, 4, None, "epsilon", [], True, "private"),
        # a council, 50,000: a public body is not listed
        (date(2025, 8, 1), 50000.0, 5, None, "another council", [], True, "public"),
    ]
)


def test_award_to_payment_and_within_the_awarded_value_by_hand():
    table = _tables(RELEASES, PAID, entries={"Beta": 7})
    paid = award_to_payment(table)
    assert (paid.numerator, paid.denominator) == (2, 3)  # Acme, Beta; not Gamma
    by = {row["supplier_name"]: row["paid"] for row in paid.behind.iter_rows(named=True)}
    assert by == {"Acme": 1200.0, "Beta": 400.0, "Gamma": 0.0}
    within = payments_within_contract_share(table)
    # Acme: 1000 of 1200 within its award; Beta: all 400 within 500
    assert (within.numerator, within.denominator) == (1400.0, 1600.0)
    assert award_to_payment(replace(table, payments=None)).note.startswith("no ledger")
    assert payments_within_contract_share(replace(table, payments=None)).value is None


def test_spend_without_notice_by_hand():
    table = _tables(RELEASES, PAID, settings={"notice_threshold": 30000}, entries={"Beta": 7})
    figure = spend_without_notice(table)
    total = float(PAID["amount"].sum())
    assert figure.denominator == total
    assert figure.numerator == 40000.0  # Delta, FY 2025
    [row] = figure.behind.filter(pl.col("counted")).to_dicts()
    assert (row["name"], row["financial_year"]) == ("delta", 2025)
    assert row["why"].startswith("no notice names")
    # Named in a notice by name: Delta counts no more
    named = _tables(
        [*RELEASES, _award("d", "2024-01-01T00:00:00Z", "v", 10, "Delta")],
        PAID,
        settings={"notice_threshold": 30000},
    )
    figure = spend_without_notice(named)
    assert figure.numerator == 0
    assert figure.behind["why"].to_list() == ["named in a notice by its name"]
    assert spend_without_notice(replace(table, payments=None)).value is None


def test_spend_without_notice_counts_the_whole_financial_year_for_a_quarter():
    """A payee paid 10,000 a quarter: 40,000 in the year, over the threshold; in a quarter the
    figure counts the quarter's 10,000, the year's total deciding it."""
    quarterly = _payments(
        [
            (date(2025, month, 1), 10000.0, 9, None, "steady", [], month == 7, "private")
            for month in (4, 7, 10)
        ]
        + [(date(2026, 1, 1), 10000.0, 9, None, "steady", [], False, "private")]
    )
    figure = spend_without_notice(_tables([], quarterly, settings={"notice_threshold": 30000}))
    assert (figure.numerator, figure.denominator) == (10000.0, 10000.0)
    [row] = figure.behind.to_dicts()
    assert (row["amount"], row["paid_in_period"]) == (40000.0, 10000.0)
    # a year with nothing paid in the period is not listed
    later = quarterly.with_columns(in_period=pl.lit(False))
    assert (
        spend_without_notice(_tables([], later, settings={"notice_threshold": 30000})).value is None
    )


def _uk17(rid, end, share, invoices=None, measure="paidWithin30Days", unit="share"):
    statistic = {"measure": measure, "value": share, "period": {"endDate": end}}
    if unit:
        statistic["unit"] = {"name": unit}
    statistics = [statistic]
    if invoices is not None:
        statistics.append(
            {"measure": "invoicesPaid", "value": invoices, "period": {"endDate": end}}
        )
    return {
        "ocid": f"uk17-{rid}",
        "id": rid,
        "date": end,
        "tender": {"documents": [{"noticeType": "UK17"}]},
        "bids": {"statistics": statistics},
    }


def test_payment_within_30_days_by_hand():
    two = [
        _uk17("1", "2026-03-31T00:00:00Z", 90, measure="percentageInvoicesPaidWithin30Days"),
        _uk17("2", "2026-09-30T00:00:00Z", 0.8),
    ]
    figure = payment_within_30_days(_tables(two, None))
    assert figure.value == pytest.approx(0.85)  # 90 is read as a percentage: its name says so
    assert figure.denominator == 2
    one_percent = [_uk17("1", "2026-03-31T00:00:00Z", 1, unit="percent")]
    assert payment_within_30_days(_tables(one_percent, None)).value == pytest.approx(0.01)
    whole = [_uk17("1", "2026-03-31T00:00:00Z", 1)]  # a share of 1: all paid in time
    assert payment_within_30_days(_tables(whole, None)).value == pytest.approx(1.0)
    counted = [_uk17("1", "2026-03-31T00:00:00Z", 240, invoices=300, unit=None)]
    assert payment_within_30_days(_tables(counted, None)).value == pytest.approx(0.8)
    no_total = [_uk17("1", "2026-03-31T00:00:00Z", 240, unit=None)]  # a count, no total
    assert payment_within_30_days(_tables(no_total, None)).value is None
    weighted = [
        _uk17("1", "2026-03-31T00:00:00Z", 0.9, 300),
        _uk17("2", "2026-09-30T00:00:00Z", 0.5, 100),
    ]
    assert payment_within_30_days(_tables(weighted, None)).value == pytest.approx(0.8)
    corrected = [_uk17("1", "2026-03-31T00:00:00Z", 0.5), _uk17("2", "2026-03-31T00:00:00Z", 0.7)]
    assert payment_within_30_days(_tables(corrected, None)).value == pytest.approx(0.7)
    assert payment_within_30_days(_tables(RELEASES, None)).value is None


def test_on_the_real_days_without_a_ledger():
    releases = real_releases()
    uk17 = [
        r
        for r in releases
        if any(
            d.get("noticeType") == "UK17" for d in (r.get("tender") or {}).get("documents") or []
        )
    ]
    table = tables((r, "b", "", True, False) for r in releases)
    assert payment_within_30_days(table).value is None and not uk17
    assert award_to_payment(table).note.startswith("no ledger")


def test_spend_without_notice_takes_each_buyers_threshold_over_every_buyer():
    settings = {"notice_threshold": 30000, "by_buyer": {"b": {"notice_threshold": 50000}}}
    figure = spend_without_notice(_tables(RELEASES, PAID, settings=settings))
    assert figure.numerator == 0 and figure.behind.is_empty()  # Delta's 40,000 is under 50,000
