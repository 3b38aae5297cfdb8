"""The charter in the browser: a coordinator changes a commitment (and is told what is wrong
first), an anchor's administrator records the anchor's adoption, the public reads the charter, a
commitment's history, each anchor's progress and the adoption picture: every page passes axe."""

import re

from scorecard.charter_sync import sync_charter
from tests.browser.helpers import Checker, sign_in

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
    assert page.title().startswith("Error:")
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
    assert page.title().startswith("Error:")
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
