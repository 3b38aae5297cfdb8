"""A register file opened as tables of text cells: CSV or TSV (UTF-8, falling back to Windows-1252
byte by byte for files such as the Northern Ireland charity register), each sheet of an XLSX/XLS/
ODS workbook, and the same inside .gz or every member of a .zip. Decompression is bounded
(core/archives.py); so is a workbook's size (core/spreadsheets.py). No database."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from core.archives import Budget, DecompressionProblem, gunzip, read_all, setting, zip_members
from core.spreadsheets import Limits, SpreadsheetProblem, cell_text, check_size, is_spreadsheet

# The Companies House one-file download is about 2.5 GB of CSV, streamed; the cap stops a zip
# bomb, not real data (setting REGISTERS_MAX_UNCOMPRESSED_BYTES).
MAX_UNCOMPRESSED_BYTES = 20 * 1024**3
TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
SHEET_SUFFIXES = {".xlsx", ".xls", ".xlsm", ".ods"}


def _cp1252_fallback(error: UnicodeDecodeError):
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("cp1252fallback", _cp1252_fallback)


class FileProblem(Exception):
    """The file as a whole cannot be read; the message names it and says why."""


@dataclass
class Table:
    label: str  # file name, member or sheet, for messages and the load record
    rows: Iterator[list[str]]


def tables(path: Path) -> Iterator[Table]:
    """Every table in the file at `path`."""
    if not path.exists():
        raise FileProblem(f"{path}: no such file")
    budget = Budget(path.name, setting("REGISTERS_MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES))
    try:
        if zipfile.is_zipfile(path) and path.suffix.lower() not in SHEET_SUFFIXES:
            with zipfile.ZipFile(path) as archive:
                wanted = [
                    i.filename
                    for i in archive.infolist()
                    if not i.is_dir() and _suffix(i.filename) in TEXT_SUFFIXES | SHEET_SUFFIXES
                ]
                if not wanted:
                    raise FileProblem(f"{path.name}: the zip file holds no CSV, TSV or workbook")
                for info, raw in zip_members(archive, budget, lambda i: i.filename in wanted):
                    yield from _open(f"{path.name}/{info.filename}", info.filename, raw, budget)
            return
        with path.open("rb") as raw:
            if raw.read(2) == b"\x1f\x8b":
                raw.seek(0)
                inner = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
                yield from _open(path.name, inner, gunzip(raw, path.name, budget), budget)
            else:
                raw.seek(0)
                yield from _open(path.name, path.name, raw, budget)
    except DecompressionProblem as problem:
        raise FileProblem(str(problem)) from None
    except zipfile.BadZipFile as error:
        raise FileProblem(f"{path.name}: not a readable zip file ({error})") from None


def _suffix(name: str) -> str:
    return Path(name).suffix.lower()


def _open(label: str, name: str, raw, budget: Budget) -> Iterator[Table]:
    head = raw.peek(8)[:8] if hasattr(raw, "peek") else b""
    if _suffix(name) in SHEET_SUFFIXES or is_spreadsheet(head):
        yield from _sheets(label, read_all(raw))
        return
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="cp1252fallback", newline="")
    try:
        first = text.readline()
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        yield Table(label, _csv_rows(label, first, text, delimiter))
    finally:
        text.close()


def _csv_rows(label: str, first: str, text, delimiter: str) -> Iterator[list[str]]:
    reader = csv.reader(_chain(first, text), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        raise FileProblem(f"{label}, line {reader.line_num}: not CSV ({error})") from None
    except DecompressionProblem as problem:
        raise FileProblem(str(problem)) from None


def _chain(first: str, text) -> Iterator[str]:
    if first:
        yield first
    yield from text


def _sheets(label: str, data: bytes) -> Iterator[Table]:
    try:
        check_size(data, label, Limits.from_settings())
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [(name, workbook.get_sheet_by_name(name)) for name in workbook.sheet_names]
    except (SpreadsheetProblem, CalamineError, ValueError, OSError) as error:
        raise FileProblem(f"{label}: the workbook cannot be read ({error})") from None
    for name, sheet in sheets:
        yield Table(
            f"{label} [{name}]",
            ([cell_text(v) for v in row] for row in sheet.to_python(skip_empty_area=False)),
        )
