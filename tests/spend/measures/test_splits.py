"""Spend by size and sector (spend/measures/splits.py). Pure."""

import polars as pl
import pytest

from spend.measures import by_sector
from tests.spend.measures.frames import PLACED, frame


def test_sector_split_with_withheld_names_and_not_known_apart():
    withheld = frame([(500.0, 9, None, *[None] * 8)]).with_columns(is_redacted=pl.lit(True))
    split = {row["sector"]: row for row in by_sector(pl.concat([frame(PLACED), withheld]))}
    assert split["Public sector"]["spend"] == 200.0
    assert split["Private sector"]["spend"] == 500.0 and split["Private sector"]["suppliers"] == 2
    assert split["Individual or name withheld"]["spend"] == 500.0
    assert split["Sector not known"]["spend"] == 300.0
    assert split["Third sector (charities, social enterprises)"]["spend"] == 0.0
    assert sum(row["share"] for row in split.values()) == pytest.approx(1.0)
