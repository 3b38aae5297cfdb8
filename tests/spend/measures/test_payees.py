"""The payees behind the figures (spend/measures/payees.py). Pure."""

import pytest

from spend.measures import unplaced
from tests.spend.measures.frames import PLACED, frame


def test_the_largest_unplaced_payees_first():
    rows = [*PLACED, (50.0, 5, "private", *[None] * 8), (300.0, 4, None, *[None] * 8)]
    found = unplaced(frame(rows), limit=10)
    assert [row["payee_id"] for row in found] == [4, 5]
    assert found[0]["spend"] == 600.0 and found[0]["payments"] == 2
    assert found[0]["share"] == pytest.approx(600 / 1350)
