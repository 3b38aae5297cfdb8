"""The network's interpretations of the Procurement Act in the browser: a coordinator agrees a
draft (with an error first) and edits it, an anchor's administrator records the adoption, the
public reads it on its page, in the route finder and on a guide. axe on every page, with no
console errors."""

from datetime import date

from scorecard.models import Interpretation
from tests.browser.helpers import Checker, sign_in

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
    assert page.title().startswith("Error:")
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
