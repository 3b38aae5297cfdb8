"""Capabilities, recommendations, saved searches, email digests, interest and the pipeline."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from opportunities.loading import Loader
from opportunities.models import AlertSent, Interest, SavedSearch, SupplierProfile
from tests.opportunities.conftest import package
from tests.opportunities.test_search import tender

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]


@pytest.fixture
def notices(world, write):
    releases = [
        tender(
            "ocds-m-1",
            "Case management software",
            cpv="72212000",
            value=80_000,
            region="Birmingham",
        ),
        tender("ocds-m-2", "Grounds maintenance", cpv="77310000", value=60_000),
        tender(
            "ocds-m-3", "Planned data platform", cpv="72300000", tag="planning", status="planning"
        ),
    ]
    Loader().load([(write("m.json", package(*releases)), "m.json")])


def test_capabilities_form_validates_and_saves(client_for, world):
    client = client_for("supplier")
    url = reverse("opportunities:capabilities")
    html = client.post(url, {"cpv_codes": "72000000, nonsense", "keywords": ""}).content.decode()
    assert "nonsense&#x27; is not a CPV code" in html
    html = client.post(url, {"cpv_codes": "", "keywords": ""}).content.decode()
    assert "Enter at least one CPV code or one keyword" in html
    client.post(
        url,
        {
            "cpv_codes": "72000000-5",
            "keywords": "software, data",
            "areas": "Birmingham",
            "max_contract_value": "100000",
            "alerts_enabled": "on",
        },
    )
    profile = SupplierProfile.objects.get(organisation=world.supplier_org)
    assert profile.cpv_codes == ["72000000"] and profile.keywords == ["software", "data"]


def test_recommendations_explain_why(client_for, world, notices):
    world.profile.areas = ["Birmingham"]
    world.profile.save()
    html = client_for("supplier").get(reverse("opportunities:recommended")).content.decode()
    assert "Case management software" in html and "Planned data platform" in html
    assert "Grounds maintenance" not in html
    assert (
        "What it buys (CPV 72212000) is inside what you do (72000000)" in html
        and "Delivered in an area you serve (Birmingham)" in html
    )
    detail = (
        client_for("supplier")
        .get(reverse("opportunities:opportunity", kwargs={"ocid": "ocds-m-1"}))
        .content.decode()
    )
    assert "Match for Supplier Ltd" in detail


def test_saved_search_and_digest_never_repeats(client_for, world, notices, mailoutbox):
    client = client_for("supplier")
    client.post(
        reverse("opportunities:saved_searches"), {"name": "Grounds", "query": "q=grounds&page=2"}
    )
    saved = SavedSearch.objects.get(name="Grounds")
    assert saved.query == "q=grounds"
    out = StringIO()
    call_command("send_alerts", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "digests": 1,
        "notices": 3,
        "failed": [],
        "searches_not_run": [],
    }
    body = mailoutbox[0].body
    assert (
        "Case management software" in body
        and "what it buys (CPV 72212000) is inside what you do (72000000)" in body
    )
    assert 'From your saved search "Grounds"' in body and "Grounds maintenance" in body
    assert mailoutbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert AlertSent.objects.filter(user=world.users["supplier"]).count() == 3
    call_command("send_alerts", stdout=StringIO())
    assert len(mailoutbox) == 1  # nothing new: no second email, no repeats

    # One-click unsubscribe (a mail client's POST, without a CSRF token).
    link = re.search(r"/alerts/unsubscribe/\S+/", body).group(0)
    assert "Stop the emails" in client.get(link).content.decode()
    from django.test import Client

    Client(enforce_csrf_checks=True).post(link)
    world.profile.refresh_from_db()
    assert (
        not world.profile.alerts_enabled
        and not SavedSearch.objects.filter(alerts_enabled=True, name="Grounds").exists()
    )


def test_supplier_registers_interest_and_the_buyer_sees_it(client_for, world, notices, client):
    supplier = client_for("supplier")
    url = reverse("opportunities:interest", kwargs={"ocid": world.process.ocid})
    supplier.post(url, {"note": "We built this for two other councils"})
    interest = Interest.objects.get()
    assert interest.organisation == world.supplier_org
    supplier.logout()
    buyer_html = client_for("buyer").get(world.process.get_absolute_url()).content.decode()
    assert (
        "Suppliers who registered interest" in buyer_html
        and "We built this for two other councils" in buyer_html
    )
    client.logout()
    other_html = client_for("other_buyer").get(world.process.get_absolute_url()).content.decode()
    assert "We built this" not in other_html  # only the buying anchor (and coordinators) see it


def test_pipeline_lists_planned_procurements(client, world, notices):
    html = client.get(reverse("opportunities:pipeline")).content.decode()
    assert "Planned data platform" in html and "Case management software" not in html
    assert "1 planned procurement" in html
