"""Bulk import of cases from a spreadsheet (CSV or XLSX): every row checked by the same CaseForm
as the web form; any bad row stops the whole import, with a row-by-row report; nothing is
half-imported; importing the same file again changes nothing (a row updates the case of the same
title from the same organisation)."""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass, field

from cases import services
from cases.forms import CaseForm
from cases.models import Barrier, Case
from cases.sharing import Status
from challenges.routefinder import route_names
from core.spreadsheets import SpreadsheetProblem, read_first_sheet
from network.models import Organisation, Sector

COLUMNS = [
    ("title", "Required"),
    ("summary", "Required"),
    ("problem", "Required"),
    ("buyers", "Required: as the case names them"),
    (
        "buyer_type",
        "local_government, health, central_government, education, utility, international or other",
    ),
    ("suppliers", ""),
    ("supplier_is_sme", "yes, no or empty"),
    ("sectors", "Sector names or codes, separated by ;"),
    ("place", ""),
    ("route", "A route name or code from the route taxonomy"),
    ("route_details", ""),
    ("value", "Pounds, digits only"),
    ("value_note", ""),
    ("start_year", ""),
    ("end_year", ""),
    ("barriers", "Barrier names or codes, separated by ;"),
    ("barriers_overcome", ""),
    ("lessons", ""),
    ("contacts", ""),
    ("outcomes", "measure | baseline | result | unit | kind | claim; several separated by ;"),
    ("sources", "title | https://address; several separated by ;"),
    ("sharing_level", "public, network, named or private"),
    ("named_organisations", "Organisation names, separated by ; (for named)"),
    ("consent", "yes: you agree, for your organisation, to share at that level"),
]
MAX_ROWS = 500


class Unreadable(Exception):
    pass


@dataclass
class RowResult:
    number: int  # spreadsheet row number (the header is row 1)
    title: str
    problems: list[str] = field(default_factory=list)
    form: CaseForm | None = None
    existing: Case | None = None


@dataclass
class Report:
    rows: list[RowResult]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not any(r.problems for r in self.rows)

    @property
    def bad(self) -> list[RowResult]:
        return [r for r in self.rows if r.problems]


def read_rows(upload) -> list[dict]:
    name = upload.name.lower()
    content = upload.read()
    if name.endswith(".xlsx"):
        try:
            table = read_first_sheet(content, upload.name).rows
        except SpreadsheetProblem as problem:
            raise Unreadable(f"The spreadsheet could not be read: {problem}") from None
        table = list(itertools.dropwhile(lambda row: not any(c.strip() for c in row), table))
        if not table:
            raise Unreadable("The spreadsheet is empty")
        header = [c.strip().lower() for c in table[0]]
        rows = [dict(zip(header, row, strict=False)) for row in table[1:]]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
        reader = csv.DictReader(io.StringIO(text, newline=""))
        line = 1  # where the record being read starts
        try:
            if not reader.fieldnames:
                raise Unreadable("The file has no header row")
            rows = []
            line = reader.line_num + 1
            for row in reader:
                rows.append({(k or "").strip().lower(): (v or "") for k, v in row.items()})
                line = reader.line_num + 1
        except csv.Error as error:
            raise Unreadable(
                f"Line {line:,} cannot be read as CSV ({error}): check that every quote mark "
                "on it is closed"
            ) from None
    header = set(rows[0]) if rows else set()
    missing = [c for c, note in COLUMNS if note.startswith("Required") and c not in header]
    if rows and missing:
        raise Unreadable(
            f"These columns are missing: {', '.join(missing)}. Download the template for the "
            "column names."
        )
    rows = [r for r in rows if any(str(v).strip() for v in r.values())]
    if not rows:
        raise Unreadable("The file has no rows of cases")
    if len(rows) > MAX_ROWS:
        raise Unreadable(f"Import at most {MAX_ROWS} cases at a time")
    return rows


def _lookup(names: str, options: dict[str, int], what: str, problems: list[str]) -> list[int]:
    found = []
    for name in [n.strip() for n in names.split(";") if n.strip()]:
        key = options.get(name.lower())
        if key is None:
            problems.append(f"{what}: “{name}” is not one we know")
        else:
            found.append(key)
    return found


def check(rows: list[dict], organisation=None) -> Report:
    sectors = {}
    for s in Sector.objects.all():
        sectors[s.slug] = s.pk
        sectors[s.name.lower()] = s.pk
    barriers = {}
    for b in Barrier.objects.all():
        barriers[b.slug] = b.pk
        barriers[b.name.lower()] = b.pk
    routes = {}
    for key, name in route_names():
        routes[key] = key
        routes[name.lower()] = key
    organisations = {o.name.lower(): o.pk for o in Organisation.objects.all()}
    results = []
    for number, row in enumerate(rows, start=2):

        def get(key, row=row):
            return str(row.get(key, "") or "").strip()

        problems: list[str] = []
        sme = get("supplier_is_sme").lower()
        data = {
            "title": get("title"),
            "summary": get("summary"),
            "problem": get("problem"),
            "buyer_names": get("buyers"),
            "buyer_type": get("buyer_type"),
            "supplier_names": get("suppliers"),
            "supplier_is_sme": {"yes": "true", "no": "false"}.get(sme, "unknown"),
            "sectors": _lookup(get("sectors"), sectors, "Sector", problems),
            "place": get("place"),
            "route": routes.get(get("route").lower(), get("route")),
            "route_details": get("route_details"),
            "value": get("value").replace(",", "").replace("£", ""),
            "value_note": get("value_note"),
            "start_year": get("start_year"),
            "end_year": get("end_year"),
            "barriers": _lookup(get("barriers"), barriers, "Barrier", problems),
            "barriers_overcome": get("barriers_overcome"),
            "lessons": get("lessons"),
            "contacts": get("contacts"),
            "outcomes_text": "\n".join(p.strip() for p in get("outcomes").split(";")),
            "sources_text": "\n".join(p.strip() for p in get("sources").split(";")),
            "level": get("sharing_level").lower() or "private",
            "named_organisations": _lookup(
                get("named_organisations"), organisations, "Organisation", problems
            ),
            "consent": "on" if get("consent").lower() in {"yes", "y", "true"} else "",
        }
        existing = None
        if organisation is not None and data["title"]:
            existing = Case.objects.filter(organisation=organisation, title=data["title"]).first()
        form = CaseForm(data, instance=existing)
        if not form.is_valid():
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else "Row"
                problems.extend(f"{label}: {error}" for error in errors)
        results.append(RowResult(number, data["title"], problems, form, existing))
    return Report(results)


def save(report: Report, user, organisation, submit: bool = False) -> list[Case]:
    """Store every row of a report that has no problems (call inside a transaction). New cases
    are drafts, or submitted for review when asked; published cases keep their status."""
    assert report.ok, "only a clean report is saved"
    saved = []
    for row in report.rows:
        keep = row.existing is not None and row.existing.status == Status.PUBLISHED
        status = None if keep else (Status.SUBMITTED if submit else None)
        saved.append(
            services.save_case(
                row.form,
                user,
                organisation=organisation,
                note=f"Imported from a spreadsheet, row {row.number}",
                status=status,
            )
        )
    return saved
