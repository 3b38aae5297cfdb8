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
