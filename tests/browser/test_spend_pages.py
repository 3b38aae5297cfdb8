"""Spend in the browser: a buyer imports a payment file, reads the ledger, enters LM3 survey
figures; the anchor publishes its summary and the public reads it."""

import re
from io import StringIO

from django.core.management import call_command

from tests.browser.helpers import expect_error_page, sign_in, violations_on


def test_buyer_imports_a_payment_file_in_the_browser(page, live_server, world, tmp_path):
    """Upload, check the columns against the preview, import, review: every page passes axe."""
    base = live_server.url
    sign_in(page, base, world.users["buyer"].email)
    file = tmp_path / "april.csv"
    file.write_bytes(
        b"Home Council payments over \xa3500,,\n,,\nSupplier Name,Net Amount,Payment Date\n"
        b'Acme Ltd,"1,200.00",01/04/2024\nRedacted Personal Information,50.00,02/04/2024\n'
        b"Bolt plc,ten,03/04/2024\n"
    )
    page.goto(f"{base}/spend/imports/")
    assert not violations_on(page)
    page.get_by_role("button", name="Upload a payment file").click()
    assert not violations_on(page)
    page.get_by_label("Payment file").set_input_files(str(file))
    page.get_by_role("button", name="Upload and check the columns").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Check the columns"
    assert "Will be rejected" in page.content()
    assert not violations_on(page)
    page.get_by_label("Net amount").select_option("")
    page.get_by_role("button", name="Import these payments").click()
    page.wait_for_load_state()
    expect_error_page(page)
    assert not violations_on(page)
    page.get_by_label("Net amount").select_option("Net Amount")
    page.get_by_role("button", name="Import these payments").click()
    page.wait_for_url(re.compile(r".*/spend/imports/\d+/$"))
    assert "Download the rejected rows" in page.content()
    assert not violations_on(page)
    assert not page.console_problems, page.console_problems


def test_the_ledger_journey_in_the_browser(page, live_server, world, tmp_path):
    """A buyer reads the ledger and enters LM3 survey figures, the anchor's administrator
    publishes the summary, the public reads it: every page passes axe, with no console errors."""
    from tests.conftest import require_data

    require_data("reference", "imd", "English IMD - Local Authorities.csv")
    file = tmp_path / "payments.csv"
    file.write_text(
        "Supplier Name,Net Amount,Payment Date,Category,Directorate\n"
        "Supplier Ltd,1200.00,01/05/2025,Information Communication Technology,Digital\n"
        "Faraway Widgets plc,300.00,01/08/2025,Equipment,Place\n"
        "Redacted Personal Information,50.00,02/08/2025,Social Care,Adults\n"
        "Supplier Ltd,90.00,01/05/2024,Information Communication Technology,Digital\n"
    )
    call_command("import_spend", str(file), "--buyer", world.home.name, stdout=StringIO())
    call_command("resolve_suppliers", stdout=StringIO())
    base = live_server.url
    sign_in(page, base, world.users["buyer"].email)
    page.get_by_role("link", name="Local spend").first.click()
    page.wait_for_url(re.compile(rf".*/spend/ledger/{world.home.slug}/$"))
    assert "2025-26" in page.locator("h1").inner_text()
    assert not violations_on(page)
    page.get_by_label("Financial year (April to March)").select_option("2024")
    page.get_by_role("button", name="Show this year").click()
    page.wait_for_url(re.compile(r".*year=2024$"))
    assert "2024-25" in page.locator("h1").inner_text()
    page.goto(f"{base}/spend/ledger/{world.home.slug}/?year=2025")
    page.get_by_role("link", name="Enter the survey figures for LM3").click()
    assert not violations_on(page)
    page.get_by_label("R2: part of R1").fill("2000")
    page.get_by_role("button", name="Save the survey figures").click()
    expect_error_page(page)
    assert not violations_on(page)
    page.get_by_label("R2: part of R1").fill("500")
    page.get_by_label("R3: part of R2").fill("100")
    page.get_by_role("button", name="Save the survey figures").click()
    page.wait_for_url(re.compile(r".*year=2025(#lm3)?$"))
    assert "from a survey" in page.content()
    page.get_by_role("link", name="Printable report").click()
    assert not violations_on(page)
    assert "Coverage:" in page.content() and "Q1 2025-26 (April to June 2025)" in page.content()
    page.goto(f"{base}/spend/network/")
    assert not violations_on(page)
    page.get_by_label("Measure to compare").select_option("sme_share")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r".*measure=sme_share$"))
    assert "Share with SMEs (share of analysed spend), financial year 2025-26" in page.content()
    assert "No data yet" in page.content()  # Other Trust has no payments
    assert not violations_on(page)
    page.goto(f"{base}/spend/network/?measure=nonsense")
    expect_error_page(page)
    assert not violations_on(page)
    page.context.clear_cookies()
    sign_in(page, base, world.users["anchor_admin"].email)
    page.goto(f"{base}/spend/ledger/{world.home.slug}/?year=2025")
    page.get_by_role("button", name="Publish this year's summary").click()
    assert "Publish the 2025-26 summary?" in page.content()
    assert not violations_on(page)
    page.get_by_role("button", name="Yes, publish the summary").click()
    assert "The 2025-26 summary is published" in page.content()
    assert not violations_on(page)
    page.context.clear_cookies()
    page.goto(f"{base}/spend/published/")
    assert not violations_on(page)
    page.get_by_role("link", name=world.home.name).click()
    assert "Share with SMEs" in page.content() and "Spend by payee" in page.content()
    assert not violations_on(page)
    assert not page.console_problems, page.console_problems


def test_choosing_the_ledgers_rings_in_the_browser(page, live_server, world, tmp_path):
    """The anchor's administrator chooses its rings (an error first, then East Birmingham and a
    distance from its sites); the ledger then reports them: every page passes axe."""
    file = tmp_path / "payments.csv"
    file.write_text(
        "Supplier Name,Net Amount,Payment Date,Category,Supplier Postcode\n"
        "Near Ltd,300.00,01/05/2025,Care,B9 5RT\n"
        "Far Ltd,500.00,01/06/2025,Care,CV1 2GT\n"
    )
    call_command("import_spend", str(file), "--buyer", world.home.name, stdout=StringIO())
    call_command("resolve_suppliers", stdout=StringIO())
    base = live_server.url
    sign_in(page, base, world.users["anchor_admin"].email)
    page.goto(f"{base}/spend/ledger/{world.home.slug}/")
    page.get_by_role("link", name="Choose the rings this ledger reports").click()
    page.wait_for_url(re.compile(r".*/rings/$"))
    assert not violations_on(page)
    page.get_by_label("Within this many miles of each of your sites (optional)").fill("500")
    page.get_by_role("button", name="Save the rings").click()
    expect_error_page(page)
    assert not violations_on(page)
    page.get_by_label("Within this many miles of each of your sites (optional)").fill("5")
    page.get_by_label("East Birmingham (postcode sectors)", exact=False).check()
    page.get_by_role("button", name="Save the rings").click()
    page.wait_for_url(re.compile(r".*#rings$"))
    rings = page.locator("#rings").inner_text()
    assert "East Birmingham (postcode sectors)" in rings and "Within 5 miles" in rings
    assert not violations_on(page)
    page.goto(f"{base}/spend/ledger/{world.home.slug}/rings/")
    assert not violations_on(page)
    assert not page.console_problems, page.console_problems
