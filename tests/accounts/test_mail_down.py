"""When the mail service is down, the user is told, and nothing is half-saved."""

import pytest
from django.urls import reverse

from accounts.models import Invitation, JoinRequest
from core.mail import MAIL_DOWN
from tests.conftest import make_user


@pytest.fixture
def mail_down(settings):
    settings.EMAIL_BACKEND = "tests.failing_mail.Backend"


def test_invitation_is_not_saved_when_it_cannot_be_sent(client_for, world, mail_down):
    response = client_for("anchor_admin").post(
        reverse("accounts:invitations"),
        {"full_name": "Bea", "email": "bea@example.org", "organisation": world.home.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "mail service is not answering" in html
    assert not Invitation.objects.filter(email="bea@example.org").exists()


def test_join_request_is_not_saved_when_admins_cannot_be_told(client, world, mail_down):
    newcomer = make_user("newcomer@example.org")
    client.force_login(newcomer, backend="accounts.backends.EmailBackend")
    response = client.post(
        reverse("accounts:organisation_join") + "?q=supplier",
        {"organisation": world.supplier_org.pk, "message": "hello"},
    )
    html = response.content.decode()
    assert MAIL_DOWN.split(":")[0] in html and "Supplier Ltd" in html  # the search is kept
    assert not JoinRequest.objects.filter(user=newcomer).exists()


def test_password_reset_says_the_mail_service_is_down(client, world, mail_down):
    response = client.post(reverse("accounts:password_reset"), {"email": "buyer@example.org"})
    assert response.status_code == 200
    assert "mail service is not answering" in response.content.decode()
