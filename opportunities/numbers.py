"""Numbers in OCDS data that do not fit a double (or a 64-bit integer), and what they mean.

Find a Tender publishes `1e9999` for "no limit": as a JSON number (`maximumLotsBidPerSupplier`,
`maximumParticipants`) and as the text "1e9999" (`tender.tenderPeriod.durationInDays`). Python's
float would make such a number `inf`, which JSON cannot carry (orjson writes null, PostgreSQL jsonb
refuses Infinity), and PostgreSQL's jsonb would keep 1e9999 as a numeric that it gives back as
10,000 digits, more than Python reads as an integer. So a number that does not fit is kept as the
text of the number ("1e9999": the published value exactly, as a JSON string), which every layer
stores and gives back unchanged (decision 0016), and the release carries a data-quality warning
saying so. `is_no_limit` tells "no limit" apart, whichever of the two forms was published.

Pure: no database, no I/O.
"""

from __future__ import annotations

import math
import re
import sys
from decimal import Decimal

# Integers orjson writes and reads as they are (beyond these it refuses them).
INT_MIN, INT_MAX = -(2**63), 2**64 - 1
DOUBLE_MAX = sys.float_info.max
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def fit(value):
    """A number as the tolerant reader gives it (int, or Decimal for anything with a fraction or
    an exponent): an int or float that every layer keeps exactly, or, when it does not fit, the
    text of the number (a str). Returns (value, True when it did not fit)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return value, False
    if isinstance(value, int):
        if INT_MIN <= value <= INT_MAX:
            return value, False
        return str(value), True  # at most 4,300 digits: the reader refuses longer ones
    number = float(value)
    if math.isinf(number) or (number == 0 and value != 0):
        return number_text(value), True
    return number, False


def number_text(value: Decimal) -> str:
    """The shortest usual spelling of a Decimal: 1e9999 (not 1E+9999), -2.5e-400."""
    text = str(value)
    mantissa, _, exponent = text.partition("E")
    if not exponent:
        return text
    return f"{mantissa}e{int(exponent)}"


def is_no_limit(value) -> bool:
    """True for a published "no limit": a number too large for a double (1e9999), as the number
    or as its text, in any spelling (1e9999, 1E+9999, "1e9999", a float inf). Negative infinity,
    ordinary numbers, other text and None are not "no limit"."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, float):
        return value == math.inf
    if isinstance(value, int):
        return value > DOUBLE_MAX
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 10_000 or not _JSON_NUMBER.fullmatch(text):
            return False
        try:
            value = Decimal(text)
        except ArithmeticError:  # an exponent too long for Decimal: its sign decides
            exponent = text.lower().partition("e")[2]
            return not text.startswith("-") and not exponent.startswith("-")
    if isinstance(value, Decimal):
        return value.is_finite() and value > 0 and math.isinf(float(value))
    return False


def is_number_text(value) -> bool:
    """A string that spells a JSON number (how a number that did not fit is kept)."""
    return isinstance(value, str) and len(value) <= 10_000 and bool(_JSON_NUMBER.fullmatch(value))
