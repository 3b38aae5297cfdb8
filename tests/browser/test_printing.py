"""Every printable page prints on A4 (issue 18): the ledger's printable report, the scorecard, the
network comparison and the programme report, on the demo's realistic data, printed to PDF by
Chromium with each page's own @page size. Every column header of every table is in the PDF; under print media every table
fits the width of its page (portrait, or landscape for a wide one), so nothing is cut off; every
PDF page is A4; and nothing of the service's frame is printed (navigation, "Signed in as... Sign
out", the phase banner, the footer) nor any internal reference such as "RULES"."""

import io
import re
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from tests.browser.helpers import sign_in
from tests.conftest import PASSWORD

MM = 96 / 25.4  # CSS pixels per millimetre
PORTRAIT = round((210 - 2 * 15) * MM)  # A4 portrait less the 15 mm margins: 680 px
LANDSCAPE = round((297 - 2 * 15) * MM)  # A4 landscape less its margins: 1009 px
A4 = {(595, 842), (842, 595)}  # points, portrait and landscape

# Every table visible on paper: its caption, whether it is on a landscape page, how wide it is
# and how wide the room it has, and where its right edge is.
MEASURE = """() => [...document.querySelectorAll('main table')]
  .filter(table => table.getClientRects().length > 0)
  .map(table => ({
    caption: table.caption ? table.caption.innerText.trim() : '',
    wide: !!table.closest('.app-print-wide, .app-report__table--wide'),
    table: table.scrollWidth,
    box: table.parentElement.clientWidth,
    right: table.getBoundingClientRect().right,
  }))"""
HEADERS = """() => [...document.querySelectorAll('main table')].map(table =>
  [...table.querySelectorAll('thead th')].map(th => th.innerText.replace(/\\s+/g, ' ').trim())
    .filter(Boolean))"""
FRAME = [
    "Signed in as",
    "Sign out",
    "Your account",
    "Skip to main content",
    "This is a new service",
    "giving your feedback",
    "Accessibility statement",
    "Privacy notice",
    "It is not a GOV.UK service",
    "Back to the",
    "RULES",
]


@pytest.fixture
def demo(db, settings, tmp_path):
    """The demo's data (`demo_data`): the real anchors, two years of sample payments, sample
    notices for the scorecard, the sample programme with its report."""
    settings.BASE_DIR = tmp_path  # the demo keeps its password and sign-ins in var/
    call_command("demo_data", password=PASSWORD, stdout=StringIO(), stderr=StringIO())


def printed(page, url: str) -> dict:
    """The page printed to PDF, with what was measured of it under print media."""
    page.goto(url)
    assert page.locator("h1").count() == 1
    navigation = page.locator(".govuk-service-navigation__link").all_inner_texts()
    headers = [h for h in page.evaluate(HEADERS) if h]
    page.emulate_media(media="print")
    main = " ".join(page.locator("main").inner_text().split())
    measured = {}
    for width in (PORTRAIT, LANDSCAPE):
        page.set_viewport_size({"width": width, "height": 1200})
        measured[width] = page.evaluate(MEASURE)
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="null")
    page.set_viewport_size({"width": 1200, "height": 900})
    reader = PdfReader(io.BytesIO(pdf))
    return {
        "text": " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split()),
        "sizes": [
            (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
        ],
        "blank": [n for n, p in enumerate(reader.pages, 1) if not (p.extract_text() or "").strip()],
        "headers": headers,
        "measured": measured,
        "navigation": navigation,
        "main": main,
    }


def check_printed(found: dict, landscape: bool):
    text = found["text"]
    assert found["headers"], "the page has tables"
    for headers in found["headers"]:
        for header in headers:
            assert header in text, f"column header {header!r} is not in the PDF"
        assert headers[-1] in text  # the last column is not cut off
    for table in found["measured"][PORTRAIT]:
        if not table["wide"]:
            assert table["table"] <= table["box"] and table["right"] <= PORTRAIT, table
    for table in found["measured"][LANDSCAPE]:
        assert table["table"] <= table["box"] and table["right"] <= LANDSCAPE, table
    assert set(found["sizes"]) <= A4, found["sizes"]
    assert ((842, 595) in found["sizes"]) == landscape  # wide tables on landscape pages
    assert found["blank"] == [], f"blank pages: {found['blank']}"
    for words in FRAME:
        assert words not in text, f"{words!r} is printed"
    assert found["navigation"], "the screen shows the navigation"
    for label in found["navigation"]:
        if label not in found["main"]:  # a label the page's own words do not use
            assert label not in text, f"the navigation's {label!r} is printed"


def test_the_ledger_s_printable_report_prints_every_column(page, live_server, demo):
    from network.models import Organisation
    from spend.models import Payment

    anchor = Organisation.objects.get(name="Birmingham City Council")
    assert Payment.objects.filter(buyer=anchor).count() > 100
    sign_in(page, live_server.url, "buyer@anchorhub.example")
    found = printed(page, f"{live_server.url}/spend/ledger/{anchor.slug}/print/")
    everything = [header for headers in found["headers"] for header in headers]
    for column in [
        "SMEs",
        "VCSEs",
        "Most deprived areas",
        "Coverage (place, size and sector known)",
        "SME",
        "VCSE",
        # the demo anchors' rings (issue 19): the rings table and a ring's own column
        "Coverage (known in or out)",
        "Within 5 miles of our sites",
        "East Birmingham (postcode sectors)",
    ]:
        assert column in everything, column  # the columns the issue saw cut off
    check_printed(found, landscape=True)
    assert "Centre for Local Economic Strategies" in found["text"]
    assert re.search(r"Q1 \d{4}-\d\d \(April to June \d{4}\)", found["text"])
    assert "(part 2 of 2)" in found["text"]  # the widest tables print in two parts
    assert not page.console_problems, page.console_problems


def test_the_scorecard_prints_every_column(page, live_server, demo):
    from network.models import Organisation

    anchor = Organisation.objects.get(name="Birmingham City Council")
    sign_in(page, live_server.url, "buyer@anchorhub.example")
    found = printed(page, f"{live_server.url}/scorecard/{anchor.slug}/")
    check_printed(found, landscape=True)
    assert "Trend by quarter (part 3 of 3)" in found["text"]
    headers = [header for headers in found["headers"] for header in headers]
    for column in ("Ring", "Share of value awarded", "Awards not placed", "Value not placed"):
        assert column in headers, column  # the awards to suppliers in each ring
    assert "Awards to suppliers in each ring" in found["text"]
    comparison = printed(page, f"{live_server.url}/scorecard/network/")
    check_printed(comparison, landscape=True)
    assert "Indicators (part 3 of 3)" in comparison["text"]
    assert "Awards to suppliers in the standard rings" in comparison["text"]
    assert not page.console_problems, page.console_problems


def test_the_programme_report_prints_every_column(page, live_server, demo):
    from programmes.models import Programme

    programme = Programme.objects.get(is_sample=True)
    sign_in(page, live_server.url, "buyer@anchorhub.example")
    found = printed(page, f"{live_server.url}/programmes/{programme.slug}/report/")
    check_printed(found, landscape=True)
    assert not page.console_problems, page.console_problems
