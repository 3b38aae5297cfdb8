"""Importing payment files: every row accounted for, totals equal to an independent sum, nothing
half-written, nothing added twice; bad files get clear errors and lose nothing."""

import csv
import gzip
import io
import json
import re
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from network.models import Organisation
from spend.models import ColumnMapping, Payment, RejectedRow, SpendImport
from tests.conftest import data_dir, require_data

pytestmark = pytest.mark.django_db
KEYS = {
    "rows_read",
    "rows_imported",
    "rows_rejected",
    "rows_redacted",
    "duplicates_skipped",
    "total_amount",
    "mapping",
    "seconds",
    "imports",
    "publisher_named",
}


@pytest.fixture
def buyer(db):
    return Organisation.objects.create(name="Anytown Council", kind="council")


def run(*paths, buyer="Anytown Council", extra=()):
    """import_spend --json. These tests read other publishers' real files for Anytown Council, so
    they say so (--publisher-confirmed; tests/spend/test_publisher_check.py tests the refusal), and
    leave matching to tests/spend/test_followup.py (--no-followup)."""
    out = StringIO()
    call_command(
        "import_spend",
        *map(str, paths),
        "--buyer",
        buyer,
        "--json",
        "--publisher-confirmed",
        "--no-followup",
        *extra,
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert set(result) == KEYS
    assert result["rows_read"] == (
        result["rows_imported"] + result["rows_rejected"] + result["duplicates_skipped"]
    )
    return result


def real_slice(folder: str, lines: int, tmp_path, name=None):
    """The first lines of a publisher's first file, byte for byte (encoding and line ends kept)."""
    require_data("spend", folder)
    source = min(p for p in (data_dir() / "spend" / folder).rglob("*") if p.is_file())
    raw = source.read_bytes()
    if source.suffix == ".gz":
        raw = gzip.decompress(raw)
    if source.suffix == ".zip":
        with zipfile.ZipFile(source) as archive:
            raw = archive.read(archive.namelist()[0])
    kept = b"".join(raw.splitlines(keepends=True)[:lines])
    target = tmp_path / (name or f"{folder}.csv")
    target.write_bytes(kept)
    return target


def independent_sum(path, header_row, amount_column, encoding="utf-8-sig"):
    """The amounts of rows with a supplier, summed with nothing but the csv module."""
    text = path.read_bytes().decode(encoding, errors="replace")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [h.strip() for h in rows[header_row]]
    column = header.index(amount_column)
    total = Decimal(0)
    for row in rows[header_row + 1 :]:
        others = [c for i, c in enumerate(row) if c.strip() and i != column]
        if column < len(row) and row[column].strip() and others:
            total += Decimal(row[column].replace(",", "").replace("£", "").strip())
    return total


@pytest.mark.parametrize(
    ("folder", "header_row", "amount", "encoding"),
    [
        ("calderdale", 0, "Net Amount", "utf-8"),
        ("darlington", 5, "Invoice Line Value (net of VAT)", "cp1252"),
        ("gateshead", 2, "Amount", "utf-8-sig"),
        ("harrogate", 0, "Net Amount", "cp1252"),
        ("leeds", 0, "NetAmount", "utf-8"),
        ("manchester", 0, "Net Amount", "utf-8"),
        ("newcastle", 2, "Total (excludes VAT)", "cp1252"),
        ("sheffield", 0, "Invoiced Value", "utf-8"),
        ("trafford", 0, "Amount", "utf-8"),
        ("odileeds-processed", 0, "Amount", "utf-8"),
    ],
)
def test_each_publishers_file_imports_with_totals_equal_to_an_independent_sum(
    buyer, tmp_path, folder, header_row, amount, encoding
):
    path = real_slice(folder, 400, tmp_path)
    result = run(path)
    assert result["rows_imported"] > 300 and result["rows_rejected"] <= 1
    assert Decimal(result["total_amount"]) == independent_sum(path, header_row, amount, encoding)
    assert Payment.objects.count() == result["rows_imported"]


def test_importing_again_adds_nothing_and_overlaps_are_skipped(buyer, tmp_path):
    first = real_slice("manchester", 300, tmp_path, "june.csv")
    result = run(first)
    again = run(first)
    assert again["rows_imported"] == 0 and again["duplicates_skipped"] == result["rows_read"]
    # A later file that repeats some rows of the first: only the new rows are added.
    lines = first.read_bytes().splitlines(keepends=True)
    overlap = tmp_path / "july.csv"
    overlap.write_bytes(
        b"".join(
            [
                lines[0],
                *lines[250:300],
                b"Manchester City Council,X,Y,2021-07-01,1,10.00,New Supplier Ltd\n",
            ]
        )
    )
    later = run(overlap)
    assert later["duplicates_skipped"] == 50 and later["rows_imported"] == 1
    assert Payment.objects.count() == result["rows_imported"] + 1


def test_identical_rows_within_a_file_are_both_kept(buyer, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text(
        "Supplier Name,Amount,Date Paid\nAcme Ltd,10.00,01/04/2024\nAcme Ltd,10.00,01/04/2024\n"
    )
    assert run(path)["rows_imported"] == 2


def test_redacted_totals_and_bad_rows(buyer, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Anytown payments,,,\n,,,\nSupplier Name,Net Amount,Payment Date,Company Number\n"
        'Acme Ltd,"1,000.00",01/04/2024,1234567\n'
        "Redacted Personal Information,50.00,02/04/2024,\n"
        "Bolt plc,ten pounds,03/04/2024,\n"
        "Cogs Ltd,20.00,31/02/2024,\n"
        "#N/A,30.00,04/04/2024,\n"
        ",,,\n"
        ",1070.00,,\n"
    )
    result = run(path)
    assert result["rows_read"] == 6 and result["rows_imported"] == 2
    assert result["rows_redacted"] == 1 and result["rows_rejected"] == 4
    assert Decimal(result["total_amount"]) == Decimal("1050.00")
    reasons = dict(RejectedRow.objects.values_list("row_number", "reason"))
    assert reasons[6] == "amount: 'ten pounds' is not an amount"
    assert reasons[7] == "payment date: '31/02/2024' is not a date"
    assert reasons[8] == "supplier name: '#N/A' is a spreadsheet error, not a name"
    assert "totals row" in reasons[10]
    acme = Payment.objects.get(supplier_name="Acme Ltd")
    assert acme.company_number == "01234567" and acme.row_number == 4
    out = StringIO()
    call_command("spend_rejections", "--buyer", "Anytown Council", "--csv", "-", stdout=out)
    lines = list(csv.reader(StringIO(out.getvalue())))
    assert lines[0] == ["import", "file", "row", "reason", "cells"] and len(lines) == 5


def test_zip_gzip_semicolons_and_a_bom(buyer, tmp_path):
    body = "\ufeffSupplier Name;Amount;Date Paid\nAcme Ltd;10,00;01/04/2024\n".replace(
        "10,00", "10.00"
    )
    archive = tmp_path / "payments.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("april.csv", body.encode("utf-8"))
    packed = tmp_path / "may.csv.gz"
    packed.write_bytes(gzip.compress(body.replace("01/04", "01/05").encode("utf-8")))
    result = run(archive, packed)
    assert result["rows_imported"] == 2
    assert set(SpendImport.objects.values_list("source_name", flat=True)) == {
        "payments.zip: april.csv",
        "may.csv",
    }


def _xlsx(path, rows):
    """A minimal XLSX workbook (inline strings), written with the standard library."""

    def cell(ref, value):
        if isinstance(value, (int, float)):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    sheet_rows = "".join(
        f'<row r="{r}">'
        + "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row))
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    ns = "http://schemas.openxmlformats.org"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types xmlns="{ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Payments" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0"?><worksheet xmlns="{ns}/spreadsheetml/2006/main"><sheetData>{sheet_rows}</sheetData></worksheet>',
        )


def test_xlsx_with_excel_serial_dates(buyer, tmp_path):
    path = tmp_path / "payments.xlsx"
    _xlsx(
        path,
        [
            ["Payments over £500"],
            ["Supplier Name", "Net Amount", "Payment Date"],
            ["Acme Ltd", 1250.5, 45383],
            ["Bolt plc", 99, 45384],
        ],
    )
    result = run(path)
    assert result["rows_imported"] == 2 and Decimal(result["total_amount"]) == Decimal("1349.50")
    assert str(Payment.objects.get(supplier_name="Acme Ltd").payment_date) == "2024-04-01"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty (0 bytes)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text (CSV) file"),
        (b"Acme Ltd,10.00,01/04/2024\nBolt plc,11.00,02/04/2024\n", "no header row found"),
        (
            b"Supplier Name,Directorate,Notes\nAcme,X,Y\n",
            "cannot tell which column holds: Payment date, Net amount",
        ),
        (b"PK\x03\x04broken", "the zip file is damaged"),
    ],
)
def test_bad_files_are_refused_clearly_and_nothing_is_imported(buyer, tmp_path, content, message):
    good = tmp_path / "good.csv"
    good.write_text("Supplier Name,Amount,Date Paid\nAcme Ltd,10.00,01/04/2024\n")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match=re.escape(message)):
        run(good, bad)
    assert not Payment.objects.exists() and not SpendImport.objects.exists()  # all or nothing


def test_a_wrong_encoding_still_reads(buyer, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(
        "Supplier Name,Amount,Date Paid\nCaf\u00e9 Ltd,\u00a312.00,01/04/2024\n".encode("cp1252")
    )
    assert run(path)["rows_imported"] == 1
    assert Payment.objects.get().supplier_name == "Caf\u00e9 Ltd"


def test_ragged_rows_are_read_or_rejected_with_a_reason(buyer, tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(
        "Supplier Name,Amount,Date Paid,Notes\nAcme Ltd,10.00,01/04/2024\nBolt plc,11.00\n"
    )
    result = run(path)
    assert result["rows_imported"] == 1 and result["rows_rejected"] == 1
    assert RejectedRow.objects.get().reason == "payment date: the date is empty"


def test_the_mapping_is_remembered_and_a_mapping_file_can_be_given(buyer, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Who,How much,When\nAcme Ltd,10.00,01/04/2024\n")
    with pytest.raises(CommandError, match="cannot tell which column holds: Supplier name"):
        run(path)
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps({"supplier_name": "Who", "amount": "How much", "payment_date": "When"})
    )
    result = run(path, extra=["--mapping", str(mapping)])
    assert result["mapping"] == {
        "supplier_name": "Who",
        "amount": "How much",
        "payment_date": "When",
    }
    assert ColumnMapping.objects.get().mapping == result["mapping"]
    # Next month's file with the same columns needs no mapping.
    later = tmp_path / "odd-may.csv"
    later.write_text("Who,How much,When\nBolt plc,12.00,01/05/2024\n")
    assert run(later)["rows_imported"] == 1


def test_unknown_buyer_and_bad_mapping_file(buyer, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("Supplier Name,Amount,Date Paid\nAcme Ltd,10.00,01/04/2024\n")
    with pytest.raises(CommandError, match="No organisation called 'Nowhere'"):
        run(path, buyer="Nowhere")
    mapping = tmp_path / "m.json"
    mapping.write_text('{"money": "Amount"}')
    with pytest.raises(CommandError, match="unknown field"):
        run(path, extra=["--mapping", str(mapping)])


def test_columns_inferred_from_values_are_used_and_ambiguity_is_refused(buyer, tmp_path):
    # Synthetic rows under names AnchorHub does not know.
    rows = [f"Synthetic Payee {n % 9},{n:02d}/06/2024,{n}.25,Adults" for n in range(1, 21)]
    path = tmp_path / "unknown-names.csv"
    path.write_text("Who,When,How much,Team\n" + "\n".join(rows) + "\n")
    result = run(path)
    assert result["rows_imported"] == 20
    assert {k: result["mapping"][k] for k in ("supplier_name", "payment_date", "amount")} == {
        "supplier_name": "Who",
        "payment_date": "When",
        "amount": "How much",
    }
    two = [f"Synthetic Payee {n},Synthetic Other {n},{n:02d}/07/2024,{n}.25" for n in range(1, 21)]
    ambiguous = tmp_path / "two-names.csv"
    ambiguous.write_text("Name one,Name two,When,How much\n" + "\n".join(two) + "\n")
    with pytest.raises(CommandError) as refused:
        run(ambiguous)
    assert "cannot tell which column holds: Supplier name" in str(refused.value)
    assert "could be in any of: “Name one”, “Name two”" in str(refused.value)
