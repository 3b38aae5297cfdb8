import re

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD


def test_sign_in_with_email_in_any_case(client, world):
    response = client.post(
        reverse("accounts:sign_in"), {"username": "BUYER@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_wrong_password_shows_a_clear_error(client, world):
    response = client.post(
        reverse("accounts:sign_in"), {"username": "buyer@example.org", "password": "nope"}
    )
    html = response.content.decode()
    assert "Enter a correct email address and password" in html
    assert "govuk-error-summary" in html


def test_sign_in_is_throttled_after_five_failures(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:sign_in"), {"username": "buyer@example.org", "password": "wrong"}
        )
    response = client.post(
        reverse("accounts:sign_in"), {"username": "buyer@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post(client_for):
    client = client_for("buyer")
    assert client.get(reverse("accounts:sign_out")).status_code == 405
    client.post(reverse("accounts:sign_out"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_production_hasher_is_argon2(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = User.objects.create_user("argon@example.org", PASSWORD, full_name="Argon")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert check_password(PASSWORD, user.password)


def test_password_reset_by_email(client, world, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "buyer@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/password-reset/\S+/\S+/)", mailoutbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert "Set a new password" in response.content.decode()
    new = "a-brand-new-passphrase"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert User.objects.get(email="buyer@example.org").check_password(new)


def test_password_reset_does_not_reveal_accounts(client, world, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and not mailoutbox


def test_profile_edit(client_for, world):
    client = client_for("buyer")
    response = client.post(
        reverse("accounts:profile_edit"),
        {
            "full_name": "Bob Buyer",
            "email": "coordinator@example.org",
            "job_title": "",
            "phone": "",
        },
    )
    assert "Another account uses this email address" in response.content.decode()
    client.post(
        reverse("accounts:profile_edit"),
        {"full_name": "Bob Buyer", "email": "bob@example.org", "job_title": "Buyer", "phone": ""},
    )
    user = User.objects.get(pk=world.users["buyer"].pk)
    assert (user.full_name, user.email) == ("Bob Buyer", "bob@example.org")
