"""The one bounded spreadsheet reader: the cells that exist are checked against the caps on rows,
columns and cells before the table is built, and a sheet beyond them is refused by name and cell."""

import io
import resource
import subprocess
import sys
import textwrap
from datetime import date, datetime

import pytest
import xlsxwriter

from core.spreadsheets import Limits, SpreadsheetProblem, check_size, read_first_sheet
from tests.hostile_files import (
    FAR_CELL,
    number_cell,
    ods,
    ods_cell,
    payments_header,
    text_cell,
    xlsx,
)


def refusal(data: bytes) -> str:
    with pytest.raises(SpreadsheetProblem) as problem:
        read_first_sheet(data, "payments.xlsx")
    return str(problem.value)


def test_a_far_cell_is_refused_with_the_sheet_and_the_cell():
    assert len(FAR_CELL) < 5_000
    assert refusal(FAR_CELL).startswith(
        "Sheet 'Payments' is 16,384 columns wide (to cell XFD1048576); AnchorHub reads at most "
        "1,000 columns."
    )


def test_the_far_cell_file_is_refused_by_the_spend_reader_within_a_gigabyte(tmp_path):
    # Without the check, calamine asks for ~512 GiB for this 5 KB file and aborts the process;
    # here the reading runs in a child limited to 1 GiB of address space.
    path = tmp_path / "payments.xlsx"
    path.write_bytes(FAR_CELL)
    limit = 1024**3

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from spend.reading import FileProblem, read_tables
        try:
            read_tables(Path({str(path)!r}))
        except FileProblem as problem:
            print(problem)
        """
    )
    child = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        preexec_fn=limited,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    assert "payments.xlsx: Sheet 'Payments' is 16,384 columns wide" in child.stdout


def test_a_sheet_of_a_hundred_million_cells_is_refused_by_the_cell_cap():
    data = xlsx(payments_header() + b'<row r="100000">' + number_cell("ALL100000", 1) + b"</row>")
    assert refusal(data).startswith(
        "Sheet 'Payments' spans 100,000 rows by 1,000 columns (to cell ALL100000), 100,000,000 "
        "cells; AnchorHub reads at most 5,000,000 cells."
    )


def test_rows_and_columns_are_capped_by_settings(settings):
    settings.SPREADSHEET_MAX_ROWS = 50
    settings.SPREADSHEET_MAX_COLUMNS = 5
    settings.SPREADSHEET_MAX_CELLS = 120
    long = xlsx(payments_header() + b'<row r="51">' + number_cell("A51", 1) + b"</row>")
    assert "Sheet 'Payments' is 51 rows long (to cell A51); AnchorHub reads at most 50 rows" in (
        refusal(long)
    )
    wide = xlsx(payments_header() + b'<row r="2">' + number_cell("F2", 1) + b"</row>")
    assert "is 6 columns wide (to cell F2); AnchorHub reads at most 5 columns" in refusal(wide)
    large = xlsx(payments_header() + b'<row r="41">' + number_cell("C41", 1) + b"</row>")
    assert "spans 41 rows by 3 columns (to cell C41), 123 cells" in refusal(large)
    within = xlsx(payments_header() + b'<row r="40">' + number_cell("C40", 7) + b"</row>")
    rows = read_first_sheet(within, "x.xlsx").rows
    assert len(rows) == 40
    assert rows[-1] == ["", "", "7"]


def test_many_rows_are_checked_for_width_against_the_cell_cap(settings):
    # 400 rows of 3 columns pass 1,200 cells; one cell further right in the middle does not.
    settings.SPREADSHEET_MAX_CELLS = 1_200
    rows = [payments_header()] + [
        f'<row r="{n}">'.encode() + number_cell(f"A{n}", n) + b"</row>" for n in range(2, 401)
    ]
    assert len(read_first_sheet(xlsx(b"".join(rows)), "x.xlsx").rows) == 400
    rows[200] = b'<row r="201">' + number_cell("D201", 1) + b"</row>"
    # refused where the table read so far crosses the cap
    assert "spans 301 rows by 4 columns (to cell A301), 1,204 cells" in refusal(
        xlsx(b"".join(rows))
    )


@pytest.mark.parametrize(
    "row",
    [
        # cells without references, placed one after another
        b'<row r="2">' + b"<c><v>1</v></c>" * 1_001 + b"</row>",
        # the reference after another attribute, or behind a namespace prefix
        b'<row r="2"><c s="0" r="XFD2"><v>1</v></c></row>',
        (
            b'<row r="2"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'r="XFD2"><v>1</v></x:c></row>'
        ),
        b"<row r=\"2\"><c r='XFD2'><v>1</v></c></row>",
        # an attribute whose value holds '>' before the reference
        b'<row r="2"><c t=">" r="XFD2"><v>1</v></c></row>',
    ],
)
def test_cells_written_in_unusual_ways_are_still_counted(row):
    assert "columns wide (to cell" in refusal(xlsx(payments_header() + row))


def test_cells_without_references_read_like_those_with_them():
    plain = xlsx(
        b"<row>"
        b'<c t="inlineStr"><is><t>Supplier Name</t></is></c><c><v>2</v></c>'
        b"</row><row><c><v>5</v></c></row>"
    )
    assert read_first_sheet(plain, "x.xlsx").rows == [["Supplier Name", "2"], ["5", ""]]


def test_a_reference_that_is_not_one_is_refused():
    assert "cell reference '&#88;FD2' is not one" in refusal(
        xlsx(payments_header() + b'<row r="2"><c r="&#88;FD2"><v>1</v></c></row>')
    )


def test_an_ordinary_workbook_reads_from_a1_as_text():
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("April")
    sheet.write_row(2, 0, ["Supplier Name", "Net Amount", "Payment Date"])
    sheet.write_row(3, 0, ["Acme Ltd", 1200.5])
    sheet.write_datetime(3, 2, datetime(2024, 4, 1), book.add_format({"num_format": "d/m/yyyy"}))
    book.close()
    sheet = read_first_sheet(out.getvalue(), "april.xlsx")
    assert sheet.name == "April"
    assert sheet.rows[2:] == [
        ["Supplier Name", "Net Amount", "Payment Date"],
        ["Acme Ltd", "1200.5", date(2024, 4, 1).isoformat()],
    ]


def test_an_ods_sheet_is_checked_with_its_repeated_cells():
    # LibreOffice writes the empty rest of every row and of the sheet as repeated empty cells.
    ordinary = ods(
        b"<table:table-row>"
        + ods_cell("Supplier Name")
        + b'<table:table-cell table:number-columns-repeated="16383"/></table:table-row>'
        + b'<table:table-row table:number-rows-repeated="1048575">'
        + b'<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    assert read_first_sheet(ordinary, "x.ods").rows == [["Supplier Name"]]
    far = ods(
        b'<table:table-row table:number-rows-repeated="1048576">'
        + ods_cell("x", repeated=16384)
        + b"</table:table-row>"
    )
    assert refusal(far).startswith("Sheet 'Payments' is 16,384 columns wide (to cell XFD1)")


def test_what_a_spreadsheet_expands_to_is_capped(settings):
    settings.SPREADSHEET_MAX_BYTES = 1024 * 1024
    big = xlsx(payments_header() + b'<row r="2">' + text_cell("A2", "x" * 2_000_000) + b"</row>")
    assert "expands to more than 1,048,576 bytes" in refusal(big)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (b'<row r="51">' + number_cell("A51", 1) + b"</row>", "is 51 rows long (to cell A51)"),
        (b'<row r="2">' + number_cell("F2", 1) + b"</row>", "is 6 columns wide (to cell F2)"),
        (b'<row r="41">' + number_cell("C41", 1) + b"</row>", "spans 41 rows by 3 columns"),
        # a cell further down than its row says
        (b'<row r="2">' + number_cell("A60", 1) + b"</row>", "is 60 rows long (to cell A60)"),
    ],
)
def test_the_check_refuses_before_calamine_reads_anything(rows, message):
    limits = Limits(rows=50, columns=5, cells=120, bytes=1024**3)
    with pytest.raises(SpreadsheetProblem) as problem:
        check_size(xlsx(payments_header() + rows), "x.xlsx", limits)
    assert message in str(problem.value)
