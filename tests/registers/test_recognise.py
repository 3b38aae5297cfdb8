"""Files are recognised by their header or shape, never by their name; what nothing recognises
gets a message naming the file and listing what was expected. Postcode directories: the ONSPD
and NSPL layouts, tested on small SYNTHETIC files written here in the documented column layout
(no real ONSPD is in the shared data), and the real West Midlands cut."""

import csv

import pytest

from registers.formats.base import Place
from registers.recognise import NotRecognised, recognise
from registers.tables import FileProblem, tables
from tests.conftest import require_data

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


def synthetic(path, header, rows):
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for values in rows:
            row = dict.fromkeys(header, "")
            row.update(values)
            writer.writerow([row[h] for h in header])
    return path


def read_path(path):
    opened = tables(path)
    try:
        table = next(opened)
        found = recognise(table.label, table.rows)
        return found.format.name, [
            (n, i) for n, _c, i in found.format.read(found.header, found.rows)
        ]
    finally:
        opened.close()


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


def test_what_nothing_recognises_is_named_with_what_was_expected(tmp_path):
    path = tmp_path / "companies.csv"  # the name says nothing: the header decides
    path.write_text("Supplier Name,Amount\nAcme,1\n")
    with pytest.raises(NotRecognised) as problem:
        read_path(path)
    message = str(problem.value)
    assert message.startswith("companies.csv: not a register file AnchorHub knows")
    assert "its first row is: Supplier Name, Amount" in message
    assert "Companies House basic company data: a header with CompanyName" in message
    assert "NHS ODS GP practices (epraccur.csv, no header)" in message
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(NotRecognised, match="empty.csv: .*it is empty"):
        read_path(empty)
    with pytest.raises(FileProblem, match="no such file"):
        list(tables(tmp_path / "absent.csv"))


def test_headerless_shapes_are_told_apart(tmp_path):
    ods = [
        f'"{v}"'
        for v in [
            "RXK",
            "SANDWELL AND WEST BIRMINGHAM HOSPITALS NHS TRUST",
            "Y60",
            "QUA",
            "",
            "",
            "",
            "",
            "",
            "B71 4HJ",
            "20010401",
        ]
    ]
    line = ",".join(ods + ['""'] * 16)
    path = tmp_path / "anything.csv"
    path.write_text(line + "\n")
    name, items = read_path(path)
    assert name == "ods-trusts" and items[0][1].postcode == "B71 4HJ"
    path.write_text(",".join(['"x"'] * 27) + "\n")  # 27 fields, but no ODS codes or dates
    with pytest.raises(NotRecognised):
        read_path(path)


def test_the_charity_cross_walks_are_not_taken_for_the_mutuals_register():
    path = require_data(
        "registers", "charities", "charity-lookups", "relationships_charity-company-numbers.csv"
    )
    with pytest.raises(NotRecognised):
        read_path(path)


def test_the_charity_commission_public_extract_layout(tmp_path):
    """The CCEW publicextract.charity.txt columns (tab-separated) as the Commission's data
    definition names them; SYNTHETIC rows."""
    header = [
        "date_of_extract",
        "organisation_number",
        "registered_charity_number",
        "linked_charity_number",
        "charity_name",
        "charity_type",
        "charity_registration_status",
        "date_of_registration",
        "date_of_removal",
        "latest_income",
        "latest_expenditure",
        "charity_contact_postcode",
        "charity_company_registration_number",
        "charity_is_cio",
    ]
    rows = [
        [
            "2026-11-30",
            "1",
            "1000001",
            "0",
            "SYNTHETIC TRUST",
            "Trust",
            "Registered",
            "1990-01-01",
            "",
            "120000",
            "100000",
            "b5 5se",
            "",
            "False",
        ],
        [
            "2026-11-30",
            "2",
            "1000001",
            "1",
            "SYNTHETIC TRUST BRANCH",
            "",
            "Registered",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "2026-11-30",
            "3",
            "1000002",
            "0",
            "SYNTHETIC CIO",
            "CIO",
            "Removed",
            "2015-01-01",
            "2020-01-01",
            "50000000",
            "",
            "",
            "",
            "True",
        ],
    ]
    path = tmp_path / "publicextract.charity.txt"
    path.write_text("\n".join("\t".join(r) for r in [header, *rows]) + "\n")
    name, items = read_path(path)
    assert name == "ccew-publicextract"
    trust, cio = (i for _, i in items)  # the linked (branch) row is not a charity of its own
    assert trust.identifier == "GB-CHC-1000001" and trust.postcode == "B5 5SE"
    assert trust.size == "sme" and trust.is_active
    assert cio.kind == "Charitable incorporated organisation" and not cio.is_active
    assert cio.size == "large"
