"""The size of an XLSX workbook's first sheet, checked before calamine is asked for it: the cells
that exist are looked at, streamed from the sheet's XML without building anything. The XML is
scanned in two quick passes that only look for what is out of the ordinary (a cell without its
reference, or one beyond the limits); only such a file is walked cell by cell. No database."""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Callable, Iterator

from core.archives import Budget, read_all, zip_members
from core.sheet_limits import CHUNK, Extent, Limits, SpreadsheetProblem, column_letters


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


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


def _walk_xlsx_cells(chunks: Iterator[bytes], extent: Extent) -> None:
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


def check_xlsx(archive: zipfile.ZipFile, label: str, limits: Limits) -> None:
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
        _walk_xlsx_cells(chunks(), Extent(sheet, limits))
    # The rest of the workbook (shared strings above all) is read whole by calamine: count it.
    seen = {part, "xl/workbook.xml", "xl/_rels/workbook.xml.rels"}
    for _info, stream in zip_members(archive, budget, lambda i: i.filename not in seen):
        while stream.read(CHUNK):
            pass
