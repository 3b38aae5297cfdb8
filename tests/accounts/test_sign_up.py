from django.urls import reverse

from accounts.models import JoinRequest, User
from network.models import Organisation
from tests.conftest import PASSWORD


def sign_up(client, **overrides):
    data = {
        "full_name": "Sam Supplier",
        "email": "Sam@Example.org",
        "job_title": "Director",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "next_step": "create",
    } | overrides
    return client.post(reverse("accounts:sign_up"), data)


def test_supplier_signs_up_and_registers_their_organisation(client, world):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:organisation_create")
    user = User.objects.get(email="sam@example.org")
    assert user.organisation is None and user.role == "registered"
    assert user.password.startswith("md5$")  # the tests' fast hasher; production is Argon2

    response = client.post(
        reverse("accounts:organisation_create"),
        {
            "name": "Sam's Retrofit Ltd",
            "kind": "company",
            "registered_postcode": "b5 5se",
            "companies_house_number": "1234568",
            "staff_headcount": "12",
            "sectors": [world.healthcare.pk],
        },
    )
    organisation = Organisation.objects.get(name="Sam's Retrofit Ltd")
    # A new supplier is led straight into describing its capabilities.
    assert response.status_code == 302
    assert response["Location"] == reverse("opportunities:capabilities_setup")
    assert organisation.registered_postcode == "B5 5SE"
    assert organisation.companies_house_number == "01234568"
    assert organisation.size_band == "small"  # worked out from 12 staff
    user.refresh_from_db()
    assert user.organisation == organisation and user.is_organisation_admin
    assert user.role == "supplier"
    setup = client.get(response["Location"], follow=True)
    assert setup.redirect_chain[-1][0] == reverse(
        "opportunities:capabilities_setup_step", kwargs={"step": "what-you-do"}
    )
    page = setup.content.decode()
    assert "Sam&#x27;s Retrofit Ltd is registered and you are its administrator" in page
    assert "Next, tell us what it does" in page


def test_sign_up_errors_are_shown_in_the_govuk_pattern(client, world):
    response = sign_up(client, email="not-an-email", password2="different", full_name="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Create a supplier account" in html
    assert 'class="govuk-error-summary"' in html
    assert 'href="#id_email"' in html  # the summary links to the field
    assert "govuk-form-group--error" in html
    assert "The passwords do not match" in html
    assert "Enter email address in the correct format, like name@example.com" in html
    assert not User.objects.filter(full_name="").exists()


def test_weak_and_duplicate_passwords_and_emails_are_refused(client, world):
    response = sign_up(client, password1="password", password2="password")
    assert "This password is too common" in response.content.decode()
    response = sign_up(client, email="BUYER@example.org")
    assert "An account already exists for this email address" in response.content.decode()


def test_organisation_with_a_known_number_points_to_joining(client, world):
    sign_up(client)
    response = client.post(
        reverse("accounts:organisation_create"),
        {"name": "Copy Ltd", "kind": "company", "companies_house_number": "1234567"},
    )
    html = response.content.decode()
    assert "Supplier Ltd is already registered with this number" in html
    assert not Organisation.objects.filter(name="Copy Ltd").exists()


def test_supplier_cannot_register_an_anchor(client, world):
    sign_up(client)
    response = client.post(
        reverse("accounts:organisation_create"), {"name": "Fake Council", "kind": "council"}
    )
    assert "Select type of organisation from the options given" in response.content.decode()
    assert not Organisation.objects.filter(name="Fake Council").exists()


def test_join_request_is_approved_by_the_organisation_admin(client, world, mailoutbox):
    sign_up(client, next_step="join")
    response = client.get(reverse("accounts:organisation_join"), {"q": "supplier"})
    assert "Supplier Ltd" in response.content.decode()
    response = client.post(
        reverse("accounts:organisation_join"),
        {"organisation": world.supplier_org.pk, "message": "I run the Coventry team"},
    )
    assert response.status_code == 302
    request = JoinRequest.objects.get(user__email="sam@example.org")
    assert request.status == "pending"
    assert [m.to for m in mailoutbox] == [["supplier@example.org"]]
    assert "/members/" in mailoutbox[0].body

    # A second request while one waits is refused.
    client.post(reverse("accounts:organisation_join"), {"organisation": world.supplier_org.pk})
    assert JoinRequest.objects.filter(user__email="sam@example.org").count() == 1

    admin = world.users["supplier"]
    client.force_login(admin, backend="accounts.backends.EmailBackend")
    response = client.post(
        reverse(
            "network:join_request_decide",
            kwargs={"slug": world.supplier_org.slug, "pk": request.pk},
        ),
        {"decision": "approve"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="sam@example.org")
    assert user.organisation == world.supplier_org and not user.is_organisation_admin
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == admin


def test_join_decision_must_be_approve_or_decline(client_for, world):
    client = client_for("anchor_admin")
    url = reverse(
        "network:join_request_decide", kwargs={"slug": world.home.slug, "pk": world.join_request.pk}
    )
    client.post(url, {"decision": "maybe"})
    world.join_request.refresh_from_db()
    assert world.join_request.status == "pending"
    client.post(url, {"decision": "decline"})
    world.join_request.refresh_from_db()
    assert world.join_request.status == "declined"
    assert world.join_request.user.organisation is None
