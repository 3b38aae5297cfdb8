from django.urls import reverse

from accounts.models import ApiToken


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
