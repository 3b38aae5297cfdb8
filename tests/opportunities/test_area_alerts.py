"""Saved searches keep their network area, and the email digest matches new notices by it."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from opportunities.models import SavedSearch
from tests.opportunities.test_area_search import make

pytestmark = pytest.mark.django_db


def run_alerts() -> dict:
    out = StringIO()
    call_command("send_alerts", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_a_saved_search_keeps_its_area(client_for, world):
    query = "area=east-birmingham-postcodes&sme=on"
    client_for("supplier").post(
        reverse("opportunities:saved_searches"), {"name": "East", "query": query}
    )
    saved = SavedSearch.objects.get(name="East", user=world.users["supplier"])
    assert saved.query == query


def test_a_saved_search_by_an_unknown_area_is_not_saved(client_for, world):
    response = client_for("supplier").post(
        reverse("opportunities:saved_searches"), {"name": "Nowhere", "query": "area=atlantis"}
    )
    assert "This search cannot be saved" in response.content.decode()
    assert not SavedSearch.objects.filter(name="Nowhere").exists()


def test_alerts_match_new_notices_by_the_area(world, mailoutbox):
    world.profile.alerts_enabled = True
    world.profile.save()
    SavedSearch.objects.create(
        user=world.users["supplier"], name="East Birmingham", query="area=east-birmingham-postcodes"
    )
    SavedSearch.objects.create(
        user=world.users["supplier"], name="By name", query="q=meals+in+north+solihull"
    )
    make("ocds-al-1", "Grounds maintenance, Small Heath", postcodes=["B9 5SS"])
    make("ocds-al-2", "Grounds maintenance, city centre", postcodes=["B1 1BB"])
    make("ocds-al-3", "Meals for Chelmsley Wood", buyer_postcode="B37 5TN")
    result = run_alerts()
    assert result["digests"] == 1 and result["searches_not_run"] == []
    body = mailoutbox[0].body
    east = body.split('From your saved search "East Birmingham":')[1]
    assert "Grounds maintenance, Small Heath" in east and "city centre" not in body
    assert "Meals for Chelmsley Wood" in body.split('From your saved search "By name":')[1]
    # the next run sends only what is new since, in the area
    later = timezone.now() + timedelta(seconds=1)
    make("ocds-al-4", "Fencing in Bordesley Green", postcodes=["B9 4RL"], last_updated=later)
    make("ocds-al-5", "Fencing in Ladywood", postcodes=["B1 2AA"], last_updated=later)
    result = run_alerts()
    assert result["digests"] == 1
    body = mailoutbox[1].body
    assert "Fencing in Bordesley Green" in body and "Ladywood" not in body
    assert "Small Heath" not in body
