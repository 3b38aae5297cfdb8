from django.urls import reverse

from accounts.models import User


def test_coordinator_adds_a_user_in_the_admin(client_for, world):
    client = client_for("coordinator")
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new@example.org",
            "full_name": "New Person",
            "password1": "a-long-passphrase-9",
            "password2": "a-long-passphrase-9",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="new@example.org").check_password("a-long-passphrase-9")


def test_createsuperuser_makes_a_coordinator(db):
    user = User.objects.create_superuser(
        "boss@example.org", "a-long-passphrase-9", full_name="Boss"
    )
    assert user.role == "coordinator" and user.is_staff
