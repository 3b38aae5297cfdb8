"""A ring's figures name the definition they were measured with (issue 19): an area's version, a
distance's miles and site postcodes, on the ledger's rings table, in spend_report --json and in a
published summary, which keeps them after the area is edited; one published before they were
recorded says so."""

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command

from reference.models import Area
from spend.comparison import published_tables
from spend.ledger_tables import NOT_RECORDED, STANDARD_USED, ring_used
from spend.models import PublishedSummary
from spend.rings import rings_for
from tests.spend.test_rings_ledger import ringed  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
AREA = "East Birmingham (postcode sectors)"


def _rows(client, slug, url="/spend/ledger/{}/rings.csv?year=2025"):
    download = client.get(url.format(slug))
    header, *rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def test_each_ring_says_which_definition_it_used(ringed):  # noqa: F811
    area = Area.objects.get(slug="east-birmingham-postcodes")
    used = [ring_used(ring, ["B1 1BB"]) for ring in rings_for(ringed.home)]
    assert used == [
        {"used": STANDARD_USED},
        {"used": STANDARD_USED},
        {"area_version": area.version, "used": f"version {area.version}"},
        {"miles": 5.0, "postcodes": ["B1 1BB"], "used": "5 miles from B1 1BB"},
    ]


def test_the_ledgers_rings_table_shows_the_area_version_and_the_sites(ringed, client_for):  # noqa: F811
    client = client_for("buyer")
    html = client.get(f"/spend/ledger/{ringed.home.slug}/?year=2025").content.decode()
    rings = html[html.index('id="rings"') :]
    assert "version 1" in rings and "5 miles from B1 1BB" in rings
    rows = _rows(client, ringed.home.slug)
    assert rows[AREA]["Definition used"] == "version 1"
    assert rows["Within 5 miles of our sites"]["Definition used"] == "5 miles from B1 1BB"


def test_spend_report_json_gives_the_definition_used(ringed):  # noqa: F811
    out = StringIO()
    call_command("spend_report", "--buyer", ringed.home.name, "--json", stdout=out)
    rings = {ring["key"]: ring for ring in json.loads(out.getvalue())["rings"]}
    assert rings["area:east-birmingham-postcodes"]["area_version"] == 1
    assert (rings["sites:5"]["miles"], rings["sites:5"]["postcodes"]) == (5.0, ["B1 1BB"])


def test_a_published_summary_keeps_the_version_it_was_measured_with(ringed, client_for):  # noqa: F811
    client_for("anchor_admin").post(
        f"/spend/ledger/{ringed.home.slug}/publish/?year=2025",
        {"action": "publish", "confirm": "yes"},
    )
    area = Area.objects.get(slug="east-birmingham-postcodes")
    area.version, area.edited = 2, True
    area.save()
    url = "/spend/published/{}/2025/rings.csv"
    rows = _rows(client_for("anonymous"), ringed.home.slug, url)
    assert rows[AREA]["Definition used"] == "version 1"  # as published, not as now
    summary = PublishedSummary.objects.get(buyer=ringed.home).summary
    row = next(row for row in summary["rings"] if row["label"] == AREA)
    assert row["area_version"] == 1


def test_a_summary_published_before_says_it_has_no_definition_recorded():
    rows = [{"label": AREA, "share": 0.3}]
    (table,) = [t for t in published_tables({"rings": rows}) if t.name == "rings"]
    assert table.rows[0]["used"] == NOT_RECORDED
