"""Reading the Companies House "basic company data" file (BasicCompanyDataAsOneFile-*.csv, also
zipped as Companies House distributes it): one row per company with its registered address,
legal form, status, accounts category and SIC codes.

Pure: rows in, CompanyRow values or a reason out. What the accounts category says of size and the
legal form of VCSE status is versioned data (suppliers/data/company_facts.json, with sources).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from core.archives import Budget, DecompressionProblem, gunzip, setting, zip_members
from network.identifiers import normalise_company_number, normalise_postcode

FACTS = Path(__file__).resolve().parent / "data" / "company_facts.json"
REQUIRED = ("CompanyName", "CompanyNumber")
# The one-file download is about 2.5 GB of CSV, streamed; the cap (setting
# COMPANIES_MAX_UNCOMPRESSED_BYTES) and the ratio stop a zip bomb, not real data.
MAX_UNCOMPRESSED_BYTES = 20 * 1024**3


class CompaniesFileProblem(Exception):
    """The file as a whole cannot be read as basic company data."""


class RowProblem(Exception):
    """One row cannot be loaded; the message says why."""


@cache
def facts() -> dict:
    return json.loads(FACTS.read_text())


@dataclass(frozen=True)
class CompanyRow:
    company_number: str
    name: str
    postcode: str
    category: str
    status: str
    accounts_category: str
    sic_codes: tuple[str, ...]
    incorporated: date | None

    @property
    def is_sme(self) -> bool | None:
        return sme_from_accounts(self.accounts_category)

    @property
    def is_vcse(self) -> bool | None:
        return vcse_from_category(self.category)

    def values(self) -> tuple:
        return (
            self.name,
            self.postcode,
            self.category,
            self.status,
            self.accounts_category,
            list(self.sic_codes),
            self.incorporated,
        )


def sme_from_accounts(accounts_category: str) -> bool | None:
    """True when the accounts regime a company files under is only open to SMEs; None when that
    says nothing of its size."""
    entry = facts()["accounts_category_size"].get(accounts_category.strip().upper())
    return entry["sme"] if entry else None


def vcse_from_category(category: str) -> bool | None:
    """True for the legal forms that are VCSEs by law; None (not known) otherwise."""
    return True if category.strip() in facts()["vcse_categories"] else None


def _date(raw: str) -> date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        day, month, year = (int(part) for part in raw.split("/"))
        return date(year, month, day)
    except ValueError:
        raise RowProblem(f"IncorporationDate {raw!r} is not a date like 31/12/2019") from None


def read_row(row: dict[str, str]) -> CompanyRow:
    """One row of the file (keys as in its header, already stripped of spaces)."""
    number_raw = (row.get("CompanyNumber") or "").strip()
    try:
        number = normalise_company_number(number_raw)
    except ValueError:
        raise RowProblem(f"CompanyNumber {number_raw!r} is not a Companies House number") from None
    name = (row.get("CompanyName") or "").strip()
    if not name:
        raise RowProblem("CompanyName is empty")
    postcode_raw = (row.get("RegAddress.PostCode") or "").strip()
    try:
        postcode = normalise_postcode(postcode_raw) if postcode_raw else ""
    except ValueError:
        postcode = ""  # overseas or malformed addresses: the company is kept, its place unknown
    sic = tuple(
        value.split(" - ", 1)[0].strip()
        for key in (
            "SICCode.SicText_1",
            "SICCode.SicText_2",
            "SICCode.SicText_3",
            "SICCode.SicText_4",
        )
        if (value := (row.get(key) or "").strip()) and not value.startswith("None")
    )
    return CompanyRow(
        company_number=number,
        name=name[:300],
        postcode=postcode,
        category=(row.get("CompanyCategory") or "").strip()[:100],
        status=(row.get("CompanyStatus") or "").strip()[:100],
        accounts_category=(row.get("Accounts.AccountCategory") or "").strip()[:40],
        sic_codes=sic,
        incorporated=_date(row.get("IncorporationDate") or ""),
    )


def open_text(path: Path) -> Iterator[tuple[str, io.TextIOBase]]:
    """Each CSV in the file as text: the file itself, a .gz, or every .csv inside a .zip. What a
    compressed file gives is counted as it is read (core/archives.py)."""
    if not path.exists():
        raise CompaniesFileProblem(f"{path}: no such file")
    budget = Budget(path.name, setting("COMPANIES_MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
            if not members:
                raise CompaniesFileProblem(f"{path}: the zip file holds no .csv file")
            wanted = set(members)
            for info, raw in zip_members(archive, budget, lambda i: i.filename in wanted):
                yield (
                    f"{path.name}/{info.filename}",
                    io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline=""),
                )
        return
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    if not gzipped:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as stream:
            yield path.name, stream
        return
    raw = gunzip(path.open("rb"), path.name, budget, close_raw=True)
    with io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as stream:
        yield path.name, stream


def rows(
    name: str, stream: io.TextIOBase
) -> Iterator[tuple[int, list[str], dict[str, str] | None]]:
    """(record number, cells, row by column or None when the row is ragged) for each data row;
    the header must name the company columns."""
    reader = csv.reader(stream)
    try:
        yield from _rows(name, reader)
    except DecompressionProblem as problem:
        raise CompaniesFileProblem(str(problem)) from None


def _rows(name: str, reader) -> Iterator[tuple[int, list[str], dict[str, str] | None]]:
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise CompaniesFileProblem(f"{name}: the file is empty") from None
    except csv.Error as error:
        raise CompaniesFileProblem(f"{name}: not a CSV file ({error})") from None
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise CompaniesFileProblem(
            f"{name}: not Companies House basic company data: no {' or '.join(missing)} column "
            f"(the header starts {', '.join(header[:4]) or 'with nothing'})"
        )
    width = len(header)
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            yield (
                number,
                cells,
                dict(zip(header, cells, strict=True)) if len(cells) == width else None,
            )
    except csv.Error as error:
        raise CompaniesFileProblem(f"{name}, line {reader.line_num}: {error}") from None
