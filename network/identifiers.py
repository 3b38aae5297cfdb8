"""Normalise and check organisation identifiers. Pure functions: no database. (Postcodes:
reference/postcodes.py.)

Each `normalise_*` returns the canonical form, or raises ValueError with a message fit to show a user.
"""

import re

_SPACES = re.compile(r"[\s.\-/]+")


def _without_scheme(raw: str, *schemes: str) -> str:
    """Drop an org-id scheme prefix such as 'GB-COH-' that OCDS data puts before identifiers."""
    value = (raw or "").strip().upper()
    for scheme in schemes:
        if value.startswith(scheme):
            return value[len(scheme) :].lstrip("-: ")
    return value


# Companies House numbers: 8 characters; 8 digits for England and Wales companies, or a
# prefix (SC Scotland, NI Northern Ireland, OC LLP, ...) then digits. Publishers often drop
# leading zeros ("123456" for "00123456", "SC12345" for "SC012345").
_COMPANY_PREFIXED = re.compile(r"^([A-Z]{2})(\d{1,6})$")
_COMPANY_R_PREFIXED = re.compile(r"^(R)(\d{1,7})$")
_COMPANY_DIGITS = re.compile(r"^\d{1,8}$")


def normalise_company_number(raw: str) -> str:
    value = _SPACES.sub("", _without_scheme(raw, "GB-COH"))
    if not value:
        raise ValueError("Enter a Companies House number")
    if _COMPANY_DIGITS.match(value):
        if int(value) == 0:
            raise ValueError("A Companies House number cannot be all zeros")
        return value.zfill(8)
    for pattern in (_COMPANY_PREFIXED, _COMPANY_R_PREFIXED):
        match = pattern.match(value)
        if match:
            prefix, digits = match.groups()
            return prefix + digits.zfill(8 - len(prefix))
    raise ValueError(
        "Enter a Companies House number like 01234567, or with a prefix like SC123456 or OC301234"
    )


_CHARITY_EW = re.compile(r"^(\d{6,7})(-\d{1,2})?$")
_CHARITY_SC = re.compile(r"^SC0?(\d{5,6})$")
_CHARITY_NI = re.compile(r"^(?:NIC)?(1\d{5})$")


def normalise_charity_number(raw: str) -> str:
    """England and Wales (6-7 digits, optional -N for a linked charity), Scotland (SC0nnnnn),
    Northern Ireland (NIC1nnnnn)."""
    value = re.sub(r"\s+", "", _without_scheme(raw, "GB-CHC", "GB-SC", "GB-NIC"))
    if not value:
        raise ValueError("Enter a charity number")
    if value.startswith("SC"):
        match = _CHARITY_SC.match(value)
        if match:
            return "SC" + match.group(1).zfill(6)
    elif value.startswith("NIC"):
        match = _CHARITY_NI.match(value)
        if match:
            return "NIC" + match.group(1)
    else:
        match = _CHARITY_EW.match(value)
        if match:
            return value
    raise ValueError(
        "Enter a charity number like 1123456 (England and Wales), SC012345 (Scotland) "
        "or NIC100002 (Northern Ireland)"
    )


_VAT = re.compile(r"^(?:GB)?(\d{9}|\d{12}|GD\d{3}|HA\d{3})$")
_VAT_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


def vat_checksum_ok(nine_digits: str) -> bool:
    """HMRC's modulus 97 check (and the 97-55 variant used for numbers issued since 2010)."""
    total = sum(int(d) * w for d, w in zip(nine_digits[:7], _VAT_WEIGHTS, strict=True))
    total += int(nine_digits[7:9])
    return total % 97 == 0 or (total + 55) % 97 == 0


def normalise_vat_number(raw: str) -> str:
    value = _SPACES.sub("", (raw or "").upper())
    if not value:
        raise ValueError("Enter a VAT registration number")
    match = _VAT.match(value)
    if not match:
        raise ValueError("Enter a UK VAT number like GB123456789 (9 or 12 digits after GB)")
    number = match.group(1)
    if number[0].isdigit() and not vat_checksum_ok(number[:9]):
        raise ValueError(
            "This VAT number fails the HMRC check-digit test; check it for typing errors"
        )
    return "GB" + number


# The Central Digital Platform's Public Procurement Organisation Number. Its published form is
# 4 groups of 4 letters and digits starting with P (e.g. PABC-1234-DEFG): not verified against a
# specification, so we accept letters, digits and hyphens and keep what the user typed, upper-cased.
_PPON = re.compile(r"^P[A-Z0-9]{3}(-?[A-Z0-9]{4}){2}$")


def normalise_ppon(raw: str) -> str:
    value = re.sub(r"\s+", "", _without_scheme(raw, "GB-PPON"))
    if not value:
        raise ValueError("Enter a PPON")
    if not _PPON.match(value):
        raise ValueError(
            "Enter a PPON like PABC-1234-DEFG, as shown on the Central Digital Platform"
        )
    if "-" not in value:
        value = f"{value[:4]}-{value[4:8]}-{value[8:]}"
    return value
