"""The areas app in the browser, every page through axe: the public reads the list and an area's
page; a coordinator defines an area (and is told what is wrong first), previews it and saves it;
a buyer opens the suppliers known to be in East Birmingham, filters them and downloads the CSV."""

import re

from tests.areas.test_pages import SECTORS, suppliers_in_and_out  # noqa: F401 (fixture)
from tests.browser.helpers import Checker, expect_error_page, sign_in


def test_the_areas_journey_in_the_browser(page, live_server, suppliers_in_and_out):  # noqa: F811
    world = suppliers_in_and_out
    base = live_server.url
    check = Checker(page)
    page.goto(f"{base}/areas/")
    assert "East Birmingham (postcode sectors)" in page.content()
    check("list, public")
    page.get_by_role("link", name="East Birmingham (postcode sectors)").click()
    page.wait_for_url(re.compile(rf".*/areas/{SECTORS}/$"))
    assert "History of this area" in page.content()
    check("area page, public")

    sign_in(page, base, world.users["coordinator"].email)
    page.goto(f"{base}/areas/")
    page.get_by_role("link", name="Define an area").click()
    page.get_by_label("Name").fill("Small Heath")
    page.get_by_label("Postcode districts or sectors").check()
    page.get_by_label("Members").fill("B10 0\nB99X\nB9")
    page.get_by_label("Source", exact=True).fill("Drawn by the coordinator, December 2026")
    page.get_by_label("Check before relying on this").check()
    page.get_by_role("button", name="Preview").click()
    expect_error_page(page)
    assert "B99X" in page.content()
    check("area form with errors")
    page.get_by_label("Members").fill("B10 0\nB9")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name="Preview: what the area holds").wait_for()
    assert "809" in page.content()  # the postcodes of B9
    check("preview")
    page.get_by_role("button", name="Save this area").click()
    page.wait_for_url(re.compile(r".*/areas/small-heath/$"))
    assert "version 1 is saved" in page.content()
    check("saved area")

    page.context.clear_cookies()
    sign_in(page, base, world.users["buyer"].email)
    page.goto(f"{base}/areas/{SECTORS}/")
    page.get_by_role("link", name="Suppliers known to be in East Birmingham").click()
    page.wait_for_url(re.compile(rf".*/areas/{SECTORS}/suppliers/$"))
    content = page.content()
    assert "Bordesley Bakes Ltd" in content and "Washwood Web CIC" in content
    assert "Coventry Catering Ltd" not in content
    check("suppliers")
    page.get_by_label("VCSEs only").check()
    page.get_by_role("button", name="Show suppliers").click()
    page.wait_for_url(re.compile(r".*vcse=on.*"))
    assert "Bordesley Bakes Ltd" not in page.content()
    check("suppliers, VCSEs only")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download them as CSV")).click()
    assert download.value.suggested_filename.startswith(f"suppliers-in-{SECTORS}-")
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems
