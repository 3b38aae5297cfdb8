"""The payments table the measures read, made whole. Pure.

The table has one row per payment, or per group of payments alike in every column below (then
`amount` is their sum): amount (float, net of VAT), payments (how many), is_redacted (bool),
payee_id (who the file names, or null), supplier_key and supplier (who was paid: the register
entry, else the name as written), category, sector (a `Sector`, or null: not known),
deprivation_level ("LSOA" when deprivation was judged for the supplier's postcode, else null), and
the flags registered_local, operational_local, in_combined_authority, in_region, in_uk, is_sme,
is_vcse, in_deprived_area (bool or null: null means not known).
"""

from __future__ import annotations

from typing import Literal

import polars as pl

FLAGS = (
    "registered_local",
    "operational_local",
    "in_combined_authority",
    "in_region",
    "in_uk",
    "is_sme",
    "is_vcse",
    "in_deprived_area",
)
Sector = Literal["public", "private", "third", "individual"]
# Columns the measures read beyond the flags, with their value when a table lacks them.
OPTIONAL = {
    "payee_id": pl.Int64,
    "sector": pl.String,
    "deprivation_level": pl.String,
    "category": pl.String,
}
FINEST_LEVEL = "LSOA"


def conform(payments: pl.DataFrame) -> pl.DataFrame:
    """The table with every column the measures read (a missing flag or optional column as not
    known), and
    deprivation counted only where it was judged at the finest level (LSOA): a flag set for a
    whole local authority would count every supplier of a deprived borough."""
    wanted = OPTIONAL | dict.fromkeys(FLAGS, pl.Boolean)
    frame = payments.with_columns(
        (pl.col(n) if n in payments else pl.lit(None)).cast(kind).alias(n)
        for n, kind in wanted.items()
    )
    return frame.with_columns(
        in_deprived_area=pl.when(pl.col("deprivation_level") == FINEST_LEVEL)
        .then(pl.col("in_deprived_area"))
        .otherwise(None)
    )


def analysed(payments: pl.DataFrame) -> pl.DataFrame:
    """Payments that count for supplier measures: not redacted (no supplier to judge)."""
    return conform(payments).filter(~pl.col("is_redacted"))


def deprivation_level(payments: pl.DataFrame) -> str | None:
    """The finest level deprivation was judged at for any analysed payee ("LSOA"), else None."""
    frame = analysed(payments)
    return FINEST_LEVEL if (frame["deprivation_level"] == FINEST_LEVEL).any() else None
