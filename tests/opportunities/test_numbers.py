"""Numbers that do not fit a double, and "no limit" (pure, no database)."""

import math
from decimal import Decimal

import pytest

from opportunities.numbers import fit, is_no_limit, is_number_text, number_text


@pytest.mark.parametrize(
    "value",
    [
        "1e9999",
        " 1E+9999 ",
        "1e99999999999999999999",
        Decimal("1e9999"),
        float("inf"),
        10**400,
    ],
)
def test_no_limit_in_each_published_form(value):
    assert is_no_limit(value)


@pytest.mark.parametrize(
    "value",
    [
        "-1e9999",
        Decimal("-1e9999"),
        float("-inf"),
        float("nan"),
        1e308,
        2**70,
        "5",
        "unlimited",
        "1e9999 days",
        "",
        None,
        True,
        [],
        {},
    ],
)
def test_anything_else_is_not_no_limit(value):
    assert not is_no_limit(value)


def test_numbers_that_fit_stay_numbers_and_others_become_their_text():
    assert fit(Decimal("1.5")) == (1.5, False) and fit(7) == (7, False)
    assert fit(2**64 - 1) == (2**64 - 1, False) and fit(-(2**63)) == (-(2**63), False)
    assert fit(Decimal("1E+9999")) == ("1e9999", True)
    assert fit(Decimal("1e-9999")) == ("1e-9999", True)  # would become 0.0
    assert fit(2**64) == (str(2**64), True)
    assert fit(Decimal("0.0")) == (0.0, False)
    assert fit("1e9999") == ("1e9999", False)  # text is not touched


def test_the_text_of_a_number_is_a_json_number_of_the_same_value():
    for text in ("1e9999", "-2.5e-400", "12345678901234567890123"):
        kept = number_text(Decimal(text))
        assert is_number_text(kept) and Decimal(kept) == Decimal(text)
    assert number_text(Decimal("1E+9999")) == "1e9999"
    assert not is_number_text("1e") and not is_number_text("01") and not is_number_text(math.pi)
