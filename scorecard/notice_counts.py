"""Notices counted by type for the scorecard: a release counts once for each UK notice type found
in any of its documents lists (issue 16). Pure."""

from __future__ import annotations

import polars as pl


def notice_counts(notices: pl.DataFrame) -> dict[str, int]:
    """{"UK1": 3, "UK4": 154, ...} over the releases in the period, in notice order."""
    chosen = notices.filter(pl.col("in_period")).select("notice_types").explode("notice_types")
    counts = chosen.drop_nulls().group_by("notice_types").len()
    found = {row[0]: int(row[1]) for row in counts.iter_rows()}
    return dict(sorted(found.items(), key=lambda item: int(item[0][2:])))
