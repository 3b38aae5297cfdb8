"""Who a payment file says published it (spend/publisher.py), without a database. Rows written here
are synthetic, in the shapes of the real files named beside them; one test reads the real
Calderdale and Trafford files."""

import pytest

from spend.columns import suggest
from spend.publisher import Buyer, Named, core_name, named_publishers, other_publisher, warning
from spend.reading import read_tables
from tests.conftest import data_dir, require_data


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Birmingham City Council", "Birmingham"),
        ("City of Wolverhampton Council", "Wolverhampton City Council"),
        ("The Borough of Calderdale", "Calderdale Metropolitan Borough Council"),
        ("Trafford Council", "Trafford Metropolitan Borough Council"),
        ("Walsall Healthcare NHS Trust", "Walsall Healthcare"),
        ("Brighton & Hove City Council", "Brighton and Hove"),
    ],
)
def test_name_variants_are_the_same_body(one, other):
    assert core_name(one) == core_name(other) != ""


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Birmingham City Council", "Solihull Metropolitan Borough Council"),
        ("Manchester City Council", "Greater Manchester Combined Authority"),
        ("Leeds City Council", "Leeds Beckett University"),
    ],
)
def test_different_bodies_differ(one, other):
    assert core_name(one) != core_name(other)


# Synthetic rows in Calderdale's layout (a URI column with the old ONS code, a name column).
CALDERDALE_LIKE = [
    ["Body", "Organisation Name", "Date", "Net Amount", "Supplier(Beneficiary) Name"],
    *[
        [
            "http://statistics.data.gov.uk/doc/local-authority-district/00CY",
            "The Borough of Calderdale",
            "2021-09-01",
            f"{n}.00",
            f"Supplier {n}",
        ]
        for n in range(1, 20)
    ],
]


def test_a_name_column_and_a_uri_column_are_read():
    named = named_publishers(CALDERDALE_LIKE, 0)
    assert named[0] == Named("The Borough of Calderdale", "its “Organisation Name” column", "")
    assert Named("00CY", "its “Body” column", "00CY") in named


def test_another_publisher_is_named_and_the_buyer_is_not_warned():
    named = named_publishers(CALDERDALE_LIKE, 0)
    found = other_publisher(named, Buyer("Birmingham City Council"))
    assert found.name == "The Borough of Calderdale"
    assert warning(found, "Birmingham City Council").startswith(
        "This file says it is from The Borough of Calderdale, not Birmingham City Council"
    )
    assert other_publisher(named, Buyer("Calderdale Council")) is None


def test_a_bare_code_is_named_from_the_register_and_matches_by_code():
    rows = [[row[0], *row[2:]] for row in CALDERDALE_LIKE]  # the URI column alone
    rows[0] = ["Body", "Date", "Net Amount", "Supplier(Beneficiary) Name"]
    named = named_publishers(rows, 0)
    known = {"00CY": "Calderdale Metropolitan Borough Council", "00CN": "Birmingham City Council"}
    found = other_publisher(named, Buyer("Birmingham City Council", known_codes=known))
    assert found.name == "Calderdale Metropolitan Borough Council" and found.code == "00CY"
    # The buyer's own code: no warning, whatever it is called.
    assert other_publisher(named, Buyer("Halifax", codes=["00-CY"], known_codes=known)) is None
    # A code no register explains says nothing.
    assert other_publisher(named, Buyer("Birmingham City Council")) is None


def test_a_title_above_the_header_names_the_publisher():
    rows = [
        ["", "", "Darlington Borough Council - Analysis of Transactions Over £500", ""],
        ["", "", "", ""],
        ["Supplier Name", "Net Amount", "Payment Date", ""],
        ["Acme Ltd", "10.00", "01/04/2024", ""],
    ]
    named = named_publishers(rows, 2)
    assert named == [Named("Darlington Borough Council", "the title above its header")]
    assert other_publisher(named, Buyer("Darlington Borough Council")) is None
    assert other_publisher(named, Buyer("Coventry City Council")).name == (
        "Darlington Borough Council"
    )


def test_the_nhs_layout_matches_the_entity_even_if_the_family_is_a_department():
    rows = [
        ["Departmental Family", "Entity", "Date", "Expense Type", "Supplier", "Amount"],
        [
            "Department of Health and Social Care",
            "Walsall Healthcare NHS Trust",
            "15/04/2024",
            "Drugs",
            "Acme Pharma Ltd",
            "30000.00",
        ],
    ]
    named = named_publishers(rows, 0)
    assert named[0].name == "Walsall Healthcare NHS Trust"
    assert other_publisher(named, Buyer("Walsall Healthcare NHS Trust")) is None
    assert other_publisher(named, Buyer("Sandwell and West Birmingham NHS Trust")).name == (
        "Walsall Healthcare NHS Trust"
    )


def test_a_column_that_names_many_bodies_names_none():
    rows = [["Organisation", "Supplier Name", "Amount", "Date"]] + [
        [f"Body {n}", "Acme", "1.00", "01/04/2024"] for n in range(10)
    ]
    assert named_publishers(rows, 0) == []


def test_a_file_that_names_no_one_gives_no_warning():
    rows = [["Supplier Name", "Amount", "Date"], ["Acme Ltd", "1.00", "01/04/2024"]]
    assert other_publisher(named_publishers(rows, 0), Buyer("Birmingham City Council")) is None


@pytest.mark.parametrize(
    ("folder", "publisher"),
    [("calderdale", "The Borough of Calderdale"), ("trafford", "Trafford Council")],
)
def test_real_files_name_their_publisher(folder, publisher):
    require_data("spend", folder)
    first = min(p for p in (data_dir() / "spend" / folder).rglob("*") if p.is_file())
    rows = read_tables(first)[0].rows[:300]
    named = named_publishers(rows, suggest(rows).header_row)
    assert named[0].name == publisher
    assert other_publisher(named, Buyer("Birmingham City Council")).name == publisher
    assert other_publisher(named, Buyer(publisher.replace("The Borough of ", ""))) is None
