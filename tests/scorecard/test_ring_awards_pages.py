"""Awards to suppliers in each of the anchor's rings on its scorecard page, its download, the API,
`anchorhub scorecard --json` and the network comparison: three awards of Home Council (B1 1BB,
a site at B5 5SE), one to a supplier at B9 4RL (East Birmingham by postcode sector, 1.7 miles
from the site), one at CV1 1AA in Coventry (outside both, about 15 miles away) and one with no
address (not placed)."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from opportunities.loading import Loader
from reference.models import Area
from registers.models import PostcodePlace
from spend.models import RingChoice, RingKind

pytestmark = pytest.mark.django_db

# Grid references as the ONS Postcode Directory gives them (postcodes-west-midlands.csv).
GRID = {
    "B1 1BB": ("E08000025", 406654, 286948),
    "B5 5SE": ("E08000025", 408117, 286709),
    "B9 4RL": ("E08000025", 409327, 286341),
    "CV1 1AA": ("E08000026", 433374, 279470),
}


def _award(ocid, value, supplier, address):
    party = {
        "id": supplier,
        "name": supplier,
        "roles": ["supplier"],
        "identifier": {"scheme": "GB-COH", "id": f"0{abs(hash(supplier)) % 10**7:07d}"},
    }
    if address:
        party["address"] = address
    return {
        "ocid": ocid,
        "id": f"{ocid}-award",
        "date": "2026-05-20T10:00:00Z",
        "tag": ["award"],
        "initiationType": "tender",
        "buyer": {"id": "GB-TEST-HOME", "name": "Home Council"},
        "parties": [{"id": "GB-TEST-HOME", "name": "Home Council", "roles": ["buyer"]}, party],
        "tender": {"id": f"{ocid}-t", "documents": [{"id": "d", "noticeType": "UK6"}]},
        "awards": [
            {
                "id": "1",
                "status": "active",
                "date": "2026-05-20T10:00:00Z",
                "value": {"amount": value, "currency": "GBP"},
                "suppliers": [{"id": supplier, "name": supplier}],
            }
        ],
    }


@pytest.fixture
def awards(world, tmp_path, ocds_schema):
    for postcode, (la, east, north) in GRID.items():
        PostcodePlace.objects.create(
            postcode=postcode, local_authority_code=la, easting=east, northing=north
        )
    releases = [
        _award("ocds-r-a", 1000, "Bordesley Supplies", {"postalCode": "B9 4RL", "country": "GB"}),
        _award("ocds-r-b", 3000, "Coventry Works", {"postalCode": "CV1 1AA", "country": "GB"}),
        _award("ocds-r-c", 6000, "Nowhere Ltd", None),
    ]
    path = tmp_path / "awards.json"
    path.write_text(json.dumps({"uri": "https://example.org/p", "releases": releases}))
    Loader().load([(Path(path), str(path))])
    return world


def _choose_rings(anchor):
    area = Area.objects.get(slug="east-birmingham-postcodes")
    RingChoice.objects.create(anchor=anchor, position=1, kind=RingKind.AUTHORITY)
    RingChoice.objects.create(anchor=anchor, position=2, kind=RingKind.AREA, area=area)
    RingChoice.objects.create(anchor=anchor, position=3, kind=RingKind.SITES, miles=5)


def _by_ring(items):
    return {item["ring"]: item for item in items}


def test_the_standard_rings_by_default(awards, client_for):
    response = client_for("buyer").get(f"/api/scorecards/{awards.home.slug}")
    rings = _by_ring(response.json()["ring_awards"])
    assert list(rings) == ["authority", "combined_authority", "region", "uk"]
    home = rings["authority"]
    assert home["label"] == "Birmingham"
    assert (home["awards"], home["value"], home["share"]) == (1, 1000, 0.1)
    assert (home["unplaced_awards"], home["unplaced_value"]) == (1, 6000)
    wmca = rings["combined_authority"]  # Coventry is in the WMCA area
    assert (wmca["awards"], wmca["value"], wmca["share"]) == (2, 4000, 0.4)
    assert (rings["uk"]["awards"], rings["uk"]["unplaced_awards"]) == (2, 1)


def test_the_anchor_s_chosen_rings_on_its_page_download_and_command(awards, client_for):
    _choose_rings(awards.home)
    client = client_for("buyer")
    page = client.get(reverse("scorecard:scorecard", args=[awards.home.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Awards to suppliers in each ring" in text
    for label in (
        "Birmingham",
        "East Birmingham (postcode sectors)",
        "Within 5 miles of our sites",
    ):
        assert f'<th scope="row" class="govuk-table__header">{label}</th>' in text
    for header in ("Awards inside", "Value inside", "Share of value awarded", "Awards not placed"):
        assert f">{header}</th>" in text
    assert "10.0%" in text and "£6,000" in text

    download = client.get(
        reverse("scorecard:scorecard_download", args=[awards.home.slug, "rings", "csv"])
    )
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Ring",
        "Check",
        "Awards inside",
        "Value inside",
        "Share of value awarded",
        "Awards not placed",
        "Value not placed",
    ]
    assert rows[2][:4] == ["East Birmingham (postcode sectors)", "U", "1", "1000.0"]
    assert rows[3][0] == "Within 5 miles of our sites" and rows[3][1:3] == ["", "1"]
    xlsx = client.get(
        reverse("scorecard:scorecard_download", args=[awards.home.slug, "rings", "xlsx"])
    )
    assert xlsx.status_code == 200

    out = io.StringIO()
    call_command("scorecard", "--buyer", awards.home.slug, "--json", stdout=out)
    rings = _by_ring(json.loads(out.getvalue())["ring_awards"])
    assert list(rings) == ["authority", "area:east-birmingham-postcodes", "sites:5"]
    east = rings["area:east-birmingham-postcodes"]
    assert east == {
        "ring": "area:east-birmingham-postcodes",
        "label": "East Birmingham (postcode sectors)",
        "awards": 1,
        "value": 1000.0,
        "share": 0.1,
        "unplaced_awards": 1,
        "unplaced_value": 6000.0,
        "source": Area.objects.get(slug="east-birmingham-postcodes").source,
        "confidence": "U",
    }
    sites = rings["sites:5"]  # B9 4RL is 1.7 miles from the site; Coventry 15 miles away
    assert (sites["awards"], sites["value"], sites["unplaced_awards"]) == (1, 1000.0, 1)


def test_the_comparison_shows_every_anchor_s_standard_rings(awards, client_for):
    _choose_rings(awards.home)  # the comparison keeps to the standard rings
    client = client_for("coordinator")
    text = client.get(reverse("scorecard:comparison")).content.decode()
    assert "Awards to suppliers in the standard rings" in text
    assert (
        "Compared on the four standard rings every anchor has; each anchor&#x27;s own rings are "
        "on its scorecard."
    ) in text
    body = client.get("/api/scorecards/network").json()
    home = next(b for b in body["buyers"] if b["name"] == "Home Council")
    assert [r["ring"] for r in home["ring_awards"]] == [
        "authority",
        "combined_authority",
        "region",
        "uk",
    ]
    assert home["ring_awards"][1]["awards"] == 2
    network = next(b for b in body["buyers"] if b["kind"] == "network")
    assert network["ring_awards"] is None
    download = client.get(reverse("scorecard:comparison_download", args=["rings", "csv"]))
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Anchor", "Ring"]
    assert rows[2][:3] == ["Home Council", "WMCA area", "2"]


def test_the_u_mark_of_an_area_ring_on_the_scorecard_page_and_api(awards, client_for):
    _choose_rings(awards.home)
    client = client_for("buyer")
    text = client.get(reverse("scorecard:scorecard", args=[awards.home.slug])).content.decode()
    assert "East Birmingham (postcode sectors) (U): Check before relying on this" in text
    rings = _by_ring(client.get(f"/api/scorecards/{awards.home.slug}").json()["ring_awards"])
    east = rings["area:east-birmingham-postcodes"]
    assert east["confidence"] == "U" and east["source"]
    assert (rings["authority"]["confidence"], rings["authority"]["source"]) == ("", "")
