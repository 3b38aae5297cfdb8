"""The Polars expressions the measures are built of (spend/measures/expressions.py): a share over
analysed, known and addressable spend, none rather than zero when nothing is known. Pure."""

import polars as pl
import pytest

from spend.measures.expressions import (
    ADDRESSABLE,
    TOTAL,
    addressable_share,
    known,
    known_share,
    over,
    ratio,
    share,
    true,
    unknown_share,
)

# amount, sector, flag
ROWS = [
    (400.0, "private", True),
    (100.0, "private", False),
    (200.0, "public", True),
    (300.0, None, None),
]


def table(rows=ROWS) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={"amount": pl.Float64, "sector": pl.String, "flag": pl.Boolean},
        orient="row",
    )


def figure(expression: pl.Expr, rows=ROWS):
    return table(rows).select(expression.alias("x"))["x"][0]


def test_total_and_over():
    assert figure(TOTAL) == 1000.0
    assert figure(over(pl.lit(1.0), pl.lit(4.0))) == 0.25
    # over nothing: no figure, not zero and not infinity
    assert figure(over(pl.lit(1.0), pl.lit(0.0))) is None
    assert figure(ratio(pl.lit(250.0))) == 0.25


def test_true_reads_not_known_as_false():
    assert table().select(true("flag"))["flag"].to_list() == [True, False, True, False]


def test_share_of_analysed_spend_counts_unknown_in_the_whole_only():
    assert figure(share("flag")) == pytest.approx(0.6)  # (400 + 200) / 1000
    assert figure(known_share("flag")) == pytest.approx(600 / 700)
    assert figure(unknown_share("flag")) == pytest.approx(0.3)
    assert figure(known("flag")) == pytest.approx(0.7)


def test_addressable_spend_leaves_out_public_bodies_and_keeps_unknown_sectors():
    assert table().select(ADDRESSABLE)["sector"].to_list() == [True, True, False, True]
    assert figure(addressable_share("flag")) == pytest.approx(400 / 800)


def test_a_flag_known_for_no_one_gives_no_share_rather_than_zero():
    unknown = [(100.0, "private", None), (50.0, "public", None)]
    assert figure(share("flag"), unknown) is None
    assert figure(addressable_share("flag"), unknown) is None
    assert figure(known_share("flag"), unknown) is None  # over no known spend
    assert figure(unknown_share("flag"), unknown) == 1.0
    assert figure(known("flag"), unknown) == 0.0


def test_a_flag_known_only_for_public_bodies_gives_no_addressable_share():
    rows = [(100.0, "public", True), (50.0, "private", None)]
    assert figure(addressable_share("flag"), rows) is None
    assert figure(share("flag"), rows) == pytest.approx(100 / 150)


def test_no_spend_at_all_gives_no_ratio():
    nothing = [(100.0, "private", True), (-100.0, "private", False)]  # a credit note cancels it
    assert figure(TOTAL, nothing) == 0.0
    assert figure(share("flag"), nothing) is None
    assert figure(known("flag"), nothing) is None
    assert figure(known_share("flag"), nothing) is None
