"""Leakage, per ring (the `flag` is a ring's column: the anchor's own authority by default, or any
ring it chose, such as East Birmingham): the categories with most spend with suppliers known to
be outside the ring, and the suppliers in the ring in each, the first candidates to bring that
spend home. Pure."""

from __future__ import annotations

import polars as pl

from spend.measures.payments import analysed


def leaking_categories(
    payments: pl.DataFrame, flag: str = "operational_local", limit: int = 10
) -> list[dict]:
    """The categories with the most analysed spend with suppliers known to be outside the area,
    each with its spend, the spend outside and the spend whose supplier's place is not known."""
    frame = analysed(payments).filter(pl.col("category") != "")
    grouped = (
        frame.group_by("category")
        .agg(
            pl.col("amount").sum().alias("category_spend"),
            pl.col("amount").filter(pl.col(flag) == False).sum().alias("outside"),  # noqa: E712
            pl.col("amount").filter(pl.col(flag).is_null()).sum().alias("not_known"),
        )
        .filter(pl.col("outside") > 0)
        .sort(["outside", "category"], descending=[True, False])
        .head(limit)
    )
    return [
        {
            **row,
            "outside_share": row["outside"] / row["category_spend"]
            if row["category_spend"]
            else None,
        }
        for row in grouped.iter_rows(named=True)
    ]


def with_local_suppliers(
    categories: list[dict], local_suppliers: pl.DataFrame, per_category: int = 5
) -> list[dict]:
    """Each leaking category with the first local suppliers registered in it."""
    return [
        {
            **row,
            "local_suppliers": local_suppliers.filter(pl.col("category") == row["category"])
            .head(per_category)
            .select("supplier", "evidence")
            .to_dicts(),
        }
        for row in categories
    ]
