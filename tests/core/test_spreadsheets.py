"""The one bounded spreadsheet reader: the cells that exist are checked against the caps on rows,
columns and cells before the table is built, and a sheet beyond them is refused by name and cell.
The size checks themselves are tested beside their modules: tests/core/test_sheet_limits.py,
test_xlsx_size.py and test_ods_size.py."""

import io
import resource
import subprocess
import sys
import textwrap
from datetime import date, datetime

import xlsxwriter

from core.spreadsheets import read_first_sheet
from tests.hostile_files import FAR_CELL


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
