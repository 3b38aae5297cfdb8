"""The programme record's pure rules: a risk's score and band, a milestone's lateness, the
timeline's summary, and the checks on dates (no database)."""

from datetime import date

import pytest

from programmes import record_rules as r

TODAY = date(2026, 12, 3)


def milestone(due, status="planned", done_on=None, title="M"):
    return r.MilestoneFacts(title=title, due_on=due, status=status, done_on=done_on)


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "band"),
    [
        (1, 1, 1, "low"),
        (1, 3, 3, "low"),
        (2, 2, 4, "moderate"),
        (2, 3, 6, "moderate"),
        (2, 4, 8, "high"),
        (3, 4, 12, "high"),
        (3, 5, 15, "extreme"),
        (5, 5, 25, "extreme"),
    ],
)
def test_a_risk_scores_likelihood_times_impact_in_its_band(likelihood, impact, score, band):
    assert r.risk_score(likelihood, impact) == score
    assert r.band_of(score).key == band


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 1), (3, 0), (2, 9)])
def test_a_score_off_the_scale_is_refused_with_the_reason(likelihood, impact):
    with pytest.raises(ValueError, match="whole number from 1 to 5"):
        r.risk_score(likelihood, impact)


def test_the_bands_cover_every_score_once_and_name_their_source():
    bands = r.risk_bands()
    for score in range(1, 26):
        assert sum(b.min_score <= score <= b.max_score for b in bands) == 1, score
    assert all("risk matrix" in band.source for band in bands)
    assert [b.colour for b in bands] == ["green", "yellow", "orange", "red"]
    with pytest.raises(ValueError, match="No risk band"):
        r.band_of(26)


def test_the_scale_has_words_for_each_point():
    scale = r.risk_scale()
    assert (scale.minimum, scale.maximum) == (1, 5)
    assert scale.likelihood[0] == "Rare" and scale.impact[-1] == "Catastrophic"


def test_a_milestone_is_overdue_when_its_date_passed_and_it_is_not_done():
    assert r.is_overdue(milestone(date(2026, 12, 2)), TODAY)
    assert r.is_overdue(milestone(date(2026, 12, 2), "at_risk"), TODAY)
    assert not r.is_overdue(milestone(date(2026, 12, 3)), TODAY)  # due today: not yet late
    assert not r.is_overdue(milestone(date(2026, 1, 1), "done", date(2026, 1, 1)), TODAY)
    assert not r.is_overdue(milestone(date(2026, 1, 1), "missed"), TODAY)


def test_lateness_in_words_and_days():
    late_done = milestone(date(2026, 10, 30), "done", date(2026, 11, 6))
    assert r.lateness(late_done, TODAY) == "done late"
    assert r.days_late(late_done, TODAY) == 7
    on_time = milestone(date(2026, 10, 30), "done", date(2026, 10, 1))
    assert (r.lateness(on_time, TODAY), r.days_late(on_time, TODAY)) == ("done", 0)
    overdue = milestone(date(2026, 11, 30), "on_track")
    assert (r.lateness(overdue, TODAY), r.days_late(overdue, TODAY)) == ("overdue", 3)
    assert r.lateness(milestone(date(2027, 1, 1)), TODAY) == "due"
    assert r.days_late(milestone(date(2027, 1, 1)), TODAY) == 0
    assert r.lateness(milestone(date(2026, 11, 1), "missed"), TODAY) == "missed"


def test_the_timeline_summary_counts_flags_and_names_what_is_next():
    summary = r.timeline_summary(
        [
            milestone(date(2026, 7, 31), "done", date(2026, 7, 24), "Signed"),
            milestone(date(2026, 11, 20), "missed", title="Data"),
            milestone(date(2026, 11, 30), "on_track", title="Late one"),
            milestone(date(2027, 1, 29), "at_risk", title="Homes chosen"),
            milestone(date(2027, 6, 30), title="Analysis"),
        ],
        TODAY,
        date(2026, 6, 1),
        date(2028, 3, 31),
    )
    assert summary.total == 5 and summary.done == 1
    assert summary.by_status == {"planned": 1, "on_track": 1, "at_risk": 1, "done": 1, "missed": 1}
    assert summary.overdue == ("Late one",)
    assert summary.next_due.title == "Homes chosen"
    assert 0.2 < summary.elapsed_share < 0.3
    assert summary.words() == (
        "1 of 5 milestones done, 1 overdue, 1 at risk, 1 missed. "
        "Next: Homes chosen, due 29 January 2027."
    )


def test_an_empty_timeline_says_so():
    summary = r.timeline_summary([], TODAY)
    assert summary.words() == "No milestones yet."
    assert summary.next_due is None and summary.elapsed_share is None


def test_dates_that_cannot_stand():
    assert r.dates_problem(date(2027, 1, 2), date(2027, 1, 1)).startswith("The end date")
    assert r.dates_problem(date(2027, 1, 1), date(2027, 1, 1)) is None
    assert r.dates_problem(None, date(2027, 1, 1)) is None
    assert "Enter the date" in r.done_date_problem("done", None, TODAY)
    assert "today or in the past" in r.done_date_problem("done", date(2027, 1, 1), TODAY)
    assert "Leave the date done empty" in r.done_date_problem("planned", TODAY, TODAY)
    assert r.done_date_problem("done", TODAY, TODAY) is None
    assert r.done_date_problem("at_risk", None, TODAY) is None
