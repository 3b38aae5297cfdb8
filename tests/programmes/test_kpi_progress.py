"""Progress against baseline and target, on track or behind by the straight line, met, trend,
the periods a figure covers, and the pure sources over hand-made inputs. No database."""

from datetime import date, timedelta

import polars as pl
import pytest

from programmes import kpi_progress as kp
from programmes.kpi_sources import SOURCES, Event, Inputs, ManualEntry, Period, period_for
from programmes.kpi_sources.registry import SourceProblem

GOAL = kp.Goal("higher", 0.20, date(2025, 3, 31), 0.30, date(2027, 3, 31))


def test_share_of_the_way_from_baseline_to_target():
    assert kp.share_of_way(GOAL, 0.25) == pytest.approx(0.5)
    assert kp.share_of_way(GOAL, 0.15) == pytest.approx(-0.5)  # the wrong way
    assert kp.share_of_way(kp.Goal(target=0.3), 0.25) is None  # no baseline
    assert kp.share_of_way(kp.Goal(baseline=0.3, target=0.3), 0.25) is None


def test_on_track_is_judged_against_the_straight_line_on_the_figure_s_date():
    halfway = date(2026, 3, 31)  # 365 of 730 days
    assert kp.expected_on(GOAL, halfway) == pytest.approx(0.25, abs=1e-3)
    assert kp.progress(GOAL, 0.26, halfway).status == "on_track"
    assert kp.progress(GOAL, 0.24, halfway).status == "behind"
    # before the baseline date the line stands at the baseline, after the target date at it
    assert kp.expected_on(GOAL, date(2024, 1, 1)) == pytest.approx(0.20)
    assert kp.expected_on(GOAL, date(2030, 1, 1)) == pytest.approx(0.30)
    assert kp.progress(GOAL, 0.29, date(2030, 1, 1)).status == "behind"


def test_met_no_target_and_no_data():
    assert kp.progress(GOAL, 0.30, date(2025, 6, 30)).status == "met"
    assert kp.progress(GOAL, 0.31, date(2025, 6, 30)).words == "Target met"
    assert kp.progress(kp.Goal(), 5, date(2025, 6, 30)).status == "no_target"
    assert kp.progress(GOAL, None, None).status == "no_data"
    # no dates: behind until the target is met
    assert kp.progress(kp.Goal(target=10), 5, date(2025, 6, 30)).status == "behind"


def test_lower_is_better():
    goal = kp.Goal("lower", 40, date(2025, 1, 1), 20, date(2026, 1, 1))
    assert kp.progress(goal, 20, date(2025, 6, 1)).status == "met"
    middle = date(2025, 7, 2)  # 182 of 365 days: the line stands at about 30
    assert kp.progress(goal, 29, middle).status == "on_track"
    assert kp.progress(goal, 31, middle).status == "behind"
    assert kp.share_of_way(goal, 30) == pytest.approx(0.5)


def test_trend_from_snapshots():
    values = [(date(2025, 9, 30), 0.22), (date(2025, 6, 30), 0.20), (date(2025, 12, 31), 0.21)]
    found = kp.points(values)
    assert [p.on for p in found] == [date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31)]
    assert found[0].change is None
    assert found[1].change == pytest.approx(0.02)
    assert kp.trend(values, "higher") == "worsening"
    assert kp.trend(values, "lower") == "improving"
    assert kp.trend([(date(2025, 6, 30), 3), (date(2025, 9, 30), 3)], "higher") == "steady"
    assert kp.trend([(date(2025, 6, 30), 3)], "higher") == "not_known"
    # a snapshot without a figure is skipped over
    gap = [(date(2025, 6, 30), 1), (date(2025, 9, 30), None), (date(2025, 12, 31), 2)]
    assert [p.change for p in kp.points(gap)] == [None, None, 1]


def test_figures_in_words():
    assert kp.shown(0.4234, "share") == "42.3%"
    assert kp.shown(3.0, "count") == "3"
    assert kp.shown(25000, "money") == "£25,000"
    assert kp.shown(None, "share") == "Not known"
    assert kp.shown(2.5, "number") == "2.5"
    assert kp.shown_way(0.5) == "50% of the way"


def test_the_period_a_figure_covers():
    end = date(2026, 3, 31)
    assert period_for("year", end) == Period(date(2025, 4, 1), end)
    assert period_for("quarter", end) == Period(date(2026, 1, 1), end)
    assert period_for("year", date(2026, 2, 28)) == Period(date(2025, 3, 1), date(2026, 2, 28))
    assert period_for("since_baseline", end, date(2025, 3, 31)) == Period(date(2025, 4, 1), end)
    assert period_for("since_baseline", end) == Period(None, end)
    assert period_for("all", end) == Period(None, end)
    assert Period(date(2025, 4, 1), end).words == "1 April 2025 to 31 March 2026"
    # Measured at its own baseline date: nothing counted yet, and said so (not "1 April to 31 March").
    at_baseline = period_for("since_baseline", end, end)
    assert not at_baseline.holds(end) and not at_baseline.holds(end + timedelta(days=1))
    assert at_baseline.words == "none yet: the baseline is on or after 31 March 2026"


def test_every_source_says_how_it_is_calculated_and_has_words_in_the_data():
    from core import datafiles

    words = datafiles.load(("programmes", "kpi_sources"))["sources"]
    assert set(words) == set(SOURCES)
    for item in SOURCES.values():
        assert len(item.how) > 60, item.key
    assert {
        "local_spend_share",
        "sme_spend_share",
        "vcse_spend_share",
        "practice_indicator",
        "challenges_published",
        "challenges_awarded",
        "adoptions_by_others",
        "cases_shared",
        "suppliers_registered",
        "alerts_sent",
        "manual",
    } <= set(SOURCES)


PERIOD = Period(date(2025, 4, 1), date(2026, 3, 31))


def test_counting_sources_count_what_falls_in_the_period():
    events = [Event(date(2025, 3, 31)), Event(date(2025, 4, 1)), Event(date(2026, 3, 31))]
    result = SOURCES["challenges_published"](Inputs(PERIOD, "Home", events=events))
    assert (result.value, result.numerator) == (2, 2)
    assert "2 challenges published, 1 April 2025 to 31 March 2026" in result.basis


def test_spread_counts_only_adoptions_by_anchors_that_do_not_own_the_challenge():
    owners = frozenset({1, 2})
    events = [
        Event(date(2025, 5, 1), actor_id=1, owner_ids=owners),  # the owner itself
        Event(date(2025, 6, 1), actor_id=2, owner_ids=owners),  # a co-owner
        Event(date(2025, 7, 1), actor_id=3, owner_ids=owners),
        Event(date(2024, 7, 1), actor_id=4, owner_ids=owners),  # before the period
    ]
    assert SOURCES["adoptions_by_others"](Inputs(PERIOD, "P", events=events)).value == 1


def test_suppliers_registered_counts_those_in_the_subject_s_own_authorities():
    events = [
        Event(date(2025, 5, 1), place="E08000025"),
        Event(date(2025, 5, 2), place="E08000026"),
        Event(date(2025, 5, 3), place=None),
    ]
    inputs = Inputs(PERIOD, "Home", events=events, homes=frozenset({"E08000025"}))
    assert SOURCES["suppliers_registered"](inputs).value == 1


def test_a_manual_kpi_takes_the_latest_result_in_the_period():
    results = [
        ManualEntry(date(2025, 9, 30), 10, "a link"),
        ManualEntry(date(2026, 3, 31), 14, "a file (report.pdf)"),
        ManualEntry(date(2026, 6, 30), 20),
    ]
    result = SOURCES["manual"](Inputs(PERIOD, "P", results=results))
    assert result.value == 14
    assert "evidence: a file (report.pdf)" in result.basis
    assert SOURCES["manual"](Inputs(PERIOD, "P")).value is None


def test_ledger_sources_are_the_ledger_s_own_measures():
    from spend.measures import MEASURES

    frame = pl.DataFrame(
        {
            "amount": [400.0, 300.0, 200.0, 100.0, 999.0],
            "payments": [1, 1, 1, 1, 1],
            "is_redacted": [False, False, False, False, True],
            "supplier_key": ["a", "b", "c", "d", "e"],
            "supplier": ["A", "B", "C", "D", "E"],
            "operational_local": [True, True, False, None, None],
            "in_uk": [True, True, True, None, None],
            "is_sme": [True, False, True, None, None],
            "is_vcse": [False, False, True, None, None],
        }
    )
    inputs = Inputs(PERIOD, "Home", payments=frame)
    local = SOURCES["local_spend_share"](inputs)
    assert local.value == pytest.approx(0.7) == MEASURES["local_share_operational"](frame)
    assert (local.numerator, local.denominator) == (pytest.approx(700), 1000)
    assert "place is known for 90%" in local.basis
    assert SOURCES["sme_spend_share"](inputs).value == pytest.approx(0.6)
    assert SOURCES["vcse_spend_share"](inputs).value == pytest.approx(0.2)
    empty = SOURCES["local_spend_share"](Inputs(PERIOD, "Home", payments=frame.head(0)))
    assert empty.value is None and "No payments" in empty.note


def test_a_practice_kpi_must_name_a_registered_indicator():
    with pytest.raises(SourceProblem, match="no indicator called 'nonsense'"):
        SOURCES["practice_indicator"](Inputs(PERIOD, "Home", parameters={"indicator": "nonsense"}))
