"""The size of an XLSX workbook's first sheet (core/xlsx_size.py), checked from the sheet's XML
before calamine builds anything: far cells, cells written in unusual ways, references that are not
ones and workbooks whose first sheet cannot be found. No database."""

import io
import zipfile

import pytest

from core.archives import DecompressionProblem
from core.sheet_limits import Limits, SpreadsheetProblem
from core.spreadsheets import check_size, read_first_sheet
from core.xlsx_size import _column_number, check_xlsx
from tests.hostile_files import (
    DOCUMENT,
    FAR_CELL,
    MAIN,
    RELATIONSHIPS,
    number_cell,
    payments_header,
    text_cell,
    xlsx,
)

SMALL = Limits(rows=50, columns=5, cells=120, bytes=1024**3)


def refusal(data: bytes) -> str:
    with pytest.raises(SpreadsheetProblem) as problem:
        read_first_sheet(data, "payments.xlsx")
    return str(problem.value)


def checked(data: bytes, limits: Limits = SMALL) -> None:
    check_xlsx(zipfile.ZipFile(io.BytesIO(data)), "x.xlsx", limits)


def check_refusal(data: bytes, limits: Limits = SMALL) -> str:
    with pytest.raises(SpreadsheetProblem) as problem:
        checked(data, limits)
    return str(problem.value)


def workbook(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        for name, text in parts.items():
            book.writestr(name, text)
    return out.getvalue()


WORKBOOK = (
    f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{DOCUMENT}"><sheets>'
    '<sheet name="Spend &amp; Income" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
RELS = (
    f'<?xml version="1.0"?><Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" '
    f'Type="{DOCUMENT}/worksheet" Target="{{target}}"/></Relationships>'
)


def sheet(rows: bytes) -> bytes:
    return f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + rows + b"</sheetData></worksheet>"


# Moved from tests/core/test_spreadsheets.py: each goes through the reader, whose size check is here.


def test_a_far_cell_is_refused_with_the_sheet_and_the_cell():
    assert len(FAR_CELL) < 5_000
    assert refusal(FAR_CELL).startswith(
        "Sheet 'Payments' is 16,384 columns wide (to cell XFD1048576); AnchorHub reads at most "
        "1,000 columns."
    )


def test_a_sheet_of_a_hundred_million_cells_is_refused_by_the_cell_cap():
    data = xlsx(payments_header() + b'<row r="100000">' + number_cell("ALL100000", 1) + b"</row>")
    assert refusal(data).startswith(
        "Sheet 'Payments' spans 100,000 rows by 1,000 columns (to cell ALL100000), 100,000,000 "
        "cells; AnchorHub reads at most 5,000,000 cells."
    )


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


# Direct tests of check_xlsx.


def test_a_sheet_within_the_limits_passes_at_its_edges():
    checked(xlsx(payments_header() + b'<row r="24">' + number_cell("E24", 1) + b"</row>"))
    checked(xlsx(b'<row r="50">' + number_cell("B50", 1) + b"</row>"))  # 50 rows by 2 columns
    checked(xlsx(b""))  # a sheet with no rows at all


def test_cells_without_references_are_placed_after_the_last_of_their_row():
    # B3 then two cells without references: the second of them is D3, within 5 columns; one more
    # after E3 is F3, beyond them.
    within = b'<row r="3"><c r="B3"><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>'
    checked(xlsx(within))
    beyond = b'<row r="3"><c r="D3"><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>'
    assert "is 6 columns wide (to cell F3)" in check_refusal(xlsx(beyond))


def test_rows_without_numbers_follow_the_farthest_row_seen():
    rows = b'<row r="49"><c r="A49"><v>1</v></c></row><row><c><v>1</v></c></row>'
    checked(xlsx(rows))  # row 50
    rows += b"<row><c><v>1</v></c></row>"
    assert "is 51 rows long (to cell A51)" in check_refusal(xlsx(rows))


def test_a_row_number_that_is_not_one_is_refused():
    rows = b'<row r="x2"><c r="A2"><v>1</v></c></row>'
    assert check_refusal(xlsx(rows)) == "Sheet 'Payments': row number 'x2' is not one"


def test_a_reference_of_only_digits_takes_the_next_column_when_walked():
    # A cell without a reference makes the sheet walked cell by cell; there 'r="2"' (no letters)
    # is placed after the last cell of its row. (The quick passes take it for an ordinary
    # reference; calamine refuses such a sheet when it reads it.)
    row = b'<row r="2"><c><v>1</v></c><c r="E2"><v>1</v></c><c r="2"><v>1</v></c></row>'
    assert "is 6 columns wide (to cell F2)" in check_refusal(xlsx(row))


def test_the_first_sheet_is_found_through_the_workbook_relations():
    parts = {
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": RELS.format(target="/xl/worksheets/data.xml"),
        "xl/worksheets/data.xml": sheet(b'<row r="2"><c r="F2"><v>1</v></c></row>'),
    }
    # an absolute target, and the sheet's name with its entity written out
    assert check_refusal(workbook(parts)).startswith(
        "Sheet 'Spend & Income' is 6 columns wide (to cell F2)"
    )


def test_a_workbook_whose_first_sheet_cannot_be_found_is_refused():
    assert check_refusal(workbook({"xl/workbook.xml": WORKBOOK})) == (
        "not a spreadsheet (no xl/_rels/workbook.xml.rels)"
    )
    assert check_refusal(workbook({"docProps/app.xml": "<x/>"})) == (
        "not a spreadsheet (no xl/workbook.xml)"
    )
    no_sheet = f'<workbook xmlns="{MAIN}"><sheets></sheets></workbook>'
    assert check_refusal(workbook({"xl/workbook.xml": no_sheet})) == "the workbook has no sheet"
    no_relation = {
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": RELS.replace("rId1", "rId9").format(target="sheet.xml"),
    }
    assert check_refusal(workbook(no_relation)) == (
        "the first sheet 'Spend & Income' has no data part"
    )
    missing_part = {
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": RELS.format(target="worksheets/sheet1.xml"),
    }
    assert check_refusal(workbook(missing_part)) == (
        "the first sheet 'Spend & Income' has no data part"
    )


def test_a_sheet_without_any_tag_for_megabytes_is_not_a_sheet():
    data = workbook(
        {
            "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": RELS.format(target="worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml": b"<worksheet " + b"x" * (5 * 1024 * 1024),
        }
    )
    assert check_refusal(data) == "the sheet holds more than 4 MB without a tag: not a sheet"


def test_the_rest_of_the_workbook_counts_towards_the_bytes_limit():
    # The sheet itself is small; the shared strings calamine reads whole are not.
    data = xlsx(payments_header())
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", "<sst>" + "x" * 300_000 + "</sst>")
    limits = Limits(rows=50, columns=5, cells=120, bytes=200_000)
    checked(data, limits)
    with pytest.raises(DecompressionProblem) as problem:
        checked(out.getvalue(), limits)
    assert "expands to more than 200,000 bytes" in str(problem.value)
    # check_size turns it into the spreadsheet's problem
    with pytest.raises(SpreadsheetProblem, match="expands to more than 200,000 bytes"):
        check_size(out.getvalue(), "x.xlsx", limits)


@pytest.mark.parametrize(("letters", "number"), [("A", 1), ("Z", 26), ("AA", 27), ("XFD", 16384)])
def test_column_numbers(letters, number):
    assert _column_number(letters) == number
