from django.urls import reverse

from network.models import Champion, OperatingSite, Organisation


def test_directory_lists_and_filters(client, world):
    url = reverse("network:organisations")
    html = client.get(url).content.decode()
    assert "3 organisations" in html and "Home Council" in html and "Supplier Ltd" in html
    html = client.get(url, {"group": "anchors"}).content.decode()
    assert "Home Council" in html and "Supplier Ltd" not in html
    html = client.get(url, {"group": "suppliers"}).content.decode()
    assert "Supplier Ltd" in html and "Home Council" not in html
    html = client.get(url, {"sector": "healthcare"}).content.decode()
    assert "1 organisation" in html and "Home Council" in html
    html = client.get(url, {"q": "trust"}).content.decode()
    assert "Other Trust" in html and "Home Council" not in html
    html = client.get(url, {"group": "nonsense"}).content.decode()
    assert "3 organisations" in html  # a bad filter value is ignored, not an error


def test_directory_paginates(client, world):
    Organisation.objects.bulk_create(
        [
            Organisation(name=f"Firm {n:02d}", slug=f"firm-{n:02d}", kind="company")
            for n in range(30)
        ]
    )
    html = client.get(reverse("network:organisations")).content.decode()
    assert "33 organisations, page 1 of 2" in html and 'rel="next"' in html
    html = client.get(reverse("network:organisations"), {"page": 2}).content.decode()
    assert "page 2 of 2" in html


def test_organisation_page_shows_who_to_talk_to(client, world):
    html = client.get(world.home.get_absolute_url()).content.decode()
    assert "Cara Champion" in html and "mailto:cara@example.org" in html
    assert "Depot" in html and "B5 5SE" in html
    assert "Edit details" not in html  # visitors cannot manage


def test_sample_data_is_labelled(client, world):
    world.home.is_sample = True
    world.home.save()
    html = client.get(world.home.get_absolute_url()).content.decode()
    assert "Sample data" in html and "generated for the demonstration" in html


def test_unknown_organisation_is_a_styled_404(client, world):
    response = client.get(reverse("network:organisation", kwargs={"slug": "nope"}))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_admin_edits_their_organisation_with_field_errors(client_for, world):
    client = client_for("anchor_admin")
    url = reverse("network:organisation_edit", kwargs={"slug": world.home.slug})
    response = client.post(
        url,
        {
            "name": "Home Council",
            "kind": "council",
            "registered_postcode": "nowhere",
            "vat_number": "GB999999974",
        },
    )
    html = response.content.decode()
    assert "Enter a real UK postcode" in html and "check-digit" in html
    assert 'href="#id_registered_postcode"' in html
    world.home.refresh_from_db()
    assert world.home.registered_postcode == "B1 1BB"  # nothing half-saved

    response = client.post(
        url,
        {
            "name": "Home City Council",
            "kind": "council",
            "registered_postcode": "b1 1bb",
            "vat_number": "GB 999 9999 73",
            "description": "Care, highways and housing repairs",
            "sectors": [world.healthcare.pk],
        },
    )
    assert response.status_code == 302
    world.home.refresh_from_db()
    assert world.home.name == "Home City Council" and world.home.vat_number == "GB999999973"


def test_anchor_admin_cannot_turn_their_anchor_into_a_supplier(client_for, world):
    url = reverse("network:organisation_edit", kwargs={"slug": world.home.slug})
    html = (
        client_for("anchor_admin")
        .post(url, {"name": "Home Council", "kind": "company"})
        .content.decode()
    )
    assert "Select type of organisation from the options given" in html


def test_coordinator_adds_an_anchor(client_for, world):
    response = client_for("coordinator").post(
        reverse("network:organisation_create"),
        {"name": "West Midlands Police", "kind": "police_fire", "is_network_member": "on"},
    )
    assert response.status_code == 302
    police = Organisation.objects.get(name="West Midlands Police")
    assert police.slug == "west-midlands-police" and police.is_network_member


def test_only_anchors_can_be_network_members(client_for, world):
    html = (
        client_for("coordinator")
        .post(
            reverse("network:organisation_create"),
            {"name": "Firm Ltd", "kind": "company", "is_network_member": "on"},
        )
        .content.decode()
    )
    assert "Only anchor institutions can be network members" in html
    assert not Organisation.objects.filter(name="Firm Ltd").exists()


def test_forms_ask_only_what_applies(client_for, world):
    html = (
        client_for("anchor_admin")
        .get(reverse("network:organisation_edit", kwargs={"slug": world.home.slug}))
        .content.decode()
    )
    assert (
        "What you buy" in html
        and "id_staff_headcount" not in html
        and "id_is_network_member" not in html
    )
    html = (
        client_for("supplier")
        .get(reverse("network:organisation_edit", kwargs={"slug": world.supplier_org.slug}))
        .content.decode()
    )
    assert (
        "id_staff_headcount" in html and "id_is_vcse" in html and "id_is_network_member" not in html
    )
    html = (
        client_for("coordinator")
        .get(reverse("network:organisation_edit", kwargs={"slug": world.home.slug}))
        .content.decode()
    )
    assert "id_is_network_member" in html


def test_sites_are_added_and_removed(client_for, world):
    client = client_for("anchor_admin")
    url = reverse("network:site_add", kwargs={"slug": world.home.slug})
    html = client.post(url, {"name": "Depot 2", "postcode": "b5 5se"}).content.decode()
    assert "already has a site at this postcode" in html
    client.post(url, {"name": "Clinic", "postcode": "b4 6nh"})
    assert world.home.sites.filter(postcode="B4 6NH").exists()
    client.post(
        reverse("network:site_delete", kwargs={"slug": world.home.slug, "pk": world.site.pk})
    )
    assert not OperatingSite.objects.filter(pk=world.site.pk).exists()


def test_champions_are_managed_by_their_anchor(client_for, world):
    client = client_for("anchor_admin")
    url = reverse("network:champion_create", kwargs={"slug": world.home.slug})
    html = client.post(url, {"name": "Dee", "job_title": "", "email": "bad"}).content.decode()
    assert (
        "govuk-error-summary" in html
        and "Enter work email address in the correct format, like name@example.com" in html
    )
    client.post(
        url,
        {
            "name": "Dee Lead",
            "job_title": "Lead",
            "email": "dee@example.org",
            "sectors": [world.healthcare.pk],
        },
    )
    champion = Champion.objects.get(name="Dee Lead")
    assert champion.organisation == world.home
    client.post(reverse("network:champion_delete", kwargs={"pk": champion.pk}))
    assert not Champion.objects.filter(pk=champion.pk).exists()


def test_champions_cannot_be_added_to_suppliers(client_for, world):
    url = reverse("network:champion_create", kwargs={"slug": world.supplier_org.slug})
    assert client_for("coordinator").get(url).status_code == 403


def test_champion_directory_filters_by_sector(client, world):
    html = client.get(reverse("network:champions"), {"sector": "healthcare"}).content.decode()
    assert "Cara Champion" in html and "1 champion" in html
    html = client.get(reverse("network:champions"), {"sector": "low-carbon"}).content.decode()
    assert "Cara Champion" not in html
