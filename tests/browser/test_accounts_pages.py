"""Accounts in the browser: signing up with a new organisation, and the sign-in pause."""

import re

from tests.browser.helpers import violations_on
from tests.conftest import PASSWORD


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
    # A new supplier is led straight into the capability set-up (issue 18).
    page.wait_for_url(re.compile(r".*/opportunities/capabilities/set-up/.*"))
    assert "is registered and you are its administrator" in page.content()
    page.goto(f"{base}/organisations/pats-kitchen-cic/")
    page.get_by_role("link", name="Add a site").click()
    page.get_by_label("Site name").fill("Kitchen")
    page.get_by_label("Postcode").fill("B9 4AA")
    page.get_by_role("button", name="Add site").click()
    page.wait_for_url(f"{base}/organisations/pats-kitchen-cic/")
    assert "B9 4AA" in page.content()


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
