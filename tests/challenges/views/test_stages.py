"""Every stage of a challenge against every action: the pages offer an action exactly where
`rules.STAGES` (and `lifecycle.MOVES` for the moves between stages) allow it, and the server
refuses it everywhere else. Walks every stage x every action."""

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges import lifecycle, rules
from challenges.lifecycle import Status
from challenges.models import PanelMember, Question
from tests.challenges import factories
from tests.challenges.factories import url

pytestmark = pytest.mark.django_db

Action = rules.Action


def made_in(world, status):
    """A challenge in this stage that meets every move's other conditions: criteria adding up to
    100%, a CPV code, a closing time ahead and an award recorded; the buyer on its panel, cleared."""
    made = factories.challenge(world, status)
    made.awarded_to = world.supplier_org
    made.award_value = 150000
    made.award_date = timezone.localdate() - timedelta(days=1)
    made.save()
    PanelMember.objects.create(
        challenge=made, user=world.users["buyer"], is_moderator=True, declared_at=timezone.now()
    )
    return made


def page_as(client_for, role, made) -> str:
    response = client_for(role).get(url("detail", made))
    return response.content.decode() if response.status_code == 200 else ""


# For each action: who does it, what on the challenge's page offers it, and whether the server
# let them do it (True) or refused (False). Each check may change the challenge, so each action
# gets a challenge of its own.
def _edit_statement(client, made):
    return client.get(url("edit", made)).status_code == 200


def _edit_criteria(client, made):
    client.post(url("criteria", made), {"name": "Late visits", "weight": "5"})
    return made.criteria.filter(name="Late visits").exists()


def _add_event(client, made):
    return client.get(url("event_create", made)).status_code == 200


def _take_part(client, made):
    client.post(url("ask", made), {"text": "Is visit data shared with suppliers?"})
    return Question.objects.filter(challenge=made).exists()


def _find_partners(client, made):
    return client.get(url("partners", made)).status_code == 200


def _evaluate(client, made):
    return client.get(url("evaluate", made)).status_code == 200


def _record_outcome(client, made):
    client.post(url("outcome", made), {"route_used": "", "outcome_notes": "Piloted in 2 wards."})
    made.refresh_from_db()
    return made.outcome_notes == "Piloted in 2 wards."


def _download_uk2(client, made):
    return client.get(url("uk2", made)).status_code == 200


def _adopt(client, made):
    return client.get(url("adopt", made)).status_code == 200


ACTIONS = {
    Action.EDIT_STATEMENT: ("buyer", "Edit the statement", _edit_statement),
    Action.EDIT_CRITERIA: ("buyer", None, _edit_criteria),
    Action.ADD_EVENT: ("buyer", "Add an engagement event", _add_event),
    Action.TAKE_PART: ("supplier", "Ask the question", _take_part),
    Action.FIND_PARTNERS: ("supplier", "Find consortium partners", _find_partners),
    Action.EVALUATE: ("buyer", "Score the proposals", _evaluate),
    Action.RECORD_OUTCOME: ("buyer", "Record the outcome", _record_outcome),
    Action.DOWNLOAD_UK2: (
        "anonymous",
        "Download the UK2 preliminary market engagement",
        _download_uk2,
    ),
    Action.ADOPT: ("other_buyer", "adopted it</a>", _adopt),
}


def test_every_action_is_walked():
    assert set(ACTIONS) == set(Action)


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", list(Action))
def test_an_action_is_offered_and_done_only_in_the_stages_that_allow_it(
    world, client_for, status, action
):
    role, offer, attempt = ACTIONS[action]
    allowed = rules.allows(status, action)
    made = made_in(world, status)
    if offer is not None:
        assert (offer in page_as(client_for, role, made)) is allowed, (status, action, offer)
    else:  # the criteria page offers the form to add one
        page = client_for(role).get(url("criteria", made)).content.decode()
        assert ("Add the criterion" in page) is allowed
    assert attempt(client_for(role), made) is allowed, (status, action)


def test_a_withdrawn_challenge_refuses_an_outcome_with_a_clear_message(world, client_for):
    made = made_in(world, Status.WITHDRAWN)
    buyer = client_for("buyer")
    assert "Record the outcome" not in buyer.get(url("detail", made)).content.decode()
    refused = buyer.post(url("outcome", made), {"outcome_notes": "Piloted in 2 wards."})
    assert refused.status_code == 403
    assert "This challenge was withdrawn, so it has no outcome to record" in (
        refused.content.decode()
    )
    made.refresh_from_db()
    assert made.outcome_notes == ""


def test_a_withdrawn_challenge_offers_no_uk2_notice_and_refuses_it(world, client_for):
    made = made_in(world, Status.WITHDRAWN)
    assert "Download the UK2" not in page_as(client_for, "anonymous", made)
    refused = client_for("anonymous").get(url("uk2", made))
    assert refused.status_code == 403
    assert "This challenge was withdrawn" in refused.content.decode()


@pytest.mark.parametrize("status", list(Status))
def test_the_outcome_is_recorded_only_after_engagement_has_closed(world, client_for, status):
    """Written out rather than read from `rules.STAGES`: an outcome follows the evaluation of the
    proposals, so not at publication, not while engagement is open, not once withdrawn."""
    expected = status in {Status.ENGAGEMENT_CLOSED, Status.AWARDED, Status.NOT_AWARDED}
    made = made_in(world, status)
    assert ("Record the outcome" in page_as(client_for, "anchor_admin", made)) is expected
    assert _record_outcome(client_for("anchor_admin"), made) is expected


@pytest.mark.parametrize("status", list(Status))
def test_only_the_moves_of_the_stage_are_offered_and_made(world, client_for, status):
    for target in set(Status) - {Status.DRAFT}:
        allowed = target in lifecycle.MOVES[status]
        made = made_in(world, status)
        page = page_as(client_for, "buyer", made)
        assert (f"/move/?to={target.value}" in page) is allowed, (status, target)
        confirmation = client_for("buyer").get(url("move", made), {"to": target.value})
        assert (confirmation.status_code == 200) is allowed, (status, target)
        done = client_for("buyer").post(
            url("move", made),
            {"to": target.value, "confirm": "yes", "note": "Budget withdrawn."},
            follow=True,
        )
        made.refresh_from_db()
        moved = made.history.filter(to_status=target).exists()
        assert moved is allowed and (made.status == target) is (allowed or target == status)
        if not allowed:
            assert f"cannot become {target.label.lower()}" in done.content.decode()
