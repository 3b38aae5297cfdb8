"""Opportunities in the browser: real Find a Tender notices say how to respond and what happened."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import violations_on


@pytest.mark.usefixtures("ocds_schema")
def test_real_find_a_tender_notices_say_how_to_respond_in_the_browser(page, live_server, world):
    """A real UK4 notice of the shared day, opened while it is open, tells a supplier how to
    respond; the pages of its award, contract, performance and termination notices say what
    happened; axe finds nothing on any of them."""
    import time_machine

    from opportunities.loading import Loader
    from opportunities.models import Notice
    from tests.conftest import require_data

    folder = require_data("ocds", "find-a-tender")
    files = [*sorted(folder.glob("2026-08-10/*.json")), folder / "2026-08-11" / "page-004.json"]
    Loader().load([(path, path.name) for path in files])
    ocids = dict(
        Notice.objects.filter(
            release__release_id__in=[
                "075962-2026",  # UK4
                "075946-2026",  # UK6
                "075961-2026",  # UK7
                "076141-2026",  # UK9
                "075954-2026",  # UK12
                "075932-2026",  # PCR 2015 (CELEX)
            ]
        ).values_list("release__release_id", "process__ocid")
    )
    base = live_server.url
    problems = {}
    with time_machine.travel("2026-08-11T09:00:00+01:00"):
        page.goto(f"{base}/opportunities/{ocids['075962-2026']}/")
        respond = page.locator("#how-to-respond")
        expect(respond).to_be_visible()
        expect(
            page.get_by_role("link", name=re.compile("Read the notice on Find a Tender"))
        ).to_have_attribute("href", "https://www.find-tender.service.gov.uk/Notice/075962-2026")
        expect(page.get_by_text(re.compile(r"\d+ days left")).first).to_be_visible()
        page.get_by_text("Conditions for taking part, and how tenders are judged").click()
        expect(page.get_by_text("Quality 70%:Price 30%")).to_be_visible()
        problems["UK4"] = violations_on(page)
        for release_id in (
            "075946-2026",
            "075961-2026",
            "076141-2026",
            "075954-2026",
            "075932-2026",
        ):
            page.goto(f"{base}/opportunities/{ocids[release_id]}/")
            assert page.locator("h1").count() == 1
            problems[release_id] = violations_on(page)
        page.goto(f"{base}/opportunities/?awarded_min=many&awarded_max=10")
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        problems["search"] = violations_on(page)
    problems = {key: found for key, found in problems.items() if found}
    assert not problems, f"axe violations: {problems}"
    assert not page.console_problems, page.console_problems


@pytest.mark.usefixtures("ocds_schema")
def test_a_new_supplier_sets_up_its_capabilities_in_the_browser(page, live_server, world):
    """A supplier organisation's administrator with no capabilities is led from its
    recommendations through four question pages (each checked by axe, with and without an
    error) and ends on recommendations that fit a micro supplier, the too-large listed apart."""
    from io import StringIO

    from django.core.management import call_command

    from network.models import Organisation
    from reference.area_sync import sync_areas
    from tests.browser.helpers import Checker, sign_in
    from tests.conftest import make_user

    call_command("demo_notices", stdout=StringIO())
    sync_areas()  # the network's areas, which the areas question offers
    organisation = Organisation.objects.create(name="Tipton Retrofit Ltd", kind="company")
    make_user("owner@tipton.example", organisation, admin=True)
    base = live_server.url
    check = Checker(page)
    sign_in(page, base, "owner@tipton.example")
    page.goto(f"{base}/opportunities/recommended/")
    check("recommended, no capabilities")
    page.get_by_role("button", name="Set up your capabilities").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What does Tipton Retrofit Ltd do?")
    check("what you do")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter words for what you do")
    check("what you do, error")
    page.get_by_label("Words for what you do").fill("retrofit, insulation, cleaning")
    page.get_by_role("button", name="Continue").click()

    capacity = page.get_by_label("What is the largest contract you could take on?")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What is the largest contract you could take on?"
    )
    capacity.fill("lots")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("whole number of pounds")
    check("largest contract, error")
    capacity.fill("£100,000")
    page.get_by_role("button", name="Continue").click()

    check("areas")
    page.get_by_label("Where do you deliver work?").fill("West Midlands")
    page.get_by_label("North Solihull").check()  # one of the network's areas (issue 19)
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select how many people work for Tipton Retrofit Ltd"
    )
    check("size, error")
    page.get_by_label("Fewer than 10 (micro)").check()
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(f"{base}/opportunities/recommended/")
    expect(page.get_by_text("Your capabilities are set up")).to_be_visible()
    assert [a.slug for a in organisation.capabilities.network_areas.all()] == ["north-solihull"]
    expect(page.get_by_role("heading", name="Too large for you now")).to_be_visible()
    expect(page.get_by_text(re.compile("within your capacity of £100,000")).first).to_be_visible()
    check("recommended, after set-up")
    assert page.locator("h1").count() == 1
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems


def test_search_filtered_by_a_network_area_in_the_browser(page, live_server, world):
    """The search page filtered by East Birmingham (postcode sectors): the area as a removable
    filter with a link to its definition, each notice saying how it was placed, the area chosen
    from the filters too; axe finds nothing."""
    from reference.area_sync import sync_areas
    from reference.models import Area
    from tests.browser.helpers import Checker
    from tests.opportunities.test_area_search import make

    if not Area.objects.filter(slug="east-birmingham-postcodes").exists():
        sync_areas()
    make("ocds-br-1", "Roof repairs in Bordesley Green", postcodes=["B9 4RL"])
    make("ocds-br-2", "Meals for Ward End", buyer_postcode="B8 1AA")
    make("ocds-br-3", "City centre signage", postcodes=["B1 1BB"])
    make("ocds-br-4", "Birmingham-wide repairs", regions=["Birmingham"])
    check = Checker(page)
    base = live_server.url
    page.goto(f"{base}/opportunities/?area=east-birmingham-postcodes")
    summary = page.locator("#area-filter")
    expect(summary).to_contain_text("Delivered in East Birmingham (postcode sectors)")
    expect(summary.get_by_role("link", name=re.compile("How East Birmingham"))).to_have_attribute(
        "href", "/areas/east-birmingham-postcodes/"
    )
    expect(page.locator("#area-unplaced")).to_contain_text("1 more notice")
    expect(page.get_by_text("Roof repairs in Bordesley Green")).to_be_visible()
    expect(page.get_by_text("from the buyer's address")).to_be_visible()
    expect(page.get_by_text("City centre signage")).to_have_count(0)
    check("filtered by area")
    summary.get_by_role("link", name=re.compile("Remove")).click()
    expect(page.locator("#area-filter")).to_have_count(0)
    expect(page.get_by_text("City centre signage")).to_be_visible()
    page.get_by_label("Network area").select_option(label="North Solihull")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#area-filter")).to_contain_text("Delivered in North Solihull")
    check("an area chosen from the filters, finding nothing")
    page.goto(f"{base}/opportunities/?q=roof+in+East+Birmingham+(postcode+sectors)")
    expect(page.get_by_text("Roof repairs in Bordesley Green")).to_be_visible()
    check("an area named in the words")
    assert not check.problems, check.problems
