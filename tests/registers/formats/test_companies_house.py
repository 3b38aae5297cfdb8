"""registers/formats/companies_house.py: Companies House basic company data, on its real shared
file (the counts the folder README gives and rows checked by hand) and on SYNTHETIC rows for the
branches the real file does not reach. No database."""

from registers.formats.base import Entry, Rejected
from registers.formats.companies_house import _iso
from tests.registers.formats.helpers import (
    check_real_file,
    entries,
    read,
    read_rows,
    recognised_as,
    row_of,
)

# The real header's spelling: leading spaces, dots and underscores (a subset of its 55 columns).
HEADER = [
    "CompanyName",
    " CompanyNumber",
    "RegAddress.PostTown",
    "RegAddress.PostCode",
    "CompanyCategory",
    "CompanyStatus",
    "IncorporationDate",
    "Accounts.AccountCategory",
    "SICCode.SicText_1",
    "SICCode.SicText_2",
    " PreviousName_1.CompanyName",
    " PreviousName_2.CompanyName",
]


def company(**values):
    defaults = {
        "companyname": "SYNTHETIC LTD",
        "companynumber": "01234567",
        "companycategory": "Private Limited Company",
        "companystatus": "Active",
    }
    return row_of(HEADER, **{**defaults, **values})


def one(**values):
    [item] = read_rows("companies-house", HEADER, [company(**values)])
    return item


def test_the_real_file_is_recognised_and_read():
    check_real_file(
        ("companies-house", "BasicCompanyData-2020-06-01-part6_7.csv"), "companies-house", 87, 0
    )


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


def test_the_header_with_its_leading_spaces_is_recognised_before_looser_ones():
    assert recognised_as(HEADER, [company()]) == "companies-house"


def test_a_row_read_in_full():
    entry = one(
        regaddressposttown="CANTERBURY",
        regaddresspostcode="ct1 2aa",
        incorporationdate="1/5/2019",
        accountsaccountcategory="SMALL",
        siccodesictext1="62020 - Information technology consultancy activities",
        siccodesictext2="None Supplied",
        previousname1companyname="SYNTHETIC HOLDINGS LTD",
        previousname2companyname="SYNTHETIC LTD",  # the present name again: not an alias
    )
    assert entry == Entry(
        identifier="01234567",
        name="SYNTHETIC LTD",
        scheme="GB-COH",
        postcode="CT1 2AA",
        sector="private",
        kind="Private Limited Company",
        size="sme",
        size_basis="accounts category SMALL",
        is_vcse=None,
        is_active=True,
        facts={
            "category": "Private Limited Company",
            "status": "Active",
            "accounts_category": "SMALL",
            "sic_codes": ["62020"],
            "incorporated": "2019-05-01",
            "post_town": "CANTERBURY",
        },
        aliases=("SYNTHETIC HOLDINGS LTD",),
    )


def test_numbers_are_kept_when_eight_characters_and_normalised_otherwise():
    assert one(companynumber="sc123456").identifier == "SC123456"
    assert one(companynumber="RC000652").identifier == "RC000652"
    assert one(companynumber="2324869").identifier == "02324869"
    assert one(companynumber="SC1234").identifier == "SC001234"


def test_bad_rows_are_kept_with_their_reason():
    short = company()[:-1]
    items = read_rows(
        "companies-house",
        HEADER,
        [short, company(companynumber="not a number"), company(companyname="  "), company()],
    )
    assert items[:3] == [
        Rejected("the row has 11 cells where the header names 12 columns"),
        Rejected("CompanyNumber 'NOT A NUMBER' is not a Companies House number"),
        Rejected("CompanyName is empty"),
    ]
    assert isinstance(items[3], Entry)  # one bad row never stops the rest


def test_status_words_that_mean_the_company_is_gone():
    for status in ("Dissolved", "Liquidation", "In Receivership", "Converted/Closed", "Removed"):
        assert not one(companystatus=status).is_active, status
    for status in ("Active", "Active - Proposal to Strike off"):
        assert one(companystatus=status).is_active, status


def test_sector_size_and_vcse_from_category_and_accounts():
    cic = one(companycategory="Community Interest Company", accountsaccountcategory="FULL")
    assert (cic.sector, cic.is_vcse, cic.size, cic.size_basis) == ("third", True, "", "")
    society = one(companycategory="Registered Society")
    assert (society.sector, society.is_vcse) == ("third", None)
    odd = one(companycategory="Some New Form", accountsaccountcategory="")
    assert (odd.sector, odd.kind, odd.size) == ("", "Some New Form", "")
    assert one(companycategory="").is_vcse is None
    # the size of each accounts category is worked out once and reused, row after row
    rows = [company(accountsaccountcategory=a) for a in ("DORMANT", "FULL", "DORMANT")]
    sizes = [e.size for e in read_rows("companies-house", HEADER, rows)]
    assert sizes == ["sme", "", "sme"]


def test_a_postcode_that_is_not_one_is_kept_in_facts():
    entry = one(regaddresspostcode="BT78")
    assert entry.postcode == "" and entry.facts["postcode_problem"] == "not a UK postcode"


def test_a_header_with_only_the_three_columns_it_needs():
    header = ["CompanyName", "CompanyNumber", "CompanyCategory"]
    [entry] = read_rows("companies-house", header, [["A LTD", "1", "Private Limited Company"]])
    assert entry.identifier == "00000001" and entry.postcode == "" and entry.aliases == ()
    assert entry.facts == {
        "category": "Private Limited Company",
        "status": "",
        "accounts_category": "",
    }


def test_incorporation_dates_to_iso_or_as_given():
    assert _iso("10/05/2019") == "2019-05-10"
    assert _iso("1/5/2019") == "2019-05-01"
    assert _iso("2019-05-10") == "2019-05-10"
    assert _iso("10/05") == "10/05" and _iso("aa/bb/cccc") == "aa/bb/cccc"
