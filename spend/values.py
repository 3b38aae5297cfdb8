"""Reading the values of a payment file: amounts, dates and redacted names, as publishers write them.
Pure: no database, no files."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

# Excel counts days from 1899-12-30 (the 1900 leap-year bug included).
EXCEL_EPOCH = date(1899, 12, 30)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


class ValueProblem(ValueError):
    """A cell that cannot be read as what its column holds; the message says why."""


_AMOUNT_JUNK = re.compile(r"[£$€\s,]|GBP|gbp")


def parse_amount(text: str) -> Decimal:
    """'£1,234.56' → 1234.56; '(12.50)', '-12.50', '12.50-' and '12.50 CR' → -12.50."""
    raw = (text or "").strip()
    if not raw:
        raise ValueProblem("the amount is empty")
    value = raw.replace("\u00a3", "").replace("\ufffd", "")  # £, and £ read in the wrong encoding
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1]
    if value.upper().endswith(("CR", "DR")):
        negative, value = value.upper().endswith("CR"), value[:-2]
    value = _AMOUNT_JUNK.sub("", value)
    if value.endswith("-"):
        negative, value = not negative, value[:-1]
    if value.startswith("-"):
        negative, value = not negative, value[1:]
    value = value.removeprefix("+")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueProblem(f"{raw!r} is not an amount") from None
    if not amount.is_finite() or not re.fullmatch(r"\d+(\.\d+)?|\.\d+", value):
        raise ValueProblem(f"{raw!r} is not an amount")
    return -amount if negative else amount


def parse_optional_amount(text: str) -> Decimal | None:
    """For columns such as irrecoverable VAT: empty, 'N/A' or '-' mean no amount."""
    if (text or "").strip().upper() in ("", "N/A", "NA", "-", "NONE", "NIL"):
        return None
    return parse_amount(text)


_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$")
_NAMED_MONTH = re.compile(r"(\d{1,2})[\s\-/]([A-Za-z]{3,9})[\s\-/,]+(\d{2}|\d{4})$")
_MONTH_PERIOD = re.compile(r"([A-Za-z]{3,9})[\s\-/]+(\d{2}|\d{4})$")
_YEAR_MONTH = re.compile(r"(\d{4})[-/]?(\d{2})$")
_QUARTER = re.compile(r"Q([1-4])\s*(\d{4})(?:\s*/\s*(\d{2}|\d{4}))?$", re.IGNORECASE)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _day(year: int, month: int, day: int, raw: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem(f"{raw!r} is not a date") from None


def parse_date(text: str) -> tuple[date, str]:
    """A payment date and its precision ("day", "month" or "quarter").

    dd/mm/yyyy (the UK order; also with - or .), yyyy-mm-dd, 16-Jan-2013, Excel serial numbers,
    month periods (Apr-24, April 2024, 2024-04, 202404) and quarters (Q1 2024/25, UK financial
    quarters: Q1 is April to June) — a period is dated on its first day.
    """
    raw = (text or "").strip()
    if not raw:
        raise ValueProblem("the date is empty")
    if match := _ISO.match(raw):
        return _day(int(match[1]), int(match[2]), int(match[3]), raw), "day"
    if match := _DAY_FIRST.match(raw):
        return _day(_year(match[3]), int(match[2]), int(match[1]), raw), "day"
    if match := _NAMED_MONTH.match(raw):
        month = _MONTHS.get(match[2].lower())
        if month:
            return _day(_year(match[3]), month, int(match[1]), raw), "day"
    if re.fullmatch(r"\d{5}(\.\d+)?", raw):
        serial = float(raw)
        if 20_000 <= serial <= 80_000:  # 1954 to 2119: a plausible spreadsheet date
            return EXCEL_EPOCH + timedelta(days=int(serial)), "day"
    if match := _MONTH_PERIOD.match(raw):
        month = _MONTHS.get(match[1].lower())
        if month:
            return _day(_year(match[2]), month, 1, raw), "month"
    if match := _YEAR_MONTH.match(raw):
        year, month = int(match[1]), int(match[2])
        if 1990 <= year <= 2100 and 1 <= month <= 12:
            return date(year, month, 1), "month"
    if match := _QUARTER.match(raw):
        quarter, year = int(match[1]), int(match[2])
        month = (quarter * 3 + 1) % 12 or 12  # Q1 April, Q2 July, Q3 October, Q4 January
        return date(year + 1 if quarter == 4 else year, month, 1), "quarter"
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueProblem(f"{raw!r} is not a date this importer knows") from None
    return parsed.date(), "day"


_REDACTED = re.compile(
    r"^\W*(redacted|redcated|withheld|personal (data|information)|data protection)\b",
    re.IGNORECASE,
)
_REDACTED_NAMES = {
    "",
    "-",
    "n/a",
    "individual",
    "private individual",
    "confidential",
    "not disclosed",
    "name withheld",
    "sensitive",
}


def is_redacted(supplier_name: str) -> bool:
    """'Redacted Personal Information', 'REDACTED', 'REDCATED PERSONAL DATA' (sic), 'Private
    individual': not a supplier's name. 'Redactive Events Ltd' and 'Individual Solutions Ltd' are."""
    name = (supplier_name or "").strip()
    return bool(_REDACTED.match(name)) or name.lower() in _REDACTED_NAMES
