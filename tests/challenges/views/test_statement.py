"""Finding, writing and moving a challenge through its pages (challenges/views/statement.py):
guidance, criteria, publication, drafts hidden from lists and the API."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from challenges.lifecycle import Status
from challenges.models import (
    Challenge,
    StatusChange,
)
from tests.challenges import factories
from tests.challenges.factories import url

pytestmark = pytest.mark.django_db


def test_a_buyer_writes_a_challenge_with_guidance_and_publishes_it(world, client_for):
    client = client_for("buyer")
    page = client.get(reverse("challenges:create"))
    assert "A specification (avoid):" in page.content.decode()  # examples inside the form
    closes = timezone.localdate() + timedelta(days=20)
    response = client.post(
        reverse("challenges:create"),
        {
            "title": "Fewer missed visits",
            "summary": "Visits are missed.",
            "problem": "5% of visits are missed.",
            "affected": "People receiving care.",
            "outcomes": "Missed visits fall to 2%.",
            "success_measures": "Monthly call monitoring.",
            "budget_min": "90000",
            "budget_max": "50000",
            "cpv": "85312000, 72000000-5",
            "closes_on_0": closes.day,
            "closes_on_1": closes.month,
            "closes_on_2": closes.year,
            "co_owners": [world.other.pk],
        },
    )
    assert "The highest budget must be the same as or more than the lowest budget" in (
        response.content.decode()
    )
    response = client.post(
        reverse("challenges:create"),
        {
            "title": "Fewer missed visits",
            "summary": "Visits are missed.",
            "problem": "5% of visits are missed.",
            "affected": "People receiving care.",
            "outcomes": "Missed visits fall to 2%.",
            "success_measures": "Monthly call monitoring.",
            "budget_min": "50000",
            "budget_max": "90000",
            "cpv": "85312000, 72000000-5",
            "closes_on_0": closes.day,
            "closes_on_1": closes.month,
            "closes_on_2": closes.year,
            "co_owners": [world.other.pk],
        },
    )
    made = Challenge.objects.get()
    assert response.status_code == 302 and response.url == url("criteria", made)
    assert (made.owner, made.status, made.cpv_codes) == (
        world.home,
        Status.DRAFT,
        ["72000000", "85312000"],
    )
    assert list(made.co_owners.all()) == [world.other]
    # Weights that do not add up to 100 stop publication.
    client.post(url("criteria", made), {"name": "Impact", "weight": "70"})
    client.post(url("move", made), {"to": "published", "confirm": "yes"})
    made.refresh_from_db()
    assert made.status == Status.DRAFT
    client.post(url("criteria", made), {"name": "Cost", "weight": "30"})
    client.post(url("move", made), {"to": "published", "confirm": "yes"})
    made.refresh_from_db()
    assert made.status == Status.PUBLISHED and made.criteria_locked_at
    # Criteria are locked; the statement is fixed.
    assert client.post(url("criteria", made), {"name": "Late", "weight": "5"}).status_code == 403
    first = made.criteria.first()
    assert client.post(url("criterion_delete", made, pk=first.pk)).status_code == 403
    assert made.criteria.count() == 2
    assert client.get(url("edit", made)).status_code == 302
    # A co-owner's buyer manages it too; every change is recorded with who and when.
    other = client_for("other_buyer")
    other.force_login(world.users["other_buyer"], backend="accounts.backends.EmailBackend")
    moved = other.post(url("move", made), {"to": "engagement_open", "confirm": "yes"})
    assert moved.status_code == 302
    made.refresh_from_db()
    assert made.status == Status.ENGAGEMENT_OPEN
    history = list(
        StatusChange.objects.filter(challenge=made).values_list("to_status", "by__email")
    )
    assert history == [
        ("draft", "buyer@example.org"),
        ("published", "buyer@example.org"),
        ("engagement_open", "other-buyer@example.org"),
    ]


def test_drafts_are_hidden_from_lists_and_the_api(world, client_for):
    draft = factories.challenge(world, title="Secret draft")
    public = factories.challenge(world, Status.ENGAGEMENT_OPEN, title="Open one")
    anonymous = client_for("anonymous")
    listing = anonymous.get(reverse("challenges:list")).content.decode()
    assert "Open one" in listing and "Secret draft" not in listing
    api = anonymous.get("/api/challenges").json()
    assert [c["reference"] for c in api["items"]] == [public.reference]
    assert anonymous.get(f"/api/challenges/{draft.reference}").status_code == 404
    buyer = client_for("buyer")
    assert "Secret draft" in buyer.get(reverse("challenges:list")).content.decode()
