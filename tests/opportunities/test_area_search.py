"""Search by a network area (issue 19): notices delivered at the area's postcodes, else placed by
their buyer's address when they state no delivery place; other kinds of area (a radius, wards)
placed through the registers; unknown never counted as inside; the page, the API and the words
of a search all choose the area."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opportunities.forms import OpportunitySearchForm
from opportunities.models import Process
from opportunities.search import area_filter, search
from opportunities.search_request import OpportunitySearch
from reference.models import Area
from registers.models import PostcodePlace, RegisterLoad

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def make(ocid, title, *, postcodes=(), regions=(), buyer_postcode="", **extra):
    return Process.objects.create(
        ocid=ocid,
        compiled={},
        phase="tender",
        title=title,
        buyer_name="Some Buyer",
        delivery_postcodes=list(postcodes),
        delivery_regions=list(regions),
        buyer_postcode=buyer_postcode,
        deadline=NOW + timedelta(days=20),
        **extra,
    )


@pytest.fixture
def notices(db):
    return {
        "bordesley": make("ocds-a-1", "Roof repairs in Bordesley Green", postcodes=["B9 4RL"]),
        "small_heath": make("ocds-a-2", "Small Heath library cleaning", postcodes=["B9 5SS"]),
        "centre": make("ocds-a-3", "City centre signage", postcodes=["B1 1BB"]),
        "buyer_only": make("ocds-a-4", "Meals for Ward End", buyer_postcode="B8 1AA"),
        "buyer_outside": make("ocds-a-5", "Office supplies", buyer_postcode="B1 1BB"),
        "region_only": make("ocds-a-6", "Birmingham-wide repairs", regions=["Birmingham"]),
        "stated_beats_buyer": make(
            "ocds-a-7", "Stated outside", postcodes=["B1 1BB"], buyer_postcode="B9 4RL"
        ),
    }


def ocids(query):
    return {p.ocid for p in search(query)}


def test_shipped_areas_are_there():
    assert Area.objects.filter(slug="east-birmingham-postcodes", kind="postcodes").exists()


def test_postcode_sector_area_finds_delivery_postcodes_and_buyer_addresses(notices):
    found = ocids(OpportunitySearch(area="east-birmingham-postcodes"))
    assert found == {"ocds-a-1", "ocds-a-2", "ocds-a-4"}  # B9 4, B9 5; B8 1 from the buyer
    # a stated delivery place outside wins over a buyer inside; B1 is not in the area
    assert "ocds-a-7" not in found and "ocds-a-3" not in found


def test_the_area_combines_with_words_and_other_filters(notices):
    assert ocids(OpportunitySearch(text="roof", area="east-birmingham-postcodes")) == {"ocds-a-1"}
    assert not ocids(OpportunitySearch(area="north-solihull"))


def test_notices_that_cannot_be_placed_are_counted_apart(notices):
    place = area_filter(OpportunitySearch(area="east-birmingham-postcodes"), NOW)
    assert place.path == "/areas/east-birmingham-postcodes/"
    assert place.unplaced == 1  # "Birmingham" only: may be in East Birmingham, not counted in
    assert "ocds-a-6" not in ocids(OpportunitySearch(area="east-birmingham-postcodes"))


def _directory(rows):
    load = RegisterLoad.objects.create(register="postcode-directory", source_name="test.csv")
    for postcode, la, east, north, ward in rows:
        PostcodePlace.objects.create(
            postcode=postcode,
            local_authority_code=la,
            easting=east,
            northing=north,
            ward_code=ward,
            load=load,
        )


@pytest.fixture
def directory(db):
    _directory(
        [
            ("B9 4RL", "E08000025", 409800, 287200, "E05011127"),
            ("B9 5SS", "E08000025", 410200, 286700, "E05011127"),
            ("B1 1BB", "E08000025", 406500, 286900, "E05011151"),
            ("B8 1AA", "E08000025", 410500, 288300, "E05011183"),
            ("CV1 1AA", "E08000026", 433500, 279000, ""),
        ]
    )


def test_a_radius_area_places_notices_by_grid_reference(notices, directory):
    make("ocds-a-8", "Coventry works", postcodes=["CV1 1AA"])
    Area.objects.create(
        slug="near-b9",
        name="Within 1.5 miles of B9 5SS",
        kind="radius",
        centre_postcodes=["B9 5SS"],
        miles=1.5,
        source="test",
    )
    found = ocids(OpportunitySearch(area="near-b9"))
    # B1 1BB is 2.3 miles away; Coventry is not a candidate (another local authority)
    assert found == {"ocds-a-1", "ocds-a-2", "ocds-a-4"}
    place = area_filter(OpportunitySearch(area="near-b9"), NOW)
    assert place.unplaced == 1  # the region-only notice: no postcode, no grid reference


def test_a_ward_area_unknown_without_the_ward_is_not_counted(notices, directory):
    found = ocids(OpportunitySearch(area="east-birmingham"))  # 20 wards incl. Bordesley Green
    assert {"ocds-a-1", "ocds-a-2", "ocds-a-4"} <= found
    assert "ocds-a-3" not in found  # Ladywood


def test_a_radius_with_no_directory_places_nothing(notices):
    Area.objects.create(
        slug="near-b9",
        name="Near B9",
        kind="radius",
        centre_postcodes=["B9 5SS"],
        miles=1,
        source="test",
    )
    assert not ocids(OpportunitySearch(area="near-b9"))


@pytest.mark.parametrize(
    ("params", "area", "text", "location"),
    [
        ({"area": "east-birmingham-postcodes"}, "east-birmingham-postcodes", "", ""),
        ({"area": "North Solihull"}, "north-solihull", "", ""),
        ({"location": "East Birmingham"}, "east-birmingham", "", ""),
        ({"q": "delivery in East Birmingham"}, "east-birmingham", "", ""),
        ({"q": "roof repairs in north solihull"}, "north-solihull", "roof repairs", ""),
        ({"q": "Birmingham roofs", "location": "Birmingham"}, "", "Birmingham roofs", "Birmingham"),
    ],
)
def test_the_form_recognises_an_area_by_name(params, area, text, location):
    search_ = OpportunitySearchForm(params).to_search()
    assert (search_.area, search_.text, search_.location) == (area, text, location)


def test_an_unknown_area_is_an_error_naming_the_field():
    form = OpportunitySearchForm({"area": "atlantis"})
    assert not form.is_valid()
    assert form.errors["area"] == [
        (
            "'atlantis' is not one of the network's areas: enter an area's name or its short "
            "name from the areas page, like east-birmingham-postcodes"
        )
    ]


def test_the_page_shows_the_area_as_a_removable_filter(client, notices):
    page = client.get(
        reverse("opportunities:opportunities"), {"area": "east-birmingham-postcodes", "sme": "on"}
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Delivered in East Birmingham (postcode sectors)" in text
    assert 'href="/areas/east-birmingham-postcodes/"' in text
    assert 'href="?sme=on"' in text  # remove the area, keep the rest
    page = client.get(reverse("opportunities:opportunities"), {"area": "east-birmingham-postcodes"})
    text = page.content.decode()
    assert "Meals for Ward End" in text and "from the buyer's address" in text
    assert "1 more notice matching your other filters may be in" in text
    assert "City centre signage" not in text


def test_the_page_takes_the_area_from_the_words_and_removes_it_from_them(client, notices):
    page = client.get(
        reverse("opportunities:opportunities"), {"q": "roof in East Birmingham (postcode sectors)"}
    )
    text = page.content.decode()
    assert "Roof repairs in Bordesley Green" in text and "Small Heath" not in text
    assert 'href="?q=roof"' in text


def test_the_api_filters_by_area_and_says_when_the_buyer_placed_it(client, notices):
    response = client.get("/api/opportunities", {"area": "east-birmingham-postcodes"})
    assert response.status_code == 200
    items = {item["ocid"]: item for item in response.json()["items"]}
    assert set(items) == {"ocds-a-1", "ocds-a-2", "ocds-a-4"}
    assert items["ocds-a-4"]["placed_by_buyer_address"] is True
    assert items["ocds-a-1"]["placed_by_buyer_address"] is False


def test_the_api_refuses_an_unknown_area_naming_the_field(client):
    response = client.get("/api/opportunities", {"area": "atlantis"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert any(
        e["field"] == "area" and e["message"].startswith("'atlantis' is not one of the network's")
        for e in errors
    )


def test_a_ward_area_with_no_wards_loaded_says_it_cannot_place_any(client, notices):
    place = area_filter(OpportunitySearch(area="east-birmingham"), NOW)
    assert not place.placeable
    text = client.get(reverse("opportunities:opportunities"), {"area": "east-birmingham"})
    assert "No notice can be placed in East Birmingham yet" in text.content.decode()


def test_the_command_searches_by_area(notices):
    import json
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(
        "search_opportunities", "--area", "east-birmingham-postcodes", "--json", stdout=out
    )
    found = json.loads(out.getvalue())
    assert found["count"] == 3 and found["unplaced"] == 1
    assert {row["ocid"] for row in found["results"]} == {"ocds-a-1", "ocds-a-2", "ocds-a-4"}


def test_an_area_that_empties_a_search_is_suggested_away(client, notices):
    page = client.get(reverse("opportunities:opportunities"), {"q": "roof in North Solihull"})
    suggestions = {s.text: s for s in page.context["suggestions"]}
    removed = suggestions["Remove the network area"]
    assert removed.query == "q=roof" and removed.count == 1


@pytest.mark.parametrize("slug", ["east-birmingham-postcodes", "north-solihull", "east-birmingham"])
def test_the_sql_statement_of_the_area_agrees_with_the_index(notices, directory, slug):
    from opportunities.search_sql import filtered

    query = OpportunitySearch(area=slug)
    assert set(filtered(query, NOW).values_list("ocid", flat=True)) == ocids(query)
