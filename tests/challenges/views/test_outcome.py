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
