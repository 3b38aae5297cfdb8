"""The scorecard's periods: financial years, quarters, dates, and what is wrong with a period
asked for. No database."""

from datetime import date

import pytest

from core import params
from scorecard.periods import EARLIEST_DATE, LATEST_DATE, period, quarter_of, quarters


def test_the_bounds_are_core_params_bounds():
    assert (EARLIEST_DATE, LATEST_DATE) == (params.EARLIEST_DATE, params.LATEST_DATE)


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (1, date(2026, 4, 1), date(2026, 6, 30)),
        (2, date(2026, 7, 1), date(2026, 9, 30)),
        (3, date(2026, 10, 1), date(2026, 12, 31)),
        (4, date(2027, 1, 1), date(2027, 3, 31)),
    ],
)
def test_financial_quarters(quarter, start, end):
    assert quarter_of(2026, quarter) == (start, end)


def test_a_year_a_quarter_dates_or_everything():
    year, errors = period(year=2026)
    assert not errors and (year.since, year.until) == (date(2026, 4, 1), date(2027, 3, 31))
    assert year.label == "financial year 2026-27" and year.query() == "?year=2026"
    q4, _ = period(year=2026, quarter=4)
    assert q4.label == "Q4 2026-27 (January to March 2027)"
    assert (q4.since, q4.until, q4.stem) == (date(2027, 1, 1), date(2027, 3, 31), "2026-27-q4")
    days, _ = period(since=date(2026, 8, 10), until=date(2026, 8, 11))
    assert days.label == "10 August 2026 to 11 August 2026"
    assert days.query() == "?since=2026-08-10&until=2026-08-11"
    everything, _ = period()
    assert (everything.since, everything.until, everything.query()) == (None, None, "")


def test_what_is_wrong_is_said_by_field():
    assert period(quarter=2) == (None, {"quarter": "Choose the financial year of the quarter too"})
    assert "not both" in period(year=2026, since=date(2026, 5, 1))[1]["since"]
    assert (
        "after the date from" in period(since=date(2026, 5, 2), until=date(2026, 5, 1))[1]["until"]
    )
    assert period(year=1999)[1] == {"year": "Choose a financial year from 2000-01 to 2099-00"}
    assert set(period(year=2026, quarter=5)[1]) == {"quarter"}
    assert set(period(since=date(1999, 12, 31))[1]) == {"since"}


def test_quarters_span_the_period_oldest_first_at_most_twenty():
    found = quarters(date(2026, 3, 15), date(2026, 7, 1))
    assert [q.label for q in found] == [
        "Q4 2025-26 (January to March 2026)",
        "Q1 2026-27 (April to June 2026)",
        "Q2 2026-27 (July to September 2026)",
    ]
    assert quarters(date(2026, 5, 1), date(2026, 4, 1)) == []
    many = quarters(date(2000, 1, 1), date(2100, 12, 31))
    assert len(many) == 20 and many[-1].label == "Q3 2100-01 (October to December 2100)"
