"""Rebuilding the derived place tables (reference/build_places.py)."""

from core import datafiles
from reference import place_tree
from reference.build_places import postcode_areas


def test_postcode_areas_are_what_the_build_computes():
    areas_file = datafiles.load(place_tree.DATA / "local_authority_areas.json")
    table = areas_file["postcode_areas"]
    assert table == postcode_areas(place_tree.districts())
    assert table["WA"] == {"region": "UKD", "share": 1.0}
    assert {area for area, v in table.items() if v["share"] < 0.8} >= {"SY", "DA", "CH"}
