"""Market engagement through its pages (challenges/views/engagement.py): deadlines on the server,
questions answered to everyone without the asker, event registrations."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from challenges.lifecycle import Status
from challenges.models import (
    Question,
    Response,
)
from tests.challenges import factories
from tests.challenges.factories import url

pytestmark = pytest.mark.django_db


def test_deadlines_are_enforced_on_the_server(world, client_for):
    made = factories.open_challenge(world)
    made.engagement_closes_at = timezone.now() - timedelta(minutes=1)
    made.save()
    client = client_for("supplier")
    assert client.post(url("ask", made), {"text": "Late?"}).status_code == 403
    assert client.post(url("interest", made)).status_code == 403
    before = Response.objects.get(lead=world.supplier_org).approach
    changed = client.post(
        url("response", made),
        {
            "approach": "Changed after the deadline",
            "trl": "5",
            "indicative_cost": "1",
            "action": "submit",
        },
    )
    assert changed.status_code == 403
    assert Response.objects.get(lead=world.supplier_org).approach == before
    pdf = SimpleUploadedFile("late.pdf", factories.PDF, content_type="application/pdf")
    assert client.post(url("attachment_upload", made), {"file": pdf}).status_code == 403
    assert Question.objects.filter(text="Late?").count() == 0


def test_questions_are_answered_to_everyone_without_the_asker(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_OPEN)
    client_for("supplier").post(url("ask", made), {"text": "Is the rota data shared?"})
    question = Question.objects.get()
    assert question.asked_by == world.users["supplier"]
    public = client_for("anonymous").get(url("detail", made)).content.decode()
    assert "Is the rota data shared?" not in public  # not until answered
    buyer = client_for("buyer")
    buyer.force_login(world.users["buyer"], backend="accounts.backends.EmailBackend")
    buyer.post(url("answer", made, pk=question.pk), {"answer": "Yes, monthly."})
    buyer.logout()
    public = buyer.get(url("detail", made)).content.decode()
    assert "Is the rota data shared?" in public and "Yes, monthly." in public
    assert world.supplier_org.name not in public
    assert world.users["supplier"].full_name not in public


def test_events_take_registrations_for_the_buyer(world, client_for):
    made = factories.open_challenge(world)
    event = made.events.get()
    client_for("supplier").post(url("event_register", made, pk=event.pk))
    page = client_for("buyer")
    page.force_login(world.users["buyer"], backend="accounts.backends.EmailBackend")
    listing = page.get(url("event_registrations", made, pk=event.pk)).content.decode()
    assert "supplier@example.org" in listing
    event.starts_at = timezone.now() - timedelta(hours=1)
    event.save()
    assert page.post(url("event_register", made, pk=event.pk)).status_code == 403
