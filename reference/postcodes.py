"""UK postcodes in one written form. Pure functions: no database.

`normalise_postcode` returns the canonical form ("B1 1BB"), or raises ValueError with a message fit
to show a user. Here, low in the layers (docs/ARCHITECTURE.md), because geography, the registers,
the network's sites and the buyers' payment files all read postcodes.
"""

import re

# UK postcodes (BS 7666 shape), including the special case GIR 0AA.
_POSTCODE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y])[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(raw: str) -> str:
    value = re.sub(r"\s+", "", (raw or "").upper())
    if not value:
        raise ValueError("Enter a postcode")
    if not _POSTCODE.match(value):
        raise ValueError("Enter a real UK postcode, like B1 1BB")
    return f"{value[:-3]} {value[-3:]}"


def postcode_area(postcode: str) -> str:
    """The leading letters: 'B' for B1 1BB, 'CV' for CV1 5RR."""
    match = re.match(r"^[A-Z]+", postcode.upper())
    return match.group(0) if match else ""
