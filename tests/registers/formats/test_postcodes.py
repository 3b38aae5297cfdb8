"""registers/formats/postcodes.py: postcode directories. The ONSPD and NSPL layouts are tested on
small SYNTHETIC files written here in the documented column layout (no real ONSPD is in the shared
data), the real West Midlands cut on its file, and the header variants and cells the directories'
issues give on SYNTHETIC rows. No database."""

import pytest

from registers.formats import FORMATS
from registers.formats.base import Place, Rejected
from tests.conftest import require_data
from tests.registers.formats.helpers import read_path, read_rows, recognised_as, synthetic

# ONSPD's column layout (2023 issues, as documented in its user guide): SYNTHETIC values below.
ONSPD_HEADER = [
    "pcd",
    "pcd2",
    "pcds",
    "dointr",
    "doterm",
    "oscty",
    "ced",
    "oslaua",
    "osward",
    "parish",
    "usertype",
    "oseast1m",
    "osnrth1m",
    "osgrdind",
    "oshlthau",
    "nhser",
    "ctry",
    "rgn",
    "streg",
    "pcon",
    "eer",
    "teclec",
    "ttwa",
    "pct",
    "itl",
    "statsward",
    "oa01",
    "casward",
    "park",
    "lsoa01",
    "msoa01",
    "ur01ind",
    "oac01",
    "oa11",
    "lsoa11",
    "msoa11",
    "wz11",
    "sicbl",
    "bua11",
    "buasd11",
    "ru11ind",
    "oac11",
    "lat",
    "long",
    "lep1",
    "lep2",
    "pfa",
    "imd",
    "calncv",
    "icb",
    "oa21",
    "lsoa21",
    "msoa21",
]
# NSPL's (2025): the local authority is laua, LSOA 2021 only.
NSPL_HEADER = [
    "pcd",
    "pcd2",
    "pcds",
    "dointr",
    "doterm",
    "usertype",
    "oseast1m",
    "osnrth1m",
    "osgrdind",
    "oa21",
    "cty",
    "ced",
    "laua",
    "ward",
    "nhser",
    "ctry",
    "rgn",
    "pcon",
    "ttwa",
    "itl",
    "park",
    "lsoa21",
    "msoa21",
    "wz11",
    "sicbl",
    "bua24",
    "ruc21",
    "oac11",
    "lat",
    "long",
    "lep1",
    "lep2",
    "pfa",
    "imd",
    "icb",
]


def test_a_synthetic_onspd_file_gives_la_lsoa_and_grid(tmp_path):
    path = synthetic(
        tmp_path / "SYNTHETIC_ONSPD.csv",
        ONSPD_HEADER,
        [
            {
                "pcd": "B1  1AA",
                "pcds": "B1 1AA",
                "dointr": "198001",
                "oslaua": "E08000025",
                "osward": "E05011151",
                "oseast1m": "406649",
                "osnrth1m": "286530",
                "lsoa11": "E01033620",
                "lsoa21": "E01033620",
            },
            {
                "pcd": "WV1 1AA",
                "pcds": "WV1 1AA",
                "doterm": "201906",
                "oslaua": "E08000031",
                "lsoa11": "E01010500",
                "lsoa21": "E01010501",
                "oseast1m": "",
                "osnrth1m": "",
            },
            {"pcd": "ZZ99 3WZ", "pcds": "not one", "oslaua": "E99999999"},
        ],
    )
    name, items = read_path(path)
    assert name == "postcode-directory"
    first, second, third = (i for _, i in items)
    assert first == Place(
        "B1 1AA", "E08000025", "E05011151", "E01033620", "E01033620", 406649, 286530, ""
    )
    assert second.terminated == "201906" and second.easting is None and second.lsoa21 == "E01010501"
    assert third.reason == "'not one' is not a UK postcode"


def test_a_synthetic_nspl_file_reads_laua_and_lsoa21(tmp_path):
    path = synthetic(
        tmp_path / "SYNTHETIC_NSPL.csv",
        NSPL_HEADER,
        [
            {
                "pcd": "CV1 2GT",
                "pcds": "CV1 2GT",
                "laua": "E08000026",
                "ward": "E05001218",
                "lsoa21": "E01009634",
                "oseast1m": "433500",
                "osnrth1m": "279000",
            },
            {"pcds": "DY1 1AA", "laua": "E99999999"},  # pseudo code: no local authority
        ],
    )
    _, items = read_path(path)
    coventry, dudley = (i for _, i in items)
    assert coventry.local_authority_code == "E08000026" and coventry.lsoa21 == "E01009634"
    assert coventry.lsoa11 == "" and dudley.local_authority_code == ""


def test_the_west_midlands_postcodes_load_as_places():
    path = require_data("reference", "postcodes-west-midlands.csv")
    name, items = read_path(path)
    assert name == "postcode-directory" and len(items) == 136_525
    first = items[0][1]
    assert first.postcode == "B1 1AA" and first.local_authority_code == "E08000025"
    assert (first.easting, first.northing) == (406649, 286530) and first.lsoa21 == ""
    assert not any(isinstance(i, Rejected) for _, i in items)  # every row a place


@pytest.mark.parametrize(
    "header",
    [
        ["pcd", "laua"],
        ["pcds", "oslaua"],
        ["PCD7", "LAD25CD"],
        ["pcd8", "lad"],
        ["Postcode", "lad21cd"],
        ["pcd2", "lad23cd", "something else"],
    ],
)
def test_a_postcode_column_and_a_local_authority_column_make_a_directory(header):
    assert FORMATS["postcode-directory"].recognise(header)
    assert recognised_as(header, [["B1 1AA", "E08000025"]]) == "postcode-directory"


@pytest.mark.parametrize("header", [["pcd", "county"], ["post code area", "laua"], ["laua"]])
def test_without_both_columns_it_is_no_directory(header):
    assert not FORMATS["postcode-directory"].recognise(header)


def test_the_later_issues_column_names():
    header = ["pcd7", "pcds", "doterm", "lad25cd", "wd25cd", "lsoa11cd", "lsoa21cd"]
    row = ["B1  1AA", "b1 1aa", "20190601", "E08000025", "E05011151", "E01033620", "E01033621"]
    [place] = read_rows("postcode-directory", header, [row])
    assert place == Place(
        "B1 1AA", "E08000025", "E05011151", "E01033620", "E01033621", None, None, "201906"
    )  # pcds is read before pcd7; doterm cut to yyyymm


def test_codes_that_are_pseudo_or_not_gss_are_blank():
    header = ["pcd", "laua", "ward", "lsoa11"]
    rows = [
        ["JE2 3AA", "L99999999", "E05000001", "W01000001"],  # Channel Islands pseudo code
        ["IM1 1AA", "M83000003", "", "E0100000"],  # Isle of Man; a code one digit short
        ["B1 1AA", "X08000025", "e05011151", "E01033620"],  # not a nation letter; lower case
    ]
    jersey, man, odd = read_rows("postcode-directory", header, rows)
    assert (jersey.local_authority_code, jersey.ward_code, jersey.lsoa11) == (
        "",
        "E05000001",
        "W01000001",
    )
    assert (man.local_authority_code, man.ward_code, man.lsoa11) == ("M83000003", "", "")
    assert (odd.local_authority_code, odd.ward_code, odd.lsoa11) == ("", "", "E01033620")


def test_grid_references_of_zero_blank_or_text_are_none():
    header = ["pcd", "laua", "oseast1m", "osnrth1m"]
    rows = [
        ["B1 1AA", "E08000025", "0", "0"],
        ["B1 1AB", "E08000025", "", " "],
        ["B1 1AD", "E08000025", "east", "north"],
        ["B1 1AE", "E08000025", "0", "286530"],  # only one of them zero: kept as given
        ["B1 1AF", "E08000025", " 406649 ", "286530"],
    ]
    grids = [(p.easting, p.northing) for p in read_rows("postcode-directory", header, rows)]
    assert grids == [(None, None), (None, None), (None, None), (0, 286530), (406649, 286530)]


def test_rows_without_a_uk_postcode_are_rejected_and_short_rows_read_as_blanks():
    header = ["laua", "pcd", "oseast1m", "osnrth1m", "doterm"]
    rows = [
        ["E08000025"],  # no postcode cell at all
        ["E08000025", "NA"],
        ["E08000025", "ZZ9"],
        ["E08000025", "B1 1AA"],  # no grid or termination cells
    ]
    *rejected, short = read_rows("postcode-directory", header, rows)
    assert rejected == [
        Rejected("'' is not a UK postcode"),
        Rejected("'NA' is not a UK postcode"),
        Rejected("'ZZ9' is not a UK postcode"),
    ]
    assert short == Place("B1 1AA", "E08000025")
