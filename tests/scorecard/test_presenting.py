"""How the pages show each indicator's figure: every unit an indicator may have is shown and
downloaded in a kind of its own."""

from typing import get_args

import pytest

from scorecard.indicators import INDICATORS
from scorecard.indicators.registry import Unit
from scorecard.presenting import KINDS, raw, shown


def test_every_unit_has_a_column_kind_and_every_indicator_a_known_unit():
    assert set(KINDS) == set(get_args(Unit))
    assert {item.unit for item in INDICATORS.values()} <= set(KINDS)


@pytest.mark.parametrize(
    ("value", "unit", "words"),
    [
        (0.125, "share", "12.5%"),
        (31.04, "days", "31.0 days"),
        (154.0, "count", "154"),
        (1.0, "yes_no", "Yes"),
        (0.0, "yes_no", "No"),
        (0.1234, "index", "0.123"),
        (None, "share", "No figure"),
    ],
)
def test_values_in_words(value, unit, words):
    assert shown(value, unit) == words


def test_values_as_tables_hold_them():
    assert raw(31.04, "days") == 31.0 and raw(153.6, "count") == 154 and raw(None, "days") is None
