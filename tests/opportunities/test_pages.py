import pytest
from django.urls import reverse

from opportunities.loading import Loader
from opportunities.models import QuarantinedRelease
from tests.opportunities.conftest import package, release

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]


@pytest.fixture
def loaded(world, write):
    good = release(
        ocid="ocds-x-1",
        release_id="1",
        tender={
            "title": "Heat pumps &amp; insulation",
            "status": "active",
            "lots": [{"id": "1", "title": "North"}, {"id": "2", "title": "South"}],
            "suitability": {"sme": True},
            "value": {"amount": 150000, "currency": "GBP"},
            "tenderPeriod": {"endDate": "2099-01-01T12:00:00Z"},
        },
        buyer={"id": "b", "name": "Home Council"},
    )
    bad = {k: v for k, v in release(ocid="ocds-x-2").items() if k != "id"}  # unusable: no id
    Loader().load([(write("p.json", package(good, bad)), "sample.json")])


def test_search_page(client, loaded):
    html = client.get(reverse("opportunities:opportunities"), {"q": "heat"}).content.decode()
    assert "<strong>1</strong> opportunity" in html and "Heat pumps &amp; insulation" in html
    assert "Network anchor" in html


def test_bad_filter_values_are_explained(client, loaded):
    response = client.get(
        reverse("opportunities:opportunities"),
        {"cpv": "12ab", "deadline_from": "2026-02-01", "deadline_to": "2026-01-01"},
    )
    html = response.content.decode()
    assert "<title>Error: Find opportunities" in html and "govuk-error-summary" in html
    assert "is not a CPV code" in html and "must be the same as or after" in html


def test_opportunity_page(client, loaded):
    html = client.get(
        reverse("opportunities:opportunity", kwargs={"ocid": "ocds-x-1"})
    ).content.decode()
    assert "Home Council is buying: Heat pumps &amp; insulation." in html
    assert "Divided into 2 lots" in html and "Marked suitable for SMEs" in html
    assert "How these signals are judged" in html and "Timeline of notices" in html


def test_unknown_opportunity(client, loaded):
    assert (
        client.get(reverse("opportunities:opportunity", kwargs={"ocid": "nope"})).status_code == 404
    )


def test_quarantine_page_lists_reasons_for_buyers(client_for, loaded):
    assert QuarantinedRelease.objects.count() == 1
    html = client_for("buyer").get(reverse("opportunities:quarantine")).content.decode()
    assert "sample.json" in html and "&quot;id&quot; is a required property" in html
    assert "1 quarantined item" in html


def test_api_search_detail_and_quarantine(client, client_for, loaded, world):
    body = client.get("/api/opportunities", {"q": "heat", "sme": "true"}).json()
    assert body["count"] == 1 and body["items"][0]["buyer_slug"] == "home-council"
    assert client.get("/api/opportunities", {"status": "nonsense"}).status_code == 422
    detail = client.get("/api/opportunities/ocds-x-1").json()
    assert detail["summary"][0].startswith("Home Council is buying")
    assert {s["name"] for s in detail["signals"]} >= {"lots", "suitability"}
    assert client.get("/api/opportunities/nope").json() == {
        "detail": "No opportunity with ocid 'nope'"
    }
    assert client.get("/api/quarantine").status_code == 401
    response = client_for("supplier").get("/api/quarantine")
    assert response.status_code == 403
    response = client.get("/api/quarantine", HTTP_AUTHORIZATION=f"Bearer {world.api_secret}")
    assert (
        response.json()["count"] == 1
        and '"id" is a required' in response.json()["items"][0]["reason"]
    )
