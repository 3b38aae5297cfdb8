"""Postcodes as places (reference/postcode_lookup.py), checked against the shared ONS Postcode
Directory the district table was built from."""

import csv
from collections import Counter, defaultdict

from core import datafiles
from reference import place_tree, postcode_lookup
from tests.conftest import require_data


def test_postcode_prefixes_keep_districts_apart():
    assert postcode_lookup.postcode_prefixes("B1 1AA") == ["B", "B1", "B1 1", "B1 1AA"]
    assert postcode_lookup.postcode_prefixes("b111aa") == ["B", "B11", "B11 1", "B11 1AA"]
    assert "B11" not in postcode_lookup.postcode_prefixes("B1 1AA")
    assert postcode_lookup.postcode_prefixes("not a postcode") == []


def test_postcode_districts_agree_with_the_shared_postcode_directory():
    path = require_data("reference", "postcodes-west-midlands.csv")
    counted = defaultdict(Counter)
    with path.open() as stream:
        for row in csv.DictReader(stream):
            if row["laua"]:
                counted[row["pcd"].replace(" ", "")[:-3]][row["laua"]] += 1
    districts = place_tree.districts()
    assert len(counted) > 140
    for district, lads in counted.items():
        assert districts[district] == dict(lads.most_common()), district
    for town in datafiles.load(place_tree.DATA / "places.json")["towns"]:
        assert all(d in districts for d in town["postcode_districts"]), town["name"]


def test_full_postcodes_from_a_directory_given_as_a_path(monkeypatch):
    path = require_data("reference", "postcodes-west-midlands.csv")
    monkeypatch.setenv(postcode_lookup.DIRECTORY_VARIABLE, str(path))
    with path.open() as stream:
        rows = [row for row in csv.DictReader(stream) if row["pcd"].startswith("B62")]
    for row in rows[:: max(1, len(rows) // 50)]:
        if row["laua"]:
            assert postcode_lookup.postcode_lad(row["pcd"]) == row["laua"]
    # B62 is split between councils: a postcode is placed by the directory, not by its district
    split = next(
        r for r in rows if r["laua"] and r["laua"] != next(iter(place_tree.districts()["B62"]))
    )
    assert postcode_lookup.postcode_lad(split["pcd"]) == split["laua"]


def test_a_full_postcode_is_placed_by_the_packaged_directory_not_its_district(monkeypatch):
    """B36 lies mostly in Solihull (its district's authority), but B36 8AA is in Birmingham: the
    postcode directory packaged with the product places the postcode itself."""
    monkeypatch.delenv(postcode_lookup.DIRECTORY_VARIABLE, raising=False)
    assert postcode_lookup.district_lad("B36") == "E08000029"
    assert postcode_lookup.postcode_lad("B36 8AA") == "E08000025"
    assert postcode_lookup.postcode_lad("B36 9AA") == "E08000029"
