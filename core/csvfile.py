"""The one way AnchorHub writes a CSV or XLSX file for people to open: every download, export and
command-line listing. A cell of text that a spreadsheet would run as a formula (it starts with
=, +, -, @, a tab or a carriage return) gets a leading apostrophe, as OWASP recommends against
CSV injection: a supplier renamed `=HYPERLINK(...)` must not put a live formula on every row a
moderator downloads. Numbers stay numbers: -12.50 and "-12.50" are written as they are. XLSX
workbooks are opened so that no string ever becomes a formula or a link.

Not for the internal COPY streams to PostgreSQL (core/bulk.py), which no person opens.
"""

from __future__ import annotations

import csv
import re

import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text a spreadsheet reads as a plain number (-12.50, +5%, 1e3), never as a formula.
_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")
# For xlsxwriter.Workbook: strings are only ever strings.
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}


def safe(value):
    """The value as a spreadsheet should see it: formula-leading text neutralised."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class Writer:
    """csv.writer, with every cell made safe."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row) -> None:
        self._writer.writerow([safe(value) for value in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


class DictWriter(csv.DictWriter):
    """csv.DictWriter, with every cell made safe."""

    def writeheader(self):
        return super().writerow({name: safe(name) for name in self.fieldnames})

    def writerow(self, rowdict):
        return super().writerow({key: safe(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)


def workbook(out, **options):
    """An xlsxwriter workbook in which no string becomes a formula or a link."""
    return xlsxwriter.Workbook(out, {**options, **XLSX_OPTIONS})
