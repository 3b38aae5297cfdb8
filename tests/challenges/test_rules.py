"""What a challenge allows, and to whom (challenges/rules.py). No database: the queries that mirror
these rules are checked against them in test_models.py."""

from datetime import UTC, datetime, timedelta

import pytest

from challenges import rules
from challenges.lifecycle import FINAL, Status
from challenges.rules import CanAdopt, ChallengeFacts, Seat, Viewer
from core.roles import Role

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
HOME, CO_OWNER, ELSEWHERE, SUPPLIER = 1, 2, 3, 4


def challenge(status=Status.PUBLISHED, owners=(HOME, CO_OWNER)):
    return ChallengeFacts(status=status, owner_ids=frozenset(owners))


def viewer(role, organisation_id=None, user_id=10):
    if role is Role.ANONYMOUS:
        return Viewer(role)
    return Viewer(role, user_id, organisation_id)


ANONYMOUS = viewer(Role.ANONYMOUS)
REGISTERED = viewer(Role.REGISTERED)
A_SUPPLIER = viewer(Role.SUPPLIER, SUPPLIER)
HOME_BUYER = viewer(Role.BUYER, HOME)
HOME_ADMIN = viewer(Role.ANCHOR_ADMIN, HOME)
CO_OWNING_BUYER = viewer(Role.BUYER, CO_OWNER)
OTHER_BUYER = viewer(Role.BUYER, ELSEWHERE)
COORDINATOR = viewer(Role.COORDINATOR)
EVERYONE = [
    ANONYMOUS,
    REGISTERED,
    A_SUPPLIER,
    HOME_BUYER,
    HOME_ADMIN,
    CO_OWNING_BUYER,
    OTHER_BUYER,
    COORDINATOR,
]


def test_every_status_but_draft_is_public():
    assert not rules.is_public(Status.DRAFT)
    assert all(rules.is_public(s) for s in set(Status) - {Status.DRAFT})


@pytest.mark.parametrize("status", list(Status))
def test_owners_and_coordinators_manage_a_challenge_at_every_stage(status):
    made = challenge(status)
    managers = {v for v in EVERYONE if rules.manages(made, v)}
    assert managers == {HOME_BUYER, HOME_ADMIN, CO_OWNING_BUYER, COORDINATOR}


def test_a_supplier_whose_organisation_id_matches_an_owner_does_not_manage():
    # Only an anchor's buyers own challenges, whatever the numbers say.
    assert not rules.manages(challenge(owners=(SUPPLIER,)), A_SUPPLIER)


@pytest.mark.parametrize("status", list(Status))
def test_a_draft_is_seen_by_its_managers_alone_and_the_rest_by_everyone(status):
    made = challenge(status)
    for v in EVERYONE:
        expected = status != Status.DRAFT or v in {
            HOME_BUYER,
            HOME_ADMIN,
            CO_OWNING_BUYER,
            COORDINATOR,
        }
        assert rules.can_see(made, v) == expected, (status, v)


def test_criteria_are_editable_only_in_draft():
    assert rules.criteria_editable(Status.DRAFT)
    assert not any(rules.criteria_editable(s) for s in set(Status) - {Status.DRAFT})


def test_the_statement_is_fixed_at_publication():
    assert rules.statement_editable(Status.DRAFT)
    assert not any(rules.statement_editable(s) for s in set(Status) - {Status.DRAFT})


def test_engagement_is_open_only_in_its_stage_and_before_its_closing_time():
    later, earlier = NOW + timedelta(minutes=1), NOW - timedelta(minutes=1)
    assert rules.engagement_open(Status.ENGAGEMENT_OPEN, later, NOW)
    assert rules.engagement_open(Status.ENGAGEMENT_OPEN, None, NOW)
    assert not rules.engagement_open(Status.ENGAGEMENT_OPEN, earlier, NOW)
    assert not rules.engagement_open(Status.ENGAGEMENT_OPEN, NOW, NOW)
    for status in set(Status) - {Status.ENGAGEMENT_OPEN}:
        assert not rules.engagement_open(status, later, NOW)


def test_a_supplier_is_told_whether_engagement_closed_or_never_opened():
    assert rules.closed_message(Status.ENGAGEMENT_OPEN) == (
        "Market engagement on this challenge has closed."
    )
    for status in set(Status) - {Status.ENGAGEMENT_OPEN}:
        assert rules.closed_message(status) == "Market engagement on this challenge is not open."


def test_events_are_added_until_the_challenge_ends_and_taken_until_they_start_or_fill():
    assert {s for s in Status if rules.events_may_be_added(s)} == set(Status) - FINAL
    assert rules.event_started(NOW, NOW) and not rules.event_started(NOW, NOW - timedelta(1))
    assert rules.event_full(2, 2) and not rules.event_full(2, 1)
    assert not rules.event_full(None, 500) and not rules.event_full(0, 500)


def test_partners_are_found_from_publication_until_an_outcome():
    assert {s for s in Status if rules.partners_may_be_found(s)} == {
        Status.PUBLISHED,
        Status.ENGAGEMENT_OPEN,
        Status.ENGAGEMENT_CLOSED,
    }


def test_the_outcome_is_recorded_once_engagement_has_closed_unless_withdrawn():
    assert {s for s in Status if rules.outcome_may_be_recorded(s)} == {
        Status.ENGAGEMENT_CLOSED,
        Status.AWARDED,
        Status.NOT_AWARDED,
    }
    assert "withdrawn" in rules.outcome_refusal(Status.WITHDRAWN)
    for early in (Status.DRAFT, Status.PUBLISHED, Status.ENGAGEMENT_OPEN):
        assert "once market engagement has closed" in rules.outcome_refusal(early)
    assert rules.outcome_refusal(Status.AWARDED) is None


def test_every_action_names_the_stages_that_allow_it():
    assert set(rules.STAGES) == set(rules.Action)
    for status in Status:
        assert rules.actions_in(status) == {
            action.value for action, stages in rules.STAGES.items() if status in stages
        }
    assert rules.actions_in(Status.WITHDRAWN) == set()


def test_a_withdrawn_challenge_offers_no_uk2_notice():
    assert not rules.allows(Status.WITHDRAWN, rules.Action.DOWNLOAD_UK2)
    assert "withdrawn" in rules.uk2_refusal(Status.WITHDRAWN)
    assert "publish it first" in rules.uk2_refusal(Status.DRAFT)
    for status in (Status.PUBLISHED, Status.ENGAGEMENT_OPEN, Status.AWARDED, Status.NOT_AWARDED):
        assert rules.uk2_refusal(status) is None


CLEARED = Seat(declared=True, has_conflict=False)
MODERATOR = Seat(declared=True, has_conflict=False, is_moderator=True)
UNDECLARED = Seat(declared=False, has_conflict=False, is_moderator=True)
CONFLICTED = Seat(declared=True, has_conflict=True, is_moderator=True)


def test_responses_are_evaluated_once_engagement_has_closed():
    assert {s for s in Status if rules.evaluation_open(s)} == {
        Status.ENGAGEMENT_CLOSED,
        Status.AWARDED,
        Status.NOT_AWARDED,
    }


def test_a_panel_member_sees_responses_only_after_declaring_no_conflict():
    assert rules.may_see_responses(CLEARED)
    assert not rules.may_see_responses(UNDECLARED)
    assert not rules.may_see_responses(CONFLICTED)


@pytest.mark.parametrize(
    ("status", "seat", "refusal"),
    [
        (Status.ENGAGEMENT_CLOSED, None, "Only the challenge's evaluation panel"),
        (Status.ENGAGEMENT_CLOSED, UNDECLARED, "Declare any conflict of interest"),
        (Status.ENGAGEMENT_CLOSED, CONFLICTED, "You declared a conflict of interest"),
        (Status.ENGAGEMENT_OPEN, CLEARED, "once market engagement has closed"),
        (Status.ENGAGEMENT_CLOSED, CLEARED, None),
        (Status.AWARDED, MODERATOR, None),
    ],
)
def test_evaluation_is_refused_in_order_with_the_reason(status, seat, refusal):
    found = rules.evaluation_refusal(status, seat)
    assert found is None if refusal is None else refusal in found


def test_only_the_cleared_moderator_moderates():
    assert rules.moderation_refusal(Status.ENGAGEMENT_CLOSED, MODERATOR) is None
    assert rules.moderation_refusal(Status.ENGAGEMENT_CLOSED, CLEARED) == (
        "Only the panel's moderator can do this."
    )
    # An evaluation refusal comes first, as the moderator must be cleared too.
    assert "Declare" in rules.moderation_refusal(Status.ENGAGEMENT_CLOSED, UNDECLARED)
    assert rules.moderation_refusal(Status.ENGAGEMENT_CLOSED, None) == rules.NOT_ON_PANEL


def test_a_response_is_read_by_its_own_organisation_and_cleared_evaluators_after_closing():
    def reads(v, seat=None, submitted=True, status=Status.ENGAGEMENT_CLOSED, lead=SUPPLIER):
        return rules.may_read_response(v, lead, submitted, status, seat)

    # Its own organisation, at any stage, submitted or not.
    assert reads(A_SUPPLIER, submitted=False, status=Status.ENGAGEMENT_OPEN)
    # Not another supplier, nor its owners off the panel, nor a coordinator off the panel.
    assert not reads(A_SUPPLIER, lead=99)
    assert not any(reads(v) for v in (HOME_BUYER, COORDINATOR, ANONYMOUS))
    # A cleared evaluator, once submitted and engagement has closed.
    assert reads(HOME_BUYER, CLEARED)
    assert not reads(HOME_BUYER, CLEARED, submitted=False)
    assert not reads(HOME_BUYER, CLEARED, status=Status.ENGAGEMENT_OPEN)
    assert not reads(HOME_BUYER, CONFLICTED) and not reads(HOME_BUYER, UNDECLARED)
    # A supplier's user on a panel seat of someone else's response reads it as an evaluator.
    assert reads(A_SUPPLIER, CLEARED, lead=99)


def test_other_anchors_adopt_an_awarded_solution_once():
    awarded = challenge(Status.AWARDED)
    assert rules.can_adopt(awarded, OTHER_BUYER, adopted=False) is CanAdopt.YES
    assert rules.can_adopt(awarded, viewer(Role.ANCHOR_ADMIN, ELSEWHERE), False) is CanAdopt.YES
    assert rules.can_adopt(awarded, OTHER_BUYER, adopted=True) is CanAdopt.ALREADY_RECORDED
    for owner in (HOME_BUYER, HOME_ADMIN, CO_OWNING_BUYER):
        assert rules.can_adopt(awarded, owner, adopted=False) is CanAdopt.OWNS_IT
    for v in (ANONYMOUS, REGISTERED, A_SUPPLIER, COORDINATOR):
        assert rules.can_adopt(awarded, v, adopted=False) is CanAdopt.NOT_AN_ANCHOR_BUYER
    for status in set(Status) - {Status.AWARDED}:
        made = challenge(status)
        assert rules.can_adopt(made, OTHER_BUYER, adopted=False) is CanAdopt.NOT_AWARDED
        # Owning comes first: owners are told adoption is by others, whatever the stage.
        assert rules.can_adopt(made, HOME_BUYER, adopted=False) is CanAdopt.OWNS_IT
