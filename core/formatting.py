"""Money, shares and financial years in words, the one way every page, table and command writes
them. Pure."""

from __future__ import annotations

from decimal import Decimal


def pounds(value, pence: bool = False) -> str:
    """£1,234 (or £1,234.56 with pence); a negative amount as -£1,234."""
    number = float(value) if not isinstance(value, int | Decimal) else value
    shown = f"£{abs(number):,.2f}" if pence else f"£{abs(number):,.0f}"
    return f"-{shown}" if number < 0 else shown


def signed_pounds(value) -> str:
    """£1,234 or -£1,234; "-" for a value that is not a number."""
    try:
        return pounds(float(value))
    except (TypeError, ValueError):
        return "-"


def pounds_in_words(amount: Decimal | None) -> str:
    """£950,000 or £1.2 million (whole millions without ".0"); "" when not known."""
    if amount is None:
        return ""
    if amount >= 1_000_000:
        return f"£{amount / 1_000_000:,.1f} million".replace(".0 million", " million")
    return f"£{amount:,.0f}"


def fy_label(year: int) -> str:
    """The financial year starting in April of `year`: 2023 → "2023-24"."""
    return f"{year}-{(year + 1) % 100:02d}"


QUARTER_MONTHS = ("April to June", "July to September", "October to December", "January to March")


def quarter_label(year: int, quarter: int) -> str:
    """A quarter of the financial year starting in April of `year`, in words, the one way every
    page, table, download and command names it: (2025, 1) → "Q1 2025-26 (April to June 2025)";
    Q4 is January to March of the next calendar year."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"No quarter {quarter}: a financial year has quarters 1 to 4")
    calendar = year + 1 if quarter == 4 else year
    return f"Q{quarter} {fy_label(year)} ({QUARTER_MONTHS[quarter - 1]} {calendar})"
