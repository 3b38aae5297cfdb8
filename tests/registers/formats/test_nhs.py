"""registers/formats/nhs.py: NHS ODS trusts, CCGs and ICB sub-locations and GP practices
(headerless files, recognised by their shape) and ONS's ICB names and codes, on the real shared
files and on SYNTHETIC rows for the branches the real files do not reach. No database."""

import pytest

from registers.formats import FORMATS
from registers.formats.base import Entry, Rejected
from tests.registers.formats.helpers import check_real_file, entries, read, read_rows

CASES = [
    (("public-bodies", "nhs-ods", "etr.csv"), "ods-trusts", 273, 0),
    (("public-bodies", "nhs-ods", "eccg.csv"), "ods-ccgs", 320, 0),
    (("public-bodies", "nhs-ods", "icb_names_codes_dec_2024.csv"), "ons-icbs", 42, 0),
    (
        ("public-bodies", "nhs-ods", "nhs-gp-practices_epraccur_2025-08-18.zip"),
        "ods-gp-practices",
        16685,
        0,
    ),
]


@pytest.mark.parametrize(("parts", "name", "count", "others"), CASES, ids=lambda v: str(v)[:40])
def test_each_real_nhs_file_is_recognised_and_read(parts, name, count, others):
    check_real_file(parts, name, count, others)


def test_nhs_files_without_a_header_recognised_by_their_shape():
    _, _, trusts = read("public-bodies", "nhs-ods", "etr.csv")
    trusts = entries(trusts)
    assert sum(t.is_active for t in trusts) == 205 and all(t.sector == "public" for t in trusts)
    west_midlands = [
        t
        for t in trusts
        if t.is_active and t.postcode[:2].rstrip("0123456789") in {"B", "CV", "DY", "WS", "WV"}
    ]
    assert len(west_midlands) == 14
    _, _, gps = read("public-bodies", "nhs-ods", "nhs-gp-practices_epraccur_2025-08-18.zip")
    gps = {g.identifier: g for g in entries(gps)}
    assert sum(g.is_active for g in gps.values()) == 12440
    densham = gps["A81001"]
    assert densham.name == "THE DENSHAM SURGERY" and densham.postcode == "TS18 1HU"
    assert densham.sector == "private" and densham.kind == "GP practice"
    assert "independent contractors" in densham.facts["sector_source"]
    _, _, ccgs = read("public-bodies", "nhs-ods", "eccg.csv")
    open_icb = [c for c in entries(ccgs) if c.is_active]
    assert len(open_icb) == 159
    kinds = [c.kind for c in open_icb]
    assert kinds.count("ICB sub-location") == 106  # "NHS GREATER MANCHESTER ICB - 00T"
    assert kinds.count("Sub-ICB reporting entity") == 37  # "NEWHAM - SUB-ICB REPORTING ENTITY"
    assert kinds.count("NHS England commissioning hub") == 16


def test_the_real_icb_list_gives_names_and_ods_codes():
    _, _, items = read("public-bodies", "nhs-ods", "icb_names_codes_dec_2024.csv")
    icbs = {e.identifier: e for e in entries(items)}
    cheshire = icbs["E54000008"]  # E54000008,QYG,NHS Cheshire and Merseyside Integrated Care Board
    assert cheshire.name == "NHS Cheshire and Merseyside Integrated Care Board"
    assert cheshire.facts["ods_code"] == "QYG" and cheshire.kind == "Integrated care board"
    assert cheshire.sector == "public" and cheshire.size == "large"


def ods(code, name, postcode="B1 1AA", opened="20010401", closed="", **at):
    """A SYNTHETIC ODS row: 27 fields; `at` sets others by index (f12="A" is field 13)."""
    cells = [""] * 27
    cells[0:2] = [code, name]
    cells[4:12] = ["1 SYNTHETIC ROAD", "", "TOWN", "", "", postcode, opened, closed]
    for index, value in at.items():
        cells[int(index[1:])] = value
    return cells


def test_trusts_and_foundation_trusts_with_their_address_and_dates():
    rows = [
        ods("RXX", "SYNTHETIC HOSPITALS NHS TRUST"),
        ods("RYY", "SYNTHETIC HEALTH NHS FOUNDATION TRUST", closed="20200331", postcode="nope"),
    ]
    trust, foundation = read_rows("ods-trusts", [], rows)
    assert trust == Entry(
        identifier="RXX",
        name="SYNTHETIC HOSPITALS NHS TRUST",
        scheme="GB-NHS",
        postcode="B1 1AA",
        sector="public",
        kind="NHS trust",
        size="large",
        size_basis="public body",
        is_vcse=False,
        is_active=True,
        facts={
            "address": "1 SYNTHETIC ROAD, TOWN",
            "opened": "20010401",
            "closed": "",
            "sector_source": trust.facts["sector_source"],
        },
    )
    assert foundation.kind == "NHS foundation trust" and not foundation.is_active
    assert foundation.facts["closed"] == "20200331" and foundation.postcode == ""
    assert foundation.facts["postcode_as_given"] == "nope"


def test_ods_rows_of_the_wrong_width_or_without_a_code_or_name_are_rejected():
    rows = [ods("RXX", "A TRUST")[:26], ods("", "A TRUST"), ods("RXX", " "), ods("RXX", "A TRUST")]
    *rejected, kept = read_rows("ods-trusts", [], rows)
    assert rejected == [
        Rejected("an ODS row has 27 fields; this one has 26"),
        Rejected("no organisation code or name"),
        Rejected("no organisation code or name"),
    ]
    assert kept.identifier == "RXX"


def test_ccg_and_icb_kinds_from_their_names():
    names = [
        "NHS SYNTHETIC ICB - 00X",
        "SYNTHETIC - SUB-ICB REPORTING ENTITY",  # checked before " ICB"
        "SYNTHETIC COMMISSIONING HUB",
        "NHS SYNTHETIC CCG",
    ]
    rows = [ods(f"0{n}X", name, f14="QXX") for n, name in enumerate(names)]
    items = read_rows("ods-ccgs", [], rows)
    assert [i.kind for i in items] == [
        "ICB sub-location",
        "Sub-ICB reporting entity",
        "NHS England commissioning hub",
        "Clinical commissioning group",
    ]
    assert all(i.facts["icb_code"] == "QXX" and i.sector == "public" for i in items)


def test_gp_practices_are_active_only_with_status_a():
    rows = [
        ods("A00001", "SYNTHETIC SURGERY", f12="A", f23="QXX", f25="4"),
        ods("A00002", "SYNTHETIC PRACTICE", f12="C"),  # closed, though no close date is given
        ods("A00003", "SYNTHETIC CLINIC", f12="D", closed="20240101"),
    ]
    open_one, closed, dormant = read_rows("ods-gp-practices", [], rows)
    assert open_one.is_active and open_one.kind == "GP practice" and open_one.sector == "private"
    assert {k: open_one.facts[k] for k in ("status", "commissioner", "prescribing_setting")} == {
        "status": "A",
        "commissioner": "QXX",
        "prescribing_setting": "4",
    }
    assert not closed.is_active and not dormant.is_active


def test_the_shapes_need_nine_rows_in_ten_to_fit():
    trusts = FORMATS["ods-trusts"].recognise
    good = ods("RXX", "SYNTHETIC NHS TRUST")
    assert trusts(good, [good] * 8 + [ods("RXX", "SYNTHETIC CLINIC")])  # 9 of 10
    assert not trusts(good, [good] * 7 + [ods("RXX", "A CLINIC"), ods("RXX", "A SHOP")])  # 8 of 10
    assert not trusts(ods("RXX", "SYNTHETIC NHS TRUST", opened="18990101"))  # no ODS date
    assert not trusts(ods("RXXX", "SYNTHETIC NHS TRUST"))  # a 4-character code
    assert not trusts(good[:26])
    assert trusts(ods("RXX01", "SYNTHETIC NHS TRUST"))  # a 5-character code
    ccgs = FORMATS["ods-ccgs"].recognise
    assert ccgs(ods("05X", "NHS SYNTHETIC CCG")) and not ccgs(ods("05X", "NHS SYNTHETIC TRUST"))
    gps = FORMATS["ods-gp-practices"].recognise
    assert gps(ods("A00001", "SYNTHETIC SURGERY", f12="P"))
    assert not gps(ods("A00001", "SYNTHETIC SURGERY", f12="X"))  # not a status ODS uses
    assert not gps(ods("A00001", "SYNTHETIC SURGERY"))  # no status at all


ICBS = ["ICB24CD", "ICB24CDH", "ICB24NM", "ObjectId"]


def test_the_ons_icb_header_for_any_year():
    recognise = FORMATS["ons-icbs"].recognise
    assert recognise(ICBS) and recognise(["icb23cd", "icb23nm"])
    assert not recognise(["ICB24CD", "ICB24CDH"]) and not recognise(["ICB2024CD", "ICB2024NM"])


def test_ons_icbs_with_and_without_their_ods_code_and_bad_rows():
    rows = [
        ["E54000999", "QXX", "NHS Synthetic Integrated Care Board", "1"],
        ["E54000998"],  # too short to have a name
        ["", "QXY", "NHS Nameless ICB", "3"],
        ["E54000997", "QXZ"],
    ]
    first, *rejected = read_rows("ons-icbs", ICBS, rows)
    assert (first.identifier, first.name, first.facts["ods_code"]) == (
        "E54000999",
        "NHS Synthetic Integrated Care Board",
        "QXX",
    )
    assert (first.kind, first.sector, first.is_vcse, first.aliases) == (
        "Integrated care board",
        "public",
        False,
        (),
    )
    assert rejected == [Rejected("no ICB code or name")] * 3
    [bare] = read_rows("ons-icbs", ["ICB24NM", "ICB24CD"], [["NHS Synthetic ICB", "E54000996"]])
    assert bare.identifier == "E54000996" and bare.facts["ods_code"] == ""
