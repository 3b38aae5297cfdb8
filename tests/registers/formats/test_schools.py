"""registers/formats/schools.py: the DfE schools list and academy trusts with their company
numbers, on the real shared files and on SYNTHETIC rows for the branches the real files do not
reach. No database."""

import pytest

from registers.formats.base import Entry, Rejected
from tests.registers.formats.helpers import check_real_file, entries, read, read_rows

CASES = [
    (
        ("public-bodies", "schools", "dfe-register-trainee-teachers_schools_2022-07.csv.gz"),
        "dfe-schools",
        49514,
        0,
    ),
    (
        ("public-bodies", "academy-trusts", "drkane_academy-trusts-company-number.csv"),
        "academy-trusts",
        3478,
        0,
    ),
]


@pytest.mark.parametrize(("parts", "name", "count", "others"), CASES, ids=lambda v: str(v)[:40])
def test_each_real_schools_file_is_recognised_and_read(parts, name, count, others):
    check_real_file(parts, name, count, others)


def test_schools_and_academies_sectors_follow_the_rules():
    _, _, schools = read(
        "public-bodies", "schools", "dfe-register-trainee-teachers_schools_2022-07.csv.gz"
    )
    schools = entries(schools)
    assert sum(s.is_active for s in schools) == 27332
    assert all(
        s.sector == "public" and "Check before relying" in s.facts["rule_note"] for s in schools
    )
    _, _, trusts = read(
        "public-bodies", "academy-trusts", "drkane_academy-trusts-company-number.csv"
    )
    gateway = next(t for t in entries(trusts) if t.identifier == "05853746")
    assert gateway.name == "Gateway Learning Community" and gateway.sector == "public"
    assert gateway.scheme == "GB-COH" and gateway.facts["company_number"] == "05853746"


SCHOOLS = ["urn", "name", "town", "postcode", "lead_school", "open_date", "close_date"]


def test_a_school_row_read_in_full_and_a_closed_one():
    rows = [
        ["100001", "Synthetic Primary School", "Town", "b1 1aa", "", "2001-09-01", ""],
        ["100002", "Synthetic Academy", "", "Town", "", "", "2019-08-31"],
    ]
    school, closed = read_rows("dfe-schools", SCHOOLS, rows)
    assert school == Entry(
        identifier="100001",
        name="Synthetic Primary School",
        scheme="GB-EDU",
        postcode="B1 1AA",
        sector="public",
        kind="School or other establishment",
        is_active=True,
        facts={
            "town": "Town",
            "opened": "2001-09-01",
            "closed": "",
            "sector_source": school.facts["sector_source"],
            "rule_note": school.facts["rule_note"],
        },
    )
    assert school.facts["rule_note"].startswith("Check before relying on this: ")
    assert not closed.is_active and closed.facts["closed"] == "2019-08-31"
    assert closed.postcode == "" and closed.facts["postcode_as_given"] == "Town"


def test_schools_without_a_urn_or_a_name_are_rejected():
    rows = [
        ["URN1", "Synthetic School", "", "", "", "", ""],
        ["", "Synthetic School", "", "", "", "", ""],
        ["100003", "", "", "", "", "", ""],
    ]
    assert read_rows("dfe-schools", SCHOOLS, rows) == [
        Rejected("urn 'URN1' is not a URN, or no name"),
        Rejected("urn '' is not a URN, or no name"),
        Rejected("urn '100003' is not a URN, or no name"),
    ]


def test_a_schools_list_with_only_the_columns_it_needs():
    header = ["urn", "name", "postcode", "close_date"]
    [school] = read_rows("dfe-schools", header, [["100004", "Synthetic School", "", ""]])
    assert school.facts["town"] == "" and school.facts["opened"] == "" and school.is_active


TRUSTS = ["Type", "Entity", "Company Number", "OSCAR CPID"]


def test_academy_trusts_numbers_normalised_and_bad_rows_rejected():
    rows = [
        ["Multi-academy trust", "Synthetic Learning Trust", "5853999", "CPID1"],
        ["Single-academy trust", "Synthetic Academy Trust", "not a number", ""],
        ["Single-academy trust", "Nameless", "", ""],
        ["Single-academy trust", "", "07000001", ""],
    ]
    trust, *rejected = read_rows("academy-trusts", TRUSTS, rows)
    assert (trust.identifier, trust.scheme, trust.kind) == ("05853999", "GB-COH", "Academy trust")
    assert (trust.sector, trust.is_vcse) == ("public", False)
    assert {k: trust.facts[k] for k in ("company_number", "type", "oscar_cpid")} == {
        "company_number": "05853999",
        "type": "Multi-academy trust",
        "oscar_cpid": "CPID1",
    }
    assert rejected == [
        Rejected("Company Number 'not a number' is not one"),
        Rejected("Company Number '' is not one"),
        Rejected("Entity (the trust's name) is empty"),
    ]
