"""The ledger's chosen rings (issue 19) on the database: a distance ring from real grid
references, an area ring, and every output carrying them (the ledger page and its downloads, the
printable report, spend_report --json, the published summary and the network comparison)."""

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command

from reference.models import Area
from registers.models import PostcodePlace
from spend.comparison import network
from spend.ledger import payments_frame
from spend.models import RingChoice, RingKind
from spend.rings import rings_for

pytestmark = pytest.mark.django_db

# Real grid references from ../shared/data/reference/postcodes-west-midlands.csv (ONS).
GRID = {
    "B1 1BB": ("E08000025", 406654, 286948),  # Home Council's registered address, its only site
    "B9 5RT": ("E08000025", 411473, 287133),
    "B90 4EX": ("E08000029", 412717, 275420),
}
# From B1 1BB: B9 5RT is dx 4,819 m, dy 185 m: √(4,819² + 185²) = √23,256,986 = 4,822.5 m, which
# ÷ 1,609.344 m a mile = 3.00 miles (inside 5 miles); B90 4EX is dx 6,063 m, dy -11,528 m:
# √(36,759,969 + 132,894,784) = √169,654,753 = 13,025.2 m = 8.09 miles (outside).


@pytest.fixture
def ringed(world, tmp_path):
    for postcode, (la, east, north) in GRID.items():
        PostcodePlace.objects.create(
            postcode=postcode, local_authority_code=la, easting=east, northing=north
        )
    world.home.sites.all().delete()
    path = tmp_path / "home.csv"
    path.write_text(
        "Supplier Name,Net Amount,Payment Date,Category,Supplier Postcode\n"
        "Near Ltd,300.00,15/04/2025,Care,B9 5RT\n"
        "Far Ltd,500.00,15/05/2025,Care,B90 4EX\n"
        "Nowhere Ltd,200.00,15/06/2025,Care,\n"
    )
    call_command("import_spend", str(path), "--buyer", world.home.name, stdout=StringIO())
    call_command("resolve_suppliers", stdout=StringIO())
    east = Area.objects.get(slug="east-birmingham-postcodes")
    for n, (kind, area, miles) in enumerate(
        [
            (RingKind.AUTHORITY, None, None),
            (RingKind.UK, None, None),
            (RingKind.AREA, east, None),
            (RingKind.SITES, None, 5),
        ]
    ):
        RingChoice.objects.create(anchor=world.home, position=n, kind=kind, area=area, miles=miles)
    return world


def test_a_payee_3_miles_from_a_site_is_inside_5_miles_and_one_8_miles_away_is_not(ringed):
    rings = rings_for(ringed.home)
    assert [r.key for r in rings] == [
        "authority",
        "uk",
        "area:east-birmingham-postcodes",
        "sites:5",
    ]
    frame = payments_frame(ringed.home, rings=rings)
    rows = {row["supplier"]: row for row in frame.to_dicts()}
    assert rows["Near Ltd"]["in_sites_5mi"] is True
    assert rows["Far Ltd"]["in_sites_5mi"] is False
    assert rows["Nowhere Ltd"]["in_sites_5mi"] is None  # no place: never counted as outside
    # East Birmingham by postcode sector: B9 5 is in it, B90 4 is not
    assert rows["Near Ltd"]["in_area_east_birmingham_postcodes"] is True
    assert rows["Far Ltd"]["in_area_east_birmingham_postcodes"] is False


def test_the_ledger_page_downloads_and_print_carry_the_rings(ringed, client_for):
    client = client_for("buyer")
    html = client.get(f"/spend/ledger/{ringed.home.slug}/?year=2025").content.decode()
    rings = html[html.index('id="rings"') :]
    assert "East Birmingham (postcode sectors)" in rings and "Within 5 miles of our sites" in rings
    # analysed 1,000: Near 300 inside both; Far 500 outside; Nowhere 200 not known
    assert "30.0%" in rings and "80.0%" in rings  # share; coverage (Near and Far known)
    assert "Leakage: categories where spend leaves Within 5 miles of our sites" in html
    download = client.get(f"/spend/ledger/{ringed.home.slug}/rings.csv?year=2025")
    header, *rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert header[:7] == [
        "Ring",
        "Definition used",
        "Of analysed spend",
        "Not known",
        "Of spend where known",
        "Of addressable spend",
        "Coverage (known in or out)",
    ]
    assert [row[0] for row in rows] == [
        "Birmingham",
        "UK",
        "East Birmingham (postcode sectors)",
        "Within 5 miles of our sites",
    ]
    categories = client.get(f"/spend/ledger/{ringed.home.slug}/categories.csv?year=2025")
    assert "Within 5 miles of our sites" in categories.content.decode("utf-8-sig").splitlines()[0]
    leak = client.get(f"/spend/ledger/{ringed.home.slug}/leakage-in-sites-5mi.csv?year=2025")
    assert leak.status_code == 200 and "Care" in leak.content.decode("utf-8-sig")
    printed = client.get(f"/spend/ledger/{ringed.home.slug}/print/?year=2025").content.decode()
    assert "Within 5 miles of our sites" in printed


def test_spend_report_json_gives_each_rings_figures(ringed):
    out = StringIO()
    call_command("spend_report", "--buyer", ringed.home.name, "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert {"measures", "coverage", "leakage", "by_category"} <= set(result)  # kept
    sites = result["rings"][-1]
    assert sites["key"] == "sites:5" and sites["label"] == "Within 5 miles of our sites"
    assert sites["share"] == pytest.approx(0.3)
    assert sites["known_share"] == pytest.approx(300 / 800)
    assert sites["addressable_share"] == pytest.approx(0.3)
    assert sites["coverage"] == pytest.approx(0.8)
    assert [row["category"] for row in sites["leakage"]] == ["Care"]
    assert result["by_category"]["Care"]["in_sites_5mi_share"] == pytest.approx(0.3)


def test_the_comparison_shows_each_anchors_own_rings(ringed):
    result = network(2025)
    rows = [(row["anchor"], row["label"]) for row in result.rings.rows]
    assert ("Home Council", "Within 5 miles of our sites") in rows
    assert ("Home Council", "East Birmingham (postcode sectors)") in rows
    home = {
        label: row
        for (anchor, label), row in zip(rows, result.rings.rows, strict=True)
        if anchor == "Home Council"
    }
    assert home["East Birmingham (postcode sectors)"]["share"] == pytest.approx(0.3)
    assert home["East Birmingham (postcode sectors)"]["check"].startswith("U")


def test_the_published_summary_keeps_the_rings(ringed, client_for):
    client = client_for("anchor_admin")
    client.post(
        f"/spend/ledger/{ringed.home.slug}/publish/?year=2025",
        {"action": "publish", "confirm": "yes"},
    )
    page = client_for("anonymous").get(f"/spend/published/{ringed.home.slug}/2025/")
    assert "Within 5 miles of our sites" in page.content.decode()
    download = client.get(f"/spend/published/{ringed.home.slug}/2025/rings.csv")
    assert download.status_code == 200 and "East Birmingham" in download.content.decode()
