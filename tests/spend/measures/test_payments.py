"""The payments table the measures read, made whole (spend/measures/payments.py): missing flags
and optional columns as not known, deprivation only where judged by LSOA, withheld names left
out of analysed spend. Pure."""

import polars as pl

from spend.measures.payments import (
    FINEST_LEVEL,
    FLAGS,
    OPTIONAL,
    analysed,
    conform,
    deprivation_level,
)
from tests.spend.measures.frames import PLACED, ROWS, frame, payments


def test_missing_flags_and_optional_columns_are_added_as_not_known():
    bare = pl.DataFrame({"amount": [10.0], "is_redacted": [False], "is_sme": [True]})
    whole = conform(bare)
    for name, kind in (OPTIONAL | dict.fromkeys(FLAGS, pl.Boolean)).items():
        assert whole.schema[name] == kind, name
    row = whole.row(0, named=True)
    assert row["is_sme"] is True  # what the table has is kept
    assert all(row[flag] is None for flag in FLAGS if flag != "is_sme")
    assert row["payee_id"] is None and row["sector"] is None and row["category"] is None
    assert whole["amount"].to_list() == [10.0]


def test_columns_present_are_cast_to_their_kind():
    table = pl.DataFrame({"amount": [1.0], "is_redacted": [False], "payee_id": [7]})
    assert conform(table.with_columns(pl.col("payee_id").cast(pl.Int32))).schema["payee_id"] == (
        pl.Int64
    )


def test_deprivation_counts_only_where_judged_at_the_finest_level():
    rows = pl.DataFrame(
        {
            "amount": [1.0, 2.0, 3.0],
            "is_redacted": [False, False, False],
            "in_deprived_area": [True, True, False],
            "deprivation_level": [FINEST_LEVEL, "LAD", FINEST_LEVEL],
        }
    )
    assert conform(rows)["in_deprived_area"].to_list() == [True, None, False]
    # without a level at all, deprivation is not known anywhere
    assert conform(rows.drop("deprivation_level"))["in_deprived_area"].to_list() == [
        None,
        None,
        None,
    ]


def test_analysed_payments_leave_out_withheld_names():
    table = payments(ROWS)
    assert table.height == 6
    kept = analysed(table)
    assert kept.height == 5
    assert not kept["is_redacted"].any()
    assert kept["amount"].sum() == 1200.0


def test_the_level_deprivation_was_judged_at():
    assert deprivation_level(frame(PLACED, level="LSOA")) == "LSOA"
    assert deprivation_level(frame(PLACED)) is None
    assert deprivation_level(frame(PLACED, level="LAD")) is None
    # judged only for a withheld payee: not for any analysed one
    withheld = frame(PLACED[:1], level="LSOA").with_columns(is_redacted=pl.lit(True))
    assert deprivation_level(withheld) is None
