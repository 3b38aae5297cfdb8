"""Error messages in the browser: the challenge form sent empty and the calculator with a year
out of range show an error summary whose links name each field, say how to fix it and lead to
the field, with the same message beside it. axe on every page, with no console errors."""

from tests.browser.helpers import Checker, sign_in


def test_the_error_summary_names_each_field_and_leads_to_it(page, live_server, world):
    base = live_server.url
    check = Checker(page)
    sign_in(page, base, "buyer@example.org")
    page.goto(f"{base}/challenges/new/")
    page.get_by_role("button", name="Save the challenge").click()
    summary = page.locator(".govuk-error-summary")
    assert page.title().startswith("Error:")
    text = summary.inner_text()
    assert "Enter the challenge title" in text and "This field is required" not in text
    check("challenge form with errors")
    summary.get_by_role("link", name="Enter the challenge title").click()
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert page.locator("#id_title_1_error").inner_text().endswith("Enter the challenge title")

    page.goto(f"{base}/invest-to-save/")
    page.get_by_label("Year, row 1", exact=True).fill("0")
    page.get_by_label("Until year, row 1", exact=True).fill("1000")
    page.get_by_label("Amount, row 1", exact=True).fill("lots")
    page.get_by_role("button", name="Calculate").click()
    text = page.locator(".govuk-error-summary").inner_text()
    assert "The until year in row 1 must be 400 or less" in text
    assert "The amount in row 1 must be a number, like 25000" in text
    assert (
        page.locator("#until-0-error").is_visible() and page.locator("#amount-0-error").is_visible()
    )
    check("calculator with errors")
    assert check.problems == {}
    assert not page.console_problems, page.console_problems
