"""The procurement-practice scorecard in the browser: a buyer opens the network comparison from
the navigation, an anchor's scorecard, chooses a period (and a wrong one), opens a drill-down; the
anchor's administrator publishes the scorecard and the public reads it. Every page passes axe."""

import re

from tests.browser.helpers import Checker, sign_in
from tests.scorecard.test_scorecard_pages import load, release


def test_the_scorecard_journey_in_the_browser(page, live_server, world, tmp_path, ocds_schema):
    load(
        tmp_path,
        [
            release("ocds-t-a", "2026-05-10", "Home Council", lots=2),
            release("ocds-t-b", "2026-05-11", "Home Council", kind="UK5"),
            release("ocds-t-c", "2026-08-10", "Home Council", lots=1, bids=1),
            release("ocds-t-e", "2026-08-12", "Other Trust", lots=1),
        ],
    )
    base = live_server.url
    check = Checker(page)
    sign_in(page, base, world.users["buyer"].email)
    page.get_by_role("link", name="Scorecard", exact=True).click()
    page.wait_for_url(re.compile(r".*/scorecard/network/$"))
    assert "Every buyer in the data" in page.content()
    check("comparison")
    page.get_by_role("link", name="Home Council").first.click()
    page.wait_for_url(re.compile(rf".*/scorecard/{world.home.slug}/$"))
    assert "Tenders divided into lots" in page.content()
    check("scorecard")
    page.get_by_label("Financial year (April to March)").select_option("2026")
    page.get_by_label("Quarter of that year").select_option("2")
    page.get_by_role("button", name="Show this period").click()
    page.wait_for_url(re.compile(r".*year=2026&quarter=2.*"))
    assert "Q2 2026-27 (July–September 2026)" in page.locator("h1").inner_text()
    check("scorecard, one quarter")
    page.get_by_role("link", name="Lots with a single bid").click()
    page.wait_for_url(re.compile(r".*/single_bid_share/\?year=2026&quarter=2$"))
    assert "1 row, 1 counted in the figure" in page.content()
    check("drill-down")
    page.goto(f"{base}/scorecard/{world.home.slug}/?quarter=3")
    assert page.title().startswith("Error:")
    page.get_by_role("link", name="Choose the financial year of the quarter too").click()
    check("wrong period")
    page.context.clear_cookies()
    sign_in(page, base, world.users["anchor_admin"].email)
    page.goto(f"{base}/scorecard/{world.home.slug}/")
    page.get_by_role("button", name="Publish this scorecard").click()
    assert "scorecard is published" in page.content()
    check("published")
    page.context.clear_cookies()
    page.goto(f"{base}/scorecard/network/")
    assert "Published anchors together" in page.content()
    check("public comparison")
    page.get_by_role("link", name="Home Council").first.click()
    assert "This scorecard is public" in page.content()
    check("public scorecard")
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems
