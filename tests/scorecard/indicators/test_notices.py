"""Indicators over the notices: worked examples, and the real Find a Tender day against counts
made by a plain loop over the release files. No database."""

from scorecard.indicators.notices import (
    below_threshold_advertised,
    days_to_award,
    direct_award_share,
    lots_share,
    tender_period_short_share,
    uk2_before_uk4_share,
)
from scorecard.notice_table import tables
from tests.scorecard.realdata import real_releases, types_by_plain_loop


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


def _notice(ocid, rid, date, kinds, **tender):
    return {
        "ocid": ocid,
        "id": rid,
        "date": date,
        "tender": {"documents": [{"noticeType": k} for k in kinds], **tender},
    }


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


def test_tender_periods_engagement_and_awards_on_the_real_days_against_a_plain_loop():
    from datetime import datetime

    releases = real_releases()
    table = _tables(releases)
    first_uk4 = {}
    for r in sorted(releases, key=lambda r: (datetime.fromisoformat(r["date"]), r["id"])):
        if "UK4" in types_by_plain_loop(r) and r["ocid"] not in first_uk4:
            first_uk4[r["ocid"]] = r
    short = counted = 0
    for r in first_uk4.values():
        tender = r["tender"]
        end = (tender.get("tenderPeriod") or {}).get("endDate")
        if not end or tender.get("aboveThreshold") is not True:
            continue
        start = (tender.get("tenderPeriod") or {}).get("startDate") or r["date"]
        days = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 86400
        uk3 = any(
            "UK3" in types_by_plain_loop(o)
            and o["ocid"] == r["ocid"]
            and 40
            <= (datetime.fromisoformat(r["date"]) - datetime.fromisoformat(o["date"])).days
            <= 365
            for o in releases
        )
        urgent = "urgen" in str(tender.get("procurementMethodRationale", "")).lower()
        counted += 1
        short += days < 25 and not uk3 and not urgent
    figure = tender_period_short_share(table)
    assert (figure.numerator, figure.denominator) == (short, counted)
    assert counted > 0
    engaged = sum(
        1
        for ocid, r in first_uk4.items()
        if any(
            o["ocid"] == ocid
            and "UK2" in types_by_plain_loop(o)
            and datetime.fromisoformat(o["date"]) <= datetime.fromisoformat(r["date"])
            for o in releases
        )
    )
    figure = uk2_before_uk4_share(table)
    assert (figure.numerator, figure.denominator) == (engaged, len(first_uk4))


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
    from datetime import datetime

    from scorecard.charter_data import charter_file, commitment_tender_days
    from scorecard.indicators.notices import tender_period_commitment_share

    days = commitment_tender_days(charter_file().content)
    releases = real_releases()
    first = {}
    for r in sorted(releases, key=lambda r: (datetime.fromisoformat(r["date"]), r["id"])):
        if "UK4" in types_by_plain_loop(r) and r["ocid"] not in first:
            first[r["ocid"]] = r
    met = counted = 0
    for r in first.values():
        period = r["tender"].get("tenderPeriod") or {}
        if not period.get("endDate") or r["tender"].get("aboveThreshold") is not False:
            continue
        start = period.get("startDate") or r["date"]
        length = (
            datetime.fromisoformat(period["endDate"]) - datetime.fromisoformat(start)
        ).total_seconds() / 86400
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
