"""The activity sources counted without a database: events in the period only; spread counts
adoptions by anchors that do not own the challenge; local suppliers by the anchors' own areas."""

from datetime import date

from programmes.kpi_sources import SOURCES
from programmes.kpi_sources.registry import Event, Inputs, Period

YEAR = Period(date(2025, 4, 1), date(2026, 3, 31))


def test_challenges_published_counts_only_the_period():
    events = [Event(date(2025, 3, 31)), Event(date(2025, 4, 1)), Event(date(2026, 3, 31))]
    result = SOURCES["challenges_published"](Inputs(YEAR, "Home", events=events))
    assert (result.value, result.numerator) == (2.0, 2.0)
    assert result.basis == "2 challenges published, 1 April 2025 to 31 March 2026"


def test_spread_counts_adoptions_by_anchors_that_do_not_own_the_challenge():
    events = [
        Event(date(2025, 5, 1), actor_id=2, owner_ids=frozenset({1})),
        Event(date(2025, 6, 1), actor_id=1, owner_ids=frozenset({1})),  # its own owner
        Event(date(2025, 7, 1), actor_id=3, owner_ids=frozenset({1, 3})),  # a co-owner
        Event(date(2024, 7, 1), actor_id=4, owner_ids=frozenset({1})),  # before the period
    ]
    assert SOURCES["adoptions_by_others"](Inputs(YEAR, "Home", events=events)).value == 1.0


def test_local_suppliers_are_those_placed_in_the_anchors_own_areas():
    events = [
        Event(date(2025, 5, 1), place="E08000025"),
        Event(date(2025, 5, 2), place="E08000026"),
        Event(date(2025, 5, 3), place=None),  # postcode not known: not counted
    ]
    inputs = Inputs(YEAR, "Home", events=events, homes=frozenset({"E08000025"}))
    assert SOURCES["suppliers_registered"](inputs).value == 1.0


def test_nothing_in_the_period_is_a_count_of_zero_not_a_missing_figure():
    assert SOURCES["alerts_sent"](Inputs(YEAR, "Home")).value == 0.0
