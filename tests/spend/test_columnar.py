"""The bulk reader (spend/columnar.py) gives exactly what read_payment gives, row for row, on every
publisher's real layout and on the awkward cases."""

from decimal import Decimal

import pytest

from spend.columnar import TEXT_FIELDS, parse_rows
from spend.columns import suggest
from spend.reading import read_tables
from spend.rows import Rejected, read_payment
from tests.conftest import data_dir, require_data
from tests.spend.test_import import real_slice


def one_by_one(rows, header_row, mapping):
    """What the importer did before: read_payment on each row, identical rows counted."""
    seen: dict = {}
    payments, rejected, blank = [], [], 0
    for number, cells in enumerate(rows[header_row + 1 :], start=header_row + 2):
        if not any(cell.strip() for cell in cells):
            blank += 1
            continue
        key = tuple(cell.strip() for cell in cells)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        try:
            payments.append(read_payment(cells, mapping, number, occurrence))
        except Rejected as reason:
            rejected.append((number, str(reason), cells))
    return payments, rejected, blank


def same(rows, header_row, mapping):
    parsed = parse_rows(rows, header_row, mapping)
    payments, rejected, blank = one_by_one(rows, header_row, mapping)
    assert parsed.blank_rows == blank
    assert parsed.rejected == rejected
    assert parsed.rows_read == len(payments) + len(rejected)
    got = parsed.payments.to_dicts()
    assert len(got) == len(payments)
    for row, payment in zip(got, payments, strict=True):
        assert row["row_number"] == payment.row_number
        assert row["payment_date"] == payment.payment_date
        assert row["date_precision"] == payment.date_precision
        assert row["amount"] == payment.amount.quantize(Decimal("0.01")), row
        assert row["vat"] == (
            None if payment.vat is None else payment.vat.quantize(Decimal("0.01"))
        )
        assert row["is_redacted"] == payment.is_redacted
        assert row["row_digest"] == payment.digest
        assert {name: row[name] for name in TEXT_FIELDS} == payment.text
    return parsed


def test_awkward_rows_agree_with_read_payment():
    rows = [
        ["Preamble"],
        ["Supplier Name", "Amount", "Date", "VAT", "Company No", "Postcode"],
        ["Acme Ltd", "1,200.00", "01/04/2024", "", "1234567", "b1 1bb"],
        ["Acme Ltd", "1,200.00", "01/04/2024", "", "1234567", "b1 1bb"],  # identical: both kept
        ["Bolt plc", "(12.50)", "2024-04-02", "N/A", "SC123", ""],
        ["Bolt plc", "12.50-", "1/4/2024", "2.50", "", ""],
        ["Bolt plc", "£1,234.567", "02/04/2024", "", "", ""],  # more than pennies
        ["Cog CIC", "10", "31/02/2024", "", "", ""],  # no such day
        ["Cog CIC", "ten", "02/04/2024", "", "", ""],
        ["Cog CIC", "10", "Apr-24", "", "", ""],  # a month
        ["Cog CIC", "10", "16-JAN-2013", "", "", ""],
        ["Cog CIC", "10", "20-Dec-13", "", "", ""],
        ["Cog CIC", "10", "31-Feb-13", "", "", ""],
        ["Cog CIC", "10", "45000", "", "", ""],  # an Excel serial
        ["", "10", "02/04/2024", "", "", ""],  # no name
        ["#N/A", "10", "02/04/2024", "", "", ""],
        ["Redacted Personal Information", "99.99", "02/04/2024", "", "", ""],
        ["", "5000.00", "", "", "", ""],  # a totals row
        ["", "", "", "", "", ""],
        ["Dent Ltd", "10", "02/04/2024"],  # ragged: short
        ["Dent Ltd", "10", "02/04/2024", "", "", "", "extra"],  # ragged: long
        ["Eve Ltd", " 7.5 ", " 2024-04-03 ", "x", "", ""],  # VAT that is not an amount
    ]
    mapping = {
        "supplier_name": 0,
        "amount": 1,
        "payment_date": 2,
        "vat": 3,
        "company_number": 4,
        "supplier_postcode": 5,
    }
    parsed = same(rows, 1, mapping)
    assert parsed.blank_rows == 1 and len(parsed.rejected) == 7


@pytest.mark.parametrize(
    "folder",
    [
        "calderdale",
        "darlington",
        "gateshead",
        "harrogate",
        "leeds",
        "manchester",
        "newcastle",
        "sheffield",
        "trafford",
        "odileeds-processed",
    ],
)
def test_real_layouts_agree_with_read_payment(tmp_path, folder):
    path = real_slice(folder, 1500, tmp_path)
    table = read_tables(path)[0]
    found = suggest(table.rows)
    same(table.rows, found.header_row, found.mapping)


def test_every_real_file_head_agrees(tmp_path):
    """The first 300 lines of every file of every publisher (zip and gzip members included)."""
    require_data("spend")
    for path in sorted(p for p in (data_dir() / "spend").rglob("*") if p.is_file()):
        for table in read_tables(path):
            found = suggest(table.rows)
            if found.header_row is None or found.missing:
                continue
            same(table.rows[: found.header_row + 300], found.header_row, found.mapping)
