"""Capability profiles that name the network's areas (issue 19): chosen in the set-up and on the
capabilities page, and a notice delivered in a chosen area counts as in the supplier's area."""

import pytest
from django.urls import reverse

from opportunities import capability_profile
from opportunities.matching import Candidate, Capabilities, match, points
from opportunities.models import SupplierProfile
from opportunities.recommend import recommendations, recommended
from reference.area_rules import Definition, Where
from reference.models import Area
from tests.opportunities.test_area_search import make

EAST = Definition("postcodes", ("B9 4", "B9 5", "B8 1"))


def candidate(**fields) -> Candidate:
    base = dict(
        title="Grounds maintenance",
        description="",
        buyer_name="Some Buyer",
        cpv_codes=[],
        lots=[],
        delivery="",
        value=None,
    )
    return Candidate(**(base | fields))


def test_a_notice_delivered_in_a_chosen_area_is_in_the_suppliers_area():
    caps = Capabilities(keywords=["grounds"], network_areas=[("East Birmingham", EAST)])
    inside = match(caps, candidate(delivery_postcodes=["B9 4RL"], places=[Where("B9 4RL")]))
    assert "delivered in East Birmingham, an area you serve" in inside.reasons
    assert inside.score == points("keyword_title") + points("area")
    by_buyer = match(caps, candidate(buyer_postcode="B8 1AA", places=[Where("B8 1AA")]))
    assert "the buyer is in East Birmingham, an area you serve" in by_buyer.reasons
    outside = match(caps, candidate(delivery_postcodes=["B1 1BB"], places=[Where("B1 1BB")]))
    assert "delivered outside the areas you serve" in outside.reasons
    # a notice that cannot be placed (no postcode) is never counted as outside
    unknown = match(caps, candidate(delivery_regions=["Birmingham"]))
    assert unknown.score == points("keyword_title") and not any(
        "area" in reason for reason in unknown.reasons
    )


def test_a_typed_place_still_counts_beside_a_chosen_area():
    caps = Capabilities(
        keywords=["grounds"], areas=["Coventry"], network_areas=[("East Birmingham", EAST)]
    )
    coventry = match(caps, candidate(delivery_postcodes=["CV1 1AA"], places=[Where("CV1 1AA")]))
    assert "delivered in an area you serve (Coventry)" in coventry.reasons


def test_choosing_an_area_answers_where_you_work():
    answers = capability_profile.Capabilities(keywords=("x",), network_areas=("North Solihull",))
    assert capability_profile.AREAS not in capability_profile.unanswered(answers)


@pytest.mark.django_db
def test_recommendations_use_the_chosen_area(world):
    world.profile.keywords = ["grounds"]
    world.profile.save()
    world.profile.network_areas.set([Area.objects.get(slug="east-birmingham-postcodes")])
    make("ocds-p-1", "Grounds maintenance, Small Heath", postcodes=["B9 5SS"])
    make("ocds-p-2", "Grounds maintenance, Ladywood", postcodes=["B1 1BB"])
    found = {p.ocid: m for p, m in recommended(world.profile)}
    assert "delivered in East Birmingham (postcode sectors), an area you serve" in (
        found["ocds-p-1"].reasons
    )
    assert "ocds-p-2" not in found  # outside the area: below what is recommended
    every = {p.ocid: m for p, m in recommendations(world.profile, minimum=0).fitting}
    assert "delivered outside the areas you serve" in every["ocds-p-2"].reasons
    assert every["ocds-p-1"].score - every["ocds-p-2"].score == points("area") - points(
        "area_outside"
    )


@pytest.mark.django_db
def test_the_set_up_and_the_capabilities_page_choose_areas(client_for, world):
    client = client_for("supplier")
    north = Area.objects.get(slug="north-solihull")
    url = reverse("opportunities:capabilities_setup_step", kwargs={"step": "areas"})
    page = client.get(url).content.decode()
    assert "North Solihull" in page
    response = client.post(url, {"areas": "", "network_areas": [north.pk]})
    assert response.status_code == 302
    profile = SupplierProfile.objects.get(pk=world.profile.pk)
    assert list(profile.network_areas.all()) == [north] and profile.areas == []
    page = client.post(url, {"areas": ""}).content.decode()
    assert "or choose one of the network&#x27;s areas" in page
    east = Area.objects.get(slug="east-birmingham-postcodes")
    response = client.post(
        reverse("opportunities:capabilities"),
        {"keywords": "grounds", "network_areas": [east.pk, north.pk], "areas": "Walsall"},
    )
    assert response.status_code == 302
    assert set(profile.network_areas.all()) == {east, north}
    page = client.get(reverse("opportunities:capabilities")).content.decode()
    assert "East Birmingham (postcode sectors)" in page and "checked" in page
