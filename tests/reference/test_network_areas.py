"""The network's areas as shipped (reference/data/network_areas.json) against the real files in
../shared/data: East Birmingham's 20 ward codes are Birmingham's wards in the ONS lookup, and the
postcode sectors of its sectors version lie mostly in Birmingham (North Solihull's in Solihull).
Pure: the files are read, no database; skipped with the reason when the data folder is absent."""

import csv
import gzip
from collections import Counter, defaultdict

import pytest

from reference.area_rules import POSTCODES, WARDS, parse_members, sector
from reference.area_sync import shipped
from reference.postcodes import normalise_postcode
from tests.conftest import require_data

LOOKUP = (
    "reference",
    "geography",
    (
        "Lower_Layer_Super_Output_Area_(2021)_to_Ward_(2022)_to_LAD_(2022)_Lookup_in_England_"
        "and_Wales_v3.csv.gz"
    ),
)
POSTCODES_FILE = ("reference", "postcodes-west-midlands.csv")
BIRMINGHAM, SOLIHULL = "E08000025", "E08000029"


def areas() -> dict[str, dict]:
    return {row["slug"]: row for row in shipped()[1]}


def test_every_shipped_area_is_well_formed_and_marked_to_check():
    for slug, area in areas().items():
        members, problems = parse_members(area["kind"], "\n".join(area["members"]))
        assert problems == [], slug
        assert list(members) == area["members"], f"{slug}: members as normalised, no repeats"
        assert area["check"] == "U" and area["source"], slug


def test_east_birminghams_wards_are_birminghams_in_the_ons_lookup():
    east = areas()["east-birmingham"]
    assert east["kind"] == WARDS and len(east["members"]) == 20
    with gzip.open(require_data(*LOOKUP), "rt", encoding="utf-8-sig", newline="") as stream:
        authority_of = {row["WD22CD"]: row["LAD22CD"] for row in csv.DictReader(stream)}
    assert {code: authority_of.get(code) for code in east["members"]} == dict.fromkeys(
        east["members"], BIRMINGHAM
    )


def _sector_authorities() -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    with require_data(*POSTCODES_FILE).open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            try:
                counts[sector(normalise_postcode(row["pcd"]))][row["laua"]] += 1
            except ValueError:  # not a postcode: no sector to count
                continue
    return counts


@pytest.mark.parametrize(
    ("slug", "authority"),
    [("east-birmingham-postcodes", BIRMINGHAM), ("north-solihull", SOLIHULL)],
)
def test_every_postcode_sector_lies_mostly_in_its_authority(slug, authority):
    area = areas()[slug]
    assert area["kind"] == POSTCODES
    counts = _sector_authorities()
    for member in area["members"]:
        postcodes = counts[member]
        assert postcodes.total() > 100, f"{member}: a sector of West Midlands postcodes"
        assert postcodes[authority] / postcodes.total() > 0.9, (member, dict(postcodes))
