"""The periods a scorecard covers: a financial year (April to March), one of its quarters, or
dates from and to; and the financial quarters a period spans, for the trend. One check for the
pages, the downloads and the API, with its errors as data (field → message). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.formatting import QUARTER_MONTHS as MONTHS_OF_QUARTERS
from core.formatting import fy_label, quarter_label

# The dates a request may name: core.params' EARLIEST_DATE and LATEST_DATE (that module is not
# pure; a test checks they agree).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)

FIRST_YEAR, LAST_YEAR = EARLIEST_DATE.year, LATEST_DATE.year - 1  # financial years that fit
QUARTER_MONTHS = dict(enumerate(MONTHS_OF_QUARTERS, start=1))  # 1: "April to June", ...
MOST_QUARTERS = 20  # the trend shows at most the latest five years of quarters


@dataclass(frozen=True)
class Period:
    since: date | None  # None: from the first release loaded
    until: date | None  # None: to the last
    label: str  # in words: "2026-27", "Q2 2026-27 (July to September 2026)", "1 May to 3 June 2026"
    year: int | None = None
    quarter: int | None = None

    def query(self) -> str:
        """The period as a query string for links and downloads ("" for every release)."""
        if self.year is not None:
            return f"?year={self.year}" + (f"&quarter={self.quarter}" if self.quarter else "")
        parts = [
            f"{k}={v.isoformat()}" for k, v in (("since", self.since), ("until", self.until)) if v
        ]
        return "?" + "&".join(parts) if parts else ""

    @property
    def stem(self) -> str:
        """The period in a file name."""
        if self.year is not None:
            return fy_label(self.year) + (f"-q{self.quarter}" if self.quarter else "")
        if self.since or self.until:
            return f"{self.since or 'start'}-to-{self.until or 'end'}"
        return "all"


EVERYTHING = Period(None, None, "every notice loaded")


def financial_year(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)


def quarter_of(year: int, quarter: int) -> tuple[date, date]:
    """The financial year's quarter: Q1 April to June ... Q4 January to March."""
    month = 4 + 3 * (quarter - 1)
    start = date(year + (month > 12), (month - 1) % 12 + 1, 1)
    following = date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
    return start, following - timedelta(days=1)


def financial_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def period(
    year: int | None = None,
    quarter: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> tuple[Period | None, dict[str, str]]:
    """The period asked for, or None and what is wrong, by field. A financial year (with a quarter
    or not) or dates, not both; nothing: every release loaded."""
    errors: dict[str, str] = {}
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = (
            f"Choose a financial year from {fy_label(FIRST_YEAR)} to {fy_label(LAST_YEAR)}"
        )
    if quarter is not None and quarter not in QUARTER_MONTHS:
        errors["quarter"] = "Choose a quarter from 1 (April to June) to 4 (January to March)"
    elif quarter is not None and year is None:
        errors["quarter"] = "Choose the financial year of the quarter too"
    for name, day in (("since", since), ("until", until)):
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            errors[name] = f"Enter a date from {_words(EARLIEST_DATE)} to {_words(LATEST_DATE)}"
    if year is not None and (since or until):
        errors.setdefault("since", "Choose either a financial year or dates from and to, not both")
    if since and until and since > until and "since" not in errors and "until" not in errors:
        errors["until"] = "The date to must be the same as or after the date from"
    if errors:
        return None, errors
    if year is not None and quarter is not None:
        start, end = quarter_of(year, quarter)
        return Period(start, end, quarter_label(year, quarter), year, quarter), {}
    if year is not None:
        start, end = financial_year(year)
        return Period(start, end, f"financial year {fy_label(year)}", year), {}
    if since and until:
        return Period(since, until, f"{_words(since)} to {_words(until)}"), {}
    if since:
        return Period(since, None, f"from {_words(since)}"), {}
    if until:
        return Period(None, until, f"up to {_words(until)}"), {}
    return EVERYTHING, {}


@dataclass(frozen=True)
class Quarter:
    year: int
    quarter: int
    start: date
    end: date

    @property
    def label(self) -> str:
        return quarter_label(self.year, self.quarter)


def quarters(since: date, until: date, most: int = MOST_QUARTERS) -> list[Quarter]:
    """The financial quarters from the one holding `since` to the one holding `until`, oldest
    first; the latest `most` of them when there are more."""
    if since > until:
        return []
    found: list[Quarter] = []
    year = financial_year_of(since)
    quarter = (since.month - 4) % 12 // 3 + 1
    while True:
        start, end = quarter_of(year, quarter)
        if start > until:
            break
        found.append(Quarter(year, quarter, start, end))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found[-most:]
