"""The scorecard app in the browser, every page through axe:
- the scorecard: a buyer opens the network comparison from the navigation, an anchor's scorecard,
  chooses a period (and a wrong one), opens a drill-down; the anchor's administrator publishes the
  scorecard and the public reads it;
- the charter: a coordinator changes a commitment (and is told what is wrong first), an anchor's
  administrator records the anchor's adoption, the public reads the charter, a commitment's
  history, each anchor's progress and the adoption picture;
- the network's interpretations of the Procurement Act: a coordinator agrees a draft (with an
  error first) and edits it, an anchor's administrator records the adoption, the public reads it
  on its page, in the route finder and on a guide, with no console errors."""

import re
from datetime import date

from scorecard.charter_sync import sync_charter
from scorecard.models import Interpretation
from tests.browser.helpers import Checker, expect_error_page, sign_in
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
    assert "Awards to suppliers in each ring" in page.content()
    check("scorecard")
    page.get_by_label("Financial year (April to March)").select_option("2026")
    page.get_by_label("Quarter of that year").select_option("2")
    page.get_by_role("button", name="Show this period").click()
    page.wait_for_url(re.compile(r".*year=2026&quarter=2.*"))
    assert "Q2 2026-27 (July to September 2026)" in page.locator("h1").inner_text()
    check("scorecard, one quarter")
    page.get_by_role("link", name="Lots with a single bid").click()
    page.wait_for_url(re.compile(r".*/single_bid_share/\?year=2026&quarter=2$"))
    assert "1 row, 1 counted in the figure" in page.content()
    check("drill-down")
    page.goto(f"{base}/scorecard/{world.home.slug}/?quarter=3")
    expect_error_page(page)
    page.get_by_role("link", name="Choose the financial year of the quarter too").click()
    check("wrong period")
    page.context.clear_cookies()
    sign_in(page, base, world.users["anchor_admin"].email)
    page.goto(f"{base}/scorecard/{world.home.slug}/")
    page.get_by_role("button", name="Publish this scorecard").click()
    check("publish confirmation")
    page.get_by_role("button", name="Yes, publish the scorecard").click()
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


LOTS = "divide-into-lots"


def test_the_charter_journey_in_the_browser(page, live_server, world):
    sync_charter()
    base = live_server.url
    check = Checker(page)

    sign_in(page, base, world.users["coordinator"].email)
    page.goto(f"{base}/charter/")
    check("charter (coordinator)")
    page.get_by_role("link", name="Divide contracts into lots where practicable").click()
    page.get_by_role("link", name="Change this commitment").click()
    check("edit form")
    page.get_by_label("Target").fill("150")
    page.get_by_role("button", name="Save a new version").click()
    page.wait_for_load_state()
    expect_error_page(page)
    check("edit form with errors")
    page.get_by_label("Target").fill("40")
    page.get_by_label("What changed and why").fill("Agreed at the June meeting")
    page.get_by_role("button", name="Save a new version").click()
    page.wait_for_url(re.compile(rf".*/charter/{LOTS}/$"))
    assert "Version 2 is saved" in page.content() and "At least 40%" in page.content()
    check("commitment after an edit")
    page.goto(f"{base}/charter/new/")
    check("add form")
    page.goto(f"{base}/charter/{LOTS}/status/")
    check("retire form")
    page.goto(f"{base}/charter/{LOTS}/adopt/")
    check("adoption form (coordinator)")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, base, world.users["anchor_admin"].email)
    page.goto(f"{base}/charter/{LOTS}/")
    page.get_by_role("link", name="Record an adoption").click()
    check("adoption form (anchor admin)")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Record adoption").click()
    page.wait_for_load_state()
    expect_error_page(page)
    check("adoption form with errors")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Record adoption").click()
    page.wait_for_url(re.compile(rf".*/charter/{LOTS}/$"))
    assert "Home Council adopted" in page.content()
    check("commitment with an adoption")
    page.get_by_role("link", name=re.compile("Withdraw")).click()
    check("withdraw confirmation")
    page.goto(f"{base}/charter/{LOTS}/progress/")
    check("progress (anchor admin)")
    page.get_by_role("button", name="Sign out").click()

    for path in (
        "/charter/",
        f"/charter/{LOTS}/",
        f"/charter/{LOTS}/progress/",
        f"/charter/{LOTS}/progress/?since=2026-02-01&until=2026-01-01",
        "/charter/adoption/",
    ):
        page.goto(f"{base}{path}")
        check(f"{path} (public)")
    assert "Divide contracts into lots where practicable, 1 April 2026" in page.content()
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems


RESERVE = "below-threshold-reservation-councils"


def test_a_coordinator_agrees_and_edits_an_interpretation_in_the_browser(page, live_server, world):
    base = live_server.url
    check = Checker(page)
    sign_in(page, base, world.users["coordinator"].email)
    page.goto(f"{base}/interpretations/")
    assert "3 interpretations" in page.content()
    check("list")
    page.get_by_label("Status").select_option("draft")
    page.get_by_role("button", name="Show interpretations").click()
    check("list of drafts")
    page.get_by_role("link", name="When may a council in the network reserve").click()
    assert "the network has not agreed this reading" in page.content()
    check("draft")
    page.get_by_role("link", name="Change the status").click()
    page.get_by_label("Agreed").check()
    page.get_by_label("Change note").fill("Agreed at the network meeting")
    page.get_by_role("button", name="Change the status").click()
    expect_error_page(page)
    check("status with an error")
    page.get_by_label("Day", exact=True).fill("30")
    page.get_by_label("Month", exact=True).fill("11")
    page.get_by_label("Year", exact=True).fill("2026")
    page.get_by_role("button", name="Change the status").click()
    page.wait_for_load_state()
    assert "Status changed to agreed (version 2)" in page.content()
    check("agreed")
    page.get_by_role("link", name="Edit the interpretation").click()
    check("edit form")
    reading = page.get_by_label("The network's reading")
    reading.fill(reading.input_value().replace("one area", "one named area"))
    page.get_by_label("Change note").fill("Say the area is named")
    page.get_by_role("button", name="Save the interpretation").click()
    page.wait_for_load_state()
    assert "version 3" in page.content() and "<ins>" in page.content()
    check("edited, with its versions")
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems


def test_an_adoption_and_the_public_links_in_the_browser(page, live_server, world):
    Interpretation.objects.filter(slug=RESERVE).update(
        status="agreed", agreed_on=date(2026, 11, 30)
    )
    base = live_server.url
    check = Checker(page)
    sign_in(page, base, world.users["anchor_admin"].email)
    page.goto(f"{base}/interpretations/{RESERVE}/")
    page.get_by_role("link", name="Record an adoption").click()
    check("adoption form")
    page.get_by_label("Day", exact=True).fill("1")
    page.get_by_label("Month", exact=True).fill("12")
    page.get_by_label("Year", exact=True).fill("2026")
    page.get_by_role("button", name="Record the adoption").click()
    page.wait_for_load_state()
    assert "Home Council's adoption is recorded" in page.content()
    check("adopted")
    page.get_by_role("link", name="Withdraw Home Council's adoption").click()
    check("withdraw")
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("button", name="Sign out").click()
    page.goto(
        f"{base}/route-finder/?value=120000&buyer_type=sub-central&category=services&council=on"
    )
    assert page.get_by_role("link", name="When may a council in the network reserve").count() >= 3
    check("route finder")
    page.goto(f"{base}/guides/local-reservation-below-threshold/")
    page.get_by_role("link", name="When may a council in the network reserve").click()
    assert "Home Council" in page.content() and "1 December 2026" in page.content()
    check("public interpretation")
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems
