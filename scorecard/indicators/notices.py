"""Indicators over the notices themselves: lots, direct awards, tender periods, engagement,
pipeline. Each is one small function; its docstring is what users read. Pure."""

from __future__ import annotations

import polars as pl

from scorecard.indicators.registry import Figure, indicator, share
from scorecard.notice_table import Tables

KEYS = ["ocid", "release_id", "date", "title", "url"]


def in_period(tables: Tables) -> pl.DataFrame:
    return tables.notices.filter(pl.col("in_period"))


def having(notices: pl.DataFrame, kind: str) -> pl.DataFrame:
    """Releases that count as a notice of `kind` (UK4...): the type is in any documents list."""
    return notices.filter(pl.col("notice_types").list.contains(kind))


@indicator("lots_share", "Tenders divided into lots", better="higher")
def lots_share(tables: Tables) -> Figure:
    """Of the tender notices (UK4) published in the period, the share whose tender lists two or
    more lots. Dividing a contract into lots lets smaller suppliers bid for part of it (Procurement
    Act 2023 s.18: a buyer that does not divide a contract into lots must say why)."""
    tenders = having(in_period(tables), "UK4")
    behind = tenders.select(*KEYS, "lots_in_tender", counted=pl.col("lots_in_tender") >= 2)
    return share(int(behind["counted"].sum()), behind.height, behind, "no tender notice (UK4)")


@indicator(
    "direct_award_share", "Direct awards among competitions and direct awards", better="lower"
)
def direct_award_share(tables: Tables) -> Figure:
    """Transparency notices (UK5, published before a direct award) ÷ (tender notices (UK4) +
    transparency notices (UK5)) in the period: how often the buyer awarded without a competition.
    A release that is both counts in each. The European Commission's Single Market Scoreboard
    judges procedures without a call for competition this way."""
    notices = in_period(tables)
    uk4, uk5 = having(notices, "UK4"), having(notices, "UK5")
    behind = pl.concat(
        [
            uk4.select(*KEYS, counted=pl.lit(False), kind=pl.lit("UK4")),
            uk5.select(*KEYS, counted=pl.lit(True), kind=pl.lit("UK5")),
        ]
    )
    return share(uk5.height, uk4.height + uk5.height, behind, "no UK4 or UK5 notice")
