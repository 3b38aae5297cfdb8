"""Outcome and adoption through their pages (challenges/views/outcome.py), and the opportunity
page linking back to a public challenge."""

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges.lifecycle import Status
from challenges.models import (
    Adoption,
)
from opportunities.models import Process
from tests.challenges import factories
from tests.challenges.factories import url

pytestmark = pytest.mark.django_db


def test_the_outcome_links_later_notices_and_other_anchors_record_adoption(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_CLOSED, days=-3)
    factories.response(made, world.supplier_org, world.users["supplier"])
    later = Process.objects.create(
        ocid="ocds-later-1",
        compiled={},
        phase="tender",
        title="Home care visits rostering pilot",
        buyer=world.home,
        first_published=timezone.now(),
    )
    buyer = client_for("buyer")
    assert "Home care visits rostering pilot" in buyer.get(url("outcome", made)).content.decode()
    award_day = timezone.localdate() - timedelta(days=1)
    buyer.post(
        url("outcome", made),
        {
            "route_used": "competitive_flexible_phased",
            "awarded_to": world.supplier_org.pk,
            "award_value": "150000",
            "awarded_on_0": award_day.day,
            "awarded_on_1": award_day.month,
            "awarded_on_2": award_day.year,
            "ocid": later.ocid,
        },
    )
    buyer.post(url("move", made), {"to": "awarded", "confirm": "yes"})
    made.refresh_from_db()
    assert made.status == Status.AWARDED and made.awarded_to == world.supplier_org
    page = buyer.get(url("detail", made)).content.decode()
    assert later.get_absolute_url() in page
    assert "Phased innovation competition" in page
    assert buyer.get(url("adopt", made)).status_code == 403  # owners do not adopt their own
    buyer.logout()
    other = client_for("other_buyer")
    other.force_login(world.users["other_buyer"], backend="accounts.backends.EmailBackend")
    other.post(
        url("adopt", made),
        {
            "adopted_0": award_day.day,
            "adopted_1": award_day.month,
            "adopted_2": award_day.year,
            "scale": "2 wards",
        },
    )
    adoption = Adoption.objects.get()
    assert (adoption.organisation, adoption.scale) == (world.other, "2 wards")
    page = other.get(url("detail", made)).content.decode()
    assert "2 of 2 network anchors use this solution (100%)" in page
    assert (
        other.get(f"/api/challenges/{made.reference}").json()["adoptions"][0]["scale"] == "2 wards"
    )


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.ENGAGEMENT_OPEN])
def test_no_outcome_before_engagement_has_closed(world, client_for, status):
    made = factories.challenge(world, status)
    factories.response(made, world.supplier_org, world.users["supplier"])
    buyer = client_for("anchor_admin")
    assert "Record the outcome" not in buyer.get(url("detail", made)).content.decode()
    assert buyer.get(url("outcome", made)).status_code == 403
    award_day = timezone.localdate() - timedelta(days=1)
    refused = buyer.post(
        url("outcome", made),
        {
            "awarded_to": world.supplier_org.pk,
            "award_value": "150000",
            "awarded_on_0": award_day.day,
            "awarded_on_1": award_day.month,
            "awarded_on_2": award_day.year,
        },
    )
    assert refused.status_code == 403
    assert "once market engagement has closed" in refused.content.decode()
    made.refresh_from_db()
    assert made.awarded_to is None and made.award_value is None


def test_the_award_goes_only_to_a_supplier_that_sent_a_proposal(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_CLOSED, days=-3)
    respondent = factories.other_supplier("Rota Systems plc")
    factories.response(made, respondent)
    factories.response(made, factories.other_supplier("Draft Only Ltd"), submitted=False)
    buyer = client_for("buyer")
    page = buyer.get(url("outcome", made)).content.decode()
    assert "Rota Systems plc" in page
    assert world.supplier_org.name not in page and "Draft Only Ltd" not in page
    award_day = timezone.localdate() - timedelta(days=1)
    refused = buyer.post(
        url("outcome", made),
        {
            "awarded_to": world.supplier_org.pk,
            "award_value": "150000",
            "awarded_on_0": award_day.day,
            "awarded_on_1": award_day.month,
            "awarded_on_2": award_day.year,
        },
    )
    assert "Choose the supplier from those that sent a proposal to this challenge" in (
        refused.content.decode()
    )
    made.refresh_from_db()
    assert made.awarded_to is None


def test_with_no_proposals_an_award_is_refused_with_a_clear_message(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_CLOSED, days=-3)
    buyer = client_for("buyer")
    page = buyer.get(url("outcome", made)).content.decode()
    assert "No supplier has sent a proposal to this challenge" in page
    award_day = timezone.localdate() - timedelta(days=1)
    refused = buyer.post(
        url("outcome", made),
        {
            "award_value": "150000",
            "awarded_on_0": award_day.day,
            "awarded_on_1": award_day.month,
            "awarded_on_2": award_day.year,
        },
    )
    body = refused.content.decode()
    assert "govuk-error-summary" in body
    assert "No supplier sent a proposal to this challenge, so no award can be recorded" in body
    made.refresh_from_db()
    assert made.award_value is None
    saved = buyer.post(url("outcome", made), {"outcome_notes": "No proposals came in."})
    assert saved.status_code == 302
    made.refresh_from_db()
    assert made.outcome_notes == "No proposals came in."


def test_an_opportunity_links_back_to_its_challenge_once_public(world, client_for):
    process = Process.objects.create(
        ocid="ocds-later-2", compiled={}, phase="tender", title="Rostering pilot", buyer=world.home
    )
    draft = factories.challenge(world, title="Hidden draft", ocid=process.ocid)
    page = client_for("anonymous").get(process.get_absolute_url()).content.decode()
    assert "Hidden draft" not in page
    draft.status = Status.AWARDED
    draft.save()
    page = client_for("anonymous").get(process.get_absolute_url()).content.decode()
    assert "This procurement follows the challenge" in page and draft.get_absolute_url() in page
