"""Opening a payment file as publishers distribute it: CSV in any delimiter and encoding (with or
without BOM), XLSX/XLS/ODS, also inside a .zip or .gz. Gives rows of text. No database.

A file is read whole into memory (publishers' monthly and yearly files are tens of MB at most);
that lets the encoding be decided on all of it, not on a guess from its first lines.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from core.archives import Budget, DecompressionProblem, gunzip, read_all, setting, zip_members
from core.spreadsheets import SpreadsheetProblem, is_spreadsheet, read_first_sheet
from spend.columns import join_split_header

# Uncompressed, for a file and for all the members of a zip together (setting
# SPEND_MAX_UNCOMPRESSED_BYTES); a larger file is refused, not half-read.
MAX_BYTES = 500 * 1024 * 1024
DELIMITERS = [",", ";", "\t", "|"]
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


class FileProblem(ValueError):
    """The file cannot be read as a payment file; the message says what is wrong with it."""


@dataclass
class Table:
    name: str  # the file, or "archive.zip: member.csv"
    rows: list[list[str]]
    encoding: str = ""
    delimiter: str = ""


def _max_bytes() -> int:
    return setting("SPEND_MAX_UNCOMPRESSED_BYTES", MAX_BYTES)


def _decompress(path: Path, data: bytes) -> Iterator[tuple[str, bytes]]:
    """The file itself, or what its .gz or .zip holds, one member at a time; every byte that
    comes out is counted against one budget for the file (see core/archives.py)."""
    budget = Budget(path.name, _max_bytes())
    if data[:2] == b"\x1f\x8b":
        try:
            with gunzip(io.BytesIO(data), path.name, budget) as member:
                inner = read_all(member)
        except (OSError, EOFError, zlib.error) as error:
            raise FileProblem(f"{path.name}: the gzip file is damaged ({error})") from None
        except DecompressionProblem as problem:
            raise FileProblem(str(problem)) from None
        yield path.name.removesuffix(".gz"), inner
        return
    if data[:4] == b"PK\x03\x04" and not path.name.lower().endswith(SPREADSHEET_SUFFIXES):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = zip_members(
                archive,
                budget,
                lambda info: not info.filename.startswith(("__MACOSX/", ".")),
            )
            found = False
            for info, stream in members:
                found = True
                yield f"{path.name}: {info.filename}", read_all(stream)
            if not found:
                raise FileProblem(f"{path.name}: the zip file holds no files")
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise FileProblem(f"{path.name}: the zip file is damaged ({error})") from None
        except DecompressionProblem as problem:
            raise FileProblem(str(problem)) from None
        return
    yield path.name, data


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8 (with BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:65536]:
        raise FileProblem(
            f"{name}: this is not a text (CSV) file: it holds binary data. Export the payments "
            "as CSV or XLSX and upload that."
        )
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most rows of one, repeated width."""
    lines = [line for line in text[:200_000].splitlines() if line.strip()][:50]
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        try:
            widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter))
        except csv.Error:  # a field too long to be one: the full read says where
            continue
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        score = count if width > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _spreadsheet(name: str, data: bytes) -> Table:
    try:
        sheet = read_first_sheet(data, name)
    except SpreadsheetProblem as problem:
        raise FileProblem(f"{name}: {problem}") from None
    return Table(name, join_split_header(sheet.rows), encoding="spreadsheet")


def read_tables(path: Path) -> list[Table]:
    """Every table in the file (a zip may hold several), each as rows of text."""
    if not path.exists():
        raise FileProblem(f"No file at {path}")
    limit = _max_bytes()
    if path.stat().st_size > limit:
        raise FileProblem(f"{path.name}: larger than {limit:,} bytes")
    data = path.read_bytes()
    if not data:
        raise FileProblem(f"{path.name}: the file is empty (0 bytes)")
    tables = []
    for name, content in _decompress(path, data):
        if not content:
            raise FileProblem(f"{name}: the file is empty (0 bytes)")
        if is_spreadsheet(content):
            tables.append(_spreadsheet(name, content))
            continue
        text, encoding = _decode(name, content)
        delimiter = _delimiter(text)
        rows = join_split_header(_csv_rows(name, text, delimiter))
        tables.append(Table(name, rows, encoding, delimiter))
    return tables


def _csv_rows(name: str, text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    line = 1  # where the record being read starts
    try:
        for row in reader:
            rows.append(row)
            line = reader.line_num + 1
    except csv.Error as error:
        if "field limit" in str(error):
            raise FileProblem(
                f"{name}: line {line:,} holds a field longer than {csv.field_size_limit():,} "
                'characters, which no payment file has. Check that every quote mark (") on that '
                "line is closed, or export the file again."
            ) from None
        raise FileProblem(f"{name}: line {line:,} is not readable as CSV ({error})") from None
    return rows
