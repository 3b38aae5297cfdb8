"""Indicators over the suppliers the buyer awarded: concentration of awarded value and suppliers
new to the buyer. A supplier is known by its first published identifier (Companies House number,
PPON...), else by its name in capitals. An award's value is shared equally among its suppliers.
Pure."""

from __future__ import annotations

import polars as pl

from scorecard.indicators.registry import Figure, indicator, share
from scorecard.notice_table import Tables

SUPPLIER = pl.coalesce(
    pl.col("supplier_ids").list.first(),
    pl.lit("name:") + pl.col("supplier_name").str.to_uppercase(),
)
CANCELLED = ["cancelled", "unsuccessful"]


def awarded(tables: Tables, in_period: bool = True) -> pl.DataFrame:
    """Each award (latest release per award and supplier) with its supplier key and its share of
    the award's value; cancelled and unsuccessful awards left out."""
    chosen = tables.awards.filter(pl.col("in_period")) if in_period else tables.awards
    return (
        chosen.filter(~pl.col("status").str.to_lowercase().is_in(CANCELLED))
        .with_columns(supplier=SUPPLIER)
        .sort("date", "release_id")
        .unique(["ocid", "award_id", "supplier"], keep="last", maintain_order=True)
        .with_columns(awarded=pl.col("value") / pl.col("suppliers_in_award"))
    )


@indicator(
    "supplier_concentration",
    "Concentration of awarded value (HHI)",
    unit="index",
    table="awards",
    better="lower",
)
def supplier_concentration(tables: Tables) -> Figure:
    """The Herfindahl-Hirschman index of the value awarded in the period: each supplier's share
    of the total awarded value, squared and summed, from 0 (spread over many suppliers) to 1 (all
    to one). Awards that give no value are left out; an award to several suppliers is shared
    equally among them."""
    valued = awarded(tables).filter(pl.col("awarded").is_not_null() & (pl.col("awarded") > 0))
    per = valued.group_by("supplier").agg(
        pl.col("supplier_name").first(), awarded=pl.col("awarded").sum()
    )
    total = float(per["awarded"].sum()) if per.height else 0.0
    if not total:
        return Figure(None, None, 0, per, "no award in the period gives a value")
    per = per.with_columns(share=pl.col("awarded") / total, counted=pl.lit(True)).sort(
        "awarded", descending=True
    )
    return Figure(float((per["share"] ** 2).sum()), None, per.height, per)


@indicator(
    "new_supplier_value_share",
    "Awarded value to suppliers new to the buyer",
    table="awards",
    better="higher",
)
def new_supplier_value_share(tables: Tables) -> Figure:
    """Of the value awarded in the period, the share awarded to suppliers the buyer had not
    awarded before the period in the notices loaded (a supplier is new when no earlier award of
    the buyer names it). Earlier notices must be loaded for this to mean anything: with none,
    every supplier is new."""
    earlier = (
        awarded(tables, in_period=False)
        .filter(~pl.col("in_period"))
        .select("buyer_key", "supplier", seen=pl.lit(True))
        .unique()
    )
    valued = awarded(tables).filter(pl.col("awarded").is_not_null() & (pl.col("awarded") > 0))
    behind = valued.join(earlier, on=["buyer_key", "supplier"], how="left").select(
        "ocid",
        "release_id",
        "date",
        "award_id",
        "supplier",
        "supplier_name",
        "awarded",
        counted=pl.col("seen").is_null(),
    )
    new = float(behind.filter(pl.col("counted"))["awarded"].sum()) if behind.height else 0.0
    total = float(behind["awarded"].sum()) if behind.height else 0.0
    return share(new, total, behind, "no award in the period gives a value")
