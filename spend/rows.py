"""One source row → one payment, or the reason it cannot be one. Pure: no database."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from network.identifiers import normalise_company_number
from spend.values import ValueProblem, is_redacted, parse_amount, parse_date, parse_optional_amount

TEXT_LIMITS = {
    "supplier_name": 300,
    "company_number": 20,
    "charity_number": 20,
    "vat_number": 20,
    "supplier_ref": 100,
    "supplier_postcode": 12,
    "directorate": 300,
    "service_area": 300,
    "expense_type": 300,
    "category": 300,
    "category_code": 20,
    "transaction_ref": 100,
    "invoice_ref": 100,
    "description": 10_000,
}
SPREADSHEET_ERROR = re.compile(r"#(N/A|REF!|VALUE!|NAME\?|DIV/0!|NULL!|NUM!)", re.IGNORECASE)
# Our field names for the mapping's fields where they differ (the mapping speaks of "supplier_id").
MAPPED_AS = {"supplier_id": "supplier_ref"}


@dataclass
class PaymentRow:
    row_number: int
    payment_date: date
    date_precision: str
    amount: Decimal
    vat: Decimal | None
    text: dict[str, str]
    is_redacted: bool
    digest: str


class Rejected(Exception):
    """This row cannot be a payment; the message says why."""


def _cell(cells: list[str], mapping: dict[str, int], name: str) -> str:
    index = mapping.get(name)
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def company_number(text: str) -> str:
    """Companies House numbers made comparable (network/identifiers.py: leading zeros restored,
    SC/NI/OC prefixes kept); empty for 'N/A' and the like; as published when not recognisable."""
    value = re.sub(r"\s", "", text).upper()
    if value in ("", "N/A", "NA", "0", "-"):
        return ""
    try:
        return normalise_company_number(value)
    except ValueError:
        return value[:20]


# The first 128 bits of SHA-256, stored as a UUID: half the index of the full hex digest, which
# makes storing a million payments several seconds faster; two different rows of one buyer share
# one by chance with a probability of about n² / 2¹²⁹ (10⁻²⁷ for a million rows).
DIGEST_HEX = 32


def row_digest(cells: list[str], occurrence: int) -> str:
    """The same source row gives the same digest in every upload; identical rows within one file
    are told apart by their occurrence, so both are kept and a second upload adds neither."""
    content = "\x1f".join(cell.strip() for cell in cells).rstrip("\x1f")
    return hashlib.sha256(f"{content}\x1e{occurrence}".encode()).hexdigest()[:DIGEST_HEX]


def read_payment(
    cells: list[str], mapping: dict[str, int], row_number: int, occurrence: int = 0
) -> PaymentRow:
    """Raises Rejected with the reason when the row is not a payment."""
    amount_text = _cell(cells, mapping, "amount")
    others = [
        cell for index, cell in enumerate(cells) if cell.strip() and index != mapping["amount"]
    ]
    if amount_text and not others:
        raise Rejected("a totals row (only the amount is filled), not a payment")
    try:
        amount = parse_amount(amount_text)
    except ValueProblem as problem:
        raise Rejected(f"amount: {problem}") from None
    try:
        payment_date, precision = parse_date(_cell(cells, mapping, "payment_date"))
    except ValueProblem as problem:
        raise Rejected(f"payment date: {problem}") from None
    try:
        vat = parse_optional_amount(_cell(cells, mapping, "vat"))
    except ValueProblem as problem:
        raise Rejected(f"VAT: {problem}") from None
    text = {}
    for name in (*TEXT_LIMITS, "supplier_id"):
        if name == "supplier_ref":
            continue
        value = _cell(cells, mapping, name)
        text[MAPPED_AS.get(name, name)] = value
    redacted = is_redacted(text["supplier_name"])
    if not text["supplier_name"]:
        raise Rejected("supplier name: empty")
    if SPREADSHEET_ERROR.fullmatch(text["supplier_name"]):
        raise Rejected(
            f"supplier name: {text['supplier_name']!r} is a spreadsheet error, not a name"
        )
    text["company_number"] = company_number(text["company_number"])
    text["supplier_postcode"] = text["supplier_postcode"].upper()
    for name, limit in TEXT_LIMITS.items():
        text[name] = text[name][:limit]
    return PaymentRow(
        row_number,
        payment_date,
        precision,
        amount,
        vat,
        text,
        redacted,
        row_digest(cells, occurrence),
    )
