"""The limits a spreadsheet is read within (core/sheet_limits.py): the settings they come from,
column letters for the messages, and the extent of a sheet refused at the first cell beyond them.
No database."""

import pytest

from core import sheet_limits
from core.sheet_limits import Extent, Limits, SpreadsheetProblem, column_letters
from core.spreadsheets import read_first_sheet
from tests.hostile_files import number_cell, payments_header, xlsx


def refusal(data: bytes) -> str:
    with pytest.raises(SpreadsheetProblem) as problem:
        read_first_sheet(data, "payments.xlsx")
    return str(problem.value)


SMALL = Limits(rows=50, columns=5, cells=120, bytes=1)


def extent_refusal(cells, limits=SMALL) -> str:
    extent = Extent("Payments", limits)
    with pytest.raises(SpreadsheetProblem) as problem:
        for row, column in cells:
            extent.add(row, column)
    return str(problem.value)


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


def test_limits_default_to_the_module_constants_and_follow_the_settings(settings):
    for name in (
        "SPREADSHEET_MAX_ROWS",
        "SPREADSHEET_MAX_COLUMNS",
        "SPREADSHEET_MAX_CELLS",
        "SPREADSHEET_MAX_BYTES",
    ):
        if hasattr(settings, name):
            delattr(settings, name)
    assert Limits.from_settings() == Limits(
        sheet_limits.MAX_ROWS,
        sheet_limits.MAX_COLUMNS,
        sheet_limits.MAX_CELLS,
        sheet_limits.MAX_BYTES,
    )
    assert Limits.from_settings() == Limits(1_048_576, 1_000, 5_000_000, 1024**3)
    settings.SPREADSHEET_MAX_ROWS = 7
    settings.SPREADSHEET_MAX_BYTES = 2048
    assert Limits.from_settings() == Limits(7, 1_000, 5_000_000, 2048)


def test_limits_are_frozen_and_the_problem_is_a_value_error():
    limits = Limits(1, 2, 3, 4)
    with pytest.raises(AttributeError):
        limits.rows = 10  # type: ignore[misc]
    assert issubclass(SpreadsheetProblem, ValueError)


@pytest.mark.parametrize(
    ("number", "letters"),
    [
        (0, ""),
        (1, "A"),
        (26, "Z"),
        (27, "AA"),
        (52, "AZ"),
        (702, "ZZ"),
        (703, "AAA"),
        (16384, "XFD"),
    ],
)
def test_column_letters(number, letters):
    assert column_letters(number) == letters


def test_an_extent_keeps_the_farthest_row_and_column_seen():
    extent = Extent("Payments", Limits(rows=50, columns=5, cells=120, bytes=1))
    extent.add(3, 2)
    extent.add(1, 4)
    extent.add(2, 1)
    assert (extent.sheet, extent.rows, extent.columns) == ("Payments", 3, 4)
    # exactly at each limit is still within it: 24 rows by 5 columns is 120 cells
    extent.add(24, 5)
    assert (extent.rows, extent.columns) == (24, 5)


def test_an_extent_refuses_a_column_beyond_the_limit_first():
    message = extent_refusal([(51, 6)])  # beyond both: the width is said
    assert message == (
        "Sheet 'Payments' is 6 columns wide (to cell F51); AnchorHub reads at most 5 columns. "
        "Delete the columns beyond the table, or copy the table to a new sheet."
    )


def test_an_extent_refuses_a_row_beyond_the_limit():
    assert extent_refusal([(51, 1)]) == (
        "Sheet 'Payments' is 51 rows long (to cell A51); AnchorHub reads at most 50 rows. "
        "Split it into smaller files."
    )


def test_an_extent_refuses_cells_once_rows_by_columns_pass_the_limit():
    # Neither cell is beyond the cap alone: the farthest row of one and column of the other are.
    message = extent_refusal([(30, 1), (2, 5)])
    assert message == (
        "Sheet 'Payments' spans 30 rows by 5 columns (to cell E2), 150 cells; AnchorHub reads at "
        "most 120 cells. Delete what lies beyond the table, or split it."
    )


def test_large_numbers_are_written_with_thousands_separators():
    limits = Limits(rows=1_048_576, columns=1_000, cells=5_000_000, bytes=1)
    assert extent_refusal([(1_048_576, 16_384)], limits).startswith(
        "Sheet 'Payments' is 16,384 columns wide (to cell XFD1048576); AnchorHub reads at most "
        "1,000 columns."
    )
