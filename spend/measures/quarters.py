"""Financial quarters in words. Pure."""

from __future__ import annotations

_MONTHS = ("April–June", "July–September", "October–December", "January–March")


def quarter_label(key: str) -> str:
    """A financial quarter's key ("2024-Q1": financial year 2024-25, quarter 1) in words:
    "Q1 2024-25 (April–June 2024)". Q1 is April to June, Q4 January to March of the next year."""
    year, quarter = key.split("-Q")
    start, number = int(year), int(quarter)
    if not 1 <= number <= 4:
        raise ValueError(f"No quarter {number}: a financial year has quarters 1 to 4")
    calendar = start + 1 if number == 4 else start
    return f"Q{number} {start}-{(start + 1) % 100:02d} ({_MONTHS[number - 1]} {calendar})"
