"""Notices counted by type. No database."""

import polars as pl

from scorecard.notice_counts import notice_counts
from scorecard.notice_table import NOTICES


def test_a_release_counts_once_per_type_and_only_in_the_period():
    rows = [
        {"notice_types": ["UK4", "UK6"], "in_period": True},
        {"notice_types": ["UK6"], "in_period": True},
        {"notice_types": ["UK10", "UK2"], "in_period": True},
        {"notice_types": ["UK4"], "in_period": False},
        {"notice_types": [], "in_period": True},
    ]
    frame = pl.DataFrame(rows, schema={k: NOTICES[k] for k in ("notice_types", "in_period")})
    assert list(notice_counts(frame).items()) == [("UK2", 1), ("UK4", 1), ("UK6", 2), ("UK10", 1)]
