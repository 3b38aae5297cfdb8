"""How large a spreadsheet AnchorHub reads (rows, columns, cells, bytes decompressed; each a
setting), the problem raised for one that cannot be read, and the extent of a sheet checked
against the limits at every cell. No database."""

from __future__ import annotations

from dataclasses import dataclass

from core.archives import setting

# Payment files and case sheets have tens of columns; a thousand is wider than any real table,
# while Excel's 16,384 is only reached by a stray far cell (setting SPREADSHEET_MAX_COLUMNS).
MAX_COLUMNS = 1_000
# Excel's own limit is 1,048,576 rows; a year of a large council's payments is a few hundred
# thousand (setting SPREADSHEET_MAX_ROWS).
MAX_ROWS = 1_048_576
# The table is held whole (calamine's, then ours as text): 5 million cells is a few hundred MB
# at most, more than a year of payments at 15 columns (setting SPREADSHEET_MAX_CELLS).
MAX_CELLS = 5_000_000
# Everything inside a spreadsheet file together, decompressed (setting SPREADSHEET_MAX_BYTES).
MAX_BYTES = 1024 * 1024 * 1024

CHUNK = 1024 * 1024


class SpreadsheetProblem(ValueError):
    """The spreadsheet cannot be read, or is larger than AnchorHub reads; the message says why."""


@dataclass(frozen=True)
class Limits:
    rows: int
    columns: int
    cells: int
    bytes: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            setting("SPREADSHEET_MAX_ROWS", MAX_ROWS),
            setting("SPREADSHEET_MAX_COLUMNS", MAX_COLUMNS),
            setting("SPREADSHEET_MAX_CELLS", MAX_CELLS),
            setting("SPREADSHEET_MAX_BYTES", MAX_BYTES),
        )


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Extent:
    """The farthest row and column seen so far, checked against the limits at every cell."""

    def __init__(self, sheet: str, limits: Limits):
        self.sheet, self.limits = sheet, limits
        self.rows = self.columns = 0

    def add(self, row: int, column: int) -> None:
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)
        limits, cell = self.limits, f"{column_letters(column)}{row}"
        if column > limits.columns:
            raise SpreadsheetProblem(
                f"Sheet '{self.sheet}' is {column:,} columns wide (to cell {cell}); AnchorHub "
                f"reads at most {limits.columns:,} columns. Delete the columns beyond the table, "
                "or copy the table to a new sheet."
            )
        if row > limits.rows:
            raise SpreadsheetProblem(
                f"Sheet '{self.sheet}' is {row:,} rows long (to cell {cell}); AnchorHub reads "
                f"at most {limits.rows:,} rows. Split it into smaller files."
            )
        if self.rows * self.columns > limits.cells:
            raise SpreadsheetProblem(
                f"Sheet '{self.sheet}' spans {self.rows:,} rows by {self.columns:,} columns (to "
                f"cell {cell}), {self.rows * self.columns:,} cells; AnchorHub reads at most "
                f"{limits.cells:,} cells. Delete what lies beyond the table, or split it."
            )
