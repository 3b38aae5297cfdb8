"""A programme's money in the browser, every page through axe: Home Council's administrator
reads the funding page, adds a contribution (told what is wrong first), marks one received and
uploads evidence; the coordinator adds a funding bid, moves a bid to awarded, adds a budget line
and funds part of it, and sets the optimism bias; the costing page shows the gaps and present
value. No console errors."""

import re

from tests.browser.helpers import Checker, sign_in
from tests.challenges.factories import PDF
from tests.programmes.test_money_pages import money_programme


def test_funding_and_costing_in_the_browser(page, live_server, world, tmp_path):
    made = money_programme(world)
    base = live_server.url
    funding = f"{base}/programmes/pilot/funding/"
    costing = f"{base}/programmes/pilot/costing/"
    check = Checker(page)

    sign_in(page, base, world.users["anchor_admin"].email)
    page.goto(funding)
    assert "Leverage ratio" in page.content()
    check("funding")
    page.get_by_role("link", name="Add a contribution").click()
    check("contribution form")
    page.get_by_label("In kind", exact=True).check()
    page.get_by_label("What the contribution is").fill("Meeting rooms")
    page.get_by_role("button", name="Add contribution").click()
    assert "Enter how the value was worked out" in page.content()
    check("contribution form with errors")
    page.get_by_label("Facilities", exact=True).check()
    page.get_by_label("How the value was worked out (in kind)").fill("12 days at £200")
    page.get_by_label("Amount or stated value for 2026 to 2027 (£)").fill("2400")
    page.get_by_role("button", name="Add contribution").click()
    page.wait_for_url(re.compile(r".*/funding/$"))
    assert "Meeting rooms" in page.content()
    page.get_by_role("link", name=re.compile("Mark as received.*Grant towards trials")).click()
    check("move")
    page.get_by_role("button", name="Confirm: received").click()
    page.wait_for_url(re.compile(r".*/funding/$"))
    page.get_by_role("link", name=re.compile("Evidence files.*Grant towards trials")).click()
    check("evidence")
    upload = tmp_path / "minutes.pdf"
    upload.write_bytes(PDF)
    page.get_by_label("Add a supporting file").set_input_files(str(upload))
    page.get_by_role("button", name="Upload the file").click()
    assert "minutes.pdf is attached" in page.content()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, base, world.users["coordinator"].email)
    page.goto(funding)
    page.get_by_role("link", name="Add a funding source").click()
    page.get_by_role("button", name="Add funding source").click()
    assert "Enter the funder's name" in page.content()
    check("bid form with errors")
    page.get_by_label("Funder", exact=True).fill("Sample Regional Fund")
    page.get_by_label("Scheme or fund").fill("Scale-up")
    page.get_by_role("button", name="Add funding source").click()
    page.wait_for_url(re.compile(r".*/funding/$"))
    page.get_by_role("link", name=re.compile("Mark as awarded.*Q Exchange")).click()
    page.get_by_label("Amount awarded (£)").fill("15000")
    check("award")
    page.get_by_role("button", name="Confirm: awarded").click()
    page.wait_for_url(re.compile(r".*/funding/$"))
    check("funding as coordinator")

    page.goto(costing)
    assert "Present value" in page.content()
    check("costing")
    page.get_by_role("link", name="Add a budget line").click()
    page.get_by_label("Evaluation", exact=True).check()
    page.get_by_label("What the line pays for").fill("Independent evaluation")
    page.get_by_label("Cost for 2027 to 2028 (£)").fill("ten thousand")
    page.get_by_role("button", name="Add budget line").click()
    assert "Enter the amount for 2027 to 2028 in pounds, like 25000" in page.content()
    check("line form with errors")
    page.get_by_label("Cost for 2027 to 2028 (£)").fill("10000")
    page.get_by_role("button", name="Add budget line").click()
    page.wait_for_url(re.compile(r".*/costing/$"))
    page.get_by_role(
        "link", name=re.compile("Fund part of it from a source.*Independent evaluation")
    ).click()
    page.get_by_label("Financial year").select_option("2027")
    page.get_by_label("Funded from").select_option(f"f{made['awarded'].pk}")
    page.get_by_label("Amount (£)").fill("5000")
    check("allocation form")
    page.get_by_role("button", name="Add allocation").click()
    page.wait_for_url(re.compile(r".*/costing/$"))
    page.get_by_role("link", name="Change the optimism bias and year 0").click()
    check("settings form")
    page.get_by_label("Optimism bias (%)").fill("24")
    page.get_by_label("Why this optimism bias").fill("Green Book, standard buildings")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/costing/$"))
    assert "24%: Green Book, standard buildings" in page.content()
    check("costing after changes")
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems
