"""The registry of measures (spend/measures/registry.py): every measure at once, grouped by a
column, each explained. Pure."""

import polars as pl
import pytest

from spend.measures import MEASURES, by, report
from tests.spend.measures.frames import ROWS, frame, payments


def test_by_anchor_and_credit_notes():
    split = by(payments(ROWS), "anchor")
    assert split["B"]["total_spend"] == 200.0 and split["B"]["vcse_share"] == 1.0
    assert split["A"]["total_spend"] == 1000.0


def test_every_measure_explains_how_it_is_calculated():
    for measure in MEASURES.values():
        assert len(measure.how) > 40 and measure.label


def test_a_network_total_pools_payments_rather_than_averaging_shares():
    big = frame([(900.0, 1, "private", *[True] * 8)]).with_columns(anchor=pl.lit("A"))
    small = frame([(100.0, 2, "private", *[False] * 8)]).with_columns(anchor=pl.lit("B"))
    both = pl.concat([big, small])
    split = by(both, "anchor")
    average = (split["A"]["uk_share"] + split["B"]["uk_share"]) / 2
    assert report(both)["uk_share"] == pytest.approx(0.9) != pytest.approx(average)
