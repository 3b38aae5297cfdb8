"""Each role signs in, walks its main pages, and axe-core finds no WCAG 2.2 A/AA violation on any."""

import re
from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.conftest import PASSWORD

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
axe = Axe()

PUBLIC_PAGES = [
    "/",
    "/opportunities/",
    "/opportunities/?q=retrofit&status=open&sme=on&sort=deadline",
    "/opportunities/?cpv=nonsense",
    "/opportunities/ocds-sample-0002/",
    "/opportunities/ocds-sample-0005/",
    "/opportunities/pipeline/",
    "/organisations/",
    "/organisations/?group=anchors&sector=healthcare",
    "/organisations/home-council/",
    "/champions/",
    "/accessibility/",
    "/privacy/",
    "/cookies/",
]

PAGES = {
    "anonymous": PUBLIC_PAGES + ["/sign-in/", "/sign-up/", "/password-reset/", "/no-such-page/"],
    "registered": [
        "/",
        "/account/",
        "/account/organisation/new/",
        "/account/organisation/join/?q=supplier",
    ],
    "supplier": [
        "/",
        "/opportunities/recommended/",
        "/opportunities/capabilities/",
        "/opportunities/saved/?q=care&status=open",
        "/opportunities/ocds-sample-0002/",
        "/account/",
        "/account/tokens/new/",
        "/account/edit/",
        "/account/password/",
        "/organisations/supplier-ltd/",
        "/organisations/supplier-ltd/edit/",
        "/organisations/supplier-ltd/sites/new/",
        "/organisations/supplier-ltd/members/",
    ],
    "other_buyer": ["/", "/organisations/home-council/", "/organisations/home-council/edit/"],
    "buyer": [
        "/opportunities/ocds-world-1/",
        "/",
        "/organisations/?group=suppliers",
        "/champions/?sector=healthcare",
        "/account/",
        "/opportunities/quarantine/",
    ],
    "anchor_admin": [
        "/",
        "/invitations/",
        "/organisations/home-council/",
        "/organisations/home-council/edit/",
        "/organisations/home-council/members/",
        "/organisations/home-council/champions/new/",
    ],
    "coordinator": ["/", "/organisations/new/", "/invitations/", "/organisations/supplier-ltd/"],
}


def sign_in(page, base, email):
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "Signed in as" in page.content(), f"sign-in failed for {email}"


def violations_on(page) -> list[str]:
    results = axe.run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("role", list(PAGES))
@pytest.mark.usefixtures("ocds_schema")  # the walk visits sample notices
def test_role_walks_its_pages_with_no_accessibility_violations(role, page, live_server, world):
    call_command("demo_notices", stdout=StringIO())
    base = live_server.url
    if role != "anonymous":
        sign_in(page, base, world.users[role].email)
    problems = {}
    paths = PAGES[role] + (
        [f"/invitations/accept/{world.invitation_token}/"] if role == "anonymous" else []
    )
    for path in paths:
        response = page.goto(base + path)
        expected = (
            404
            if path == "/no-such-page/"
            else 403
            if role == "other_buyer" and path.endswith("/edit/")
            else 200
        )
        assert response.status == expected, (role, path, response.status)
        assert page.locator("h1").count() == 1, (role, path)
        found = violations_on(page)
        if found:
            problems[path] = found
    assert not problems, f"axe violations for {role}: {problems}"
    assert not page.console_problems, (
        f"browser console errors (CSP or JS) for {role}: {page.console_problems}"
    )


def test_error_states_are_accessible(page, live_server, world):
    base = live_server.url
    page.goto(f"{base}/sign-up/")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    # GOV.UK Frontend's script moves focus to the error summary.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_full_name"
    assert not violations_on(page)

    sign_in(page, base, world.users["anchor_admin"].email)
    page.goto(f"{base}/organisations/home-council/edit/")
    page.get_by_label("Registered address postcode").fill("not a postcode")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Enter a real UK postcode" in page.locator(".govuk-error-summary").inner_text()
    assert not violations_on(page)


def test_supplier_journey_in_the_browser(page, live_server, world):
    """Sign up, register an organisation, add a site, and see it on the public page."""
    base = live_server.url
    page.goto(f"{base}/sign-up/")
    page.get_by_label("Full name").fill("Pat Supplier")
    page.get_by_label("Email address").fill("pat@example.org")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_label("Register my organisation").check()
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{base}/account/organisation/new/")
    page.get_by_label("Organisation name").fill("Pat's Kitchen CIC")
    page.get_by_label("Community interest company (CIC)").check()
    page.get_by_label("Companies House number").fill("12345678")
    page.get_by_label("Registered address postcode").fill("b18 6nf")
    page.get_by_role("button", name="Register organisation").click()
    page.wait_for_url(f"{base}/organisations/pats-kitchen-cic/")
    assert "is registered and you are its administrator" in page.content()
    page.get_by_role("link", name="Add a site").click()
    page.get_by_label("Site name").fill("Kitchen")
    page.get_by_label("Postcode").fill("B9 4AA")
    page.get_by_role("button", name="Add site").click()
    page.wait_for_url(f"{base}/organisations/pats-kitchen-cic/")
    assert "B9 4AA" in page.content()


def test_navigation_collapses_to_a_menu_on_small_screens(page, live_server, world):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible()
    assert not page.get_by_role("link", name="Champions").is_visible()
    toggle.click()
    assert page.get_by_role("link", name="Champions").is_visible()
    assert not violations_on(page)


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
    assert page.title().startswith("Error:")
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
    assert page.title().startswith("Error:")
    assert not violations_on(page)
    page.get_by_label("R2: part of R1").fill("500")
    page.get_by_label("R3: part of R2").fill("100")
    page.get_by_role("button", name="Save the survey figures").click()
    page.wait_for_url(re.compile(r".*year=2025(#lm3)?$"))
    assert "from a survey" in page.content()
    page.get_by_role("link", name="Printable report").click()
    assert not violations_on(page)
    page.goto(f"{base}/spend/network/")
    assert not violations_on(page)
    page.context.clear_cookies()
    sign_in(page, base, world.users["anchor_admin"].email)
    page.goto(f"{base}/spend/ledger/{world.home.slug}/?year=2025")
    page.get_by_role("button", name="Publish this year's summary").click()
    assert "The 2025-26 summary is published" in page.content()
    assert not violations_on(page)
    page.context.clear_cookies()
    page.goto(f"{base}/spend/published/")
    assert not violations_on(page)
    page.get_by_role("link", name=world.home.name).click()
    assert "Share with SMEs" in page.content()
    assert not violations_on(page)
    assert not page.console_problems, page.console_problems
