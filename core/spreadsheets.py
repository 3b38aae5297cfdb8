"""Reading the first sheet of a spreadsheet someone uploaded (XLSX/XLSM, XLS, ODS), bounded: the
one reader for every place AnchorHub opens a spreadsheet. No database.

python-calamine reads the values, but it builds a dense table from cell A1 to the farthest cell
that exists, so a 5 KB file whose only far cell is XFD1048576 would ask for hundreds of GiB. So the
cells that exist are looked at first, streamed from the file's XML without building anything,
and a sheet wider, longer or larger than the limits below is refused with its name and the cell
before calamine is asked for it. The XML of an XLSX is scanned in two quick passes that only look
for what is out of the ordinary (a cell without its reference, or one beyond the limits); only
such a file is walked cell by cell. The XLS format cannot hold more than 65,536 rows by 256
columns, so its table is checked after reading.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from core.archives import Budget, DecompressionProblem, read_all, setting, zip_members

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
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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


@dataclass
class Sheet:
    name: str
    rows: list[list[str]]  # from cell A1, every value as text


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


class _Extent:
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


# XLSX: a sheet's XML, as bytes. Attribute values are matched whole, quotes included, so a '>'
# inside one cannot hide the rest of a tag.
_ATTRIBUTES = rb"""((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*/?>"""
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)" + _ATTRIBUTES)
_REF_ATTRIBUTE = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(r"([A-Z]{0,3})([1-9][0-9]{0,6})")


def _above(limit: str, alphabet: str, first: str) -> str:
    """A regular expression for the strings over `alphabet` (first character from `first`) that
    stand for more than `limit` (a column's letters or a row's digits): longer ones, or as long
    and after it in order."""
    parts = [f"[{first}][{alphabet}]{{{len(limit)},}}"]
    for i, char in enumerate(limit):
        choices = "".join(c for c in (first if i == 0 else alphabet) if c > char)
        if choices:
            parts.append(f"{limit[:i]}[{choices}][{alphabet}]{{{len(limit) - i - 1}}}")
    return "|".join(parts)


_LETTERS, _DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789"
# What the writers of real files (Excel, LibreOffice, Google Sheets, xlsxwriter, openpyxl) never
# put in a sheet's XML: a cell tag that does not start with its reference, or a prefixed tag.
# Each pattern starts with literal text, so a pass over the XML is quick.
_ODD = [re.compile(rb'<c(?! r="|o|f|u|e|h)'), re.compile(rb":(?:c|row)[\s/>]")]
# A reference after other white space than a space (only ever a second, duplicate one).
_ODD_SPACES = (b"\tr=", b"\nr=", b"\rr=")
# Each row's number, or b"" for a row tag that does not start with one.
_ROWS = re.compile(rb'<row(?=[\s/>])(?: r="([1-9][0-9]{0,6})"(?=[\s/>])|)')


def _beyond(columns: int, rows: int) -> re.Pattern:
    """A reference that is not one of the usual shape, or one to a column after `columns` or a
    row after `rows`."""
    letters = _above(column_letters(columns), _LETTERS, _LETTERS)
    digits = _above(str(rows), _DIGITS, _DIGITS[1:])
    return re.compile(
        f' r="(?:(?![A-Z]{{0,3}}[1-9][0-9]{{0,6}}")|(?:{letters})[0-9]|[A-Z]{{0,3}}(?:{digits})")'.encode()
    )


def _search(
    chunks: Iterator[bytes], patterns: list[re.Pattern], spaces: bool = False
) -> list[list[bytes]]:
    """Every match of each pattern over a stream of XML, cut after a tag's end so that no match
    (all lie inside one tag) is split between chunks; with `spaces`, a b"" in the first list
    for odd white space before a reference."""
    found: list[list[bytes]] = [[] for _ in patterns]
    carry = b""
    for chunk in itertools.chain(chunks, [b">"]):
        data = carry + chunk
        cut = data.rfind(b">") + 1
        data, carry = data[:cut], data[cut:]
        if len(carry) > 4 * CHUNK:
            raise SpreadsheetProblem("the sheet holds more than 4 MB without a tag: not a sheet")
        for i, pattern in enumerate(patterns):
            found[i].extend(pattern.findall(data))
        if spaces and any(space in data for space in _ODD_SPACES):
            found[0].append(b"")
    return found


def _ordinary(chunks: Callable[[], Iterator[bytes]], limits: Limits) -> bool:
    """Whether every cell of a sheet's XML is written the usual way and lies within the limits,
    found in two quick passes (the rows, then the references); if not, the sheet is walked cell
    by cell."""
    *odd, rows = _search(chunks(), [*_ODD, _ROWS], spaces=True)
    if any(odd) or b"" in rows:
        return False
    last_row = max((int(number) for number in rows), default=1)
    if last_row > limits.rows:
        return False
    columns = max(min(limits.columns, limits.cells // last_row), 1)
    # No reference of an odd shape, after the last row, or wider than the cell limit allows.
    return not _search(chunks(), [_beyond(columns, last_row)])[0]


def _tags(chunks: Iterator[bytes]) -> Iterator[tuple[bytes, bytes]]:
    """Each row and cell tag of a stream of XML in turn, as (name, attributes); a tag cut by a
    chunk boundary is carried into the next chunk."""
    tail = b""
    for chunk in itertools.chain(chunks, [b""]):
        data = tail + chunk
        cut = data.rfind(b"<") if chunk else len(data)
        whole, tail = (data[:cut], data[cut:]) if cut >= 0 else (data, b"")
        if len(tail) > 4 * CHUNK:
            raise SpreadsheetProblem("the sheet holds more than 4 MB without a tag: not a sheet")
        yield from _TAG.findall(whole)


def _walk_xlsx_cells(chunks: Iterator[bytes], extent: _Extent) -> None:
    """Every row and cell tag in turn, as calamine places them; a cell without a reference goes
    after the farthest one of its row, so the extent is never under-counted."""
    row = column = 0
    for kind, attributes in _tags(chunks):
        match = _REF_ATTRIBUTE.search(attributes)
        ref = (match.group(1) or match.group(2) or b"").decode("latin-1") if match else None
        if kind == b"row":
            if ref is not None and not ref.isdigit():
                raise SpreadsheetProblem(f"Sheet '{extent.sheet}': row number '{ref}' is not one")
            row = int(ref) if ref else max(row, extent.rows) + 1
            column = 0
            continue
        if ref is None:
            column += 1
            extent.add(max(row, 1), column)
            continue
        parts = _REF.fullmatch(ref)
        if not parts:
            raise SpreadsheetProblem(f"Sheet '{extent.sheet}': cell reference '{ref}' is not one")
        column = max(column, _column_number(parts.group(1)) if parts.group(1) else column + 1)
        extent.add(int(parts.group(2)), column)


def _xlsx_first_sheet(archive: zipfile.ZipFile, budget: Budget) -> tuple[str, str]:
    """The name and the part of the workbook's first sheet."""

    def part(name: str) -> bytes:
        try:
            info = archive.getinfo(name)
        except KeyError:
            raise SpreadsheetProblem(f"not a spreadsheet (no {name})") from None
        for _info, stream in zip_members(archive, budget, lambda i: i is info):
            return read_all(stream)
        return b""

    workbook = part("xl/workbook.xml")
    sheet = re.search(rb"<(?:\w+:)?sheet\s[^>]*>", workbook)
    if not sheet:
        raise SpreadsheetProblem("the workbook has no sheet")
    name = re.search(rb'\sname="([^"]*)"', sheet.group(0))
    rid = re.search(rb'\s[\w]+:id="([^"]*)"', sheet.group(0))
    rels = part("xl/_rels/workbook.xml.rels")
    target = None
    for relation in re.findall(rb"<(?:\w+:)?Relationship\s[^>]*>", rels):
        if rid and re.search(rb'\sId="' + re.escape(rid.group(1)) + b'"', relation):
            found = re.search(rb'\sTarget="([^"]*)"', relation)
            target = found.group(1).decode("utf-8", "replace") if found else None
    label = (name.group(1) if name else b"Sheet1").decode("utf-8", "replace")
    label = label.replace("&amp;", "&").replace("&apos;", "'").replace("&quot;", '"')
    if not target:
        raise SpreadsheetProblem(f"the first sheet '{label}' has no data part")
    target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return label, target


def _check_xlsx(archive: zipfile.ZipFile, label: str, limits: Limits) -> None:
    budget = Budget(label, limits.bytes)  # the whole workbook, each part counted once
    sheet, part = _xlsx_first_sheet(archive, budget)
    if part not in archive.namelist():
        raise SpreadsheetProblem(f"the first sheet '{sheet}' has no data part")
    passes = iter([budget])

    def chunks() -> Iterator[bytes]:
        # The sheet's first pass counts towards the workbook; later ones are bounded alike.
        counted = next(passes, None) or Budget(label, limits.bytes)
        for _info, stream in zip_members(archive, counted, lambda i: i.filename == part):
            while chunk := stream.read(CHUNK):
                yield chunk

    if not _ordinary(chunks, limits):
        _walk_xlsx_cells(chunks(), _Extent(sheet, limits))
    # The rest of the workbook (shared strings above all) is read whole by calamine: count it.
    seen = {part, "xl/workbook.xml", "xl/_rels/workbook.xml.rels"}
    for _info, stream in zip_members(archive, budget, lambda i: i.filename not in seen):
        while stream.read(CHUNK):
            pass


def _check_ods(archive: zipfile.ZipFile, label: str, limits: Limits) -> None:
    """The first table of content.xml, walked: cells repeated by number-columns-repeated and rows
    by number-rows-repeated count as many times, when they hold anything."""
    import pyexpat

    budget = Budget(label, limits.bytes)
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    state = {"depth": 0, "row": 0, "column": 0, "cell": None, "filled": False}
    extent: _Extent | None = None
    done = False

    def repeat(attributes, name) -> int:
        try:
            return max(int(attributes.get(f"{table} {name}", "1")), 1)
        except ValueError:
            return 1

    def start(name, attributes):
        nonlocal extent
        if done:
            return
        if name == f"{table} table":
            state["depth"] += 1
            if extent is None:
                extent = _Extent(attributes.get(f"{table} name", "Sheet1"), limits)
        elif extent is None or state["depth"] != 1:
            return
        elif name == f"{table} table-row":
            state["repeat_rows"], state["column"], state["filled_row"] = (
                repeat(attributes, "number-rows-repeated"),
                0,
                False,
            )
        elif name in (f"{table} table-cell", f"{table} covered-table-cell"):
            state["cell"] = repeat(attributes, "number-columns-repeated")
            state["filled"] = f"{office} value-type" in attributes
        elif state["cell"] is not None:
            state["filled"] = True

    def end(name):
        nonlocal done
        if done or extent is None:
            return
        if name == f"{table} table":
            state["depth"] -= 1
            done = state["depth"] == 0
        elif state["depth"] != 1:
            return
        elif name in (f"{table} table-cell", f"{table} covered-table-cell"):
            state["column"] += state["cell"]
            if state["filled"]:
                state["filled_row"] = True
                state["last_column"] = state["column"]
                extent.add(state["row"] + 1, state["column"])
            state["cell"] = None
        elif name == f"{table} table-row":
            if state["filled_row"]:
                extent.add(state["row"] + state["repeat_rows"], state["last_column"])
            state["row"] += state["repeat_rows"]

    def no_entities(*_args):
        raise SpreadsheetProblem("the spreadsheet declares XML entities")

    parser = pyexpat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.EntityDeclHandler = parser.StartDoctypeDeclHandler = no_entities
    found = False
    for _info, stream in zip_members(archive, budget, lambda i: i.filename == "content.xml"):
        found = True
        try:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except pyexpat.ExpatError as error:
            raise SpreadsheetProblem(f"the spreadsheet cannot be read ({error})") from None
    if not found:
        raise SpreadsheetProblem("not a spreadsheet (no content.xml)")
    for _info, stream in zip_members(archive, budget, lambda i: i.filename != "content.xml"):
        while stream.read(CHUNK):
            pass


def check_size(data: bytes, label: str, limits: Limits | None = None) -> None:
    """Refuse, before it is read, a spreadsheet wider, longer or larger than the limits."""
    limits = limits or Limits.from_settings()
    if data[:4] != b"PK\x03\x04":
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            _check_xlsx(archive, label, limits)
        elif "content.xml" in names:
            _check_ods(archive, label, limits)
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
    from python_calamine import CalamineError, CalamineWorkbook

    limits = Limits.from_settings()
    check_size(data, label, limits)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        if sheet.end is not None:
            extent = _Extent(sheet.name, limits)
            extent.add(sheet.end[0] + 1, sheet.end[1] + 1)
        rows = [[text(value) for value in row] for row in sheet.to_python(skip_empty_area=False)]
    except (CalamineError, ValueError, OSError) as error:
        if isinstance(error, SpreadsheetProblem):
            raise
        raise SpreadsheetProblem(f"the spreadsheet cannot be read ({error})") from None
    return Sheet(sheet.name, rows)


def is_spreadsheet(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or data[:8] == OLE
