"""Finding the header and the columns of every publisher's real files without being told."""

import pytest

from spend.columns import find_header, mapping_from_names, suggest
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
    first = sorted(p for p in (data_dir() / "spend" / folder).rglob("*") if p.is_file())[0]
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
