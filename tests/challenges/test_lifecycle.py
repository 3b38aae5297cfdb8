"""A challenge's life cycle (challenges/lifecycle.py): moves and what each needs. No database."""

from datetime import UTC, datetime, timedelta

import pytest

from challenges import lifecycle
from challenges.lifecycle import Facts, Status, problems_with_move

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def facts(**extra):
    base = dict(
        status=Status.DRAFT,
        criteria_weights=(60, 40),
        engagement_closes_at=NOW + timedelta(days=30),
        now=NOW,
    )
    return Facts(**{**base, **extra})


def test_a_complete_draft_can_be_published():
    assert problems_with_move(facts(), Status.PUBLISHED) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (dict(criteria_weights=()), "Add the evaluation criteria"),
        (dict(criteria_weights=(60, 30)), "add up to 90%"),
        (dict(engagement_closes_at=None), "Set when market engagement closes"),
        (dict(engagement_closes_at=NOW - timedelta(minutes=1)), "must be in the future"),
        (dict(has_cpv=False), "CPV"),
    ],
)
def test_publishing_needs_criteria_adding_to_100_a_future_closing_date_and_cpv(extra, message):
    problems = problems_with_move(facts(**extra), Status.PUBLISHED)
    assert len(problems) == 1 and message in problems[0]


def test_only_the_moves_of_the_life_cycle_are_allowed():
    assert problems_with_move(facts(), Status.AWARDED)[0].startswith("A challenge that is draft")
    assert problems_with_move(facts(status=Status.PUBLISHED), Status.ENGAGEMENT_OPEN) == []
    assert problems_with_move(facts(status=Status.ENGAGEMENT_OPEN), Status.ENGAGEMENT_CLOSED) == []
    for final in lifecycle.FINAL:
        assert lifecycle.MOVES[final] == []
        assert problems_with_move(facts(status=final), Status.DRAFT)
    for status in set(Status) - lifecycle.FINAL:
        assert Status.WITHDRAWN in lifecycle.MOVES[status]


def test_an_award_needs_its_details_and_engagement_cannot_open_after_its_closing_date():
    closed = facts(status=Status.ENGAGEMENT_CLOSED)
    assert "Record who was awarded" in problems_with_move(closed, Status.AWARDED)[0]
    assert (
        problems_with_move(facts(status=Status.ENGAGEMENT_CLOSED, has_award=True), Status.AWARDED)
        == []
    )
    assert problems_with_move(facts(status=Status.ENGAGEMENT_CLOSED), Status.NOT_AWARDED) == []
    late = facts(status=Status.PUBLISHED, engagement_closes_at=NOW - timedelta(days=1))
    assert "has passed" in problems_with_move(late, Status.ENGAGEMENT_OPEN)[0]


def test_every_move_has_its_confirmation_and_the_ending_ones_are_red():
    CONFIRMATIONS, MOVES = lifecycle.CONFIRMATIONS, lifecycle.MOVES
    targets = {target for moves in MOVES.values() for target in moves}
    assert set(CONFIRMATIONS) == targets
    for words in CONFIRMATIONS.values():
        assert words.heading.endswith("?") and words.button.startswith("Yes, ")
        assert words.what_happens and words.cannot_be_undone
    assert {t for t, words in CONFIRMATIONS.items() if words.destructive} == {
        Status.WITHDRAWN,
        Status.NOT_AWARDED,
    }


def test_the_publish_confirmation_follows_the_route():
    below = " ".join(lifecycle.confirmation(Status.PUBLISHED, False).what_happens)
    above = " ".join(lifecycle.confirmation(Status.PUBLISHED, True).what_happens)
    assert "Not required" in below and "Required:" not in below
    assert "Required:" in above
    assert (
        lifecycle.confirmation(Status.WITHDRAWN, True) == lifecycle.CONFIRMATIONS[Status.WITHDRAWN]
    )
