"""Slices of the scorecard's tables read once: one buyer's (or some buyers') rows, and a period
within them, so the network comparison and the trend by quarter come from one read of the
database rather than one per anchor or per quarter. Pure.

`within` re-marks `in_period` as `gathering.releases_of` would have: rows dated in the period are
in it, earlier rows are kept out of it (for look-backs: a UK2 before the UK4, suppliers new to the
buyer), later rows are dropped; ledger payments are all kept (as gathering reads them), in the
period by their day. `only` keeps the rows,
payments, supplier facts and settings of the buyers chosen by their key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, time, tzinfo

import polars as pl

from scorecard.notice_table import Tables


def bounds(
    since: date | None, until: date | None, zone: tzinfo
) -> tuple[datetime | None, datetime | None]:
    """The first and last instants of the days `since` and `until` in `zone` (the site's)."""
    start = datetime.combine(since, time.min, zone) if since else None
    end = datetime.combine(until, time.max, zone) if until else None
    return start, end


def _settings(tables: Tables, keys: list[str]) -> dict:
    """What indicators know of the buyers chosen, from settings read for every buyer: one buyer's
    own (`by_buyer`), else the shared ones with `by_buyer` kept to the buyers chosen."""
    every = tables.settings.get("by_buyer")
    if every is None:
        return tables.settings
    if len(keys) == 1:
        shared = {k: v for k, v in tables.settings.items() if k != "by_buyer"}
        return every.get(keys[0], shared)
    return tables.settings | {"by_buyer": {k: v for k, v in every.items() if k in keys}}


def _mine(frame: pl.DataFrame | None, keys: list[str]) -> pl.DataFrame | None:
    if frame is None or "buyer_key" not in frame.columns:
        return frame
    return frame.filter(pl.col("buyer_key").is_in(keys))


def only(tables: Tables, buyer_keys: Iterable[str], settings: dict | None = None) -> Tables:
    """The rows of the buyers with these keys (gathering.Buyer.key), their ledger payments and
    supplier facts among them; `settings` replaces what indicators know of the buyers when given,
    else it is taken from the tables' own (one buyer's from `by_buyer`)."""
    keys = list(dict.fromkeys(buyer_keys))
    mine = pl.col("buyer_key").is_in(keys)
    return replace(
        tables,
        notices=tables.notices.filter(mine),
        lots=tables.lots.filter(mine),
        awards=tables.awards.filter(mine),
        compliance=tables.compliance.filter(mine),
        payments=_mine(tables.payments, keys),
        suppliers=_mine(tables.suppliers, keys),
        settings=_settings(tables, keys) if settings is None else settings,
    )


def without_ledgers(tables: Tables, buyer_keys: Iterable[str]) -> Tables:
    """The tables with the ledger side (payments, supplier facts, settings) of these buyers left
    out, their notices kept: what may be shown of anchors that have not published their
    scorecards, within the figures of every buyer."""
    keys = list(dict.fromkeys(buyer_keys))

    def kept(frame: pl.DataFrame | None) -> pl.DataFrame | None:
        if frame is None or "buyer_key" not in frame.columns:
            return frame
        return frame.filter(~pl.col("buyer_key").is_in(keys))

    settings = tables.settings
    if "by_buyer" in settings:
        every = {k: v for k, v in settings["by_buyer"].items() if k not in keys}
        settings = settings | {"by_buyer": every}
    return replace(
        tables, payments=kept(tables.payments), suppliers=kept(tables.suppliers), settings=settings
    )


def _utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment is not None else None


def _within(frame: pl.DataFrame, start: datetime | None, end: datetime | None) -> pl.DataFrame:
    start, end = _utc(start), _utc(end)
    if end is not None:
        frame = frame.filter(pl.col("date") <= end)
    if start is None:
        return frame.with_columns(in_period=pl.lit(True))
    return frame.with_columns(in_period=pl.col("date") >= start)


def within(tables: Tables, start: datetime | None, end: datetime | None) -> Tables:
    """The tables as if read for the period start..end (aware datetimes, None: open): rows after
    `end` dropped, rows from `start` on in the period, earlier ones kept but not in it. A period
    must lie within the one the tables were read for, or rows that were never read are missing."""
    payments = tables.payments
    if payments is not None and "date" in payments.columns:
        # Payments are dated by day, in the site's calendar as the period's ends are; every one
        # is kept, as gathering reads them (a financial year's total, payments after an award).
        first = start.date() if start is not None else date.min
        last = end.date() if end is not None else date.max
        payments = payments.with_columns(in_period=pl.col("date").is_between(first, last))
    return replace(
        tables,
        notices=_within(tables.notices, start, end),
        lots=_within(tables.lots, start, end),
        awards=_within(tables.awards, start, end),
        compliance=_within(tables.compliance, start, end),
        payments=payments,
    )


def dates_in_period(tables: Tables, zone: str = "UTC") -> tuple[date | None, date | None]:
    """The first and last days of releases in the period (for a trend over every release), as
    days in the time zone named (the site's)."""
    dated = (
        tables.notices.filter(pl.col("in_period"))
        .get_column("date")
        .drop_nulls()
        .dt.convert_time_zone(zone)
    )
    if dated.is_empty():
        return None, None
    return dated.min().date(), dated.max().date()  # type: ignore[union-attr]
