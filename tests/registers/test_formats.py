"""Every register reader on its real shared file, without a database: the format recognised from
the header (NHS ODS files from their shape), the counts the folder READMEs give, and a figure or
two checked by hand against the file."""

import pytest

from registers.formats.base import Rejected, read_postcode
from tests.registers.helpers import entries, read

# (path under ../shared/data/registers, format, entries, rejected or supplements), counts as the
# READMEs give them (where a README's count is one off, the file's own line count is used).
CASES = [
    (("companies-house", "BasicCompanyData-2020-06-01-part6_7.csv"), "companies-house", 87, 0),
    (("charities", "ukcat_sample.csv.gz"), "ukcat-charities", 4203, 0),
    (("charities", "ukcat_top2000.csv.gz"), "ukcat-charities", 2456, 8),  # 8 rows name no register
    (("charities", "ccni_charitydetails_test-sample.csv.gz"), "ccni-charities", 365, 0),
    (("charities", "hmrc-cascs_360giving.csv.gz"), "hmrc-cascs", 9700, 0),
    (
        ("charities", "charity-lookups", "relationships_mutual-companies.csv.gz"),
        "fca-mutuals",
        12252,
        0,
    ),
    (("charities", "ukcat_cics-icnptso.csv.gz"), "cic-list", 62088, 0),  # README says 62,087
    (
        ("public-bodies", "local-authorities", "uk_local_authorities.csv"),
        "mysociety-local-authorities",
        470,
        0,
    ),
    (("public-bodies", "nhs-ods", "etr.csv"), "ods-trusts", 273, 0),
    (("public-bodies", "nhs-ods", "eccg.csv"), "ods-ccgs", 320, 0),
    (("public-bodies", "nhs-ods", "icb_names_codes_dec_2024.csv"), "ons-icbs", 42, 0),
    (
        ("public-bodies", "nhs-ods", "nhs-gp-practices_epraccur_2025-08-18.zip"),
        "ods-gp-practices",
        16685,
        0,
    ),
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
    (
        ("public-bodies", "cabinet-office-pbd", "2025-05-29 Public Bodies Directory 2023_24.xlsx"),
        "cabinet-office-pbd",
        250,
        3,
    ),  # 253 rows; 3 are blank separator rows
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
def test_each_real_register_file_is_recognised_and_read(parts, name, count, others):
    found, kinds, _items = read(*parts)
    assert found == name
    assert kinds["Entry"] == count
    assert kinds["Rejected"] == others


def test_companies_house_rows_as_the_readme_describes_them():
    _, _, items = read("companies-house", "BasicCompanyData-2020-06-01-part6_7.csv")
    rows = {e.identifier: e for e in entries(items)}
    uniq = rows["11990344"]  # "UNIQ FINANCE GROUP LTD","11990344",…,"CT12 6SJ",…
    assert uniq.name == "UNIQ FINANCE GROUP LTD" and uniq.postcode == "CT12 6SJ"
    assert (
        uniq.sector == "private" and uniq.size == "" and uniq.facts["incorporated"] == "2019-05-10"
    )
    assert uniq.facts["sic_codes"] == ["64205"] and uniq.scheme == "GB-COH"
    # 37 rows have no registered address at all (README); one more gives only "BT78", kept
    assert sum(1 for e in rows.values() if not e.postcode) == 38
    assert rows["NO000183"].facts["postcode_as_given"] == "BT78"
    assert "IP08996R" in rows and rows["IP08996R"].sector == "third"  # a registered society
    cios = [e for e in rows.values() if e.kind == "Charitable Incorporated Organisation"]
    assert len(cios) == 10 and all(e.is_vcse and e.sector == "third" for e in cios)
    accounts = [e.facts["accounts_category"] for e in rows.values()]
    assert (
        accounts.count("NO ACCOUNTS FILED") == 56 and accounts.count("TOTAL EXEMPTION FULL") == 12
    )
    assert sum(e.size == "sme" for e in rows.values()) == 12 + 3  # total exemption full, dormant
    assert sum(not e.is_active for e in rows.values()) == 0  # the receiver one is still a company


def test_charities_place_and_size_from_postcode_and_income():
    _, _, items = read("charities", "ukcat_top2000.csv.gz")
    rows = {e.identifier: e for e in entries(items)}
    samaritans = rows["GB-CHC-1001349"]  # README: CV2 2TA, income 10,659,919
    assert samaritans.postcode == "CV2 2TA" and samaritans.facts["income"] == 10_659_919
    assert samaritans.size == "sme" and samaritans.sector == "third" and samaritans.is_vcse
    poole = rows["GB-CHC-1000328"]  # ENGINUITY: the postcode column says POOLE
    assert poole.postcode == "" and poole.facts["postcode_as_given"] == "POOLE"
    assert poole.facts["postcode_problem"] == "not a UK postcode"
    assert sum(1 for e in rows.values() if e.facts.get("company_number")) > 1000
    assert all(
        len(e.facts["company_number"]) == 8 for e in rows.values() if e.facts.get("company_number")
    )  # 2324869.0 → 02324869
    assert {e.scheme for e in rows.values()} == {"GB-CHC", "GB-SC", "GB-NIC"}
    big = [e for e in rows.values() if e.size == "large"]
    assert big and all(e.facts["income"] > 44_000_000 for e in big)


def test_northern_ireland_charities_in_windows_1252_with_the_postcode_in_the_address():
    _, _, items = read("charities", "ccni_charitydetails_test-sample.csv.gz")
    rows = {e.identifier: e for e in entries(items)}
    lifeline = rows["GB-NIC-100002"]
    assert lifeline.name == "Cancer Lifeline" and lifeline.postcode == "BT14 7PJ"
    assert sum(1 for e in rows.values() if e.facts.get("company_number")) == 48
    assert sum(not e.is_active for e in rows.values()) == 36  # removed
    assert not any("\ufffd" in e.name for e in rows.values())  # cp1252 decoded, not replaced


def test_sports_clubs_placeholders_are_no_postcode():
    _, _, items = read("charities", "hmrc-cascs_360giving.csv.gz")
    clubs = entries(items)
    assert sum(c.is_active for c in clubs) == 8091
    rifle = [c for c in clubs if c.name == "1066 Rifle & Pistol Club"]
    assert len(rifle) == 4 and all(
        c.postcode == "" and "postcode_problem" not in c.facts for c in rifle
    )  # "", —, No data, NA


def test_councils_with_codes_variants_and_the_combined_authority():
    _, _, items = read("public-bodies", "local-authorities", "uk_local_authorities.csv")
    rows = {e.identifier: e for e in entries(items)}
    birmingham = rows["BIR"]
    assert birmingham.local_authority_code == "E08000025" and birmingham.scheme == "GB-LAE"
    assert birmingham.facts["combined_authority"] == "WMCA" and birmingham.sector == "public"
    assert "Birmingham" in birmingham.aliases
    assert sum(e.facts["combined_authority"] == "WMCA" for e in rows.values()) == 7
    assert rows["WMCA"].local_authority_code == "E47000007"
    assert sum(e.is_active for e in rows.values()) == 397
    _, kinds, names = read("public-bodies", "local-authorities", "lookup_name_to_registry.csv")
    assert kinds["Supplement"] == 1750
    sandwell = {i.aliases[0] for _, i in names if i.identifier == "SAW"}
    assert {"Sandwell Metropolitan Borough Council", "Sandwell", "sandwell district"} <= sandwell


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


def test_schools_academies_and_housing_sectors_follow_the_rules():
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
    _, _, housing = read(
        "public-bodies", "social-housing", "rsh-registered-providers-c2023_derived.csv"
    )
    sectors = [h.sector for h in entries(housing)]
    assert (sectors.count("public"), sectors.count("third"), sectors.count("private")) == (
        221,
        1322,
        69,
    )
    _, _, pscg = read("public-bodies", "ons-pscg", "pscg-2017-06_public-body.csv")
    pscg = entries(pscg)
    civic = next(e for e in pscg if e.name.startswith("Birmingham Civic Housing Association"))
    assert civic.sector == ""  # a housing association: not public on the 2017 guide's say-so
    assert sum(e.sector == "public" for e in pscg) > 1000
    assert not any(e.sector == "public" for e in pscg if e.kind.startswith("Former"))


def test_housing_providers_numbers_despite_the_malformed_header():
    _, kinds, items = read("public-bodies", "social-housing", "drkane_rsp-charity-number.csv")
    assert kinds["Supplement"] == 1844
    facts = [i.facts for _, i in items]
    assert sum("company_number" in f for f in facts) == 1236
    assert sum("charity_number" in f for f in facts) == 592
    first = items[0][1]
    assert (first.identifier, first.facts) == ("C3489", {"company_number": "IP24566R"})


def test_the_public_bodies_directory_workbook_is_read_past_its_cover_sheets():
    _, _, items = read(
        "public-bodies", "cabinet-office-pbd", "2025-05-29 Public Bodies Directory 2023_24.xlsx"
    )
    cps = next(e for e in entries(items) if e.name == "Crown Prosecution Service")
    assert cps.kind == "Non-Ministerial Department" and cps.sector == "public"
    assert cps.aliases == ("CPS",) and cps.facts["department"] == "Attorney Generals Office"
    assert all(isinstance(i, Rejected) for n, i in items if n in {46, 96})


def test_postcodes_as_registers_give_them():
    assert read_postcode(" n7 7jw  ").postcode == "N7 7JW"
    assert read_postcode("NA").postcode == "" and read_postcode("NA").flag == {}
    odd = read_postcode("POOLE")
    assert odd.postcode == "" and odd.flag["postcode_as_given"] == "POOLE"


def test_a_body_the_2017_govuk_register_lists_but_that_is_no_longer_public_is_not_public():
    _, _, items = read("public-bodies", "govuk-orgs", "government-organisation.tsv")
    rows = {e.identifier: e for e in entries(items)}
    assert rows["PC970"].name == "Royal Mail" and rows["PC970"].sector == "private"
    assert "Former Public Corporation" in rows["PC970"].facts["not_public"]
    assert rows["D6"].sector == "public"  # Department for Education
