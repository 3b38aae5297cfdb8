"""Place look-up (reference/places.py): names, codes and postcodes to places, checked against the
shared ONS files the data tables were built from."""

import csv
import gzip
import json
from collections import Counter, defaultdict

import pytest

from reference import places
from tests.conftest import require_data

LOOKUP = (
    "reference",
    "geography",
    "Lower_Layer_Super_Output_Area_(2021)_to_Ward_(2022)_to_LAD_(2022)_Lookup_in_England_and_Wales_v3.csv.gz",
)


@pytest.mark.parametrize(
    ("typed", "key", "inside", "wider"),
    [
        ("Birmingham", "E08000025", {"E08000025", "UKG31"}, ("UKG3", "UKG", "E92000001", "UK")),
        ("birmingham city council", "E08000025", {"E08000025", "UKG31"}, None),
        ("UKG31", "UKG31", {"UKG31", "E08000025"}, None),
        ("TLG31", "UKG31", {"UKG31", "E08000025"}, None),
        ("Coventry", "E08000026", {"E08000026", "UKG33"}, None),
        ("Wolverhampton", "E08000031", {"E08000031", "UKG39"}, None),
        ("Solihull", "E08000029", {"E08000029", "UKG32"}, None),
        ("West Midlands", "UKG", {"UKG"}, ("E92000001", "UK")),
        ("North West", "UKD", {"UKD"}, ("E92000001", "UK")),
        ("Worcestershire", "UKG12", {"UKG12"}, ("UKG1", "UKG", "E92000001", "UK")),
        ("Coventry, West Midlands", "E08000026", None, None),
        ("Leeds", "E08000035", {"E08000035"}, ("E92000001", "UK")),
    ],
)
def test_names_and_codes_resolve_to_places(typed, key, inside, wider):
    place = places.resolve(typed)
    assert place is not None and place.key == key
    if inside is not None:
        assert set(place.inside) == inside
    if wider is not None:
        assert place.wider == wider


def test_an_unlisted_code_is_read_within_its_parent():
    place = places.resolve("UKD36")
    assert place.wider == ("UKD3", "UKD", "E92000001", "UK")


def test_towns_and_postcodes_are_postcode_districts_within_their_council():
    town = places.resolve("Sutton Coldfield")
    assert town.kind == "town" and town.postcodes == ("B72", "B73", "B74", "B75", "B76")
    assert town.wider[0] == "E08000025" and town.widened.name == "Birmingham"
    district = places.resolve("b1")
    assert district.kind == "postcode district" and district.postcodes == ("B1",)
    assert district.wider[:2] == ("E08000025", "UKG31")
    assert places.resolve("B1 1AA").postcodes == ("B1 1AA",)
    assert places.resolve("CV").kind == "postcode area"


@pytest.mark.parametrize("typed", ["Xyz", "Atlantis", "ZZ9", "QQ", ""])
def test_unknown_places_are_none(typed):
    assert places.resolve(typed) is None


def test_postcode_prefixes_keep_districts_apart():
    assert places.postcode_prefixes("B1 1AA") == ["B", "B1", "B1 1", "B1 1AA"]
    assert places.postcode_prefixes("b111aa") == ["B", "B11", "B11 1", "B11 1AA"]
    assert "B11" not in places.postcode_prefixes("B1 1AA")
    assert places.postcode_prefixes("not a postcode") == []


def test_what_a_notice_states_becomes_its_areas():
    fts = places.locate(["UKG31"], [])
    assert fts.stated == {"UKG31", "E08000025"} and {"UKG3", "UKG", "UK"} <= fts.area
    cf = places.locate(["West Midlands"], ["B4 7DJ"])
    assert cf.stated == {"UKG"} and "E08000025" in cf.area and "B4" in cf.postcodes
    unknown = places.locate(["BZ", "Somewhere odd"], [])
    assert unknown.unread == ["BZ", "Somewhere odd"] and not unknown.area
    buyer = places.locate([], [], "CV1 5RR")
    assert buyer.from_buyer and "E08000026" in buyer.area
    assert not places.locate(["UK"], [], "CV1 5RR").from_buyer


def test_nearness_in_and_wider():
    birmingham = places.resolve("Birmingham")
    assert places.nearness(birmingham, places.locate(["UKG31"], [])) == "in"
    assert places.nearness(birmingham, places.locate([], ["B4 7DJ"])) == "in"
    wider = places.locate(["UKG"], [])
    assert places.nearness(birmingham, wider) == "wider"
    assert places.widest_stated(birmingham, wider) == "West Midlands"
    assert places.nearness(birmingham, places.locate(["UK"], [])) == "wider"
    assert places.nearness(birmingham, places.locate(["UKI"], [])) is None
    assert places.nearness(birmingham, places.locate(["Sandwell"], [])) is None


def test_the_west_midlands_itl3_areas_are_the_regions_local_authorities():
    from reference.geography import areas

    data = json.loads((places.DATA / "places.json").read_text())
    lads = [
        lad
        for a in data["areas"]
        if a["code"].startswith("UKG")
        for lad in a.get("local_authorities", [])
    ]
    assert sorted(lads) == sorted(areas()["region"]["members"])
    assert all(entry.get("source") for entry in data["areas"] + data["towns"])


def test_local_authority_names_are_those_of_the_ons_lookup():
    with gzip.open(require_data(*LOOKUP), "rt", encoding="utf-8-sig") as stream:
        names = {row["LAD22CD"]: row["LAD22NM"] for row in csv.DictReader(stream)}
    assert places.local_authority_names() == names and len(names) == 331


def test_postcode_districts_agree_with_the_shared_postcode_directory():
    path = require_data("reference", "postcodes-west-midlands.csv")
    counted = defaultdict(Counter)
    with path.open() as stream:
        for row in csv.DictReader(stream):
            if row["laua"]:
                counted[row["pcd"].replace(" ", "")[:-3]][row["laua"]] += 1
    districts = places.districts()
    assert len(counted) > 140
    for district, lads in counted.items():
        assert districts[district] == dict(lads.most_common()), district
    for town in json.loads((places.DATA / "places.json").read_text())["towns"]:
        assert all(d in districts for d in town["postcode_districts"]), town["name"]


def test_full_postcodes_from_a_directory_given_as_a_path(monkeypatch):
    path = require_data("reference", "postcodes-west-midlands.csv")
    monkeypatch.setenv(places.DIRECTORY_VARIABLE, str(path))
    with path.open() as stream:
        rows = [row for row in csv.DictReader(stream) if row["pcd"].startswith("B62")]
    for row in rows[:: max(1, len(rows) // 50)]:
        if row["laua"]:
            assert places.postcode_lad(row["pcd"]) == row["laua"]
    # B62 is split between councils: a postcode is placed by the directory, not by its district
    split = next(
        r for r in rows if r["laua"] and r["laua"] != next(iter(places.districts()["B62"]))
    )
    assert places.postcode_lad(split["pcd"]) == split["laua"]
