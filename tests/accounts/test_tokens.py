import re

from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, User
from tests.conftest import PASSWORD


def test_token_is_shown_once_and_only_its_hash_is_kept(client_for, world):
    client = client_for("supplier")
    client.post(reverse("accounts:token_create"), {"name": "CRM sync"})
    html = client.get(reverse("accounts:profile")).content.decode()
    token = ApiToken.objects.get(name="CRM sync")
    secret = html.split('<code class="app-token">')[1].split("</code>")[0]
    assert secret.startswith("ahk_") and token.hint == secret[:10]
    assert secret not in token.token_hash
    # The next visit no longer shows it.
    assert secret not in client.get(reverse("accounts:profile")).content.decode()
    # And it works against the API.
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.json()["email"] == "supplier@example.org"


def test_token_name_is_required(client_for, world):
    response = client_for("supplier").post(reverse("accounts:token_create"), {"name": ""})
    assert "govuk-error-summary" in response.content.decode()
    assert not ApiToken.objects.filter(user=world.users["supplier"]).exists()


def test_revoked_token_stops_working(client_for, world, client):
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {world.api_secret}")
    assert response.status_code == 200
    client_for("buyer").post(reverse("accounts:token_revoke", kwargs={"pk": world.api_token.pk}))
    client.logout()
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {world.api_secret}")
    assert response.status_code == 401
    assert "API token" in response.json()["detail"]


def test_users_cannot_revoke_each_others_tokens(client_for, world):
    response = client_for("supplier").post(
        reverse("accounts:token_revoke", kwargs={"pk": world.api_token.pk})
    )
    assert response.status_code == 404
    world.api_token.refresh_from_db()
    assert world.api_token.revoked_at is None


# A token must not outlive the password it was created under, nor the account.

NEW_PASSWORD = "a-brand-new-passphrase"


def _token_works(client, secret):
    client.logout()
    return client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def _revoked(token):
    token.refresh_from_db()
    return token.revoked_at is not None


def test_changing_the_password_revokes_the_users_tokens(client_for, world, client):
    other_token, other_secret = ApiToken.issue(world.users["supplier"], "Someone else's")
    assert _token_works(client, world.api_secret)
    response = client_for("buyer").post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _revoked(world.api_token)
    assert not _token_works(client, world.api_secret)
    # Only that user's tokens.
    assert not _revoked(other_token) and _token_works(client, other_secret)


def test_a_password_reset_revokes_the_users_tokens(client, world, mailoutbox):
    client.post(reverse("accounts:password_reset"), {"email": "buyer@example.org"})
    link = re.search(r"http://testserver(/password-reset/\S+/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_page, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert _revoked(world.api_token)
    assert not _token_works(client, world.api_secret)


def test_a_password_set_in_the_admin_revokes_the_users_tokens(client_for, world):
    buyer = world.users["buyer"]
    response = client_for("coordinator").post(
        reverse("admin:auth_user_password_change", args=[buyer.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert _revoked(world.api_token)


def test_set_password_anywhere_revokes_the_users_tokens(world):
    buyer = User.objects.get(pk=world.users["buyer"].pk)
    buyer.set_password(NEW_PASSWORD)
    buyer.save()
    assert _revoked(world.api_token)


def test_saving_a_user_without_a_new_password_keeps_the_tokens(world, client, settings):
    buyer = User.objects.get(pk=world.users["buyer"].pk)
    buyer.full_name = "Renamed Buyer"
    buyer.save()
    # Signing in upgrades the stored hash to the preferred hasher: the same password, tokens stay.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    response = client.post(
        reverse("accounts:sign_in"), {"username": "buyer@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    buyer.refresh_from_db()
    assert buyer.password.startswith("argon2")
    assert not _revoked(world.api_token)
    assert _token_works(client, world.api_secret)


def test_deactivating_the_account_revokes_the_users_tokens(world, client):
    buyer = User.objects.get(pk=world.users["buyer"].pk)
    buyer.is_active = False
    buyer.save()
    assert _revoked(world.api_token)
    # Reactivating the account does not bring the old token back.
    buyer.is_active = True
    buyer.save()
    assert not _token_works(client, world.api_secret)


def test_deactivating_in_the_admin_revokes_the_users_tokens(client_for, world):
    buyer = world.users["buyer"]
    url = reverse("admin:accounts_user_change", args=[buyer.pk])
    client = client_for("coordinator")
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if name != "password"}
    data = {name: value for name, value in data.items() if value not in (None, False)}
    data.pop("is_active")
    data["last_login_0"], data["last_login_1"] = "", ""
    joined = timezone.localtime(buyer.date_joined)
    data["date_joined_0"], data["date_joined_1"] = joined.date(), joined.time()
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    buyer.refresh_from_db()
    assert not buyer.is_active
    assert _revoked(world.api_token)
