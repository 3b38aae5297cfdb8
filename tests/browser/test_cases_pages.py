"""The case library in the browser: the public reads cases, a guide and the invest-to-save
calculator; a buyer shares a case (with an error first) and tries a bad spreadsheet; the
coordinator publishes the case. axe on every page, with no console errors."""

from io import StringIO

from django.core.management import call_command

from cases.models import Case
from tests.browser.helpers import Checker, expect_error_page, sign_in


def test_the_public_reads_cases_guides_and_the_calculator_in_the_browser(page, live_server, world):
    call_command("import_cases", stdout=StringIO())
    base = live_server.url
    check = Checker(page)
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
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems


def test_a_buyer_shares_a_case_and_the_coordinator_publishes_it_in_the_browser(
    page, live_server, world, tmp_path
):
    base = live_server.url
    check = Checker(page)
    sign_in(page, base, world.users["buyer"].email)
    page.goto(f"{base}/cases/new/")
    page.get_by_label("Title", exact=True).fill("Robots wash hospital beds")
    page.get_by_role("button", name="Submit for review").click()
    expect_error_page(page)
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
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems
