"""Amounts, dates and redacted names as publishers write them (pure functions, no database)."""

from datetime import date
from decimal import Decimal

import pytest

from spend.rows import company_number
from spend.values import ValueProblem, is_redacted, parse_amount, parse_date


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1234.56", "1234.56"),
        ("£1,234.56", "1234.56"),
        ('"2,552.50 "'.strip('"'), "2552.50"),
        ("4.50 ", "4.50"),
        ("(12.50)", "-12.50"),
        ("-1,500.00", "-1500.00"),
        ("12.50-", "-12.50"),
        ("12.50 CR", "-12.50"),
        ("£-5", "-5"),
        ("\ufffd500", "500"),  # a pound sign read in the wrong encoding
        (".5", "0.5"),
    ],
)
def test_amounts(text, amount):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "abc", "1e5", "12.3.4", "NaN", "Infinity", "--5x"])
def test_what_is_not_an_amount_says_so(text):
    with pytest.raises(ValueProblem):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("01/11/2017", date(2017, 11, 1), "day"),
        ("1/2/2013", date(2013, 2, 1), "day"),
        ("2021-09-01", date(2021, 9, 1), "day"),
        ("2025-03-31T00:00:00", date(2025, 3, 31), "day"),
        ("16-Jan-2013", date(2013, 1, 16), "day"),
        ("20-Dec-13", date(2013, 12, 20), "day"),
        ("3 March 2021", date(2021, 3, 3), "day"),
        ("44927", date(2023, 1, 1), "day"),  # Excel serial
        ("Apr-24", date(2024, 4, 1), "month"),
        ("April 2024", date(2024, 4, 1), "month"),
        ("2024-04", date(2024, 4, 1), "month"),
        ("201310", date(2013, 10, 1), "month"),
        ("Q1 2024/25", date(2024, 4, 1), "quarter"),
        ("Q4 2024/25", date(2025, 1, 1), "quarter"),
    ],
)
def test_dates(text, day, precision):
    assert parse_date(text) == (day, precision)


@pytest.mark.parametrize("text", ["", "31/02/2020", "yesterday", "13/13/2013", "99999999"])
def test_what_is_not_a_date_says_so(text):
    with pytest.raises(ValueProblem):
        parse_date(text)


@pytest.mark.parametrize(
    ("name", "redacted"),
    [
        ("Redacted Personal Information", True),
        ("REDACTED", True),
        ("REDACTED - Personal Information", True),
        ("REDCATED PERSONAL DATA", True),
        ("REDACTED COMMERCIAL CONFIDENTIALITY", True),
        ("Private individual", True),
        ("Redactive Events Ltd", False),
        ("Individual Solutions Ltd", False),
        ("Acme Ltd", False),
    ],
)
def test_redacted_names(name, redacted):
    assert is_redacted(name) is redacted


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1234567", "01234567"),
        ("SC123456", "SC123456"),
        ("ni 12345", "NI012345"),
        ("N/A", ""),
        ("OC301234", "OC301234"),
        ("01234567", "01234567"),
    ],
)
def test_company_numbers_are_made_comparable(text, number):
    assert company_number(text) == number
