"""Choosing the ledger's rings (spend/views_rings.py): the anchor's administrators and
coordinators choose, in order, the standard rings, the network's areas and a distance from the
anchor's sites; its buyers see the choice; errors name the field and say how to fix it."""

import pytest

from reference.models import Area
from spend.models import RingChoice
from spend.rings import rings_for

pytestmark = pytest.mark.django_db


def url(world):
    return f"/spend/ledger/{world.home.slug}/rings/"


def test_an_administrator_chooses_rings_in_order(world, client_for):
    east = Area.objects.get(slug="east-birmingham-postcodes")
    response = client_for("anchor_admin").post(
        url(world),
        {"standard": ["uk", "authority"], "areas": [east.pk], "miles": "5"},
    )
    assert response.status_code == 302 and response.url.endswith("#rings")
    assert [r.key for r in rings_for(world.home)] == [
        "authority",
        "uk",
        "area:east-birmingham-postcodes",
        "sites:5",
    ]
    choice = RingChoice.objects.get(anchor=world.home, kind="sites")
    assert choice.chosen_by == world.users["anchor_admin"]
    # the page shows the choice back, with the sites the distance is measured from
    page = client_for("anchor_admin").get(url(world)).content.decode()
    assert "Within 5 miles of our sites" in page
    assert "B1 1BB, B5 5SE" in page
    assert 'value="5.00"' in page or 'value="5"' in page


def test_a_buyer_sees_the_rings_but_not_the_form(world, client_for):
    page = client_for("buyer").get(url(world)).content.decode()
    assert "The rings reported now" in page and "Birmingham" in page
    assert "Save the rings" not in page
    assert client_for("buyer").post(url(world), {"standard": ["uk"]}).status_code == 403


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select at least one ring: a standard ring, one of the network&#x27;s areas"),
        ({"miles": "0"}, "The distance must be more than 0 and at most 100 miles"),
        ({"miles": "500"}, "at most 100 miles, or leave the distance from your sites empty"),
        ({"miles": "five"}, "distance from your sites"),
        ({"areas": ["999999"]}, "network&#x27;s areas"),
    ],
)
def test_errors_name_the_field(world, client_for, data, message):
    page = client_for("coordinator").post(url(world), data)
    html = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in html
    assert message in html
    assert not RingChoice.objects.exists()


def test_a_distance_needs_a_postcode(world, client_for):
    world.home.sites.all().delete()
    world.home.registered_postcode = ""
    world.home.save()
    html = client_for("coordinator").post(url(world), {"miles": "5"}).content.decode()
    assert "The distance from your sites needs a postcode" in html
