"""core/formatting.py: money and financial years in words. No database."""

from decimal import Decimal

import pytest

from core.formatting import fy_label, pounds, pounds_in_words, quarter_label, signed_pounds


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


@pytest.mark.parametrize(
    ("year", "quarter", "label"),
    [
        (2025, 1, "Q1 2025-26 (April to June 2025)"),
        (2025, 2, "Q2 2025-26 (July to September 2025)"),
        (2025, 3, "Q3 2025-26 (October to December 2025)"),
        (2025, 4, "Q4 2025-26 (January to March 2026)"),
        (1999, 4, "Q4 1999-00 (January to March 2000)"),
    ],
)
def test_a_financial_quarter_in_words(year, quarter, label):
    assert quarter_label(year, quarter) == label


@pytest.mark.parametrize("quarter", [0, 5])
def test_a_quarter_outside_the_financial_year_is_refused(quarter):
    with pytest.raises(ValueError, match="quarters 1 to 4"):
        quarter_label(2025, quarter)


def test_every_page_names_quarters_with_the_one_label():
    """The ledger's quarter keys and the scorecard's periods and trend say quarters the same way."""
    from datetime import date

    from scorecard.periods import period, quarters
    from spend.measures import quarter_label as ledger_label

    label = "Q3 2025-26 (October to December 2025)"
    assert ledger_label("2025-Q3") == label
    assert period(year=2025, quarter=3)[0].label == label
    assert quarters(date(2025, 11, 1), date(2025, 11, 2))[0].label == label
