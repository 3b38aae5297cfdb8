"""The payees behind the figures: the largest whose place is not known (placing them first raises
the coverage most) and the top suppliers with what is known of each. Pure."""

from __future__ import annotations

import polars as pl

from spend.measures.payments import analysed


def unplaced(payments: pl.DataFrame, limit: int = 10) -> list[dict]:
    """The payees with the most analysed spend whose place is not known (each payee as its files
    name it), with their spend and its share of analysed spend: placing these first raises the
    coverage most."""
    frame = analysed(payments)
    total = float(frame["amount"].sum() or 0.0)
    key = pl.coalesce(pl.col("payee_id").cast(pl.String), pl.col("supplier_key"))
    rows = (
        frame.filter(pl.col("in_uk").is_null())
        .group_by(key.alias("key"))
        .agg(
            pl.col("payee_id").first(),
            pl.col("supplier").first(),
            pl.col("sector").first(),
            pl.col("amount").sum().alias("spend"),
            pl.col("payments").sum(),
        )
        .sort(["spend", "supplier"], descending=[True, False])
        .head(limit)
    )
    return [
        {**row, "share": row["spend"] / total if total else None}
        for row in rows.drop("key").iter_rows(named=True)
    ]


def top_suppliers(payments: pl.DataFrame, limit: int = 20) -> pl.DataFrame:
    """The suppliers with the most analysed spend, with what is known of each: whether it is local
    (operating in the anchor's area), in the WMCA area, an SME (or not known) and a VCSE."""
    frame = analysed(payments)
    total = frame["amount"].sum() or 0.0
    return (
        frame.group_by("supplier_key")
        .agg(
            pl.col("supplier").first(),
            pl.col("amount").sum().alias("spend"),
            pl.col("payments").sum(),
            *(pl.col(flag).first() for flag in ("operational_local", "in_combined_authority")),
            pl.col("is_sme").first(),
            pl.col("is_vcse").first(),
        )
        .with_columns((pl.col("spend") / total if total else pl.lit(None)).alias("share"))
        .sort(["spend", "supplier"], descending=[True, False])
        .head(limit)
        .drop("supplier_key")
    )
