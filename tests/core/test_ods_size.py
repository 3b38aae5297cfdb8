"""The size of an ODS workbook's first table (core/ods_size.py): content.xml walked, cells and rows
repeated by number counting as many times when they hold anything. No database."""

import io
import zipfile

import pytest

from core.ods_size import check_ods
from core.sheet_limits import Limits, SpreadsheetProblem
from core.spreadsheets import read_first_sheet
from tests.hostile_files import ods, ods_cell

SMALL = Limits(rows=50, columns=5, cells=120, bytes=1024**3)
EMPTY = b'<table:table-cell table:number-columns-repeated="{n}"/>'


def refusal(data: bytes) -> str:
    with pytest.raises(SpreadsheetProblem) as problem:
        read_first_sheet(data, "payments.xlsx")
    return str(problem.value)


def checked(data: bytes, limits: Limits = SMALL) -> None:
    check_ods(zipfile.ZipFile(io.BytesIO(data)), "x.ods", limits)


def check_refusal(data: bytes, limits: Limits = SMALL) -> str:
    with pytest.raises(SpreadsheetProblem) as problem:
        checked(data, limits)
    return str(problem.value)


def row(*cells: bytes, repeated: int = 1) -> bytes:
    attribute = f' table:number-rows-repeated="{repeated}"'.encode() if repeated > 1 else b""
    return b"<table:table-row" + attribute + b">" + b"".join(cells) + b"</table:table-row>"


def rewritten(data: bytes, old: bytes, new: bytes) -> bytes:
    """The workbook with `old` replaced by `new` in its content.xml (which must hold it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as book:
        for name in source.namelist():
            text = source.read(name)
            if name == "content.xml":
                assert old in text
                text = text.replace(old, new)
            book.writestr(name, text)
    return out.getvalue()


# Moved from tests/core/test_spreadsheets.py.


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


# Direct tests of check_ods.


def test_repeated_cells_and_rows_count_as_many_when_filled():
    checked(ods(row(ods_cell("x", repeated=5), repeated=24)))  # 24 by 5: 120 cells
    assert check_refusal(ods(row(ods_cell("x", repeated=6)))).startswith(
        "Sheet 'Payments' is 6 columns wide (to cell F1)"
    )
    assert check_refusal(ods(row(ods_cell("x"), repeated=51))).startswith(
        "Sheet 'Payments' is 51 rows long (to cell A51)"
    )
    assert "spans 25 rows by 5 columns" in check_refusal(
        ods(row(ods_cell("x", repeated=5), repeated=25))
    )


def test_empty_cells_and_rows_count_for_nothing_but_move_what_follows():
    # Empty repeated cells push a filled one to the right; empty rows push a filled row down.
    assert "is 6 columns wide (to cell F1)" in check_refusal(
        ods(row(EMPTY.replace(b"{n}", b"5"), ods_cell("x")))
    )
    assert "is 51 rows long (to cell A51)" in check_refusal(
        ods(row(EMPTY.replace(b"{n}", b"3"), repeated=50) + row(ods_cell("x")))
    )
    checked(ods(row(EMPTY.replace(b"{n}", b"100000"), repeated=1_000_000)))


def test_the_row_extent_is_its_last_filled_cell_not_the_empty_ones_after():
    # A filled row repeated 40 times, its trailing empty cells wide: 40 by 3 is within 120 cells.
    checked(ods(row(ods_cell("x", repeated=3), EMPTY.replace(b"{n}", b"1000"), repeated=40)))


def test_a_cell_with_text_but_no_value_type_is_filled():
    cell = (
        b'<table:table-cell table:number-columns-repeated="6"><text:p>x</text:p></table:table-cell>'
    )
    assert "is 6 columns wide (to cell F1)" in check_refusal(ods(row(cell)))


def test_covered_cells_count_like_cells():
    covered = (
        b'<table:covered-table-cell table:number-columns-repeated="6" office:value-type="string">'
        b"<text:p>x</text:p></table:covered-table-cell>"
    )
    assert "is 6 columns wide (to cell F1)" in check_refusal(ods(row(covered)))


def test_a_repeat_that_is_not_a_number_counts_once():
    odd = (
        b'<table:table-cell table:number-columns-repeated="many" office:value-type="string">'
        b"<text:p>x</text:p></table:table-cell>"
    )
    zero = odd.replace(b'"many"', b'"0"')
    checked(ods(row(odd, zero, odd, zero, odd)))  # five cells, each once
    assert "is 6 columns wide" in check_refusal(ods(row(odd, zero, odd, zero, odd, odd)))


def test_only_the_first_table_and_not_a_table_nested_in_it_is_checked():
    wide = row(ods_cell("x", repeated=100))
    nested = b'<table:table table:name="Inner">' + wide + b"</table:table>"
    checked(ods(row(ods_cell("x")) + nested))
    second = rewritten(
        ods(row(ods_cell("x"))),
        b"</table:table>",
        b'</table:table><table:table table:name="Second">' + wide + b"</table:table>",
    )
    checked(second)
    named = ods(wide, name="April")
    assert check_refusal(named).startswith("Sheet 'April' is 100 columns wide")


def test_a_table_without_a_name_is_called_sheet1():
    data = rewritten(ods(row(ods_cell("x", repeated=6))), b' table:name="Payments"', b"")
    assert check_refusal(data).startswith("Sheet 'Sheet1' is 6 columns wide")


def test_files_that_are_not_an_ods_table_are_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert check_refusal(out.getvalue()) == "not a spreadsheet (no content.xml)"
    broken = rewritten(ods(row(ods_cell("x"))), b"</table:table-row>", b"</table:table-rows>")
    assert check_refusal(broken).startswith("the spreadsheet cannot be read (mismatched tag")


def test_xml_entities_are_refused():
    data = rewritten(
        ods(row(ods_cell("x"))),
        b'<?xml version="1.0"?>',
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]>',
    )
    assert check_refusal(data) == "the spreadsheet declares XML entities"


def test_the_whole_file_counts_towards_the_bytes_limit():
    from core.archives import DecompressionProblem

    data = ods(row(ods_cell("x")))
    limits = Limits(rows=50, columns=5, cells=120, bytes=100_000)
    checked(data, limits)
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as book:
        book.writestr("styles.xml", "<s>" + "x" * 200_000 + "</s>")
    with pytest.raises(DecompressionProblem, match="expands to more than 100,000 bytes"):
        checked(out.getvalue(), limits)
