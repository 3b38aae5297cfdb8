"""Financial quarters in words, from the ledger's quarter keys. Pure."""

from __future__ import annotations

from core.formatting import quarter_label as in_words


def quarter_label(key: str) -> str:
    """A financial quarter's key ("2024-Q1": financial year 2024-25, quarter 1) in words:
    "Q1 2024-25 (April to June 2024)" (core.formatting.quarter_label)."""
    year, quarter = key.split("-Q")
    return in_words(int(year), int(quarter))
