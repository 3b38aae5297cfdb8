"""registers/formats/charities.py: UK-CAT's charity extracts, the Charity Commission's public
extract, the Northern Ireland register, HMRC's sports clubs, the FCA mutuals cross-walk and UK-CAT's
community interest companies, on their real shared files (counts as the READMEs give them) and on
SYNTHETIC rows for the branches the real files do not reach. No database."""

import pytest

from registers.formats.base import Entry, Rejected
from registers.formats.charities import _company, _is_mutuals
from tests.registers.formats.helpers import (
    check_real_file,
    entries,
    read,
    read_path,
    read_rows,
    recognised_as,
    row_of,
)

# (path under ../shared/data/registers, format, entries, rejected), counts as the README gives
# them (where a README's count is one off, the file's own line count is used).
CASES = [
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
]


@pytest.mark.parametrize(("parts", "name", "count", "others"), CASES, ids=lambda v: str(v)[:40])
def test_each_real_charity_file_is_recognised_and_read(parts, name, count, others):
    check_real_file(parts, name, count, others)


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


def test_the_rows_of_the_real_extract_that_name_no_register_are_rejected_with_the_reason():
    _, _, items = read("charities", "ukcat_top2000.csv.gz")
    reasons = [i.reason for _, i in items if isinstance(i, Rejected)]
    assert len(reasons) == 8
    assert all(r.startswith("source ") and r.endswith("is not CCEW, OSCR or CCNI") for r in reasons)


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


def test_the_mutuals_and_cics_from_their_real_files():
    _, _, mutuals = read("charities", "charity-lookups", "relationships_mutual-companies.csv.gz")
    mutuals = entries(mutuals)
    assert all(m.scheme == "GB-MPR" and m.sector == "third" and m.is_vcse is None for m in mutuals)
    first = mutuals[0]  # GB-MPR-10002R, GB-COH-IP10002R
    assert first.identifier == "10002R" and first.facts["company_number"] == "IP10002R"
    _, _, cics = read("charities", "ukcat_cics-icnptso.csv.gz")
    cics = entries(cics)
    assert all(c.name == "" and c.is_vcse and c.kind == "Community Interest Company" for c in cics)
    assert cics[0].identifier == "05533834" and cics[0].facts["icnptso"] == "A11"


# UK-CAT's extract (a subset of its columns, in its order).
UKCAT = [
    "org_id",
    "reg_number",
    "name",
    "postcode",
    "active",
    "date_registered",
    "source",
    "income",
    "fye",
    "company_number",
]


def ukcat(**values):
    defaults = {
        "orgid": "GB-CHC-1000001",
        "regnumber": "1000001",
        "name": "SYNTHETIC TRUST",
        "source": "ccew",
        "active": "True",
    }
    return row_of(UKCAT, **{**defaults, **values})


def test_a_ukcat_row_read_in_full():
    [entry] = read_rows(
        "ukcat-charities",
        UKCAT,
        [
            ukcat(
                postcode="b5 5se",
                dateregistered="1990-01-01T00:00:00",
                income="20000000.0",
                fye="2024-03-31 00:00",
                companynumber="2324869.0",
            )
        ],
    )
    assert entry.identifier == "GB-CHC-1000001" and entry.scheme == "GB-CHC"
    assert (entry.postcode, entry.sector, entry.is_vcse) == ("B5 5SE", "third", True)
    assert (entry.kind, entry.size, entry.is_active) == ("Registered charity", "", True)
    assert entry.size_basis == ""  # between £15m and £44m: staff numbers would decide
    facts = entry.facts
    assert (facts["register"], facts["registered"], facts["financial_year_end"]) == (
        "CCEW",
        "1990-01-01",
        "2024-03-31",
    )
    assert facts["income"] == 20_000_000 and facts["company_number"] == "02324869"
    assert "sector_source" in facts


def test_ukcat_schemes_activity_and_bad_rows():
    rows = [
        ukcat(source="OSCR", regnumber="SC000001"),
        ukcat(source="ccni", regnumber="100002", active="False"),
        ukcat(source="ccew", active=""),  # not said: taken as active
        ukcat(source="OTHER"),
        ukcat(regnumber=""),
        ukcat(name=""),
    ]
    scottish, northern, unsaid, *rejected = read_rows("ukcat-charities", UKCAT, rows)
    assert (scottish.identifier, scottish.scheme) == ("GB-SC-SC000001", "GB-SC")
    assert (northern.identifier, northern.is_active) == ("GB-NIC-100002", False)
    assert unsaid.is_active and "income" not in unsaid.facts and unsaid.size == ""
    assert rejected == [
        Rejected("source 'OTHER' is not CCEW, OSCR or CCNI"),
        Rejected("reg_number or name is empty"),
        Rejected("reg_number or name is empty"),
    ]


def test_ukcat_northern_ireland_numbers_as_ukcat_gives_them_and_only_its_named_columns():
    header = ["org_id", "reg_number", "name", "postcode", "source", "income"]
    rows = [
        row_of(header, orgid="GB-NIC-100095", regnumber="NI100095", name="A", source="ccni"),
        row_of(header, orgid="GB-SC-SC000001", regnumber="SC000001", name="B", source="oscr"),
    ]
    northern, scottish = read_rows("ukcat-charities", header, rows)
    # the same identifier as the CCNI register's (and UK-CAT's own org_id)
    assert (northern.identifier, scottish.identifier) == ("GB-NIC-100095", "GB-SC-SC000001")
    assert northern.is_active and northern.facts["registered"] == ""


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("2324869.0", "02324869"),
        ("SC123456", "SC123456"),
        (" 123 ", "00000123"),
        ("0", ""),
        ("000", ""),
        ("", ""),
        (None, ""),
        ("not a number", ""),
    ],
)
def test_company_numbers_as_charity_registers_give_them(raw, number):
    assert _company(raw) == number


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


def test_the_public_extract_with_only_its_four_named_columns_and_empty_rows():
    header = [
        "registered_charity_number",
        "linked_charity_number",
        "charity_name",
        "charity_registration_status",
    ]
    rows = [
        ["1000003", "", "SYNTHETIC FUND", "Registered"],  # a blank link counts as the main one
        ["", "0", "SYNTHETIC NO NUMBER", "Registered"],
        ["1000004", "0", "", "Registered"],
    ]
    fund, *rejected = read_rows("ccew-publicextract", header, rows)
    assert fund.identifier == "GB-CHC-1000003" and fund.kind == "Registered charity"
    assert fund.postcode == "" and "income" not in fund.facts and fund.size == ""
    assert rejected == [Rejected("registered_charity_number or charity_name is empty")] * 2


CCNI = [
    "Reg charity number",
    "Charity name",
    "Status",
    "Total income",
    "Public address",
    "Company number",
    "Employed staff",
]


def test_northern_ireland_size_from_staff_status_and_the_postcode_in_the_address():
    rows = [
        [
            "100001",
            "SYNTHETIC NI TRUST",
            "Registered",
            "1000",
            "1 Road, Belfast, BT1 1AA",
            "",
            "300",
        ],
        ["100003", "SYNTHETIC NI CLUB", "Removed (voluntary)", "", "Newry", "NI012345", ""],
        ["", "SYNTHETIC NO NUMBER", "Registered", "", "", "", ""],
    ]
    big, removed, rejected = read_rows("ccni-charities", CCNI, rows)
    assert big.identifier == "GB-NIC-100001" and big.postcode == "BT1 1AA"
    # an income that says SME, but 250 or more staff make it large
    assert (big.size, big.size_basis) == ("large", "300 employed staff (250 or more)")
    assert big.facts["employed_staff"] == 300 and big.facts["status"] == "Registered"
    assert not removed.is_active and removed.postcode == "" and removed.size == ""
    assert removed.facts["company_number"] == "NI012345" and removed.facts["employed_staff"] is None
    assert rejected == Rejected("Reg charity number or Charity name is empty")
    small = read_rows("ccni-charities", CCNI, [["100004", "SMALL", "Registered", "9", "", "", "3"]])
    assert (small[0].size, small[0].facts["income"]) == ("sme", 9)


def test_sports_clubs_identifiers_activity_and_bad_rows():
    header = ["id", "name", "address", "postcode", "active"]
    rows = [
        ["gb-casc-1", "SYNTHETIC CLUB", "1 Lane, Town", "B1 1AA", "False"],
        ["GB-CASC-2", "SYNTHETIC CLUB 2", "", "", ""],
        ["GB-CHC-3", "NOT A CLUB", "", "", "True"],
        ["GB-CASC-4", "", "", "", "True"],
    ]
    gone, unsaid, *rejected = read_rows("hmrc-cascs", header, rows)
    assert (gone.scheme, gone.is_active) == ("GB-CASC", False)  # the prefix in any case
    assert gone.kind == "Community amateur sports club" and gone.facts["address"] == "1 Lane, Town"
    assert unsaid.is_active and unsaid.postcode == ""
    assert rejected == [
        Rejected("id 'GB-CHC-3' is not a GB-CASC- identifier, or no name"),
        Rejected("id 'GB-CASC-4' is not a GB-CASC- identifier, or no name"),
    ]


MUTUALS = ["org_id_a", "org_id_b", "org_name", "relationship", "source"]


def test_the_mutuals_cross_walk_is_told_from_the_others_by_its_ids():
    mpr = ["GB-MPR-1R", "GB-COH-IP00001R", "SYNTHETIC SOCIETY", "sameas", "Mutual companies"]
    chc = ["GB-CHC-1", "GB-COH-00000001", "SYNTHETIC CHARITY", "sameas", "Charity companies"]
    assert _is_mutuals(MUTUALS, [mpr, mpr, chc])
    assert not _is_mutuals(MUTUALS, [mpr, chc])  # half is not most
    assert not _is_mutuals(MUTUALS, [])  # nothing to go on
    assert not _is_mutuals(MUTUALS, [[], []])  # rows too short to have an org_id_a
    assert not _is_mutuals(["org_id_a", "org_name"], [mpr])  # the header does not fit
    assert recognised_as(MUTUALS, [mpr] * 3) == "fca-mutuals"


def test_mutuals_company_numbers_and_bad_rows():
    rows = [
        ["gb-mpr-7r", "GB-COH-IP00007R", "SYNTHETIC SOCIETY", "", ""],
        ["GB-MPR-8R", "IP00008R", "SYNTHETIC SOCIETY 2", "", ""],  # not a GB-COH- id: not kept
        ["GB-MPR-9R", "", "SYNTHETIC SOCIETY 3", "", ""],
        ["GB-CHC-1", "GB-COH-00000001", "NOT A MUTUAL", "", ""],
        ["GB-MPR-10R", "", "", "", ""],
    ]
    first, second, third, *rejected = read_rows("fca-mutuals", MUTUALS, rows)
    assert first.identifier == "7R" and first.facts["company_number"] == "IP00007R"
    assert first.kind == "Co-operative or community benefit society"
    assert "company_number" not in second.facts and "company_number" not in third.facts
    assert rejected == [
        Rejected("org_id_a 'GB-CHC-1' is not a GB-MPR- (FCA mutuals register) id, or no name"),
        Rejected("org_id_a 'GB-MPR-10R' is not a GB-MPR- (FCA mutuals register) id, or no name"),
    ]


def test_community_interest_companies_and_bad_ids():
    header = ["org_id", "icnptso_code"]
    rows = [["GB-COH-5533834", "A11"], ["12345", "B2"], ["GB-CHC-1000001", "A1"], ["", ""]]
    cic, bare, *rejected = read_rows("cic-list", header, rows)
    assert isinstance(cic, Entry) and cic.identifier == "05533834" and cic.scheme == "GB-COH"
    assert cic.facts["company_number"] == "05533834" and cic.facts["icnptso"] == "A11"
    assert bare.identifier == "00012345"  # the prefix is optional
    assert rejected == [
        Rejected("org_id 'GB-CHC-1000001' is not GB-COH-<company number>"),
        Rejected("org_id '' is not GB-COH-<company number>"),
    ]
