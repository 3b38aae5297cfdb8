"""Each role signs in, walks its main pages, and axe-core finds no WCAG 2.2 A/AA violation on any."""

import re
from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

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
    "/opportunities/?location=Xyz&status=open",
    "/opportunities/?location=Birmingham&q=zebra",
    "/opportunities/ocds-sample-0002/",
    "/opportunities/ocds-sample-0005/",
    "/opportunities/pipeline/",
    "/organisations/",
    "/organisations/?group=anchors&sector=healthcare",
    "/organisations/home-council/",
    "/champions/",
    "/challenges/",
    "/route-finder/",
    "/route-finder/?value=900000&buyer_type=central&category=services&solution=prototype",
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
    assert "Coverage:" in page.content() and "Q1 2025-26 (April–June 2025)" in page.content()
    page.goto(f"{base}/spend/network/")
    assert not violations_on(page)
    page.get_by_label("Measure to compare").select_option("sme_share")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r".*measure=sme_share$"))
    assert "Share with SMEs (share of analysed spend), financial year 2025-26" in page.content()
    assert "No data yet" in page.content()  # Other Trust has no payments
    assert not violations_on(page)
    page.goto(f"{base}/spend/network/?measure=nonsense")
    assert page.title().startswith("Error:")
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
    assert "Share with SMEs" in page.content() and "Spend by payee" in page.content()
    assert not violations_on(page)
    assert not page.console_problems, page.console_problems


def test_a_challenge_from_draft_to_award_in_the_browser(page, live_server, world, tmp_path):
    """A buyer writes a challenge, publishes it and opens engagement; a supplier asks, expresses
    interest, proposes with a file and looks for partners; the buyer answers, closes engagement,
    evaluates (declaration, scores, moderation, feedback) and records the award; another anchor
    adopts it. Every page passes axe, with no console errors."""
    from datetime import timedelta

    from django.utils import timezone

    from challenges.models import Challenge, PanelMember

    base = live_server.url
    problems = {}

    def check(label):
        found = violations_on(page)
        if found:
            problems[label] = found

    sign_in(page, base, world.users["buyer"].email)
    page.get_by_role("link", name="Challenges").first.click()
    check("list")
    page.get_by_role("link", name="Describe a challenge").click()
    check("create")
    page.get_by_label("Title", exact=True).fill("Fewer missed home care visits")
    page.get_by_label("Summary", exact=True).fill(
        "Late and missed visits leave people without care."
    )
    page.get_by_label("The problem").fill("About 5% of visits are late or missed.")
    page.get_by_label("Who is affected").fill("People receiving care and their carers.")
    page.get_by_label("Outcomes wanted").fill("Missed visits fall from 5% to 2% within a year.")
    page.get_by_label("How success will be measured").fill("Call monitoring data, monthly.")
    page.get_by_label("CPV codes").fill("85312000")
    closes = timezone.localdate() + timedelta(days=20)
    page.get_by_label("Day").fill(str(closes.day))
    page.get_by_label("Month").fill(str(closes.month))
    page.get_by_label("Year").fill(str(closes.year))
    page.get_by_role("button", name="Save the challenge").click()
    page.wait_for_url(re.compile(r".*/criteria/$"))
    for name, weight in (("Impact on the outcomes", "60"), ("Cost and value", "40")):
        page.get_by_label("Criterion", exact=True).fill(name)
        page.get_by_label("Weight (%)").fill(weight)
        page.get_by_role("button", name="Add the criterion").click()
    assert "100%" in page.content()
    check("criteria")
    page.get_by_role("link", name="Back to the challenge").click()
    page.get_by_role("link", name="Route finder answers").click()
    page.get_by_label("Estimated value including VAT, in pounds").fill("216000")
    page.get_by_label("Sub-central (councils, universities, police, combined authorities)").check()
    page.get_by_label("Services", exact=True).check()
    page.get_by_label("A solution needs development").check()
    page.get_by_label("We are an English council").check()
    check("route")
    page.get_by_role("button", name="Find the routes").click()
    assert "Phased innovation competition" in page.content()
    check("detail (draft)")
    page.get_by_role("link", name="Edit the statement").click()
    check("edit")
    page.get_by_role("button", name="Save the challenge").click()
    page.get_by_role("button", name="Publish the challenge").click()
    assert "The challenge is now published" in page.content()
    page.get_by_role("button", name="Open market engagement").click()
    assert "engagement open" in page.content()
    reference = Challenge.objects.get().reference
    uk2 = "Download the UK2 preliminary market engagement notice (OCDS JSON)"
    assert page.get_by_role("link", name=uk2).count() == 1
    page.get_by_role("link", name="Add an engagement event").click()
    check("event")
    page.get_by_label("Title", exact=True).fill("Supplier briefing")
    briefing = timezone.localdate() + timedelta(days=7)
    page.get_by_label("Day").fill(str(briefing.day))
    page.get_by_label("Month").fill(str(briefing.month))
    page.get_by_label("Year").fill(str(briefing.year))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Online event").check()
    page.get_by_role("button", name="Add the event").click()
    page.wait_for_url(re.compile(r".*/challenges/CH-\w+/(#events)?$"))
    check("detail (open)")

    page.context.clear_cookies()
    sign_in(page, base, world.users["supplier"].email)
    page.goto(f"{base}/challenges/{reference}/")
    page.get_by_label("Ask a clarification question").fill("Will providers share visit data?")
    page.get_by_role("button", name="Ask the question").click()
    page.get_by_role("button", name="Express interest").click()
    assert "Interest expressed" in page.content()
    page.get_by_role("button", name="Register for Supplier briefing").click()
    assert "You are registered" in page.content()
    check("detail (supplier)")
    page.get_by_role("link", name="Write a solution proposal").click()
    check("response")
    page.get_by_label("Your approach").fill("Care workers confirm visits by text; gaps re-routed.")
    page.get_by_label("Technology readiness level").select_option("6")
    page.get_by_label("Indicative cost, in pounds (excluding VAT)").fill("90000")
    page.get_by_role("button", name="Submit your proposal").click()
    assert "Your proposal is submitted" in page.content()
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("Add a supporting file").set_input_files(str(plan))
    page.get_by_role("button", name="Upload the file").click()
    assert "plan.pdf attached" in page.content()
    check("response (submitted)")
    page.goto(f"{base}/challenges/{reference}/partners/")
    page.get_by_label("What you offer").fill("Care workers and coordination")
    page.get_by_label("What you need from partners").fill("Rostering software")
    page.get_by_role("button", name="Save and show suggested partners").click()
    check("partners")

    page.context.clear_cookies()
    sign_in(page, base, world.users["buyer"].email)
    page.goto(f"{base}/challenges/{reference}/")
    page.get_by_role("link", name="Clarification questions").click()
    page.get_by_label("Answer to question 1").fill("Yes, monthly, under our contracts.")
    page.get_by_role("button", name="Publish the answer to question 1").click()
    check("questions")
    page.goto(f"{base}/challenges/{reference}/")
    page.get_by_role("link", name="1 registered for Supplier briefing").click()
    assert world.users["supplier"].email in page.content()
    check("registrations")
    page.goto(f"{base}/challenges/{reference}/interests/")
    assert world.supplier_org.name in page.content()
    check("interests")
    page.goto(f"{base}/challenges/{reference}/panel/")
    page.get_by_label("Email address of the evaluator").fill(world.users["buyer"].email)
    page.get_by_label("Moderates the panel's scores").check()
    page.get_by_role("button", name="Add to the panel").click()
    check("panel")
    page.goto(f"{base}/challenges/{reference}/")
    page.get_by_role("button", name="Close market engagement").click()
    page.get_by_role("link", name="Declare any conflict of interest").click()
    check("declare")
    page.get_by_label("No, I have no conflict of interest").check()
    page.get_by_role("button", name="Make the declaration").click()
    page.get_by_role("link", name=world.supplier_org.name).click()
    check("score")
    page.get_by_label("Impact on the outcomes (60%): score").select_option("8")
    page.get_by_label("Cost and value (40%): score").select_option("6")
    page.get_by_role("button", name="Save your scores").click()
    page.get_by_role("button", name="Submit your scores to the moderator").click()
    assert PanelMember.objects.get().scores_submitted_at is not None
    check("evaluate")
    page.get_by_role("link", name="Go to moderation").click()
    page.get_by_role("link", name=world.supplier_org.name).click()
    check("moderate")
    page.get_by_label("Impact on the outcomes (60%): score").select_option("8")
    page.get_by_label("Impact on the outcomes: reason for the agreed score").fill(
        "Strong evidence."
    )
    page.get_by_label("Cost and value (40%): score").select_option("6")
    page.get_by_label("Cost and value: reason for the agreed score").fill("Fair price.")
    page.get_by_role("button", name="Save the agreed scores").click()
    assert "72.0%" in page.content()
    page.get_by_role("link", name=world.supplier_org.name).click()
    page.get_by_label("Shortlisted").check()
    page.get_by_label("Written feedback to the respondent").fill("Strong and well evidenced.")
    page.get_by_role("button", name="Save the feedback").click()
    page.get_by_role("button", name="Send feedback to every respondent").click()
    assert "Feedback sent to every respondent" in page.content()
    check("moderation")
    page.goto(f"{base}/challenges/{reference}/outcome/")
    page.get_by_label("Route used").select_option("competitive_flexible_phased")
    page.get_by_label("Awarded to").select_option(label=world.supplier_org.name)
    page.get_by_label("Contract value, in pounds (excluding VAT)").fill("150000")
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    check("outcome")
    page.get_by_role("button", name="Save the outcome").click()
    page.get_by_role("button", name="Record an award").click()
    assert "The challenge is now awarded" in page.content()
    check("detail (awarded)")

    page.context.clear_cookies()
    sign_in(page, base, world.users["other_buyer"].email)
    page.goto(f"{base}/challenges/{reference}/")
    page.get_by_role("link", name=f"Record that {world.other.name} adopted it").click()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Scale").fill("2 wards")
    check("adopt")
    page.get_by_role("button", name="Record the adoption").click()
    assert "2 of 2 network anchors use this solution" in page.content()
    check("detail (adopted)")
    page.goto(
        f"{base}/route-finder/?value=120000&buyer_type=sub-central&category=services&council=on"
    )
    assert "Check before relying on this" in page.content()
    check("route finder")
    assert Challenge.objects.get().status == "awarded"
    assert not problems, problems
    assert not page.console_problems, page.console_problems


def test_the_case_library_guides_and_calculator_in_the_browser(page, live_server, world, tmp_path):
    """The public reads cases, a guide and the calculator; a buyer shares a case (with an error
    first) and tries a bad spreadsheet; the coordinator publishes the case. axe on every page."""
    from cases.models import Case

    call_command("import_cases", stdout=StringIO())
    base = live_server.url
    problems = {}

    def check(label):
        found = violations_on(page)
        if found:
            problems[label] = found

    page.goto(f"{base}/cases/")
    check("library")
    page.get_by_label("Search cases").fill("hospital")
    page.get_by_role("button", name="Show cases").click()
    check("library search")
    page.get_by_role(
        "link", name="New Cross Hospital solar farm through the Carbon and Energy Fund"
    ).click()
    assert "Claim, not evaluated" in page.content()
    check("case")
    page.goto(f"{base}/cases/across-sectors/?from=healthcare&to=low-carbon")
    check("across sectors")
    page.goto(f"{base}/guides/")
    check("guides")
    page.get_by_role("link", name="Writing an outcome-based specification").click()
    check("guide")
    page.goto(f"{base}/invest-to-save/")
    page.get_by_label("Project type (for optimism bias)").select_option("standard_buildings")
    page.get_by_label("Budget holder, row 1", exact=True).fill("Estates")
    page.get_by_label("Kind, row 1", exact=True).select_option("capex")
    page.get_by_label("Year, row 1", exact=True).fill("0")
    page.get_by_label("Amount, row 1", exact=True).fill("1000000")
    page.get_by_label("Budget holder, row 2", exact=True).fill("Health")
    page.get_by_label("Kind, row 2", exact=True).select_option("saving")
    page.get_by_label("Year, row 2", exact=True).fill("1")
    page.get_by_label("Amount, row 2", exact=True).fill("150000")
    page.get_by_role("button", name="Calculate").click()
    assert "Who pays and who saves" in page.content()
    check("calculator")

    sign_in(page, base, world.users["buyer"].email)
    page.goto(f"{base}/cases/new/")
    page.get_by_label("Title", exact=True).fill("Robots wash hospital beds")
    page.get_by_role("button", name="Submit for review").click()
    assert page.title().startswith("Error:")
    check("case form with errors")
    page.get_by_label("Summary", exact=True).fill("Beds cleaned by robots.")
    page.get_by_label("The problem").fill("Hand washing was slow and costly.")
    page.get_by_label("Buyers", exact=True).fill("Home Council")
    page.get_by_label("Buyer type").select_option("health")
    page.get_by_label("Route used").select_option("competitive_dialogue")
    page.get_by_label("Outcomes as measured results").fill("Cost per bed | 100 | 65 | % | money")
    page.get_by_label("Network members").check()
    page.get_by_label(
        "I agree, for my organisation, to share this case at the level chosen"
    ).check()
    page.get_by_role("button", name="Submit for review").click()
    assert "Case submitted" in page.content()
    check("case submitted")
    page.get_by_role("link", name="Versions (1)").click()
    check("versions")
    bad = tmp_path / "cases.csv"
    bad.write_text("title,summary,problem,buyers,buyer_type,route\nA,B,C,D,health,Magic\n")
    page.goto(f"{base}/cases/import/")
    page.get_by_label("Spreadsheet of cases (CSV or XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Check and import").click()
    assert "Nothing was imported" in page.content()
    check("import report")

    page.context.clear_cookies()
    sign_in(page, base, world.users["coordinator"].email)
    page.get_by_role("link", name="Case review").first.click()
    check("review queue")
    page.get_by_role("link", name="Robots wash hospital beds").first.click()
    check("review form")
    page.get_by_label("Publish").check()
    page.get_by_role("button", name="Send the decision").click()
    assert Case.objects.get(title="Robots wash hospital beds").status == "published"
    assert not problems, problems
    assert not page.console_problems, page.console_problems


def test_a_job_page_follows_the_progress_then_goes_on(page, live_server, world):
    """The upload's job page updates itself from status.json (a polite live region), passes axe,
    and goes on to the next step when the job has finished."""
    from jobs.models import Job
    from jobs.progress import Progress

    job = Job.objects.create(
        kind="spend.inspect",
        title="Read april.csv for Home Council",
        status=Job.Status.RUNNING,
        created_by=world.users["buyer"],
        organisation=world.home,
        next_url="/spend/imports/",
        attempts=1,
    )
    base = live_server.url
    sign_in(page, base, world.users["buyer"].email)
    page.goto(f"{base}/jobs/{job.pk}/?follow=1")
    status = page.locator("#job-status")
    assert status.get_attribute("role") == "status" and "Running" in status.inner_text()
    assert not violations_on(page)
    Progress(job.pk)("Checking april.csv", 10, 40)
    # (expect, not wait_for_function: a string predicate is eval, which the CSP refuses)
    expect(status).to_contain_text("Checking april.csv: 10 of 40 (25%)", timeout=15_000)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED)
    page.wait_for_url(re.compile(r".*/spend/imports/$"), timeout=15_000)
    assert not page.console_problems, page.console_problems


def test_a_failed_job_says_why_in_the_browser(page, live_server, world):
    from jobs.models import Job

    job = Job.objects.create(
        kind="spend.import",
        title="Import april.csv for Home Council",
        status=Job.Status.FAILED,
        error="april.csv: cannot tell which column holds: Payment date. Nothing was imported.",
        created_by=world.users["buyer"],
        organisation=world.home,
        next_url="/spend/upload/",
        attempts=1,
    )
    base = live_server.url
    sign_in(page, base, world.users["buyer"].email)
    page.goto(f"{base}/jobs/{job.pk}/")
    assert "cannot tell which column holds" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_role("button", name="Check the columns again").is_visible()
    assert not violations_on(page)
    page.context.clear_cookies()
    sign_in(page, base, world.users["coordinator"].email)
    page.goto(f"{base}/jobs/")
    assert "cannot tell which column holds" in page.content()
    assert not violations_on(page)
    assert not page.console_problems, page.console_problems


def test_the_sign_in_pause_is_accessible_and_says_when_to_try_again(page, live_server, world):
    base = live_server.url
    for _ in range(6):
        page.goto(f"{base}/sign-in/")
        page.get_by_label("Email address").fill(" Buyer@Example.org ")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Too many attempts to sign in"
    assert "You can try again" in page.content()
    assert not violations_on(page)
    assert not page.console_problems, page.console_problems


@pytest.mark.usefixtures("ocds_schema")
def test_real_find_a_tender_notices_say_how_to_respond_in_the_browser(page, live_server, world):
    """A real UK4 notice of the shared day, opened while it is open, tells a supplier how to
    respond; the pages of its award, contract, performance and termination notices say what
    happened; axe finds nothing on any of them."""
    import time_machine

    from opportunities.loading import Loader
    from opportunities.models import Notice
    from tests.conftest import require_data

    folder = require_data("ocds", "find-a-tender")
    files = sorted(folder.glob("2026-08-10/*.json")) + [folder / "2026-08-11" / "page-004.json"]
    Loader().load([(path, path.name) for path in files])
    ocids = dict(
        Notice.objects.filter(
            release__release_id__in=[
                "075962-2026",  # UK4
                "075946-2026",  # UK6
                "075961-2026",  # UK7
                "076141-2026",  # UK9
                "075954-2026",  # UK12
                "075932-2026",  # PCR 2015 (CELEX)
            ]
        ).values_list("release__release_id", "process__ocid")
    )
    base = live_server.url
    problems = {}
    with time_machine.travel("2026-08-11T09:00:00+01:00"):
        page.goto(f"{base}/opportunities/{ocids['075962-2026']}/")
        respond = page.locator("#how-to-respond")
        expect(respond).to_be_visible()
        expect(
            page.get_by_role("link", name=re.compile("Read the notice on Find a Tender"))
        ).to_have_attribute("href", "https://www.find-tender.service.gov.uk/Notice/075962-2026")
        expect(page.get_by_text(re.compile(r"\d+ days left")).first).to_be_visible()
        page.get_by_text("Conditions for taking part, and how tenders are judged").click()
        expect(page.get_by_text("Quality 70%:Price 30%")).to_be_visible()
        problems["UK4"] = violations_on(page)
        for release_id in (
            "075946-2026",
            "075961-2026",
            "076141-2026",
            "075954-2026",
            "075932-2026",
        ):
            page.goto(f"{base}/opportunities/{ocids[release_id]}/")
            assert page.locator("h1").count() == 1
            problems[release_id] = violations_on(page)
        page.goto(f"{base}/opportunities/?awarded_min=many&awarded_max=10")
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        problems["search"] = violations_on(page)
    problems = {key: found for key, found in problems.items() if found}
    assert not problems, f"axe violations: {problems}"
    assert not page.console_problems, page.console_problems
