"""registers/formats/social_housing.py: the Regulator of Social Housing's and the HCA's lists of
registered providers and the providers' company and charity numbers, on the real shared files and
on SYNTHETIC rows for the branches the real files do not reach. No database."""

import pytest

from registers.formats.base import Entry, Rejected, Supplement
from tests.registers.formats.helpers import check_real_file, entries, read, read_rows

CASES = [
    (
        ("public-bodies", "social-housing", "rsh-registered-providers-c2023_derived.csv"),
        "rsh-providers",
        1612,
        0,
    ),
    (
        ("public-bodies", "social-housing", "hca-registered-providers-2017_data.tsv"),
        "hca-providers",
        1755,
        0,
    ),
    (
        ("public-bodies", "social-housing", "hca-registered-providers-2017_data.xlsx"),
        "hca-providers",
        1755,
        0,
    ),
]


@pytest.mark.parametrize(("parts", "name", "count", "others"), CASES, ids=lambda v: str(v)[:40])
def test_each_real_housing_file_is_recognised_and_read(parts, name, count, others):
    check_real_file(parts, name, count, others)


def test_housing_sectors_follow_the_rules():
    _, _, housing = read(
        "public-bodies", "social-housing", "rsh-registered-providers-c2023_derived.csv"
    )
    sectors = [h.sector for h in entries(housing)]
    assert (sectors.count("public"), sectors.count("third"), sectors.count("private")) == (
        221,
        1322,
        69,
    )


def test_housing_providers_numbers_despite_the_malformed_header():
    _, kinds, items = read("public-bodies", "social-housing", "drkane_rsp-charity-number.csv")
    assert kinds["Supplement"] == 1844
    facts = [i.facts for _, i in items]
    assert sum("company_number" in f for f in facts) == 1236
    assert sum("charity_number" in f for f in facts) == 592
    first = items[0][1]
    assert (first.identifier, first.facts) == ("C3489", {"company_number": "IP24566R"})


RSH = ["organisation_name", "registration_number", "registration_date", "designation"]


def test_a_provider_of_each_designation():
    rows = [
        ["Synthetic Borough Council", "45ul", "2010-04-01", "Local authority"],
        ["Synthetic Homes", "L0001", "", " non-profit "],
        ["Synthetic Housing Ltd", "4801", "", "PROFIT"],
    ]
    council, charity, company = read_rows("rsh-providers", RSH, rows)
    assert council == Entry(
        identifier="45UL",
        name="Synthetic Borough Council",
        scheme="GB-SHPE",
        sector="public",
        kind="Registered provider of social housing (Local authority)",
        size="large",
        size_basis="public body",
        is_vcse=False,
        facts={
            "designation": "Local authority",
            "corporate_form": "",
            "registered": "2010-04-01",
            "sector_source": council.facts["sector_source"],
        },
    )
    assert (charity.sector, charity.is_vcse, charity.size) == ("third", None, "")
    assert charity.kind == "Registered provider of social housing (non-profit)"
    assert (company.sector, company.is_vcse, company.size, company.size_basis) == (
        "private",
        False,
        "",
        "",
    )


def test_providers_without_a_number_a_name_or_a_known_designation_are_rejected():
    rows = [
        ["Synthetic Homes", "", "", "Non-profit"],
        ["", "L0002", "", "Non-profit"],
        ["Synthetic Homes", "L0003", "", "Charity"],
        ["Synthetic Homes", "L0004", "", ""],
    ]
    assert read_rows("rsh-providers", RSH, rows) == [
        Rejected("no registration number or name"),
        Rejected("no registration number or name"),
        Rejected("designation 'Charity' is not Local authority, Non-profit or Profit"),
        Rejected("designation '' is not Local authority, Non-profit or Profit"),
    ]


def test_the_hca_layout_with_its_legal_entity_and_date_cut_to_the_day():
    header = [
        "Registered Provider Name",
        "RP Code",
        "Designation",
        "Registration Date",
        "Legal Entity",
    ]
    rows = [["Synthetic Homes", "l0005", "Non-profit", "2001-02-03 00:00:00", "Charitable"]]
    [provider] = read_rows("hca-providers", header, rows)
    assert provider.identifier == "L0005" and provider.sector == "third"
    assert provider.facts["legal_entity"] == "Charitable"
    assert provider.facts["registered"] == "2001-02-03"


# The real file's header names 8 columns for the 6 fields its rows have.
NUMBERS = [
    "org_id_a",
    "company_number",
    "charity_number",
    "org_id_b",
    "relationship",
    "source",
    "sameas",
    "Registered housing providers",
]


def test_provider_numbers_are_supplements_and_bad_ids_are_rejected():
    rows = [
        ["gb-shpe-l0001", "IP00001R", "", "", "", ""],
        ["GB-SHPE-L0002", "", "1000001", "", "", ""],
        ["GB-SHPE-L0003", "", ""],  # no more cells: no numbers
        ["GB-SHPE-L0004"],  # shorter still
        ["GB-CHC-1000001", "", "1000001", "", "", ""],
        [],
    ]
    items = read_rows("rsp-numbers", NUMBERS, rows)
    assert items == [
        Supplement("social-housing", "L0001", facts={"company_number": "IP00001R"}),
        Supplement("social-housing", "L0002", facts={"charity_number": "1000001"}),
        Supplement("social-housing", "L0003", facts={}),
        Supplement("social-housing", "L0004", facts={}),
        Rejected("org_id_a 'GB-CHC-1000001' is not a GB-SHPE- provider id"),
        Rejected("org_id_a '' is not a GB-SHPE- provider id"),
    ]
