"""Reading the first sheet of a spreadsheet someone uploaded (XLSX/XLSM, XLS, ODS), bounded: the
one reader for every place AnchorHub opens a spreadsheet. No database.

python-calamine reads the values, but it builds a dense table from cell A1 to the farthest cell
that exists, so a 5 KB file whose only far cell is XFD1048576 would ask for hundreds of GiB. So the
cells that exist are looked at first, streamed from the file's XML without building anything,
and a sheet wider, longer or larger than the limits (core/sheet_limits.py) is refused with its
name and the cell before calamine is asked for it (core/xlsx_size.py, core/ods_size.py). The XML
of an XLSX is scanned in two quick passes that only look for what is out of the ordinary (a cell
without its reference, or one beyond the limits); only such a file is walked cell by cell. The XLS
format cannot hold more than 65,536 rows by 256 columns, so its table is checked after reading.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from python_calamine import CalamineError, CalamineWorkbook

from core.archives import DecompressionProblem
from core.ods_size import check_ods
from core.sheet_limits import (
    MAX_BYTES,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    Extent,
    Limits,
    SpreadsheetProblem,
)
from core.xlsx_size import check_xlsx

# The limits are read from here by core/settings.py; the problem and limits by every reader.
__all__ = [
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "Limits",
    "Sheet",
    "SpreadsheetProblem",
    "cell_text",
    "check_size",
    "is_spreadsheet",
    "read_first_sheet",
]

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Sheet:
    name: str
    rows: list[list[str]]  # from cell A1, every value as text


def check_size(data: bytes, label: str, limits: Limits | None = None) -> None:
    """Refuse, before it is read, a spreadsheet wider, longer or larger than the limits."""
    limits = limits or Limits.from_settings()
    if data[:4] != b"PK\x03\x04":
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            check_xlsx(archive, label, limits)
        elif "content.xml" in names:
            check_ods(archive, label, limits)
        else:
            raise SpreadsheetProblem("not a spreadsheet (a zip of other files)")
    except DecompressionProblem as problem:
        raise SpreadsheetProblem(problem.reason) from None
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise SpreadsheetProblem(f"the spreadsheet cannot be read ({error})") from None


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_first_sheet(data: bytes, label: str, text: Callable[[object], str] = cell_text) -> Sheet:
    """The first sheet's rows from cell A1 as text, after the size check."""
    limits = Limits.from_settings()
    check_size(data, label, limits)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        if sheet.end is not None:
            extent = Extent(sheet.name, limits)
            extent.add(sheet.end[0] + 1, sheet.end[1] + 1)
        rows = [[text(value) for value in row] for row in sheet.to_python(skip_empty_area=False)]
    except (CalamineError, ValueError, OSError) as error:
        if isinstance(error, SpreadsheetProblem):
            raise
        raise SpreadsheetProblem(f"the spreadsheet cannot be read ({error})") from None
    return Sheet(sheet.name, rows)


def is_spreadsheet(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or data[:8] == OLE
