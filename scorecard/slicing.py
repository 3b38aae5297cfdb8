"""Slices of the scorecard's tables read once: one buyer's (or some buyers') rows, and a period
within them, so the network comparison and the trend by quarter come from one read of the
database rather than one per anchor or per quarter. Pure.

`within` re-marks `in_period` as `gathering.releases_of` would have: rows dated in the period are
in it, earlier rows are kept out of it (for look-backs: a UK2 before the UK4, suppliers new to the
buyer), later rows are dropped. The payments table (the ledger's, summed by quarter) is kept to
the quarters that start in the period and, in `only`, to the anchors chosen by their key.
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


def _organisation_ids(keys: Iterable[str]) -> list[int]:
    return [int(key[4:]) for key in keys if key.startswith("org:") and key[4:].isdigit()]


def only(tables: Tables, buyer_keys: Iterable[str], settings: dict | None = None) -> Tables:
    """The rows of the buyers with these keys (gathering.Buyer.key); `settings` replaces the
    tables' settings (what indicators know of the buyer) when given."""
    keys = list(dict.fromkeys(buyer_keys))
    mine = pl.col("buyer_key").is_in(keys)
    payments = tables.payments
    if payments is not None and "buyer_id" in payments.columns:
        payments = payments.filter(pl.col("buyer_id").is_in(_organisation_ids(keys)))
    elif payments is not None and "buyer_key" in payments.columns:
        payments = payments.filter(pl.col("buyer_key").is_in(keys))
    return replace(
        tables,
        notices=tables.notices.filter(mine),
        lots=tables.lots.filter(mine),
        awards=tables.awards.filter(mine),
        compliance=tables.compliance.filter(mine),
        payments=payments,
        settings=tables.settings if settings is None else settings,
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
    if payments is not None and "period" in payments.columns:
        if start is not None:
            payments = payments.filter(pl.col("period") >= start.date())
        if end is not None:
            payments = payments.filter(pl.col("period") <= end.date())
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
