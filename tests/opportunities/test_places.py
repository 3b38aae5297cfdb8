"""Search by place on the real Find a Tender day and Contracts Finder files: what each notice
states (read here from the JSON itself) against what the search finds and how it labels it."""

import glob
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from opportunities.loading import Loader
from opportunities.models import Process
from opportunities.search import label_places, search
from opportunities.search_request import OpportunitySearch
from tests.conftest import require_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]


def stated(path) -> dict[str, set[str]]:
    """ocid → every region and postcode its releases' items state."""
    text = Path(path).read_text().replace("1e9999", "1e308")
    found = {}
    for release in json.loads(text)["releases"]:
        where = found.setdefault(release["ocid"], set())
        for item in release.get("tender", {}).get("items", []):
            for address in item.get("deliveryAddresses", []):
                where.update(v for k in ("region", "postalCode") if (v := address.get(k)))
    return found


@pytest.fixture
def real_day(world):
    world.process.delete()
    folder = require_data("ocds", "find-a-tender", "2026-08-10")
    paths = sorted(glob.glob(str(folder / "*.json")))
    paths += sorted(glob.glob(str(require_data("ocds", "contracts-finder") / "*.json")))
    Loader().load([(Path(p), p) for p in paths])
    states = {}
    for path in paths:
        for ocid, where in stated(path).items():
            states.setdefault(ocid, set()).update(where)
    loaded = set(Process.objects.values_list("ocid", flat=True))
    return {ocid: where for ocid, where in states.items() if ocid in loaded}


def found(location):
    results = list(search(OpportunitySearch(location=location)))
    label_places(location, results)
    return {p.ocid: p.place_match for p in results}


def test_birmingham_finds_what_is_delivered_there_and_wider(real_day):
    hits = found("Birmingham")
    ukg31 = {o for o, w in real_day.items() if "UKG31" in w}
    b_postcodes = {
        o
        for o, w in real_day.items()
        if any(v.upper().startswith(("B1 ", "B4 ", "B15 ")) for v in w)
    }
    whole_uk = {o for o, w in real_day.items() if w == {"UK"}}
    west_midlands = {o for o, w in real_day.items() if w & {"UKG", "West Midlands"}}
    london_only = {o for o, w in real_day.items() if w and w <= {"UKI", "London"}}
    assert ukg31 and whole_uk and west_midlands and london_only and b_postcodes
    assert all(hits[o][0] == "in" for o in ukg31 | b_postcodes)
    assert all(hits[o][0] == "wider" and hits[o][1] == "United Kingdom" for o in whole_uk)
    assert all(o in hits for o in west_midlands)
    assert not london_only & set(hits)
    assert all(match is not None for match in hits.values())  # each hit says why
    # delivered in Birmingham first when sorted by relevance
    ranked = [p.ocid for p in search(OpportunitySearch(location="Birmingham", sort="relevance"))]
    inside = [o for o in ranked if hits[o][0] == "in"]
    assert ranked[: len(inside)] == inside


def test_regions_and_councils_of_the_west_midlands(real_day):
    region = found("West Midlands")
    for ocid, where in real_day.items():
        if where & {"UKG", "UKG1", "UKG13", "UKG2", "UKG3", "UKG31", "West Midlands"}:
            assert region[ocid][0] == "in", (ocid, where)
    coventry = found("Coventry")
    assert all(m[0] == "wider" for o, m in coventry.items() if "UKG31" in real_day[o])
    north_west = found("North West")
    assert {o for o, w in real_day.items() if w & {"UKD", "UKD36", "North West"}} <= {
        o for o, m in north_west.items() if m[0] == "in"
    }
    assert not {o for o, w in real_day.items() if w == {"UKG31"}} & set(north_west)


def test_places_outside_the_west_midlands_find_what_is_delivered_there(real_day):
    def stating(codes):
        return {o for o, w in real_day.items() if w & codes}

    warrington = found("Warrington")
    ukd61 = stating({"UKD61"})
    assert ukd61 and all(warrington[o][0] == "in" for o in ukd61)
    north_west = stating({"UKD", "UKD6"}) - ukd61
    assert north_west and all(
        warrington[o] in (("wider", "North West"), ("wider", "Cheshire"))
        for o in north_west
        if not any(v.upper().startswith("WA") for v in real_day[o])  # or delivered at WA…
    )
    assert north_west <= set(warrington)
    wa1 = found("WA1")
    assert all(wa1[o][0] == "wider" for o in ukd61)  # UKD61 is wider than the district WA1
    manchester = found("Manchester")
    greater = stating({"UKD", "UKD3", "UKD33"})
    assert greater and greater <= set(manchester)
    assert not stating({"UKD61", "UKD62"}) - stating({"UK", "UKD"}) & set(manchester)
    region = found("North West")
    assert all(region[o][0] == "in" for o in stating({c for w in real_day.values() for c in w
                                                      if c.startswith("UKD")}))  # fmt: skip
    glasgow = found("Glasgow")
    scotland = stating({"UKM", "UKM8", "UKM82"})
    assert scotland and scotland <= set(glasgow)
    assert not stating({"UKM50", "UKM75"}) - stating({"UK", "UKM"}) & set(glasgow)
    assert set(found("Belfast")) >= stating({"UKN", "UKN0", "UKN06"})


def test_the_sql_statement_agrees_with_the_index(real_day):
    from opportunities.search_sql import filtered

    for location in ("Birmingham", "West Midlands", "Coventry", "North West", "B4", "Warrington",
                     "WA1", "Glasgow"):  # fmt: skip
        expected = set(
            filtered(OpportunitySearch(location=location)).values_list("ocid", flat=True)
        )
        assert set(found(location)) == expected, location


def test_unknown_place_and_bad_values_are_shown_and_other_filters_kept(client, real_day):
    url = reverse("opportunities:opportunities")
    html = client.get(url, {"location": "Xyz", "status": "awarded"}).content.decode()
    assert "govuk-error-summary" in html
    assert "We don&#x27;t know the place &#x27;Xyz&#x27;" in html
    assert "leave out only Delivery location" in html
    awarded = search(OpportunitySearch(statuses=["awarded"])).count()
    assert f"<strong>{awarded}</strong>" in html and awarded < len(real_day)
    html = client.get(url, {"status": "sideways", "location": "Birmingham"}).content.decode()
    assert "&#x27;sideways&#x27; is not a status" in html
    birmingham = search(OpportunitySearch(location="Birmingham")).count()
    assert f"<strong>{birmingham}</strong> opportunities deliverable in Birmingham" in html
    html = client.get(url, {"location": "Birmingham"}).content.decode()
    assert "Wider area" in html and "In Birmingham" in html


def test_api_and_command_refuse_values_they_cannot_read(client, real_day):
    response = client.get("/api/opportunities", {"location": "Xyz"})
    assert response.status_code == 422 and "We don't know the place 'Xyz'" in response.text
    assert client.get("/api/opportunities", {"location": "Coventry"}).status_code == 200
    with pytest.raises(CommandError, match="We don't know the place 'Xyz'"):
        call_command("search_opportunities", "--location", "Xyz")
    with pytest.raises(CommandError, match="Deadline from"):
        call_command("search_opportunities", "--deadline-from", "31/31/2026")
    out = StringIO()
    call_command("search_opportunities", "--location", "Birmingham", "--json", stdout=out)
    assert (
        json.loads(out.getvalue())["count"]
        == search(OpportunitySearch(location="Birmingham")).count()
    )


def test_no_results_suggest_wider_searches_with_counts(client, real_day):
    url = reverse("opportunities:opportunities")
    html = client.get(url, {"location": "Coventry", "q": "zebra"}).content.decode()
    assert "No opportunities match" in html
    html = client.get(url, {"location": "Sutton Coldfield", "status": "open"}).content.decode()
    if "<strong>0</strong>" in html:
        birmingham = search(OpportunitySearch(location="Birmingham", statuses=["open"])).count()
        assert f"Search all of Birmingham</a> ({birmingham} opportunit" in html
        assert "Try a wider search" in html
