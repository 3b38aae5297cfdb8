"""The programme report in the browser: a partner's buyer reads the unpublished report (axe), it
prints on A4 without cut-off columns (under print media, every table fits the width of an A4 page
less its margins: portrait, or landscape for a wide table), the browser's PDF has every table's
column headers; once published, the public reads it (axe), with no console errors."""

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser.helpers import Checker, sign_in
from tests.programmes.report_fixtures import (  # noqa: F401 (fixtures)
    TABLES,
    report_programme_fixture,
    report_test_sections_fixture,
)

pytestmark = pytest.mark.usefixtures("report_test_sections")

MM = 96 / 25.4  # CSS pixels per millimetre
MARGIN = 15  # the report's @page margin, mm
PORTRAIT = round((210 - 2 * MARGIN) * MM)  # 680 px of A4 portrait's content width
LANDSCAPE = round((297 - 2 * MARGIN) * MM)  # 1009 px

MEASURE = """() => [...document.querySelectorAll('.app-report__table')].map(block => {
  const table = block.querySelector('table');
  const box = table.parentElement;
  return {
    id: block.id,
    wide: block.classList.contains('app-report__table--wide'),
    table: table.scrollWidth,
    box: box.clientWidth,
    right: box.getBoundingClientRect().right,
  };
})"""


def fitting(page, width):
    page.set_viewport_size({"width": width, "height": 1200})
    return page.evaluate(MEASURE)


def test_the_report_reads_and_prints_on_a4(page, live_server, world, report_programme):
    base = live_server.url
    url = f"{base}/programmes/{report_programme.slug}/report/"
    check = Checker(page)
    sign_in(page, base, world.users["buyer"].email)
    page.goto(url)
    assert page.locator("h1").inner_text().startswith("Healthy homes pilot")
    assert page.get_by_role("img", name=re.compile("Committed")).count() == 1
    check("report, unpublished, partner's buyer")

    page.emulate_media(media="print")
    assert not page.get_by_text("Signed in as").is_visible()
    assert not page.get_by_role("link", name="Download the report as PDF").is_visible()
    portrait = fitting(page, PORTRAIT)
    assert len(portrait) == len(TABLES)
    for found in portrait:
        if not found["wide"]:
            assert found["table"] <= found["box"] and found["right"] <= PORTRAIT, found
    for found in fitting(page, LANDSCAPE):
        assert found["table"] <= found["box"] and found["right"] <= LANDSCAPE, found

    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    for table in TABLES:
        for header in table.headers:
            assert header in text, header
    assert "Signed in as" not in text
    blank = [n for n, p in enumerate(reader.pages, start=1) if not (p.extract_text() or "").strip()]
    assert blank == [], f"blank pages: {blank}"
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    assert (842, 595) in sizes and (595, 842) in sizes  # the wide table on a landscape page

    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1200, "height": 900})
    page.context.clear_cookies()
    report_programme.is_published = True
    report_programme.save()
    page.goto(url)
    assert "Not published" not in page.content()
    check("report, published, public")
    page.set_viewport_size({"width": 360, "height": 800})
    check("report, published, public, narrow screen")
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems
