"""The programme report as files: an XLSX workbook with a cover sheet and one sheet per table, and
the JSON `anchorhub programme_report --json` prints. Pure: a `Report` in, bytes or data out.

Every text cell goes through `core.csvfile.safe` (text starting =, +, -, @ gets an apostrophe) in a
workbook that never turns a string into a formula or a link; numbers stay numbers.
"""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from typing import Any

from core import csvfile
from programmes.report_charts import cell_text

SHEET_NAME_MAX = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
RESERVED = {"history"}  # Excel keeps the name "History" for itself


def sheet_names(keys: list[str], taken: tuple[str, ...] = ("Cover",)) -> list[str]:
    """A sheet name per key: Excel's forbidden characters removed, at most 31 characters, and
    unique without regard to case (Excel's rule) among themselves and `taken`."""
    used = {name.lower() for name in taken}
    names = []
    for key in keys:
        base = _NOT_IN_SHEET_NAMES.sub(" ", key).strip().strip("'").strip() or "Table"
        base = base[:SHEET_NAME_MAX]
        name, n = base, 1
        while name.lower() in used or name.lower() in RESERVED:
            n += 1
            suffix = f" ({n})"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        used.add(name.lower())
        names.append(name)
    return names


def xlsx(report) -> bytes:
    out = io.BytesIO()
    book = csvfile.workbook(out, in_memory=True)
    bold = book.add_format({"bold": True})
    heading = book.add_format({"bold": True, "font_size": 14})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    day = book.add_format({"num_format": "d mmmm yyyy"})
    money = book.add_format({"num_format": "£#,##0.00"})
    tables = report.tables
    names = sheet_names([table.key for _, table in tables])

    cover = book.add_worksheet("Cover")
    cover.set_column(0, 0, 28)
    cover.set_column(1, 1, 70)
    cover.set_column(2, 2, 40)
    row = 0
    cover.write_string(row, 0, csvfile.safe(report.title), heading)
    row += 2
    for label, value in _cover_facts(report):
        cover.write_string(row, 0, label, bold)
        cover.write_string(row, 1, csvfile.safe(value), wrap)
        row += 1
    row += 1
    cover.write_string(row, 0, "Sheet", bold)
    cover.write_string(row, 1, "Table", bold)
    cover.write_string(row, 2, "Part of the report", bold)
    row += 1
    for name, (part, table) in zip(names, tables, strict=True):
        cover.write_url(row, 0, f"internal:'{name}'!A1", string=name)
        cover.write_string(row, 1, csvfile.safe(table.title))
        cover.write_string(row, 2, csvfile.safe(part.title))
        row += 1
    for part in report.failures:
        cover.write_string(row, 0, "Not produced", bold)
        cover.write_string(row, 1, csvfile.safe(f"{part.title}: {part.failure}"), wrap)
        row += 1

    for name, (_, table) in zip(names, tables, strict=True):
        sheet = book.add_worksheet(name)
        for col, header in enumerate(table.headers):
            sheet.write_string(0, col, csvfile.safe(str(header)), bold)
            sheet.set_column(col, col, 36 if col == 0 else 18)
        for r, cells in enumerate(table.rows, start=1):
            for col in range(len(table.headers)):
                cell = cells[col] if col < len(cells) else None
                _write(sheet, r, col, cell, day, money if col in table.money_columns else None)
        sheet.freeze_panes(1, 0)
        if table.note:
            sheet.write_string(len(table.rows) + 2, 0, csvfile.safe(table.note))
    book.close()
    return out.getvalue()


def _cover_facts(report) -> list[tuple[str, str]]:
    facts = [
        ("Summary", report.summary),
        ("Published", "Yes" if report.is_published else "No"),
        ("Generated on", cell_text(report.generated_on)),
    ]
    if report.is_sample:
        facts.append(("Sample data", "Generated for the demonstration"))
    return facts


def _write(sheet, row: int, col: int, value: Any, day, money=None) -> None:
    if value is None or value == "":
        sheet.write_blank(row, col, None)
    elif isinstance(value, bool):
        sheet.write_string(row, col, "Yes" if value else "No")
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, col, float(value), money)
    elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        sheet.write_datetime(row, col, datetime.datetime.combine(value, datetime.time()), day)
    else:
        sheet.write_string(row, col, csvfile.safe(cell_text(value)))


def as_data(report) -> dict:
    """The report as JSON-ready data: the programme, then each section with its tables."""
    return {
        "programme": {
            "slug": report.slug,
            "title": report.title,
            "summary": report.summary,
            "is_published": report.is_published,
            "is_sample": report.is_sample,
            "generated_on": report.generated_on.isoformat(),
        },
        "sections": [
            {
                "key": part.key,
                "title": part.title,
                "failure": part.failure or None,
                "facts": [list(f) for f in part.section.facts] if part.section else [],
                "tables": [
                    {
                        "key": table.key,
                        "title": table.title,
                        "headers": list(table.headers),
                        "rows": [[_plain(cell) for cell in row] for row in table.rows],
                    }
                    for table in (part.section.tables if part.section else ())
                ],
            }
            for part in report.parts
        ],
    }


def _plain(value: Any):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
