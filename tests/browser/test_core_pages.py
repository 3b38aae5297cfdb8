"""Site-wide pages in the browser: each role signs in and walks its main pages (axe-core finds no
WCAG 2.2 A/AA violation on any), error states, and the menu on small screens."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.helpers import expect_error_page, sign_in, violations_on

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
    "/find-work/",
    "/learn/",
    "/the-network/",
]

PAGES = {
    "anonymous": [*PUBLIC_PAGES, "/sign-in/", "/sign-up/", "/password-reset/", "/no-such-page/"],
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
    expect_error_page(page)
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


def test_navigation_collapses_to_a_menu_on_small_screens(page, live_server, world):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible()
    menu = page.get_by_role("navigation", name="Menu")
    assert not menu.get_by_role("link", name="The network").is_visible()
    toggle.click()
    assert menu.get_by_role("link", name="The network").is_visible()
    assert not violations_on(page)
