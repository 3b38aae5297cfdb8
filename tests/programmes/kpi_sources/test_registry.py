"""The registry without a database: every source says how it is calculated; periods by window."""

from datetime import date

from programmes.kpi_sources import SOURCES
from programmes.kpi_sources.registry import Period, period_for


def test_every_source_says_how_it_is_calculated():
    assert SOURCES and all(len(source.how.split()) >= 8 for source in SOURCES.values())
    assert [s.key for s in SOURCES.values() if s.is_manual] == ["manual"]


def test_windows_end_on_the_period_end():
    end = date(2026, 3, 31)
    assert period_for("year", end) == Period(date(2025, 4, 1), end)
    assert period_for("quarter", end) == Period(date(2026, 1, 1), end)
    assert period_for("since_baseline", end, date(2025, 3, 31)) == Period(date(2025, 4, 1), end)
    assert period_for("all", end).start is None
    assert Period(None, end).words == "up to 31 March 2026"
