"""A manual KPI's figure without a database: the latest entry ending in the period, with its
evidence in the basis; no entry is no figure, with the reason."""

from datetime import date

from programmes.kpi_sources import SOURCES
from programmes.kpi_sources.registry import Inputs, ManualEntry, Period

YEAR = Period(date(2025, 4, 1), date(2026, 3, 31))


def test_the_latest_entry_in_the_period_with_its_evidence():
    results = [
        ManualEntry(date(2025, 9, 30), 40),
        ManualEntry(date(2026, 3, 31), 135, evidence="a file (log.pdf)"),
        ManualEntry(date(2026, 6, 30), 200),  # after the period
    ]
    result = SOURCES["manual"](Inputs(YEAR, "Home", results=results))
    assert result.value == 135
    assert result.basis == "Entered for the period ending 31 March 2026; evidence: a file (log.pdf)"


def test_no_entry_is_no_figure_and_says_why():
    result = SOURCES["manual"](Inputs(YEAR, "Home"))
    assert result.value is None
    assert result.note == "No result entered for 1 April 2025 to 31 March 2026"
