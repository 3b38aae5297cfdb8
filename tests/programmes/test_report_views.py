"""The report's page, PDF and XLSX over the web: every section's tables with their headers and
charts, the contents list, nothing of the site's navigation in the PDF, the files' headers; who
reads it (published: everyone; unpublished: coordinators and the partners' members, else 404)."""

import io
import logging
import re
import warnings

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from programmes import report_pdf
from tests.programmes.report_fixtures import (  # noqa: F401 (fixtures)
    TABLES,
    report_programme_fixture,
    report_test_sections_fixture,
)

pytestmark = pytest.mark.usefixtures("report_test_sections")


def _text(content: bytes) -> str:
    return " ".join(content.decode().split())


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "") for page in reader.pages).split())


def test_the_page_prints_every_section_and_table(report_programme, client_for):
    response = client_for("buyer").get(reverse("programmes:report", args=[report_programme.slug]))
    assert response.status_code == 200
    page = _text(response.content)
    for title in ["Summary", "Funding position", "Kpis", "Social value", "Milestones"]:
        assert title in page
    assert "section-maturity" not in page  # a part with nothing to show is left out
    contents = re.search(r'<nav class="app-report__contents".*?</nav>', page).group(0)
    assert contents.count("<li>") == 5 and 'href="#section-money"' in contents
    for table in TABLES:
        assert table.title in page
        for header in table.headers:
            assert f">{header}</th>".replace("'", "&#x27;") in page
    assert page.count('role="img"') == 2  # the funding and budget charts; none for empty tables
    assert "app-report__table app-report__table--wide" in page  # 8 columns: landscape
    assert "This part could not be produced: " in page
    assert "the KPI snapshots are being recalculated" in page
    assert "internal detail" not in page and "RuntimeError" not in page
    assert "Nothing recorded yet." in page  # the empty table keeps its headers
    assert '<dt class="govuk-summary-list__key">Leverage</dt>' in page
    assert "1 April 2026 to 31 March 2028" in page
    assert "RULES" not in page and ".md" not in page
    assert reverse("programmes:report_pdf", args=[report_programme.slug]) in page
    assert "style=" not in page


def test_the_pdf_has_every_table_header_and_no_navigation(report_programme, client_for):
    url = reverse("programmes:report_pdf", args=[report_programme.slug])
    response = client_for("coordinator").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "programme-report-healthy-homes.pdf" in response["Content-Disposition"]
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    for table in TABLES:
        assert table.title in text
        for header in table.headers:
            assert header in text, header
    assert "Healthy homes pilot" in text and "This part could not be produced" in text
    assert "Committed (£) by Year" in text and "Total by Line" in text  # the charts, drawn
    assert "Signed in as" not in text and "Sign out" not in text and "Your account" not in text
    reader = PdfReader(io.BytesIO(pdf))
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    assert sizes == {(595, 842), (842, 595)}  # A4 portrait, and landscape for the wide table


def test_the_pdf_reads_no_other_url(tmp_path, caplog):
    css = tmp_path / "own.css"
    css.write_text("p { color: #0b0c0c }")
    html = (
        '<html><head><link rel="stylesheet" href="https://example.org/evil.css">'
        '<link rel="stylesheet" href="/static/own.css">'
        '<link rel="stylesheet" href="/static/not-listed.css"></head>'
        '<body><p>Hello</p><img src="http://169.254.169.254/latest" alt="">'
        '<img src="file:///etc/passwd" alt=""></body></html>'
    )
    with (
        warnings.catch_warnings()
    ):  # where HarfBuzz-Subset is missing: only a notice of future need
        warnings.simplefilter("ignore", DeprecationWarning)
        with caplog.at_level(logging.WARNING, logger="weasyprint"):
            report_pdf.document(html, {"/static/own.css": str(css)}).write_pdf()
    refused = caplog.text
    for url in [
        "https://example.org/evil.css",
        "https://report.anchorhub.invalid/static/not-listed.css",
        "http://169.254.169.254/latest",
        "file:///etc/passwd",
    ]:
        assert f"not fetched (the report reads no other URL): {url}" in refused, url
    assert "own.css" not in refused
    pdf = report_pdf.render(html, {"/static/own.css": str(css)})  # in the child, alike
    assert pdf.startswith(b"%PDF") and "Hello" in pdf_text(pdf)


def test_found_static_files_include_the_stylesheets_own_urls(tmp_path):
    css = tmp_path / "site.css"
    css.write_text('body{background:url("/static/img/a.svg")} p{background:url(/static/img/b.png)}')
    image = tmp_path / "a.svg"
    image.write_text("<svg/>")
    found = {"site.css": css, "img/a.svg": image}
    html = '<link href="/static/site.css"><script src="/static/missing.js"></script>'
    files = report_pdf.static_files(html, found.get)
    assert files == {"/static/site.css": str(css), "/static/img/a.svg": str(image)}


def test_a_report_past_the_limits_is_refused_with_the_reason(
    report_programme, client_for, monkeypatch
):
    monkeypatch.setattr(report_pdf, "HTML_LIMIT_BYTES", 100)
    url = reverse("programmes:report_pdf", args=[report_programme.slug])
    response = client_for("coordinator").get(url)
    assert response.status_code == 503
    assert "too large to print as PDF" in response.content.decode()
    with pytest.raises(report_pdf.PdfRefused, match="took too long"):
        report_pdf.render("<p>x</p>" * 10, {}, timeout=0.001)


def test_while_one_pdf_prints_another_new_one_is_asked_to_wait(report_programme, client_for):
    from django.core.cache import cache

    from programmes import report_views

    cache.clear()  # not a PDF printed before by another test
    url = reverse("programmes:report_pdf", args=[report_programme.slug])
    assert report_views.PRINTING.acquire(blocking=False)  # a print under way
    try:
        response = client_for("coordinator").get(url)
    finally:
        report_views.PRINTING.release()
    assert response.status_code == 503
    assert "another report is being printed; try again in a minute" in response.content.decode()


def test_the_xlsx_has_a_sheet_per_table(report_programme, client_for):
    url = reverse("programmes:report_xlsx", args=[report_programme.slug])
    response = client_for("anchor_admin").get(url)
    assert response.status_code == 200
    assert "programme-report-healthy-homes.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Cover" and len(book.sheetnames) == 1 + len(TABLES)
    for name, table in zip(book.sheetnames[1:], TABLES, strict=True):
        assert [c.value for c in book[name][1]] == list(table.headers)


@pytest.mark.parametrize("name", ["programmes:report", "programmes:report_xlsx"])
@pytest.mark.parametrize(
    ("role", "unpublished"),
    [
        ("anonymous", 404),
        ("supplier", 404),
        ("other_buyer", 404),
        ("buyer", 200),
        ("anchor_admin", 200),
        ("coordinator", 200),
    ],
)
def test_who_reads_the_report(report_programme, client_for, name, role, unpublished):
    url = reverse(name, args=[report_programme.slug])
    client = client_for(role)
    assert client.get(url).status_code == unpublished
    report_programme.is_published = True
    report_programme.save()
    assert client.get(url).status_code == 200


def test_an_unknown_programme_is_not_found(db, client):
    assert client.get(reverse("programmes:report", args=["no-such"])).status_code == 404


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def test_no_table_in_the_pdf_is_wider_than_its_page(report_programme):
    with (
        warnings.catch_warnings()
    ):  # where HarfBuzz-Subset is missing: only a notice of future need
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint.formatting_structure.boxes import TableBox

    from programmes.report import gather
    from programmes.report_views import _find_static, document_html

    html = document_html(gather(report_programme), report_programme)
    laid_out = report_pdf.document(html, report_pdf.static_files(html, _find_static))
    tables = 0
    for page in laid_out.pages:
        box = page._page_box
        right = box.margin_left + box.padding_left + box.width  # the content area's right edge
        for table in (b for b in _boxes(box) if isinstance(b, TableBox)):
            tables += 1
            assert table.position_x + table.margin_width() <= right + 0.5, (page.width, table)
    assert tables >= len(TABLES)


def test_the_same_report_is_printed_once(report_programme, monkeypatch):
    from programmes.report import gather
    from programmes.report_views import pdf_of

    printed = []
    monkeypatch.setattr(report_pdf, "render", lambda html, files: printed.append(html) or b"%PDF-x")
    report_programme.title = "Healthy homes pilot, printed once"
    report_programme.save()
    assert pdf_of(gather(report_programme), report_programme) == b"%PDF-x"
    assert pdf_of(gather(report_programme), report_programme) == b"%PDF-x"
    assert len(printed) == 1
    report_programme.summary = "Changed"
    report_programme.save()
    pdf_of(gather(report_programme), report_programme)
    assert len(printed) == 2


def test_a_fault_in_the_printer_is_logged_and_explained(monkeypatch, caplog):
    import subprocess
    from types import SimpleNamespace

    monkeypatch.setattr(
        subprocess,
        "run",
        lambda *a, **k: SimpleNamespace(returncode=1, stdout=b"", stderr=b"OSError: no libpango"),
    )
    with pytest.raises(report_pdf.PdfRefused, match="could not be printed on this server"):
        report_pdf.render("<p>x</p>", {})
    assert "no libpango" in caplog.text
