"""Indicators over the bid statistics Find a Tender publishes per lot (`bids.statistics`): single
bidding and the final-stage bids of SMEs and VCSEs. For each process and lot the latest release
that gives the statistic wins (award notices repeat and correct earlier figures). Pure."""

from __future__ import annotations

import polars as pl

from scorecard.indicators.registry import Figure, indicator, share
from scorecard.notice_table import Tables

KEYS = ["ocid", "lot_id", "release_id", "date"]


def latest(tables: Tables, *measures: str) -> pl.DataFrame:
    """Per process and lot, the latest release in the period that publishes every one of
    `measures`, with those figures."""
    return (
        tables.lots.filter(pl.col("in_period"))
        .drop_nulls(list(measures))
        .sort("date", "release_id")
        .unique(["ocid", "lot_id"], keep="last", maintain_order=True)
        .select(*KEYS, *measures)
    )


@indicator("single_bid_share", "Lots with a single bid", table="lots", better="lower")
def single_bid_share(tables: Tables) -> Figure:
    """Of the lots whose notices publish the number of bids received (for each process and lot
    the latest release in the period that gives it), the share that received exactly one bid.
    A single bid means no competition: the European Commission's Single Market Scoreboard judges
    single bidding this way."""
    lots = latest(tables, "bids").with_columns(counted=pl.col("bids") == 1)
    return share(int(lots["counted"].sum()), lots.height, lots, "no lot published its bids")


def _final_stage(tables: Tables, column: str) -> Figure:
    lots = latest(tables, "final_stage_bids", column).with_columns(counted=pl.col(column) > 0)
    return share(
        float(lots[column].sum()),
        float(lots["final_stage_bids"].sum()),
        lots,
        "no lot published both figures",
    )


@indicator("sme_final_stage_share", "Final-stage bids from SMEs", table="lots", better="higher")
def sme_final_stage_share(tables: Tables) -> Figure:
    """The sum of final-stage bids from SMEs (`smeFinalStageBids`) ÷ the sum of all final-stage
    bids (`finalStageBids`), over the lots whose notices publish both (for each process and lot
    the latest release in the period that gives them)."""
    return _final_stage(tables, "sme_final_stage_bids")


@indicator("vcse_final_stage_share", "Final-stage bids from VCSEs", table="lots", better="higher")
def vcse_final_stage_share(tables: Tables) -> Figure:
    """The sum of final-stage bids from voluntary, community and social enterprises
    (`vcseFinalStageBids`) ÷ the sum of all final-stage bids (`finalStageBids`), over the lots
    whose notices publish both (for each process and lot the latest release in the period that
    gives them)."""
    return _final_stage(tables, "vcse_final_stage_bids")
