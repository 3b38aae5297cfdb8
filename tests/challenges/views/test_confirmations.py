"""Moving a challenge to another stage asks first, on a confirmation page (core/confirming.py):
what will happen, what cannot be undone, "Yes, ..." and "Cancel". Only the page's own POST acts."""

import pytest

from challenges.lifecycle import Status
from challenges.models import Criterion
from tests.challenges import factories
from tests.challenges.factories import url

pytestmark = pytest.mark.django_db

WORDS = {
    Status.PUBLISHED: (
        Status.DRAFT,
        "Publish this challenge?",
        "fixes the statement and the evaluation criteria for good",
        "Yes, publish the challenge",
    ),
    Status.WITHDRAWN: (
        Status.ENGAGEMENT_OPEN,
        "Withdraw this challenge?",
        "Withdrawing is final",
        "Yes, withdraw the challenge",
    ),
    Status.NOT_AWARDED: (
        Status.ENGAGEMENT_CLOSED,
        "Close this challenge without an award?",
        "cannot be reopened or awarded afterwards",
        "Yes, close without an award",
    ),
}


@pytest.mark.parametrize("target", list(WORDS), ids=str)
def test_a_move_asks_first_and_acts_only_when_confirmed(world, client_for, target):
    start, heading, warning, button = WORDS[target]
    made = factories.challenge(world, start)
    buyer = client_for("buyer")
    detail = buyer.get(url("detail", made)).content.decode()
    assert f'href="{url("move", made)}?to={target.value}"' in detail

    page = buyer.get(url("move", made), {"to": target.value}).content.decode()
    assert f"<title>{heading}" in page and f">{heading}</h1>" in page
    assert "govuk-warning-text" in page and warning in page
    assert f">{button}</button>" in page
    assert 'name="confirm" value="yes"' in page and "csrfmiddlewaretoken" in page
    assert f'<input type="hidden" name="to" value="{target.value}">' in page
    assert f'<a class="govuk-link" href="{made.get_absolute_url()}">Cancel</a>' in page
    made.refresh_from_db()
    assert made.status == start  # showing the page changes nothing; nor does Cancel, a link

    # A POST from an older form, without the confirmation, is asked again rather than done.
    again = buyer.post(url("move", made), {"to": target.value})
    assert again.status_code == 200 and heading in again.content.decode()
    made.refresh_from_db()
    assert made.status == start and not made.history.exists()

    reason = {"note": "The service was recommissioned."} if target == Status.WITHDRAWN else {}
    done = buyer.post(
        url("move", made), {"to": target.value, "confirm": "yes", **reason}, follow=True
    )
    assert f"The challenge is now {target.label.lower()}" in done.content.decode()
    made.refresh_from_db()
    assert made.status == target
    assert list(made.history.values_list("from_status", "to_status")) == [(start, target)]


def test_publishing_fixes_the_criteria_only_once_confirmed(world, client_for):
    made = factories.challenge(world)
    buyer = client_for("buyer")
    buyer.get(url("move", made), {"to": "published"})
    made.refresh_from_db()
    assert made.criteria_locked_at is None and made.published_at is None
    buyer.post(url("move", made), {"to": "published", "confirm": "yes"})
    made.refresh_from_db()
    assert made.criteria_locked_at is not None and made.published_at is not None


def test_a_move_that_cannot_be_made_yet_says_why_instead_of_asking(world, client_for):
    made = factories.challenge(world)
    Criterion.objects.filter(challenge=made, name="Impact").update(weight=30)
    response = client_for("buyer").get(url("move", made), {"to": "published"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == made.get_absolute_url()
    assert "add up to 70%; they must add up to 100%" in page
    assert "Publish this challenge?" not in page
    made.refresh_from_db()
    assert made.status == Status.DRAFT


def test_an_unknown_move_is_refused(world, client_for):
    made = factories.challenge(world)
    response = client_for("buyer").get(url("move", made), {"to": "deleted"}, follow=True)
    assert "Choose what should happen to the challenge." in response.content.decode()


def test_only_the_challenges_owners_see_or_confirm_its_moves(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_OPEN)
    for role in ("supplier", "registered"):
        client = client_for(role)
        assert "/move/?to=" not in client.get(url("detail", made)).content.decode()
        assert client.get(url("move", made), {"to": "withdrawn"}).status_code == 403
        client.post(url("move", made), {"to": "withdrawn", "confirm": "yes"})
    made.refresh_from_db()
    assert made.status == Status.ENGAGEMENT_OPEN


ROUTES = {
    "above": ({"value": "900000", "buyer_type": "sub-central", "category": "services"}, "Required"),
    "below": (
        {"value": "80000", "buyer_type": "sub-central", "category": "services"},
        "Not required",
    ),
    "unknown": (None, "Needed only if the procurement that follows is above the threshold"),
}


@pytest.mark.parametrize("route", list(ROUTES))
def test_the_publish_confirmation_says_whether_a_uk2_is_required_as_the_page_does(
    world, client_for, route
):
    answers, requirement = ROUTES[route]
    made = factories.challenge(world, route_answers=answers or {})
    buyer = client_for("buyer")
    page = buyer.get(url("move", made), {"to": "published"}).content.decode()
    assert requirement in page
    if route == "below":
        assert "Required: this engagement" not in page
        assert "the Act asks for no preliminary market engagement notice below it" in page
    made.status = Status.PUBLISHED
    made.save()
    assert requirement in buyer.get(url("detail", made)).content.decode()


def test_withdrawing_asks_why_and_keeps_the_reason_in_the_history(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_OPEN)
    buyer = client_for("buyer")
    page = buyer.get(url("move", made), {"to": "withdrawn"}).content.decode()
    assert "Why is the challenge being withdrawn?" in page and 'name="note"' in page
    assert "govuk-error-summary" not in page

    # Confirming without a reason shows the page again with the GOV.UK error, and withdraws nothing.
    for empty in ("", "   "):
        refused = buyer.post(
            url("move", made), {"to": "withdrawn", "confirm": "yes", "note": empty}
        )
        html = refused.content.decode()
        assert "<title>Error: Withdraw this challenge?" in html
        assert "govuk-error-summary" in html and "govuk-error-message" in html
        assert "Enter why the challenge is being withdrawn" in html
        assert "This field is required" not in html
    made.refresh_from_db()
    assert made.status == Status.ENGAGEMENT_OPEN and not made.history.exists()

    reason = "The service was recommissioned by the NHS trust."
    buyer.post(url("move", made), {"to": "withdrawn", "confirm": "yes", "note": reason})
    made.refresh_from_db()
    assert made.status == Status.WITHDRAWN
    assert list(made.history.values_list("to_status", "note")) == [("withdrawn", reason)]
    # The owners see it in the history; everyone sees why the challenge was withdrawn.
    assert f"Withdrawn: {reason}" in buyer.get(url("detail", made)).content.decode()
    public = client_for("anonymous").get(url("detail", made)).content.decode()
    assert f"Why: {reason}" in public
