"""The hierarchy of places (reference/place_tree.py), checked against the shared ONS files the
data tables were built from."""

import csv
import gzip
import json
from collections import Counter

from core import datafiles
from reference import place_tree
from reference.geography import areas
from tests.conftest import require_data

LOOKUP = (
    "reference",
    "geography",
    "Lower_Layer_Super_Output_Area_(2021)_to_Ward_(2022)_to_LAD_(2022)_Lookup_in_England_and_Wales_v3.csv.gz",
)


def test_the_west_midlands_itl3_areas_are_the_regions_local_authorities():
    data = datafiles.load(place_tree.DATA / "places.json")
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
    assert {code: place_tree.local_authority_names()[code] for code in names} == names


def areas_file():
    return datafiles.load(place_tree.DATA / "local_authority_areas.json")


def itl1_of(code):
    return [k for k in place_tree.chain(code) if place_tree.node(k).level == "ITL1"]


def test_every_local_authority_of_the_ons_lookup_and_the_postcode_directory_has_a_region():
    with gzip.open(require_data(*LOOKUP), "rt", encoding="utf-8-sig") as stream:
        lookup = {row["LAD22CD"] for row in csv.DictReader(stream)}
    in_directory = {lad for lads in place_tree.districts().values() for lad in lads}
    listed = [lad for lads in areas_file()["local_authorities"].values() for lad in lads]
    assert len(listed) == len(set(listed))  # each council in one area
    for code in lookup | (in_directory - {"L99999999", "M99999999"}):  # Channel Is., Man
        assert len(itl1_of(code)) == 1, code
        assert place_tree.name_of(code) != code, code
        nation = {"E": "E92000001", "W": "UKL", "S": "UKM", "N": "UKN"}[code[0]]
        assert nation in place_tree.chain(code), code
    by_nation = Counter(code[0] for code in set(listed) if code not in place_tree.replaced_by())
    assert by_nation == {"E": 296, "W": 22, "S": 32, "N": 11}


def test_regions_agree_with_the_ons_region_lookup_of_the_west_midlands():
    members = set(areas()["region"]["members"])
    in_ukg = {c for c in place_tree.local_authority_names() if "UKG" in place_tree.chain(c)}
    assert in_ukg == members


def test_every_itl_area_has_a_name_and_lies_in_its_parent():
    nodes = place_tree.nodes()
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
    held = {key for lad in lads for key in place_tree.chain(lad)}
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
    uk = {code for code in codes if place_tree.code_key(code)}
    assert len(uk) > 75 and codes - uk == {"BR", "BZ"}  # two codes of other countries
    unnamed = {code for code in uk if place_tree.name_of(place_tree.code_key(code)) == code}
    assert unnamed == set()
    assert place_tree.name_of("UKD61") == "Warrington" and place_tree.name_of("UKM50").startswith(
        "Aber"
    )
