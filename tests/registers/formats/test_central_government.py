"""registers/formats/central_government.py: the Cabinet Office Public Bodies Directory, the GOV.UK
government-organisation register, the ONS public sector classification guide and the 2015
designation list, on the real shared files and on SYNTHETIC rows for the branches the real files
do not reach. No database."""

import pytest

from registers.formats import FORMATS
from registers.formats.base import Entry, Rejected
from registers.formats.central_government import _digest
from tests.registers.formats.helpers import (
    check_real_file,
    entries,
    read,
    read_rows,
    recognised_as,
)

PBD = ("public-bodies", "cabinet-office-pbd", "2025-05-29 Public Bodies Directory 2023_24.xlsx")

CASES = [
    (PBD, "cabinet-office-pbd", 250, 3),  # 253 rows; 3 are blank separator rows
    (("public-bodies", "govuk-orgs", "government-organisation.tsv"), "govuk-organisations", 981, 0),
    (
        ("public-bodies", "govuk-orgs", "designation-of-public-bodies-2015_list.tsv"),
        "public-bodies-2015",
        760,
        0,
    ),
    (("public-bodies", "ons-pscg", "pscg-2017-06_public-body.csv"), "ons-pscg", 4848, 0),
]


@pytest.mark.parametrize(("parts", "name", "count", "others"), CASES, ids=lambda v: str(v)[:40])
def test_each_real_central_government_file_is_recognised_and_read(parts, name, count, others):
    check_real_file(parts, name, count, others)


def test_the_public_bodies_directory_workbook_is_read_past_its_cover_sheets():
    _, _, items = read(*PBD)
    cps = next(e for e in entries(items) if e.name == "Crown Prosecution Service")
    assert cps.kind == "Non-Ministerial Department" and cps.sector == "public"
    assert cps.aliases == ("CPS",) and cps.facts["department"] == "Attorney Generals Office"
    assert all(isinstance(i, Rejected) for n, i in items if n in {46, 96})


def test_a_body_the_2017_govuk_register_lists_but_that_is_no_longer_public_is_not_public():
    _, _, items = read("public-bodies", "govuk-orgs", "government-organisation.tsv")
    rows = {e.identifier: e for e in entries(items)}
    assert rows["PC970"].name == "Royal Mail" and rows["PC970"].sector == "private"
    assert "Former Public Corporation" in rows["PC970"].facts["not_public"]
    assert rows["D6"].sector == "public"  # Department for Education


def test_the_classification_guide_and_housing_associations():
    _, _, pscg = read("public-bodies", "ons-pscg", "pscg-2017-06_public-body.csv")
    pscg = entries(pscg)
    civic = next(e for e in pscg if e.name.startswith("Birmingham Civic Housing Association"))
    assert civic.sector == ""  # a housing association: not public on the 2017 guide's say-so
    assert sum(e.sector == "public" for e in pscg) > 1000
    assert not any(e.sector == "public" for e in pscg if e.kind.startswith("Former"))


PBD_HEADER = [
    "overall_financial_year",
    "overall_alb_name",
    "overall_alb_short_name",
    "overall_copbt_uid",
    "overall_classification",
    "overall_parent_department",
    "overall_regional_scope",
]


def test_a_directory_row_its_short_name_and_its_blank_rows():
    rows = [
        ["2023/24", "Synthetic Agency", "SA", "UID1", "Executive Agency", "Synthetic Dept", "UK"],
        ["2023/24", "Synthetic Board", "N/A", "UID2", "Advisory NDPB", "", ""],
        ["2023/24", "Synthetic Office", "na", "UID3", "Tribunal", "", ""],
        ["", "", "", "", "", "", ""],
        ["2023/24", "Synthetic Unnumbered", "", "", "Tribunal", "", ""],
    ]
    agency, board, office, *rejected = read_rows("cabinet-office-pbd", PBD_HEADER, rows)
    assert agency == Entry(
        identifier="UID1",
        name="Synthetic Agency",
        sector="public",
        kind="Executive Agency",
        size="large",
        size_basis="Public bodies are not SMEs",
        is_vcse=False,
        facts={
            "department": "Synthetic Dept",
            "financial_year": "2023/24",
            "regional_scope": "UK",
            "sector_source": agency.facts["sector_source"],
        },
        aliases=("SA",),
    )
    assert board.aliases == () and office.aliases == ()  # "N/A" and "na" are no short name
    assert rejected == [Rejected("overall_copbt_uid or overall_alb_name is empty")] * 2


GOVUK = ["government-organisation", "name", "website", "start-date", "end-date"]


def test_govuk_organisations_open_closed_and_not_public():
    rows = [
        ["D999", "Synthetic Department", "https://example.org", "2000-01-01", ""],
        ["D998", "Synthetic Former Department", "", "", "2016-07-14"],
        ["PC970", "Royal Mail", "", "", ""],
        ["", "Nameless", "", "", ""],
        ["D997", "", "", "", ""],
    ]
    department, former, mail, *rejected = read_rows("govuk-organisations", GOVUK, rows)
    assert (department.sector, department.size, department.is_active) == ("public", "large", True)
    assert department.facts["website"] == "https://example.org" and "not_public" not in (
        department.facts
    )
    assert not former.is_active and former.facts["ended"] == "2016-07-14"
    assert (mail.sector, mail.size) == ("private", "")  # the rule's list of the no-longer-public
    assert mail.is_vcse is False and mail.facts["not_public"].startswith("Privatised")
    assert rejected == [Rejected("government-organisation or name is empty")] * 2


PSCG = ["name", "sector", "esa-2010", "start-date"]


def test_classifications_give_public_or_not_known():
    rows = [
        ["Synthetic Council", "Local Government", "S.1313", "2001-01-01T00:00:00"],
        ["Synthetic Corporation", "Public Non-Financial Corporation", "S.11001", ""],
        ["Synthetic Former Body", "Former Central Government", "S.1311", ""],
        ["Synthetic Company", "Private Non-Financial Corporation", "S.11002", ""],
        ["Synthetic Registered Provider", "Public Non-Financial Corporation", "S.11001", ""],
        ["", "Central Government", "S.1311", ""],
    ]
    council, corporation, former, private, provider, rejected = read_rows("ons-pscg", PSCG, rows)
    assert (council.sector, council.is_vcse, council.is_active) == ("public", False, True)
    assert council.facts["start"] == "2001-01-01" and council.facts["esa_2010"] == "S.1313"
    assert council.kind == "Local Government" and council.identifier == _digest("Synthetic Council")
    assert corporation.sector == "public"
    assert (former.sector, former.is_active, former.is_vcse) == ("", False, None)
    assert (private.sector, private.is_active, private.is_vcse) == ("", True, None)
    assert provider.sector == "" and "ONS reclassified" in provider.facts["not_public_because"]
    assert "not_public_because" not in council.facts
    assert rejected == Rejected("name is empty")


def test_bodies_without_a_number_are_keyed_by_their_name_whatever_its_case():
    assert _digest("Synthetic Body") == _digest("SYNTHETIC BODY")
    assert _digest("Synthetic Body") != _digest("Synthetic Body 2")
    assert _digest("x").startswith("sha1:") and len(_digest("x")) == 5 + 40


def test_the_2015_designation_list_is_a_single_name_column():
    recognise = FORMATS["public-bodies-2015"].recognise
    assert recognise(["name"]) and recognise(["Name"]) and not recognise(["name", "sector"])
    assert recognised_as(["name"], [["Synthetic Body"]]) == "public-bodies-2015"
    body, *rejected = read_rows("public-bodies-2015", ["name"], [[" Synthetic Body "], [""], []])
    assert (body.identifier, body.name) == (_digest("Synthetic Body"), "Synthetic Body")
    assert (body.sector, body.size, body.is_vcse) == ("public", "large", False)
    assert rejected == [Rejected("name is empty")] * 2
