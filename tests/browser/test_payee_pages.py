"""The payee page and the payees-to-place queue in the browser: a buyer confirms a suggestion from
the queue, gives a postcode with a mistake first, searches the registers and undoes; axe finds no
WCAG 2.2 A/AA violation on any state, and the console stays clean."""

import re

from registers.models import RegisterEntry
from suppliers.models import RegisterMatch
from tests.browser.helpers import expect_error_page, sign_in, violations_on
from tests.spend.test_payee_pages import pay


def test_a_buyer_places_payees_in_the_browser(page, live_server, world):
    trust = RegisterEntry.objects.create(
        register="nhs-ods",
        identifier="RBK",
        name="WALSALL HEALTHCARE NHS TRUST",
        normalised_name="walsall healthcare nhs trust",
        postcode="WS2 9PS",
        sector="public",
        kind="NHS trust",
    )
    payee = pay(world.home, "WALSALL HEALTHCARE 001", 1200, match_status="suggested")
    RegisterMatch.objects.create(
        payee=payee, entry=trust, probability=0.82, evidence="name matches the NHS trust RBK"
    )
    other = pay(world.home, "Corner Shop", 40)
    base = live_server.url
    sign_in(page, base, world.users["buyer"].email)
    problems = {}

    def check(where):
        assert page.locator("h1").count() == 1, where
        if found := violations_on(page):
            problems[where] = found

    page.goto(f"{base}/suppliers/places/")
    assert "1 payee with suggestions" in page.content()
    check("queue")
    page.get_by_role("button", name=re.compile(r"^Confirm\W+WALSALL HEALTHCARE NHS TRUST")).click()
    page.wait_for_load_state()
    assert "Confirmed: WALSALL HEALTHCARE 001" in page.content()
    check("queue after a decision")

    page.goto(f"{base}/suppliers/payees/{payee.pk}/")
    assert "Public sector" in page.content()
    check("payee page")
    page.get_by_role("button", name=re.compile(r"^Undo\W+this decision")).click()
    page.wait_for_load_state()
    assert "Undone" in page.content()

    page.goto(f"{base}/suppliers/payees/{other.pk}/")
    page.get_by_label("Postcode").fill("nowhere")
    page.get_by_role("button", name="Save the postcode").click()
    page.wait_for_load_state()
    expect_error_page(page)
    check("postcode error")
    page.get_by_label("Postcode").fill("wv1 1aa")
    page.get_by_role("button", name="Save the postcode").click()
    page.wait_for_load_state()
    assert "Postcode WV1 1AA saved" in page.content()
    check("postcode saved")
    page.get_by_label("Name or number").fill("Walsall Healthcare")
    page.get_by_role("button", name="Search the registers").click()
    page.wait_for_load_state()
    assert "This is the one" in page.content()
    check("search results")
    assert not problems, problems
    assert not page.console_problems, page.console_problems
