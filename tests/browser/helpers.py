"""What the browser tests share: signing in, axe-core's WCAG 2.2 A/AA run, and a checker that
collects violations page by page so a journey reports them all at once."""

import re

from axe_playwright_python.sync_playwright import Axe
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


def sign_in(page, base, email):
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "Signed in as" in page.content(), f"sign-in failed for {email}"


def expect_error_page(page):
    """The page a form was sent to is its error page: waits for the answer to load (reading the
    title straight after a click can see the page in between, with no title yet)."""
    expect(page).to_have_title(re.compile(r"^Error:"))


def violations_on(page) -> list[str]:
    results = axe.run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


class Checker:
    """check(label) runs axe on the page as it is now and keeps what it finds under the label."""

    def __init__(self, page):
        self.page = page
        self.problems = {}

    def __call__(self, label):
        found = violations_on(self.page)
        if found:
            self.problems[label] = found
