"""Opening a payment file as publishers distribute it: CSV in any delimiter and encoding (with or
without BOM), XLSX/XLS/ODS, also inside a .zip or .gz. Gives rows of text. No database.

A file is read whole into memory (publishers' monthly and yearly files are tens of MB at most);
that lets the encoding be decided on all of it, not on a guess from its first lines.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

MAX_BYTES = 500 * 1024 * 1024  # uncompressed; a larger file is refused, not half-read
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


def _decompress(path: Path, data: bytes) -> list[tuple[str, bytes]]:
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as member:
                inner = member.read(MAX_BYTES + 1)
        except (OSError, EOFError) as error:
            raise FileProblem(f"{path.name}: the gzip file is damaged ({error})") from None
        name = path.name[:-3] if path.name.endswith(".gz") else path.name
        return [(name, inner)]
    if data[:4] == b"PK\x03\x04" and not path.name.lower().endswith(SPREADSHEET_SUFFIXES):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir() and not info.filename.startswith(("__MACOSX/", "."))
            ]
            if not members:
                raise FileProblem(f"{path.name}: the zip file holds no files")
            if any(info.file_size > MAX_BYTES for info in members):
                raise FileProblem(f"{path.name}: a file inside is larger than {MAX_BYTES:,} bytes")
            return [(f"{path.name}: {info.filename}", archive.read(info)) for info in members]
        except zipfile.BadZipFile as error:
            raise FileProblem(f"{path.name}: the zip file is damaged ({error})") from None
    return [(path.name, data)]


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
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter))
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        score = count if width > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _spreadsheet(name: str, data: bytes) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        rows = [[_cell(value) for value in row] for row in sheet.to_python(skip_empty_area=False)]
    except (CalamineError, ValueError, OSError) as error:
        raise FileProblem(f"{name}: the spreadsheet cannot be read ({error})") from None
    return Table(name, rows, encoding="spreadsheet")


def read_tables(path: Path) -> list[Table]:
    """Every table in the file (a zip may hold several), each as rows of text."""
    if not path.exists():
        raise FileProblem(f"No file at {path}")
    if path.stat().st_size > MAX_BYTES:
        raise FileProblem(f"{path.name}: larger than {MAX_BYTES:,} bytes")
    data = path.read_bytes()
    if not data:
        raise FileProblem(f"{path.name}: the file is empty (0 bytes)")
    tables = []
    for name, content in _decompress(path, data):
        if len(content) > MAX_BYTES:
            raise FileProblem(f"{name}: larger than {MAX_BYTES:,} bytes uncompressed")
        if not content:
            raise FileProblem(f"{name}: the file is empty (0 bytes)")
        is_book = content[:4] == b"PK\x03\x04" or content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        if is_book:
            tables.append(_spreadsheet(name, content))
            continue
        text, encoding = _decode(name, content)
        delimiter = _delimiter(text)
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:
            raise FileProblem(f"{name}: not readable as CSV ({error})") from None
        tables.append(Table(name, rows, encoding, delimiter))
    return tables
