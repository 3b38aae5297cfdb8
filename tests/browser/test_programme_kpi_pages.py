"""The KPI pages in the browser, every page through axe: a coordinator adds a KPI to a programme
(told what is wrong first), takes a snapshot now; a partner anchor's administrator enters a
manual result with its evidence; a buyer of another anchor reads an anchor's own KPIs; with no
console errors."""

import re
from datetime import date

from programmes.models import KpiSnapshot
from tests.browser.helpers import Checker, expect_error_page, sign_in
from tests.programmes.test_kpi_sources import kpi_of, make_programme


def test_the_kpi_journey_in_the_browser(page, live_server, world):
    programme = make_programme(world, published=False)
    local = kpi_of(
        programme,
        "local_spend_share",
        baseline_value=0.2,
        baseline_date=date(2025, 3, 31),
        target_value=0.3,
        target_date=date(2027, 3, 31),
    )
    KpiSnapshot.objects.create(kpi=local, taken_on=date(2025, 9, 30), value=0.22, basis="Sample")
    KpiSnapshot.objects.create(kpi=local, taken_on=date(2026, 3, 31), value=0.26, basis="Sample")
    manual = kpi_of(programme, "manual", unit="number", title="Homes assessed")
    kpi_of(world.home, "sme_spend_share", target_value=0.4, target_date=date(2027, 3, 31))
    base = live_server.url
    check = Checker(page)
    kpis = f"{base}/programmes/{programme.slug}/kpis/"

    sign_in(page, base, world.users["coordinator"].email)
    page.goto(kpis)
    assert "On track" in page.content()
    check("programme KPIs")
    page.get_by_role("link", name="Add a KPI").click()
    page.get_by_role("button", name="Add the KPI").click()
    expect_error_page(page)
    check("KPI form with errors")
    page.get_by_label("KPI", exact=True).fill("Challenges published")
    page.get_by_label("Where the figure comes from").select_option("challenges_published")
    page.get_by_label("From the baseline date to each period end").check()
    page.get_by_label("Higher is better").check()
    page.get_by_role("button", name="Add the KPI").click()
    page.wait_for_url(re.compile(rf".*/programmes/{programme.slug}/kpis/$"))
    assert "KPI “Challenges published” added." in page.content()
    page.get_by_role("button", name="Take a snapshot now of Challenges published").click()
    assert "Snapshot of “Challenges published” taken" in page.content()
    check("after a snapshot")

    page.context.clear_cookies()
    sign_in(page, base, world.users["anchor_admin"].email)
    page.goto(kpis)
    page.get_by_role("link", name="Enter a result for Homes assessed").click()
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Result").fill("135")
    page.get_by_label("What the evidence shows").fill("The assessment log")
    page.get_by_role("button", name="Save the result").click()
    assert "Give a link to the evidence, or upload a file" in page.content()
    check("result form with errors")
    page.get_by_label("Link to the evidence").fill("https://example.org/log")
    page.get_by_role("button", name="Save the result").click()
    page.wait_for_url(re.compile(rf".*/programmes/{programme.slug}/kpis/$"))
    assert "The assessment log" in page.content()
    assert manual.results.count() == 1

    page.context.clear_cookies()
    sign_in(page, base, world.users["other_buyer"].email)
    page.goto(f"{base}/organisations/{world.home.slug}/kpis/")
    assert "Share of spend with SMEs" in page.content()
    check("anchor KPIs")
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems
