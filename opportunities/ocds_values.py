"""Values read from OCDS data as published: a dict, list, text, amount of money, date or number
where one is expected, else an empty one (publishers send every shape). Pure."""

from __future__ import annotations

import html
from datetime import datetime
from decimal import Decimal, InvalidOperation

from opportunities.validation import parse_date

MONEY_LIMIT = Decimal(10) ** 16  # the money columns hold 16 digits before the point


def as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def as_list(value) -> list:
    return value if isinstance(value, list) else []


def as_str(value) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def as_text(value) -> str:
    """Free text as published, with HTML entities (&apos; &amp;) some publishers leave in decoded."""
    return html.unescape(as_str(value))


def as_money(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    # "no limit" (1e9999) and amounts beyond any contract are kept in the release, not as money
    return amount if amount.is_finite() and abs(amount) < MONEY_LIMIT else None


def as_date(value) -> datetime | None:
    return parse_date(value) if isinstance(value, str) else None


def as_number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(as_str(value))
        except ValueError:
            return None
    return value if value == value and abs(value) != float("inf") else None


def documents_of(release: dict) -> list[dict]:
    tender, planning = as_dict(release.get("tender")), as_dict(release.get("planning"))
    found = as_list(tender.get("documents")) + as_list(planning.get("documents"))
    for part in ("awards", "contracts"):
        for entry in as_list(release.get(part)):
            found += as_list(as_dict(entry).get("documents"))
    return [d for d in found if isinstance(d, dict)]
