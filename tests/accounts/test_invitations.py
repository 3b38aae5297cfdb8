import re

from django.urls import reverse

from accounts.models import Invitation, User
from tests.conftest import PASSWORD


def test_anchor_admin_invites_a_buyer_who_accepts(client_for, world, mailoutbox, client):
    admin_client = client_for("anchor_admin")
    response = admin_client.post(
        reverse("accounts:invitations"),
        {"full_name": "Bea Buyer", "email": "Bea@Home.example", "organisation": world.home.pk},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="bea@home.example")
    assert invitation.invited_by == world.users["anchor_admin"]
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/invitations/accept/\S+/)", mailoutbox[0].body).group(1)
    # Only a hash of the token is stored.
    assert link.rstrip("/").split("/")[-1] not in invitation.token_hash

    admin_client.logout()
    page = client.get(link)
    assert page.status_code == 200 and "Join Home Council on AnchorHub" in page.content.decode()
    response = client.post(
        link, {"full_name": "Bea Buyer", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="bea@home.example")
    assert user.organisation == world.home and user.role == "buyer"
    invitation.refresh_from_db()
    assert invitation.accepted_user == user
    # The link cannot be used twice.
    client.logout()
    assert client.get(link).status_code == 404


def test_anchor_admin_can_only_invite_to_their_own_anchor(client_for, world):
    response = client_for("anchor_admin").post(
        reverse("accounts:invitations"),
        {"full_name": "Eve", "email": "eve@example.org", "organisation": world.other.pk},
    )
    assert "Select anchor institution from the options given" in response.content.decode()
    assert not Invitation.objects.filter(email="eve@example.org").exists()


def test_coordinator_can_invite_an_admin_to_any_anchor(client_for, world):
    response = client_for("coordinator").post(
        reverse("accounts:invitations"),
        {
            "full_name": "Olu",
            "email": "olu@example.org",
            "organisation": world.other.pk,
            "make_admin": "on",
        },
    )
    assert response.status_code == 302
    assert Invitation.objects.get(email="olu@example.org").make_admin


def test_existing_accounts_and_duplicate_invitations_are_refused(client_for, world):
    client = client_for("coordinator")
    html = client.post(
        reverse("accounts:invitations"),
        {"full_name": "B", "email": "buyer@example.org", "organisation": world.home.pk},
    ).content.decode()
    assert "This person already has an account" in html
    html = client.post(
        reverse("accounts:invitations"),
        {"full_name": "I", "email": "invitee@example.org", "organisation": world.home.pk},
    ).content.decode()
    assert "already has an invitation waiting" in html


def test_withdrawn_invitation_cannot_be_used(client_for, world, client):
    client_for("anchor_admin").post(
        reverse("accounts:invitation_revoke", kwargs={"pk": world.invitation.pk})
    )
    client.logout()
    response = client.get(
        reverse("accounts:invitation_accept", kwargs={"token": world.invitation_token})
    )
    assert response.status_code == 404
    assert "This invitation cannot be used" in response.content.decode()


def test_accepting_with_a_bad_password_saves_nothing(client, world):
    url = reverse("accounts:invitation_accept", kwargs={"token": world.invitation_token})
    response = client.post(url, {"full_name": "Ivy", "password1": "short", "password2": "short"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not User.objects.filter(email="invitee@example.org").exists()
    world.invitation.refresh_from_db()
    assert world.invitation.accepted_at is None
