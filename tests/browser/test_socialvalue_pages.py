"""The social-value pages in the browser, every page through axe: the public reads the
taxonomy; a buyer opens Social value from the navigation, records a contract by hand (and is told
what is missing first) and adds a commitment; the supplier reports delivery with evidence; the
buyer reviews the report with a confirmation and sees it counted; the UK9 KPI results page."""

import re

from socialvalue.models import ContractKpiResult
from tests.browser.helpers import Checker, expect_error_page, sign_in
from tests.socialvalue.factories import PDF


def fill_date(page, label, day, month, year):
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def test_the_social_value_journey_in_the_browser(page, live_server, world, tmp_path):
    ContractKpiResult.objects.create(
        ocid="ocds-h6vhtk-059d41",
        contract_id="1",
        release_id="076113-2026",
        metric_id="4",
        title="Number of training opportunities",
        measure="1500",
        classification="met",
    )
    base = live_server.url
    check = Checker(page)
    page.goto(f"{base}/social-value/model/")
    assert "Open Government Licence v3.0" in page.content()
    check("taxonomy")
    sign_in(page, base, world.users["buyer"].email)
    page.get_by_role("link", name="Social value", exact=True).click()
    page.wait_for_url(re.compile(r".*/social-value/$"))
    check("commitments, empty")
    page.get_by_role("link", name="Record a contract with social-value commitments").click()
    page.get_by_label("Entered by hand").check()
    page.get_by_role("button", name="Save the contract").click()
    expect_error_page(page)
    check("contract form with errors")
    page.get_by_label("Entered by hand").check()
    page.get_by_label("Contract title").fill("Meals on wheels")
    page.get_by_label("Supplier in the network").select_option(label="Supplier Ltd")
    page.get_by_role("button", name="Save the contract").click()
    page.wait_for_url(re.compile(r".*/commitments/new/$"))
    check("commitment form")
    page.get_by_label("Reporting metric").select_option("apprenticeships")
    page.get_by_label("Quantity committed over the period").fill("4")
    fill_date(page, "Start of the period", 1, 1, 2026)
    fill_date(page, "End of the period", 31, 12, 2026)
    page.get_by_role("button", name="Save the commitment").click()
    assert "Commitment saved" in page.content()
    check("contract page")
    contract_url = page.url
    page.goto(f"{base}/social-value/kpi-results/")
    assert "Number of training opportunities" in page.content()
    check("KPI results")
    page.context.clear_cookies()
    sign_in(page, base, world.users["supplier"].email)
    page.goto(contract_url)
    page.get_by_role("link", name=re.compile("Report delivery")).click()
    fill_date(page, "Start of the period covered", 1, 1, 2026)
    fill_date(page, "End of the period covered", 31, 3, 2026)
    page.get_by_label("Quantity delivered in the period").fill("1")
    page.get_by_label("What was delivered").fill("One apprentice started.")
    evidence = tmp_path / "start.pdf"
    evidence.write_bytes(PDF)
    page.get_by_label("Evidence (optional)").set_input_files(str(evidence))
    check("report form")
    page.get_by_role("button", name="Submit the report").click()
    assert "Report submitted" in page.content() and "start.pdf" in page.content()
    check("contract page, supplier")
    page.context.clear_cookies()
    sign_in(page, base, world.users["buyer"].email)
    page.goto(contract_url)
    page.get_by_role("link", name=re.compile("^Review")).click()
    check("review form")
    page.get_by_label("Accept the report").check()
    page.get_by_role("button", name="Continue").click()
    assert "Accept this report?" in page.content()
    check("review confirmation")
    page.get_by_role("button", name="Accept the report").click()
    assert "Report accepted" in page.content() and "1 of 4" in page.content()
    page.goto(f"{base}/social-value/")
    assert "Meals on wheels" in page.content()
    check("commitments with figures")
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems
