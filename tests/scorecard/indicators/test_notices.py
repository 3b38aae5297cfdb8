"""Indicators over the notices: worked examples, and the real Find a Tender day against counts
made by a plain loop over the release files. No database."""

import polars as pl
import pytest

from scorecard.indicators.notices import (
    below_threshold_advertised,
    days_to_award,
    direct_award_share,
    lots_share,
    tender_period_short_share,
    uk2_before_uk4_share,
)
from scorecard.notice_table import tables
from tests.scorecard.realdata import (
    in_date_order,
    live_awards_by_plain_loop,
    real_releases,
    types_by_plain_loop,
    when,
)


def _tables(releases, in_period=True):
    return tables((r, "k", "", in_period, False) for r in releases)


def test_lots_share_by_hand():
    releases = [
        {
            "id": "1",
            "tender": {"lots": [{"id": "1"}, {"id": "2"}], "documents": [{"noticeType": "UK4"}]},
        },
        {"id": "2", "tender": {"lots": [{"id": "1"}], "documents": [{"noticeType": "UK4"}]}},
        {
            "id": "3",
            "tender": {"lots": [{"id": "1"}, {"id": "2"}], "documents": [{"noticeType": "UK2"}]},
        },
    ]
    figure = lots_share(_tables(releases))
    assert (figure.numerator, figure.denominator, figure.value) == (1, 2, 0.5)
    assert figure.behind.height == 2
    assert lots_share(_tables(releases, in_period=False)).value is None


def test_direct_award_share_by_hand():
    releases = [
        {"id": "1", "tender": {"documents": [{"noticeType": "UK4"}]}},
        {"id": "2", "tender": {"documents": [{"noticeType": "UK5"}]}},
        {"id": "3", "tender": {"documents": [{"noticeType": "UK5"}]}},
        {"id": "4", "tender": {"documents": [{"noticeType": "UK6"}]}},
    ]
    figure = direct_award_share(_tables(releases))
    assert (figure.numerator, figure.denominator) == (2, 3)


def test_on_the_real_day_against_a_plain_loop():
    releases = real_releases()
    table = _tables(releases)
    uk4 = [r for r in releases if "UK4" in types_by_plain_loop(r)]
    uk5 = [r for r in releases if "UK5" in types_by_plain_loop(r)]
    divided = [r for r in uk4 if len((r.get("tender") or {}).get("lots") or []) >= 2]
    lots = lots_share(table)
    assert (lots.numerator, lots.denominator) == (len(divided), len(uk4))
    assert len(uk4) > 0 and 0 < len(divided) < len(uk4)
    direct = direct_award_share(table)
    assert (direct.numerator, direct.denominator) == (len(uk5), len(uk4) + len(uk5))
    assert len(uk5) > 0


def _notice(ocid, rid, date, kinds, tag=None, **tender):
    """A release of `kinds`; a UK4 is the tender itself unless `tag` says otherwise."""
    return {
        "ocid": ocid,
        "id": rid,
        "date": date,
        "tag": tag or (["tender"] if "UK4" in kinds else ["planning"]),
        "tender": {"documents": [{"noticeType": k} for k in kinds], **tender},
    }


def test_a_tender_update_is_not_the_tender_by_hand():
    """A 46-day tender published before the period, its update (a UK4 again) in it: the update
    is not a new tender, and its own date is no start of the tender period."""
    end = {"tenderPeriod": {"endDate": "2026-04-16T00:00:00Z"}}  # 46 days after 1 March
    tender = _notice("a", "1", "2026-03-01T00:00:00Z", ["UK4"], aboveThreshold=True, **end)
    update = _notice(
        "a", "2", "2026-03-24T00:00:00Z", ["UK4"], tag=["tenderUpdate"], aboveThreshold=True, **end
    )
    engagement = _notice("a", "0", "2026-03-10T00:00:00Z", ["UK2"])  # after the tender
    award = {
        "ocid": "a",
        "id": "3",
        "date": "2026-05-01T00:00:00Z",
        "awards": [{"id": "x", "date": "2026-04-26T00:00:00Z"}],
    }
    both = tables(
        [
            (tender, "k", "", False, False),
            (engagement, "k", "", False, False),
            (update, "k", "", True, False),
            (award, "k", "", True, False),
        ]
    )
    # the process's first UK4 is before the period: nothing of the period to judge
    assert tender_period_short_share(both).denominator == 0
    assert uk2_before_uk4_share(both).denominator == 0
    assert days_to_award(both).denominator == 0
    # with the tender in the period it is judged by the tender: 46 days, not short
    whole = _tables([tender, engagement, update, award])
    short = tender_period_short_share(whole)
    assert (short.numerator, short.denominator) == (0, 1)
    assert short.behind["tender_days"].to_list() == [46.0]
    assert uk2_before_uk4_share(whole).numerator == 0  # the UK2 came after the tender
    assert days_to_award(whole).value == 10.0
    # the update alone (its tender not loaded): the tender period is not known, not 23 days
    alone = _tables([update])
    unknown = tender_period_short_share(alone)
    assert (unknown.value, unknown.denominator) == (None, 0)
    assert "not known" in unknown.note
    assert _tables([update]).notices["tender_days"].to_list() == [None]
    dated = _notice(
        "b",
        "2",
        "2026-03-24T00:00:00Z",
        ["UK4"],
        tag=["tenderUpdate"],
        aboveThreshold=True,
        tenderPeriod={"startDate": "2026-03-01T00:00:00Z", "endDate": "2026-04-16T00:00:00Z"},
    )
    assert _tables([dated]).notices["tender_days"].to_list() == [46.0]  # its start published


def test_short_tender_periods_by_hand():
    period = {"tenderPeriod": {"endDate": "2026-03-21T00:00:00Z"}}  # 20 days after 1 March
    releases = [
        _notice("a", "1", "2026-03-01T00:00:00Z", ["UK4"], aboveThreshold=True, **period),
        _notice(
            "b",
            "1",
            "2026-03-01T00:00:00Z",
            ["UK4"],
            aboveThreshold=True,
            procurementMethodRationale="Extreme urgency",
            **period,
        ),
        _notice("c", "0", "2025-12-01T00:00:00Z", ["UK3"]),  # 90 days before: qualifies
        _notice("c", "1", "2026-03-01T00:00:00Z", ["UK4"], aboveThreshold=True, **period),
        _notice("d", "1", "2026-03-01T00:00:00Z", ["UK4"], aboveThreshold=False, **period),
        _notice(
            "e",
            "1",
            "2026-03-01T00:00:00Z",
            ["UK4"],
            aboveThreshold=True,
            tenderPeriod={"endDate": "2026-04-01T00:00:00Z"},
        ),
    ]
    figure = tender_period_short_share(_tables(releases))
    assert (figure.numerator, figure.denominator) == (1, 4)  # a; not b (urgency), c (UK3), e


def test_engagement_before_tender_and_days_to_award_by_hand():
    releases = [
        _notice("a", "0", "2026-01-01T00:00:00Z", ["UK2"]),
        _notice(
            "a",
            "1",
            "2026-02-01T00:00:00Z",
            ["UK4"],
            tenderPeriod={"endDate": "2026-03-01T00:00:00Z"},
        ),
        _notice(
            "b",
            "1",
            "2026-02-01T00:00:00Z",
            ["UK4"],
            tenderPeriod={"endDate": "2026-03-01T00:00:00Z"},
        ),
        _notice("b", "0", "2026-02-10T00:00:00Z", ["UK2"]),  # after the UK4: does not count
        {
            "ocid": "a",
            "id": "2",
            "date": "2026-03-20T00:00:00Z",
            "awards": [{"id": "x", "date": "2026-03-11T00:00:00Z"}],
        },
        {
            "ocid": "b",
            "id": "2",
            "date": "2026-04-01T00:00:00Z",
            "awards": [{"id": "y", "date": "2026-03-31T00:00:00Z"}],
        },
    ]
    table = _tables(releases)
    engaged = uk2_before_uk4_share(table)
    assert (engaged.numerator, engaged.denominator) == (1, 2)
    award = days_to_award(table)
    assert (award.value, award.denominator) == (20.0, 2)  # median of 10 and 30


SPLIT = "2026-08-10T13:00:00+01:00"  # leaves tenders before it whose updates fall after it


def _first_tenders(releases, start):
    """Each process's first release carrying a UK4, over every release, kept when it is dated
    in the period (from `start`), by a plain loop: (release, its tender days or None)."""
    first = {}
    for r in in_date_order(releases):
        if "UK4" in types_by_plain_loop(r) and r["ocid"] not in first:
            first[r["ocid"]] = r
    found = {}
    for ocid, r in first.items():
        if start is not None and when(r["date"]) < when(start):
            continue
        period = r["tender"].get("tenderPeriod") or {}
        begun = period.get("startDate") or ("tender" in (r.get("tag") or []) and r["date"])
        days = None
        if begun and period.get("endDate"):
            days = (when(period["endDate"]) - when(begun)).total_seconds() / 86400
        elif isinstance(period.get("durationInDays"), int | float):
            days = period["durationInDays"]
        found[ocid] = (r, days)
    return found


def _split_tables(releases, start):
    return tables(
        (r, "k", "", start is None or when(r["date"]) >= when(start), False) for r in releases
    )


@pytest.mark.parametrize("start", [None, SPLIT])
def test_tender_periods_and_engagement_on_the_real_days_against_a_plain_loop(start):
    releases = real_releases()
    table = _split_tables(releases, start)
    first = _first_tenders(releases, start)
    short = counted = 0
    for r, days in first.values():
        if days is None or r["tender"].get("aboveThreshold") is not True:
            continue
        uk3 = any(
            "UK3" in types_by_plain_loop(o)
            and o["ocid"] == r["ocid"]
            and 40 <= (when(r["date"]) - when(o["date"])).days <= 365
            for o in releases
        )
        urgent = "urgen" in str(r["tender"].get("procurementMethodRationale", "")).lower()
        counted += 1
        short += days < 25 and not uk3 and not urgent
    figure = tender_period_short_share(table)
    assert (figure.numerator, figure.denominator) == (short, counted)
    assert counted > 0
    updates = [
        r
        for r, days in first.values()
        if days is None and r["tender"].get("aboveThreshold") is True
    ]
    assert ("not known" in figure.note) == bool(updates)
    engaged = sum(
        1
        for ocid, (r, _days) in first.items()
        if any(
            o["ocid"] == ocid
            and "UK2" in types_by_plain_loop(o)
            and when(o["date"]) <= when(r["date"])
            for o in releases
        )
    )
    figure = uk2_before_uk4_share(table)
    assert (figure.numerator, figure.denominator) == (engaged, len(first))


def test_a_tender_update_on_the_real_days_is_not_a_short_tender():
    """ocds-h6vhtk-06d323: only its tender update is loaded (published 10 August, deadline 2
    September); measured from the update's date it would be a 23-day "short" tender."""
    releases = [r for r in real_releases() if r["ocid"] == "ocds-h6vhtk-06d323"]
    assert [r["tag"] for r in releases] == [["tenderUpdate"]]
    assert "UK4" in types_by_plain_loop(releases[0])
    table = _tables(releases)
    assert table.notices["tender_days"].to_list() == [None]
    figure = tender_period_short_share(table)
    assert figure.denominator == 0 and "not known" in figure.note


@pytest.mark.parametrize("start", [None, SPLIT])
def test_days_to_award_on_the_real_days_against_a_plain_loop(start):
    import statistics

    from scorecard.notice_table import award_states

    releases = real_releases()
    table = _split_tables(releases, start)
    live = live_awards_by_plain_loop(releases)
    earliest = {}
    for (ocid, _award_id), entry in live.items():
        if entry["date"] is not None:
            earliest[ocid] = min(entry["date"], earliest.get(ocid, entry["date"]))
    # the award dates the product reads, process by process, agree with the plain walk
    states = award_states(table.notices).filter(~pl.col("ended")).drop_nulls("award_date")
    product = {
        row["ocid"]: row["award_date"]
        for row in states.group_by("ocid").agg(pl.col("award_date").min()).iter_rows(named=True)
    }
    assert product == earliest and len(earliest) > 0
    days = []
    for ocid, (r, _d) in _first_tenders(releases, start).items():
        end = (r["tender"].get("tenderPeriod") or {}).get("endDate")
        if end and ocid in earliest and earliest[ocid] >= when(end):
            days.append((earliest[ocid] - when(end)).total_seconds() / 86400)
    figure = days_to_award(table)
    assert figure.denominator == len(days)
    assert figure.value == (statistics.median(days) if days else None)


def test_below_threshold_advertised_by_hand_and_on_the_real_days():
    releases = [
        _notice("a", "1", "2026-03-01T00:00:00Z", ["UK4"], aboveThreshold=False),
        _notice("b", "1", "2026-03-01T00:00:00Z", ["UK4"], aboveThreshold=True),
        _notice("c", "1", "2026-03-01T00:00:00Z", ["UK4"]),  # does not say
    ]
    figure = below_threshold_advertised(_tables(releases))
    assert (figure.value, figure.numerator, figure.denominator) == (1, 1, 2)
    real = real_releases()
    uk4 = [r for r in real if "UK4" in types_by_plain_loop(r)]
    said = [r for r in uk4 if isinstance(r["tender"].get("aboveThreshold"), bool)]
    below = [r for r in said if r["tender"]["aboveThreshold"] is False]
    figure = below_threshold_advertised(_tables(real))
    assert (figure.numerator, figure.denominator) == (len(below), len(said))
    assert len(below) > 0


def test_pipeline_published_must_need_not_and_unknown_by_hand():
    from scorecard.indicators.notices import pipeline_published

    uk1 = _notice("p", "1", "2026-05-01T00:00:00Z", ["UK1"])
    other = _notice("q", "1", "2026-05-01T00:00:00Z", ["UK4"])

    def figure(releases, spend):
        table = tables(
            ((r, "k", "", True, False) for r in releases),
            settings={"annual_spend": spend, "annual_spend_year": 2025},
        )
        return pipeline_published(table)

    must_missing = figure([other], 150_000_000.0)
    assert (must_missing.value, must_missing.denominator) == (0.0, 1)
    assert must_missing.note.startswith("must publish") and "no UK1" in must_missing.note
    assert must_missing.behind["must"].to_list() == ["must"]
    assert figure([uk1, other], 150_000_000.0).value == 1.0
    need_not = figure([other], 100_000_000.0)  # not *more* than £100m
    assert need_not.value is None and need_not.note.startswith("need not")
    assert figure([uk1], 5_000_000.0).value == 1.0  # published although it need not
    unknown = figure([other], None)
    assert unknown.value is None and "not known" in unknown.note


def test_a_pipeline_published_earlier_in_the_financial_year_answers_for_the_period():
    from scorecard.indicators.notices import pipeline_published

    rows = [
        (_notice("p", "1", "2026-04-20T00:00:00Z", ["UK1"]), "k", "", False, False),  # before
        (_notice("q", "1", "2026-10-01T00:00:00Z", ["UK4"]), "k", "", True, False),  # Q3
        (_notice("o", "1", "2026-03-20T00:00:00Z", ["UK1"]), "j", "", False, False),  # last year
        (_notice("r", "1", "2026-10-01T00:00:00Z", ["UK4"]), "j", "", True, False),
    ]
    settings = {"annual_spend": 2e8}
    this_year = pipeline_published(tables(iter(rows[:2]), settings=settings))
    assert (this_year.value, this_year.numerator) == (1.0, 1)
    last_year = pipeline_published(tables(iter(rows[2:]), settings=settings))
    assert last_year.value == 0.0 and "no UK1 published in the year" in last_year.note


def test_pipeline_over_several_buyers_each_by_its_own_spend():
    from scorecard.indicators.notices import pipeline_published

    releases = [
        (_notice("p", "1", "2026-05-01T00:00:00Z", ["UK1"]), "org:1", "", True, False),
        (_notice("q", "1", "2026-05-01T00:00:00Z", ["UK4"]), "org:2", "", True, False),
        (_notice("r", "1", "2026-05-01T00:00:00Z", ["UK1"]), "org:3", "", True, False),
    ]

    def figure(spends):
        by_buyer = {key: {"annual_spend": spend} for key, spend in spends.items()}
        return pipeline_published(tables(iter(releases), settings={"by_buyer": by_buyer}))

    # org:1 must and did; org:2 must and did not; org:3 need not (and did)
    mixed = figure({"org:1": 2e8, "org:2": 3e8, "org:3": 1e6})
    assert (mixed.value, mixed.numerator, mixed.denominator) == (0.0, 1, 2)
    assert mixed.note == "1 of 2 buyers that must publish a pipeline notice published one"
    assert mixed.behind.filter("counted")["buyer_key"].to_list() == ["org:1", "org:3"]
    assert figure({"org:1": 2e8, "org:3": 1e6}).value == 1.0
    assert figure({"org:3": 1e6, "org:2": None}).value is None  # none must
    assert figure({}).value is None  # every buyer, none of them with a ledger: none known bound


def test_tender_period_against_the_commitment_by_hand():
    from scorecard.indicators.notices import tender_period_commitment_share

    def uk4(ocid, end, above=False):
        return _notice(
            ocid,
            "1",
            "2026-03-01T00:00:00Z",
            ["UK4"],
            tenderPeriod={"endDate": end},
            aboveThreshold=above,
        )

    releases = [
        uk4("a", "2026-03-31T00:00:00Z"),  # 30 days: meets 30
        uk4("b", "2026-03-21T00:00:00Z"),  # 20 days
        uk4("c", "2026-04-15T00:00:00Z"),  # 45 days
        uk4("e", "2026-03-05T00:00:00Z", above=True),  # above the threshold: the Act's minimum
        uk4("f", "2026-03-05T00:00:00Z", above=None),  # not said: left out
        _notice("d", "1", "2026-03-01T00:00:00Z", ["UK4"], aboveThreshold=False),  # no period
    ]
    table = tables(
        ((r, "k", "", True, False) for r in releases), settings={"commitment_tender_days": 30}
    )
    figure = tender_period_commitment_share(table)
    assert (figure.numerator, figure.denominator) == (2, 3)
    unset = tender_period_commitment_share(_tables(releases))
    assert unset.value is None and "commitment" in unset.note


def test_tender_period_commitment_on_the_real_days_against_a_plain_loop():

    from scorecard.charter_data import charter_file, commitment_tender_days
    from scorecard.indicators.notices import tender_period_commitment_share

    days = commitment_tender_days(charter_file().content)
    releases = real_releases()
    met = counted = 0
    for r, length in _first_tenders(releases, None).values():
        if length is None or r["tender"].get("aboveThreshold") is not False:
            continue
        counted += 1
        met += round(length, 2) >= days
    table = tables(
        ((r, "k", "", True, False) for r in releases), settings={"commitment_tender_days": days}
    )
    figure = tender_period_commitment_share(table)
    assert (figure.numerator, figure.denominator) == (met, counted)
    assert 0 < met < counted


def test_pipeline_on_the_real_days_against_a_plain_loop():
    from scorecard.indicators.notices import pipeline_published

    releases = real_releases()
    uk1 = [r for r in releases if "UK1" in types_by_plain_loop(r)]
    table = tables(((r, "k", "", True, False) for r in releases), settings={"annual_spend": 2e8})
    figure = pipeline_published(table)
    assert figure.behind["uk1_notices"].to_list() == [len(uk1)] and len(uk1) > 0
    assert (figure.value, figure.numerator, figure.denominator) == (1.0, 1, 1)
