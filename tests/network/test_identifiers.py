"""Identifier normalisation: pure functions, no database."""

import pytest

from network.identifiers import (
    normalise_charity_number,
    normalise_company_number,
    normalise_ppon,
    normalise_vat_number,
    vat_checksum_ok,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01234567", "01234567"),
        ("1234567", "01234567"),  # leading zero dropped by a spreadsheet
        ("  123 456 ", "00123456"),
        ("sc12345", "SC012345"),
        ("SC012345", "SC012345"),
        ("NI 000123", "NI000123"),
        ("OC301234", "OC301234"),
        ("R0123456", "R0123456"),
        ("GB-COH-09876543", "09876543"),
    ],
)
def test_company_numbers_are_padded_and_upper_cased(raw, expected):
    assert normalise_company_number(raw) == expected


@pytest.mark.parametrize("raw", ["", "00000000", "123456789", "SC1234567", "ABC123", "12-AB"])
def test_bad_company_numbers_say_what_is_wrong(raw):
    with pytest.raises(ValueError, match="Companies House number"):
        normalise_company_number(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1123456", "1123456"),
        ("212345", "212345"),
        ("1123456-1", "1123456-1"),
        ("sc 012345", "SC012345"),
        ("SC12345", "SC012345"),
        ("NIC100002", "NIC100002"),
        ("GB-CHC-1123456", "1123456"),
    ],
)
def test_charity_numbers(raw, expected):
    assert normalise_charity_number(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "SCX", "NIC2", "charity"])
def test_bad_charity_numbers(raw):
    with pytest.raises(ValueError):
        normalise_charity_number(raw)


def test_vat_check_digits():
    # HMRC's published test number GB 999 9999 73 passes the modulus 97 test.
    assert vat_checksum_ok("999999973")
    assert not vat_checksum_ok("999999974")
    assert normalise_vat_number("gb 999 9999 73") == "GB999999973"
    assert normalise_vat_number("999999973000") == "GB999999973000"  # branch trader suffix
    assert normalise_vat_number("GBGD123") == "GBGD123"  # government department


def test_vat_number_with_a_typing_error_is_refused():
    with pytest.raises(ValueError, match="check-digit"):
        normalise_vat_number("GB999999974")
    with pytest.raises(ValueError, match="9 or 12 digits"):
        normalise_vat_number("GB1234")


def test_ppon_is_grouped():
    assert normalise_ppon("pabc1234defg") == "PABC-1234-DEFG"
    assert normalise_ppon("GB-PPON-PABC-1234-DEFG") == "PABC-1234-DEFG"
    with pytest.raises(ValueError, match="PPON"):
        normalise_ppon("X123")
