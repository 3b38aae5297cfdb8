"""Finding the header and the columns of every publisher's real files without being told."""

import pytest

from spend.columns import find_header, join_split_header, mapping_from_names, suggest
from spend.reading import read_tables
from tests.conftest import data_dir, require_data

# (folder, header record (0-based), source column expected for some fields)
PUBLISHERS = [
    (
        "calderdale",
        0,
        {
            "amount": "Net Amount",
            "supplier_name": "Supplier(Beneficiary) Name",
            "payment_date": "Date",
            "company_number": "Supplier Registered Company Number",
            "vat": "Irrecoverable VAT",
        },
    ),
    (
        "darlington",
        5,
        {
            "amount": "Invoice Line Value (net of VAT)",
            "supplier_name": "Supplier",
            "payment_date": "Transaction Date",
            "directorate": "Directotate",
        },
    ),
    (
        "gateshead",
        2,
        {"amount": "Amount", "supplier_name": "Supplier ID(T)", "payment_date": "Updated"},
    ),
    (
        "harrogate",
        0,
        {"amount": "Net Amount", "supplier_name": "Supplier Name", "payment_date": "Payment date"},
    ),
    (
        "leeds",
        0,
        {"amount": "NetAmount", "supplier_name": "SupplierName", "payment_date": "DatePaid"},
    ),
    ("manchester", 0, {"amount": "Net Amount", "payment_date": "Invoice Payment Date"}),
    (
        "newcastle",
        2,
        {
            "amount": "Total (excludes VAT)",
            "payment_date": "Paid Date",
            "directorate": "Directorate",
            "service_area": "Service Area",
        },
    ),
    (
        "sheffield",
        0,
        {"amount": "Invoiced Value", "payment_date": "GL Date", "supplier_id": "Address Book No."},
    ),
    (
        "trafford",
        0,
        {
            "amount": "Amount",
            "supplier_name": "BeneficiaryName",
            "payment_date": "PaymentDate",
            "vat": "IrrecoverableVATAmount",
            "category_code": "ProclassCode",
        },
    ),
    (
        "coventry",
        0,
        {"amount": "Amount", "supplier_name": "Supplier(T)", "payment_date": "Transaction Date"},
    ),
    (
        "wolverhampton",
        3,
        {"amount": "Amount", "supplier_name": "Supplier ID(T)", "payment_date": "Payment Date"},
    ),
    (
        # A header over two rows (Aug 2023): joined, so the lower row is the header.
        "wmca",
        1,
        {
            "amount": "Amount excl vat",
            "supplier_name": "Supplier Name",
            "payment_date": "Payment Date",
            "supplier_id": "Supplier ID",
        },
    ),
    (
        "odileeds-processed",
        0,
        {
            "amount": "Amount",
            "supplier_name": "Beneficiary Name",
            "company_number": "Company Number",
        },
    ),
]


@pytest.mark.parametrize(
    ("folder", "header_row", "expected"), PUBLISHERS, ids=[p[0] for p in PUBLISHERS]
)
def test_every_publisher_is_understood_without_a_mapping(folder, header_row, expected):
    require_data("spend", folder)
    first = min(p for p in (data_dir() / "spend" / folder).rglob("*") if p.is_file())
    table = read_tables(first)[0]
    found = suggest(table.rows[:400])
    assert found.header_row == header_row
    assert found.missing == []
    assert expected.items() <= found.by_name().items()


def test_a_title_and_blank_lines_above_the_header_are_skipped():
    rows = [
        ["Anytown Council payments over £500", "", ""],
        ["", "", ""],
        ["Supplier Name", "Amount", "Date Paid"],
        ["Acme Ltd", "10.00", "01/04/2024"],
    ]
    assert find_header(rows) == 2
    assert suggest(rows).by_name() == {
        "supplier_name": "Supplier Name",
        "amount": "Amount",
        "payment_date": "Date Paid",
    }


def test_values_overrule_names():
    # "Supplier" names a column of codes here; the names are under "Payee".
    rows = [
        ["Supplier", "Payee", "Value", "Date"],
        ["10023", "Acme Ltd", "5.00", "2024-04-01"],
        ["10024", "Bolt plc", "6.00", "2024-04-02"],
    ]
    assert suggest(rows).by_name()["supplier_name"] == "Payee"


def test_no_header_means_nothing_is_guessed():
    rows = [["Acme Ltd", "10.00", "01/04/2024"], ["Bolt plc", "11.00", "02/04/2024"]]
    found = suggest(rows)
    assert found.header_row is None and found.missing == ["payment_date", "amount", "supplier_name"]


def test_a_given_mapping_must_name_real_columns():
    assert mapping_from_names(["A", "Net amount "], {"amount": "net  AMOUNT"}) == {"amount": 1}
    with pytest.raises(KeyError):
        mapping_from_names(["A"], {"amount": "Value"})


# Layouts named in issue 14, with synthetic rows written here (labelled as such).
OVER_25K = [
    [
        "Departmental Family",
        "Entity",
        "Date",
        "Expense Type",
        "Expense Area",
        "Supplier",
        "Transaction number",
        "Amount",
    ],
    *[
        [
            "Department of Health and Social Care",
            "Synthetic NHS Trust",
            f"{day:02d}/04/2024",
            "Drugs",
            "Pharmacy",
            f"Synthetic Supplier {day} Ltd",
            f"10{day:04d}",
            f"{25000 + day * 13}.50",
        ]
        for day in range(1, 25)
    ],
]
CATEGORY_FAMILY = [
    ["Supplier Name", "Category Family", "Invoice GL Date", "Spend"],
    *[
        [f"Synthetic Supplier {n}", "Facilities", f"2024-05-{n:02d}", f"{n * 101}.25"]
        for n in range(1, 25)
    ],
]


def test_the_over_25000_layout_is_understood_without_a_mapping():
    found = suggest(OVER_25K)
    assert found.missing == [] and found.inferred == {}
    assert found.by_name() == {
        "payment_date": "Date",
        "amount": "Amount",
        "supplier_name": "Supplier",
        "expense_type": "Expense Type",
        "directorate": "Expense Area",
        "transaction_ref": "Transaction number",
    }


def test_the_category_family_layout_is_understood_without_a_mapping():
    found = suggest(CATEGORY_FAMILY)
    assert found.header_row == 0 and found.missing == []
    assert found.by_name() == {
        "supplier_name": "Supplier Name",
        "category": "Category Family",
        "payment_date": "Invoice GL Date",
        "amount": "Spend",
    }


def test_columns_are_inferred_from_their_values_with_the_reason():
    # Names AnchorHub has never seen: which column is which, from the values alone.
    rows = [["Who", "When", "How much", "Ref", "Team"]] + [
        [f"Synthetic Payee {n % 17}", f"{n:02d}/06/2024", f"{n * 7}.10", f"{9000 + n}", "Adults"]
        for n in range(1, 29)
    ]
    found = suggest(rows)
    assert found.header_row == 0 and found.missing == []
    assert found.by_name()["payment_date"] == "When"
    assert found.by_name()["amount"] == "How much"
    assert found.by_name()["supplier_name"] == "Who"
    assert found.inferred["supplier_name"].startswith("its values are names, not numbers")
    assert "17 of its 28 values are different" in found.inferred["supplier_name"]
    assert found.inferred["payment_date"] == (
        "28 of its 28 values are dates (1 June 2024 to 28 June 2024)"
    )
    assert "with pence or a sign" in found.inferred["amount"]


def test_codes_are_not_taken_for_amounts_or_dates():
    # Whole numbers such as cost centres (31572 reads as a date in 1986) are neither.
    rows = [["Who", "Cost centre", "When", "Value paid"]] + [
        [f"Synthetic Payee {n}", str(31000 + n * 37), f"2024-06-{n:02d}", f"{n}.99"]
        for n in range(1, 29)
    ]
    found = suggest(rows)
    assert found.by_name()["payment_date"] == "When"
    assert found.by_name()["amount"] == "Value paid"


def test_two_columns_that_could_each_be_the_supplier_are_left_to_a_person():
    rows = [["Name one", "Name two", "When", "How much"]] + [
        [f"Synthetic Payee {n}", f"Synthetic Other {n}", f"{n:02d}/06/2024", f"{n}.50"]
        for n in range(1, 21)
    ]
    found = suggest(rows)
    assert "supplier_name" in found.missing
    assert found.candidates["supplier_name"] == ["Name one", "Name two"]


def test_a_header_written_over_two_rows_is_joined():
    # As WMCA publishes some months (real file checked in test_real_anchors.py).
    rows = [
        [
            "Cost Centre",
            "Account",
            "Expense Type",
            "Supplier",
            "Supplier Name",
            "Trans",
            "Payment",
            "Amount",
        ],
        ["", "", "", "ID", "", "No.", "Date", "excl vat"],
        [
            "Synthetic Centre",
            "60395",
            "Construction",
            "10002",
            "Synthetic Ltd",
            "7040553",
            "2023-08-09",
            "6287.8",
        ],
    ]
    joined = join_split_header([list(row) for row in rows])
    assert joined[1] == [
        "Cost Centre",
        "Account",
        "Expense Type",
        "Supplier ID",
        "Supplier Name",
        "Trans No.",
        "Payment Date",
        "Amount excl vat",
    ]
    assert joined[0] == rows[0] and joined[2] == rows[2]  # record numbers unchanged
    found = suggest(joined)
    assert found.header_row == 1 and found.missing == []
    assert found.by_name()["payment_date"] == "Payment Date"
    # A first data row under a one-row header is not a second header row.
    single = [rows[0], rows[2], rows[2]]
    assert join_split_header([list(row) for row in single]) == single


def test_words_are_taken_over_codes_when_a_file_gives_both():
    """Finance systems export a code and its text side by side ("Account", "Account(T)"): the
    ledger's categories and expense types are read by people, so the words are taken."""
    rows = [
        ["Supplier", "Amount", "Payment Date", "Account", "Account(T)", "Proclass", "Proclass(T)"],
        *(
            [
                f"Supplier {i} Ltd",
                "10.00",
                "01/04/2024",
                f"R{5000 + i}",
                "TPP - Other",
                f"{261200 + i}",
                "Professional & Advisory Services",
            ]
            for i in range(20)
        ),
    ]
    found = suggest(rows)
    named = {field: found.headers[index] for field, index in found.mapping.items()}
    assert named["expense_type"] == "Account(T)" and named["category"] == "Proclass(T)"


def test_a_code_column_alone_is_kept():
    rows = [["Supplier", "Amount", "Payment Date", "Account"]]
    rows += [[f"S{i} Ltd", "1.00", "01/04/2024", f"R{5000 + i}"] for i in range(20)]
    found = suggest(rows)
    assert found.headers[found.mapping["expense_type"]] == "Account"


def test_wolverhampton_and_coventry_expense_types_are_words():
    for folder, name, expected in (
        ("wolverhampton", "wolver_apr_2023.csv.gz", "Account(T)"),
        ("coventry", "apr_2023.csv.gz", "Account Code(T)"),
    ):
        require_data("spend", folder)
        table = read_tables(data_dir() / "spend" / folder / name)[0]
        found = suggest(table.rows[:260])
        assert found.headers[found.mapping["expense_type"]] == expected
