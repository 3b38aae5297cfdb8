"""core/formatting.py: money and financial years in words. No database."""

from decimal import Decimal

import pytest

from core.formatting import fy_label, pounds, pounds_in_words, signed_pounds


@pytest.mark.parametrize(
    ("value", "pence", "shown"),
    [
        (1234, False, "£1,234"),
        (1234.5, True, "£1,234.50"),
        (Decimal("1234.56"), False, "£1,235"),
        (Decimal("1234.56"), True, "£1,234.56"),
        (-1234, False, "-£1,234"),
        ("1000000", False, "£1,000,000"),
        (0, True, "£0.00"),
    ],
)
def test_pounds(value, pence, shown):
    assert pounds(value, pence=pence) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [("12.6", "£13"), (-5, "-£5"), (None, "-"), ("not a number", "-")]
)
def test_signed_pounds_says_dash_for_what_is_not_a_number(value, shown):
    assert signed_pounds(value) == shown


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (None, ""),
        (Decimal(950000), "£950,000"),
        (Decimal(1000000), "£1 million"),
        (Decimal(1200000), "£1.2 million"),
        (Decimal(2000000), "£2 million"),
        (Decimal(12345678), "£12.3 million"),
    ],
)
def test_pounds_in_words(amount, words):
    assert pounds_in_words(amount) == words


@pytest.mark.parametrize(
    ("year", "label"), [(2023, "2023-24"), (2009, "2009-10"), (1999, "1999-00")]
)
def test_fy_label(year, label):
    assert fy_label(year) == label
