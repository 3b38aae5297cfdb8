"""The consortium finder through its pages (challenges/views/partners.py): consent to share
contacts, mail down."""

import pytest
from django.core import mail

from challenges.lifecycle import Status
from challenges.models import (
    Introduction,
)
from tests.challenges import factories
from tests.challenges.factories import url
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_introductions_share_contact_details_only_with_consent(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_OPEN)
    rota = factories.other_supplier()
    rota_user = make_user("rota@example.org", rota, admin=True, phone="0121 000 0000")
    client = client_for("supplier")
    client.post(
        url("partners", made),
        {"offers": "care workers", "needs": "rostering software integration", "cpv": ""},
    )
    from challenges.models import PartnerListing

    PartnerListing.objects.create(
        challenge=made, organisation=rota, offers="rostering software integration", needs=""
    )
    page = client.get(url("partners", made)).content.decode()
    assert "Rota Systems plc" in page and "Offers what you need" in page
    assert "rota@example.org" not in page
    stranger = factories.other_supplier("Stranger Ltd", "small")
    refused = client.post(url("introduce", made), {"recipient": stranger.pk, "message": "Hi"})
    assert refused.status_code == 403
    client.post(url("introduce", made), {"recipient": rota.pk, "message": "Bid together?"})
    introduction = Introduction.objects.get()
    [relayed] = mail.outbox
    assert relayed.to == ["rota@example.org"] and "Bid together?" in relayed.body
    assert "supplier@example.org" not in relayed.body  # the sender's address is not passed on
    client.logout()
    client.force_login(rota_user, backend="accounts.backends.EmailBackend")
    client.post(url("introduction_reply", made, pk=introduction.pk), {"decision": "accept"})
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.ACCEPTED
    assert mail.outbox[-1].to == ["supplier@example.org"]
    assert "rota@example.org" in mail.outbox[-1].body and "0121 000 0000" in mail.outbox[-1].body
    assert "supplier@example.org" in client.get(url("partners", made)).content.decode()


def test_relaying_fails_cleanly_when_mail_is_down(world, client_for, settings):
    settings.EMAIL_BACKEND = "tests.failing_mail.Backend"
    made = factories.open_challenge(world)
    rota = Introduction.objects.get().sender
    make_user("rota@example.org", rota, admin=True)
    Introduction.objects.all().delete()
    page = client_for("supplier").post(
        url("introduce", made), {"recipient": rota.pk, "message": "Hello"}, follow=True
    )
    assert "mail service is not answering" in page.content.decode()
    assert not Introduction.objects.exists()
