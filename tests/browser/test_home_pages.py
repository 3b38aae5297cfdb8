"""Each role's home in the browser: signed in, the role's next actions are on the page, the
navigation's sections lead to their pages, axe-core finds no WCAG 2.2 A/AA violation and the
console stays clean; the "My activity" page and a section's landing page likewise."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case
from jobs.models import Job
from opportunities.models import Interest, Phase, Process
from tests.browser.helpers import Checker, sign_in

# What each role's home must show: its next actions (with the objects made below).
NEXT_ACTIONS = {
    "anonymous": ["Three ways in", "Find work", "Learn how", "See the network"],
    "registered": ["Finish setting up your account", "ask to join your organisation"],
    "supplier": [
        "Finish your capability profile",
        "Set up your capabilities",
        "Deadlines this week",
        "Library kiosks",
        "Your proposals",
    ],
    "buyer": [
        "Home Council's opportunities",
        "1 supplier registration of interest",
        "Your anchor's challenges",
        "Payment files",
        "Scorecard headline",
    ],
    "anchor_admin": [
        "Your organisation's people",
        "Joiner asks to join",
        "1 invitation not accepted yet",
        "Scorecard to publish",
    ],
    "coordinator": [
        "The network at a glance",
        "Cases awaiting review",
        "Robots wash hospital beds",
        "Jobs that failed",
        "Anchors with no payment files",
    ],
}


@pytest.fixture
def next_actions(world):
    now = timezone.now()
    closing = Process.objects.create(
        ocid="ocds-closing",
        compiled={},
        phase=Phase.TENDER,
        title="Library kiosks",
        buyer=world.home,
        deadline=now + timedelta(days=3),
    )
    Interest.objects.create(process=closing, organisation=world.supplier_org)
    Case.objects.create(
        slug="robots",
        title="Robots wash hospital beds",
        summary="s",
        problem="p",
        buyer_type="health",
        route="open",
        status="submitted",
    )
    Job.objects.create(kind="spend.import", title="Import spend.csv", status="failed", error="Bad")


@pytest.mark.parametrize("role", list(NEXT_ACTIONS))
def test_each_role_sees_its_next_actions(role, page, live_server, world, next_actions):
    base = live_server.url
    check = Checker(page)
    if role == "anonymous":
        page.goto(base + "/")
    else:
        sign_in(page, base, world.users[role].email)  # lands on the home page
    text = page.locator("main").inner_text()
    for words in NEXT_ACTIONS[role]:
        assert words in text, (role, words)
    check("home")
    # The header's first section leads to its landing page, and the page to each capability.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Learn how").click()
    page.wait_for_url(f"{base}/learn/")
    assert page.get_by_role("heading", name="Route finder").is_visible()
    check("section")
    page.get_by_role("link", name="Invest-to-save calculator").first.click()
    page.wait_for_url(f"{base}/invest-to-save/")
    assert page.get_by_role("navigation", name="Learn how").is_visible()
    check("a page of the section")
    if role != "anonymous":
        page.get_by_role("link", name="My activity").click()
        page.wait_for_url(f"{base}/my-activity/")
        assert "Saved searches" in page.content()
        check("my activity")
    assert not check.problems, f"axe violations for {role}: {check.problems}"
    assert not page.console_problems, f"console errors for {role}: {page.console_problems}"
