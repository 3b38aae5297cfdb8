"""The programme report for funders and boards: the printable page, its PDF and its XLSX, all from
one `Report` (`report.py`). Anyone who can see the programme (`access.can_see`) reads its report:
the public once it is published; before that the page is not found for them."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from core.downloads import attachment
from core.permissions import ANYONE, allow
from programmes import access, report_charts, report_files, report_pdf
from programmes.models import Programme
from programmes.report import Part, Report, gather
from programmes.report_sections import Table

PDF = "application/pdf"
PDF_KEPT_SECONDS = 3600
# One PDF printed at a time in each web process: printing takes a child process for up to two
# minutes, so a crowd of requests for new PDFs is asked to wait instead of starting one each.
PRINTING = threading.BoundedSemaphore(1)
PDF_KEPT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ShownTable:
    ident: str
    table: Table
    numeric: tuple[bool, ...]
    rows: list[list[str]]
    wide: bool
    chart: SafeString | None
    label: str  # the scrolling region's name, unique on the page (axe: landmark-unique)

    @property
    def columns(self):
        return list(zip(self.table.headers, self.numeric, strict=True))

    @property
    def cells(self):
        return [list(zip(row, self.numeric, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class ShownPart:
    part: Part
    tables: list[ShownTable]


def shown(report: Report) -> list[ShownPart]:
    """Each part with its tables ready to print: cells in words, figure columns, the chart."""
    parts = []
    labels: dict[str, int] = {}
    for part in report.parts:
        tables = []
        for number, table in enumerate(part.section.tables if part.section else (), start=1):
            ident = f"{part.anchor}-table-{number}"
            drawn = report_charts.chart(table, f"{ident}-chart")
            label = f"Table: {table.title}"
            labels[label] = labels.get(label, 0) + 1
            if labels[label] > 1:
                label = f"{label} ({labels[label]})"
            tables.append(
                ShownTable(
                    ident=ident,
                    table=table,
                    numeric=report_charts.numeric_columns(table),
                    rows=report_charts.rows_text(table),
                    wide=report_charts.is_wide(table),
                    label=label,
                    chart=mark_safe(report_charts.svg(drawn)) if drawn else None,  # noqa: S308 (escaped in report_charts.svg)
                )
            )
        parts.append(ShownPart(part=part, tables=tables))
    return parts


def visible_programme(request, slug) -> Programme:
    programme = get_object_or_404(Programme, slug=slug)
    if not access.can_see(request.user, programme):
        raise Http404("No such programme")
    return programme


def context_of(report: Report, programme: Programme) -> dict:
    return {"programme": programme, "report": report, "parts": shown(report)}


def document_html(report: Report, programme: Programme) -> str:
    """The report as a whole HTML document for printing to PDF: the page's body without the site's
    navigation or anyone's sign-in details."""
    return render_to_string("programmes/report_document.html", context_of(report, programme))


def _find_static(path: str) -> str | None:
    """The file behind a static path: from the apps' folders (development), or collected under
    STATIC_ROOT (production, hashed names included); nothing outside those folders."""
    found = finders.find(path)
    if found:
        return found
    root = Path(settings.STATIC_ROOT).resolve()
    collected = (root / path).resolve()
    if collected.is_relative_to(root) and collected.is_file():
        return str(collected)
    return None


def pdf_of(report: Report, programme: Programme) -> bytes:
    """The report's PDF. The same HTML (the same figures, the same day) gives the PDF printed
    before, kept a while, so that asking again and again does not print again and again."""
    html = document_html(report, programme)
    report_pdf.refuse_if_too_large(html)
    key = "programmes:report-pdf:" + hashlib.sha256(html.encode("utf-8")).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        if not PRINTING.acquire(blocking=False):
            raise report_pdf.PdfRefused(
                "another report is being printed; try again in a minute, or download the XLSX"
            )
        try:
            pdf = report_pdf.render(html, report_pdf.static_files(html, _find_static))
        finally:
            PRINTING.release()
        if len(pdf) <= PDF_KEPT_BYTES:
            cache.set(key, pdf, PDF_KEPT_SECONDS)
    return pdf


def _stem(programme: Programme) -> str:
    return f"programme-report-{programme.slug}"


@allow(ANYONE)
def report_page(request, slug):
    programme = visible_programme(request, slug)
    report = gather(programme, viewer=request.user)
    return render(request, "programmes/report.html", context_of(report, programme))


@allow(ANYONE)
def report_pdf_download(request, slug):
    programme = visible_programme(request, slug)
    report = gather(programme, viewer=request.user)
    try:
        pdf = pdf_of(report, programme)
    except report_pdf.PdfRefused as reason:
        context = {"programme": programme, "reason": str(reason)}
        return render(request, "programmes/report_pdf_refused.html", context, status=503)
    return attachment(pdf, f"{_stem(programme)}.pdf", PDF)


@allow(ANYONE)
def report_xlsx_download(request, slug):
    programme = visible_programme(request, slug)
    return attachment(
        report_files.xlsx(gather(programme, viewer=request.user)), f"{_stem(programme)}.xlsx"
    )
