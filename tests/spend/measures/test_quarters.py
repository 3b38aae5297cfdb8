"""Financial quarters in words (spend/measures/quarters.py). Pure."""

import pytest

from spend.measures import quarter_label


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("2024-Q1", "Q1 2024-25 (April to June 2024)"),
        ("2024-Q2", "Q2 2024-25 (July to September 2024)"),
        ("2024-Q3", "Q3 2024-25 (October to December 2024)"),
        ("2024-Q4", "Q4 2024-25 (January to March 2025)"),
        ("1999-Q4", "Q4 1999-00 (January to March 2000)"),
    ],
)
def test_financial_quarters_in_words(key, label):
    assert quarter_label(key) == label


def test_a_quarter_out_of_range_is_refused():
    with pytest.raises(ValueError, match="quarters 1 to 4"):
        quarter_label("2024-Q5")
