"""Responses through their pages (challenges/views/responses.py): sealed proposals, checked files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from challenges.lifecycle import Status
from challenges.models import (
    PanelMember,
    Response,
)
from tests.challenges import factories
from tests.challenges.factories import url
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_a_supplier_responds_edits_until_the_deadline_and_never_sees_another(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_OPEN)
    rival_org = factories.other_supplier("Rival Ltd", "small")
    rival = make_user("rival@example.org", rival_org, admin=True)
    factories.attach(factories.response(made, rival_org, rival, approach="RIVAL SECRET APPROACH"))
    client = client_for("supplier")
    draft = client.post(
        url("response", made),
        {"approach": "Our approach", "trl": "6", "indicative_cost": "90000", "action": "save"},
    )
    assert draft.status_code == 302
    mine = Response.objects.get(lead=world.supplier_org)
    assert mine.status == Response.Status.DRAFT
    client.post(
        url("response", made),
        {
            "approach": "Our better approach",
            "trl": "7",
            "indicative_cost": "90000",
            "action": "submit",
        },
    )
    mine.refresh_from_db()
    assert (mine.status, mine.approach, mine.trl) == ("submitted", "Our better approach", 7)
    page = client.get(url("response", made)).content.decode()
    assert "RIVAL SECRET APPROACH" not in page
    rival_file = Response.objects.get(lead=rival_org).attachments.get()
    assert client.get(url("attachment", made, pk=rival_file.pk)).status_code == 403
    assert "RIVAL SECRET" not in client.get(url("detail", made)).content.decode()
    # The owners cannot read proposals before engagement closes, even with a panel seat.
    PanelMember.objects.create(
        challenge=made, user=world.users["buyer"], declared_at=timezone.now()
    )
    buyer = client_for("buyer")
    assert buyer.get(url("attachment", made, pk=rival_file.pk)).status_code == 403
    assert buyer.get(url("evaluate", made)).status_code == 403


def test_attachments_are_checked_for_type_content_and_size(world, client_for, settings):
    made = factories.challenge(world, Status.ENGAGEMENT_OPEN)
    factories.response(made, world.supplier_org, world.users["supplier"])
    client = client_for("supplier")
    upload = url("attachment_upload", made)

    def send(name, content):
        response = client.post(upload, {"file": SimpleUploadedFile(name, content)}, follow=True)
        return response.content.decode()

    assert "must be a PDF" in send("tool.exe", b"MZ\x90\x00")
    assert "its contents are not" in send("fake.pdf", b"<script>alert(1)</script>")
    settings.ATTACHMENT_MAX_BYTES = 10
    assert "must be smaller than" in send("big.pdf", factories.PDF)
    settings.ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    assert "plan.pdf attached" in send("plan.pdf", factories.PDF)
    attachment = Response.objects.get(lead=world.supplier_org).attachments.get()
    download = client.get(url("attachment", made, pk=attachment.pk))
    assert download.content == factories.PDF and download["X-Content-Type-Options"] == "nosniff"
