"""Place look-up (reference/places.py): names, codes and postcodes to places, checked against the
shared ONS files the data tables were built from."""

import csv
import gzip
import json
from collections import Counter, defaultdict

import pytest

from core import datafiles
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
        ("Leeds", "E08000035", {"E08000035", "UKE42"}, ("UKE4", "UKE", "E92000001", "UK")),
        ("Manchester", "E08000003", {"E08000003", "UKD33"}, ("UKD3", "UKD", "E92000001", "UK")),
        ("Warrington", "E06000007", {"E06000007", "UKD61"}, ("UKD6", "UKD", "E92000001", "UK")),
        ("UKD61", "UKD61", {"UKD61", "E06000007"}, ("UKD6", "UKD", "E92000001", "UK")),
        ("Glasgow", "S12000049", {"S12000049", "UKM82"}, ("UKM8", "UKM", "UK")),
        ("Glasgow City Council", "S12000049", None, None),
        ("Edinburgh", "S12000036", {"S12000036", "UKM75"}, ("UKM7", "UKM", "UK")),
        ("Belfast", "N09000003", {"N09000003", "UKN06"}, ("UKN0", "UKN", "UK")),
        ("Cardiff", "W06000015", {"W06000015"}, ("UKL22", "UKL2", "UKL", "UK")),
        ("Cornwall", "E06000052", {"E06000052"}, ("UKK30", "UKK3", "UKK", "E92000001", "UK")),
        ("Highland", "S12000017", {"S12000017"}, ("UKM6", "UKM", "UK")),
        ("Sheffield", "E08000039", {"E08000039", "UKE32"}, ("UKE3", "UKE", "E92000001", "UK")),
        ("Greater Manchester", "UKD3", {"UKD3"}, ("UKD", "E92000001", "UK")),
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
    place = places.resolve("UKD19")  # not an ITL 2021 area (an ITL 2025 code would be read so)
    assert place.name == "UKD19" and place.wider == ("UKD1", "UKD", "E92000001", "UK")


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

    data = datafiles.load(places.DATA / "places.json")
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
    assert len(names) == 331
    assert {code: places.local_authority_names()[code] for code in names} == names


def areas_file():
    return datafiles.load(places.DATA / "local_authority_areas.json")


def itl1_of(code):
    return [k for k in places.chain(code) if places.node(k).level == "ITL1"]


def test_every_local_authority_of_the_ons_lookup_and_the_postcode_directory_has_a_region():
    with gzip.open(require_data(*LOOKUP), "rt", encoding="utf-8-sig") as stream:
        lookup = {row["LAD22CD"] for row in csv.DictReader(stream)}
    in_directory = {lad for lads in places.districts().values() for lad in lads}
    listed = [lad for lads in areas_file()["local_authorities"].values() for lad in lads]
    assert len(listed) == len(set(listed))  # each council in one area
    for code in lookup | (in_directory - {"L99999999", "M99999999"}):  # Channel Is., Man
        assert len(itl1_of(code)) == 1, code
        assert places.name_of(code) != code, code
        nation = {"E": "E92000001", "W": "UKL", "S": "UKM", "N": "UKN"}[code[0]]
        assert nation in places.chain(code), code
    by_nation = Counter(code[0] for code in set(listed) if code not in places._replaced_by())
    assert by_nation == {"E": 296, "W": 22, "S": 32, "N": 11}


def test_regions_agree_with_the_ons_region_lookup_of_the_west_midlands():
    from reference.geography import areas

    members = set(areas()["region"]["members"])
    in_ukg = {c for c in places.local_authority_names() if "UKG" in places.chain(c)}
    assert in_ukg == members


def test_every_itl_area_has_a_name_and_lies_in_its_parent():
    nodes = places._nodes()
    itl = [n for n in nodes.values() if n.level in ("ITL1", "ITL2", "ITL3")]
    # NUTS 2018: 12 + 41 + 179 areas; Extra-Regio at each level; UKK24, UKK25 of ITL 2025
    assert Counter(n.level for n in itl) == {"ITL1": 13, "ITL2": 42, "ITL3": 182}
    for area in itl:
        assert area.name and area.name != area.key, area.key
        assert area.parent in nodes, area.key
        if area.level != "ITL1":
            assert area.parent == area.key[:-1], area.key
    # every ITL3 area holds a council but for NUTS 2018's UKK21/UKK22 (now UKK24/UKK25),
    # Extra-Regio, and those whose councils straddle ITL3 areas: Cumbria's two (Cumberland,
    # Westmorland and Furness), UKM61 and UKM63 (Highland, Argyll and Bute, North Ayrshire)
    lads = [n.key for n in nodes.values() if n.level == "local authority"]
    held = {key for lad in lads for key in places.chain(lad)}
    empty = {n.key for n in itl if n.level == "ITL3" and n.key not in held}
    assert empty == {"UKK21", "UKK22", "UKZZZ", "UKD11", "UKD12", "UKM61", "UKM63"}


def test_every_region_code_of_the_real_find_a_tender_day_has_a_name():
    folder = require_data("ocds", "find-a-tender", "2026-08-10")
    codes = set()
    for path in sorted(folder.glob("*.json")):
        text = path.read_text().replace("1e9999", "1e308")
        for release in json.loads(text)["releases"]:
            tender = release.get("tender") or {}
            addresses = list(tender.get("deliveryAddresses") or [])
            for item in tender.get("items") or []:
                addresses += item.get("deliveryAddresses") or []
            codes.update(a["region"] for a in addresses if a.get("region"))
    uk = {code for code in codes if places.code_key(code)}
    assert len(uk) > 75 and codes - uk == {"BR", "BZ"}  # two codes of other countries
    unnamed = {code for code in uk if places.name_of(places.code_key(code)) == code}
    assert unnamed == set()
    assert places.name_of("UKD61") == "Warrington" and places.name_of("UKM50").startswith("Aber")


def test_postcodes_outside_the_west_midlands_resolve_to_their_region():
    for typed, lad, region in [
        ("WA1", "E06000007", "UKD"),
        ("M1", "E08000003", "UKD"),
        ("G1", "S12000049", "UKM"),
        ("EH1", "S12000036", "UKM"),
        ("BT1", "N09000003", "UKN"),
        ("LS1", "E08000035", "UKE"),
        ("TR1", "E06000052", "UKK"),
    ]:
        place = places.resolve(typed)
        assert place.wider[0] == lad and region in place.wider, typed
    assert "UKD" in places.resolve("WA").wider
    sy = places.resolve("SY")  # Shropshire and mid Wales: the region most of it lies in
    assert sy.wider[0] == "UKG"
    assert places.nearness(places.resolve("Warrington"), places.locate([], ["WA1 1UH"])) == "in"


def test_postcode_areas_are_what_the_build_computes():
    from reference.build_places import postcode_areas

    table = areas_file()["postcode_areas"]
    assert table == postcode_areas(places.districts())
    assert table["WA"] == {"region": "UKD", "share": 1.0}
    assert {area for area, v in table.items() if v["share"] < 0.8} >= {"SY", "DA", "CH"}


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
    for town in datafiles.load(places.DATA / "places.json")["towns"]:
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
