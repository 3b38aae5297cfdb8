"""Slicing the scorecard's tables read once (one buyer's rows, a period within them) gives the
same figures as tables built from only those releases, as `gathering.releases_of` would read
them: checked on the real Find a Tender days for every registered indicator. No database."""

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

import polars as pl

from scorecard import slicing
from scorecard.indicators import INDICATORS, evaluate
from scorecard.notice_counts import notice_counts
from scorecard.notice_table import Tables, tables
from tests.scorecard.realdata import real_releases

LONDON = ZoneInfo("Europe/London")


def key_of(release: dict) -> str:
    return "name:" + ((release.get("buyer") or {}).get("name") or "none").lower()


def read(releases, start=None, end=None, keys=None) -> Tables:
    """Tables as gathering.releases_of reads them: releases up to `end`, in the period from
    `start`, of the buyers with `keys` (every buyer when None)."""
    chosen = []
    for release in releases:
        when = datetime.fromisoformat(release["date"])
        if end is not None and when > end:
            continue
        if keys is not None and key_of(release) not in keys:
            continue
        chosen.append(
            (release, key_of(release), key_of(release), start is None or when >= start, False)
        )
    return tables(chosen)


def _rounded(number):
    return None if number is None else round(number, 9)  # sums may be added in another order


def figures(tables_: Tables) -> dict:
    return {
        name: (_rounded(figure.value), _rounded(figure.numerator), _rounded(figure.denominator))
        for name, figure in evaluate(tables_).items()
    }


def test_one_buyer_sliced_from_every_buyer_is_that_buyer_read_alone():
    releases = real_releases()
    everything = read(releases)
    busiest = [key for key, _ in Counter(key_of(r) for r in releases).most_common(5)]
    assert len(busiest) == 5
    for key in busiest:
        alone = read(releases, keys={key})
        sliced = slicing.only(everything, [key])
        assert figures(sliced) == figures(alone), key
        assert notice_counts(sliced.notices) == notice_counts(alone.notices)
        assert sliced.notices.height == alone.notices.height > 0
    together = slicing.only(everything, busiest[:2])
    assert figures(together) == figures(read(releases, keys=set(busiest[:2])))
    assert set(figures(everything)) == set(INDICATORS)


def test_a_day_within_both_days_is_that_day_read_as_a_period():
    releases = real_releases()
    start, end = slicing.bounds(date(2026, 8, 10), date(2026, 8, 10), LONDON)
    everything = read(releases)
    sliced = slicing.within(everything, start, end)
    direct = read(releases, start, end)
    assert figures(sliced) == figures(direct)
    assert notice_counts(sliced.notices) == notice_counts(direct.notices)
    later = slicing.within(everything, *slicing.bounds(date(2026, 8, 11), None, LONDON))
    assert later.notices.filter(~pl.col("in_period")).height == sliced.notices.height
    assert later.notices.filter("in_period").height + sliced.notices.height == len(releases)


def test_within_an_empty_period_counts_nothing():
    everything = read(real_releases())
    before = slicing.within(everything, *slicing.bounds(None, date(2020, 1, 1), LONDON))
    assert before.notices.is_empty() and notice_counts(before.notices) == {}
    assert all(figure.value is None or figure.value == 0 for figure in evaluate(before).values())


def test_payments_supplier_facts_and_settings_are_sliced_by_anchor_and_period():
    payments = pl.DataFrame(
        {
            "buyer_key": ["org:1", "org:1", "org:2"],
            "date": [date(2026, 4, 1), date(2026, 7, 1), date(2026, 4, 1)],
            "in_period": [True, True, True],
            "amount": [10.0, 20.0, 40.0],
        }
    )
    suppliers = pl.DataFrame({"buyer_key": ["org:1", "org:2"], "supplier_id": [7, 7]})
    settings = {
        "notice_threshold": 30000,
        "by_buyer": {"org:1": {"notice_threshold": 25000}, "org:2": {"notice_threshold": 1}},
    }
    empty = read([])
    every = Tables(
        empty.notices, empty.lots, empty.awards, empty.compliance, payments, suppliers, settings
    )
    mine = slicing.only(every, ["org:1"])
    assert mine.payments["amount"].to_list() == [10.0, 20.0]
    assert mine.suppliers["buyer_key"].to_list() == ["org:1"]
    assert mine.settings == {"notice_threshold": 25000}  # its own
    assert slicing.only(every, ["name:someone"]).settings == {"notice_threshold": 30000}
    both = slicing.only(every, ["org:1", "org:2"])
    assert set(both.settings["by_buyer"]) == {"org:1", "org:2"}
    assert slicing.only(every, ["org:1"], {"buyer_kind": "council"}).settings == {
        "buyer_kind": "council"
    }
    q2 = slicing.within(mine, *slicing.bounds(date(2026, 7, 1), date(2026, 9, 30), LONDON))
    assert q2.payments["amount"].to_list() == [10.0, 20.0]
    assert q2.payments["in_period"].to_list() == [False, True]  # April kept for look-backs
    q1 = slicing.within(mine, *slicing.bounds(None, date(2026, 6, 30), LONDON))
    # later payments are kept, out of the period, as gathering reads them
    assert q1.payments["amount"].to_list() == [10.0, 20.0]
    assert q1.payments["in_period"].to_list() == [True, False]


def test_unpublished_anchors_ledgers_are_left_out_and_their_notices_kept():
    releases = real_releases()
    every = read(releases)
    key = key_of(releases[0])
    payments = pl.DataFrame({"buyer_key": [key, "org:9"], "amount": [1.0, 2.0]})
    suppliers = pl.DataFrame({"buyer_key": [key, "org:9"], "supplier_id": [1, 2]})
    settings = {"by_buyer": {key: {"notice_threshold": 1}, "org:9": {"notice_threshold": 2}}}
    with_ledgers = Tables(
        every.notices, every.lots, every.awards, every.compliance, payments, suppliers, settings
    )
    shown = slicing.without_ledgers(with_ledgers, [key])
    assert shown.payments["buyer_key"].to_list() == ["org:9"]
    assert shown.suppliers["buyer_key"].to_list() == ["org:9"]
    assert list(shown.settings["by_buyer"]) == ["org:9"]
    assert shown.notices.height == every.notices.height  # every buyer's notices still count


def test_the_days_in_the_period_are_the_site_s_days():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    releases = real_releases()
    everything = read(releases)
    days = sorted(
        datetime.fromisoformat(r["date"]).astimezone(ZoneInfo("Europe/London")).date()
        for r in releases
    )  # the Contracts Finder packages are from 2022 and 2025, Find a Tender's from 2026
    assert slicing.dates_in_period(everything, "Europe/London") == (days[0], days[-1])
    assert (days[0], days[-1]) == (date(2022, 5, 19), date(2026, 8, 11))
    assert slicing.dates_in_period(read([])) == (None, None)
