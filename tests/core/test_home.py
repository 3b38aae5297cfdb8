"""The home page per role says what to do next (each app's "home" panels, core/panels.py), the
section landing pages, the "My activity" page, and the anchor's organisation page."""

import re
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import JoinRequest
from cases.models import Case
from challenges.models import Challenge, Introduction, PanelMember, Question, Response
from core.context_processors import NAVIGATION, SECTION_SLUGS
from core.roles import Role
from jobs.models import Job
from opportunities.models import Interest, Phase, Process
from spend.models import PublishedSummary, SpendImport
from suppliers.models import MatchReview
from tests.conftest import make_user


def home_of(client_for, role) -> str:
    response = client_for(role).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def links_open(client, page: str) -> None:
    """Every link of the page the role is offered opens for it (no 403, 404 or 405): a next
    action that leads to a refusal is no next action."""
    main = page[page.index("<main") : page.index("</main>")]
    hrefs = {href.split("#")[0] for href in re.findall(r'href="(/[^"]*)"', main)}
    refused = {}
    for href in sorted(hrefs - {""}):
        status = client.get(href.replace("&amp;", "&")).status_code
        if status >= 400:
            refused[href] = status
    assert not refused, refused


def challenge(world, **fields):
    defaults = {
        "owner": world.home,
        "title": "Warmer homes for residents",
        "summary": "Keep residents warm for less.",
        "problem": "Homes are cold.",
        "affected": "Residents",
        "outcomes": "Warm homes",
        "success_measures": "Fewer cold homes",
        "status": Challenge.Status.ENGAGEMENT_OPEN,
        "published_at": timezone.now(),
        "engagement_closes_at": timezone.now() + timedelta(days=10),
    }
    return Challenge.objects.create(**(defaults | fields))


def test_anonymous_home_gives_the_three_ways_in(client_for):
    page = home_of(client_for, "anonymous")
    for section in ("Find work", "Learn how", "See the network"):
        assert section in page
    for name in (
        "opportunities:opportunities",
        "opportunities:pipeline",
        "challenges:list",
        "challenges:route_finder",
        "cases:guides",
        "cases:list",
        "cases:calculator",
        "network:organisations",
        "scorecard:comparison",
        "programmes:list",
    ):
        assert f'href="{reverse(name)}"' in page, name
    assert "Create a supplier account" in page


def test_registered_home_leads_to_an_organisation(client_for):
    page = home_of(client_for, "registered")
    assert "Finish setting up your account" in page
    assert reverse("accounts:organisation_join") in page
    assert "Three ways in" in page


def test_supplier_home_shows_its_next_actions(world, client_for):
    now = timezone.now()
    match = Process.objects.create(
        ocid="ocds-new-match",
        compiled={},
        phase=Phase.TENDER,
        title="Software for bin rounds",
        description="Route planning software",
        buyer=world.home,
        deadline=now + timedelta(days=20),
        first_published=now - timedelta(days=1),
    )
    match.cpvs.create(code="72000000")
    closing = Process.objects.create(
        ocid="ocds-closing",
        compiled={},
        phase=Phase.TENDER,
        title="Library kiosks",
        buyer=world.home,
        deadline=now + timedelta(days=3),
    )
    Interest.objects.create(process=closing, organisation=world.supplier_org)
    open_challenge = challenge(world)
    other_challenge = challenge(world, title="Cleaner depots")
    Question.objects.create(
        challenge=open_challenge,
        asked_by=world.users["supplier"],
        text="Can a pilot start in spring?",
        answer="Yes.",
        answered_at=now,
    )
    sender = make_user("sender@example.org", world.other)
    Introduction.objects.create(
        challenge=other_challenge,
        sender=world.other,
        sender_user=sender,
        recipient=world.supplier_org,
        message="Shall we bid together?",
    )
    Response.objects.create(
        challenge=open_challenge,
        lead=world.supplier_org,
        approach="Sensors",
        trl=6,
        indicative_cost=Decimal(50000),
    )
    page = home_of(client_for, "supplier")
    assert "What to do next" in page
    assert "Finish your capability profile" in page  # no areas, no largest contract yet
    assert reverse("opportunities:capabilities_setup") in page
    assert "Software for bin rounds" in page  # a new match
    assert "Library kiosks" in page and "Deadlines this week" in page
    assert "Can a pilot start in spring?" in page
    assert "From Other Trust about Cleaner depots" in page
    assert "Draft, not submitted" in page and "Warmer homes for residents" in page
    links_open(client_for("supplier"), page)


def test_a_complete_profile_is_not_prompted(world, client_for):
    world.profile.areas = ["West Midlands"]
    world.profile.max_contract_value = 200000
    world.profile.save()
    page = home_of(client_for, "supplier")
    assert "Finish your capability profile" not in page
    assert "No new opportunities matching your capabilities" in page  # the empty state
    assert "Nothing waiting." in page


@pytest.mark.parametrize("role", ["buyer", "anchor_admin"])
def test_buyer_home_shows_what_needs_a_reply(role, world, client_for):
    now = timezone.now()
    Process.objects.filter(pk=world.process.pk).update(deadline=now + timedelta(days=5))
    Interest.objects.create(process=world.process, organisation=world.supplier_org)
    mine = challenge(world)
    Question.objects.create(challenge=mine, text="Is there a budget?")
    closed = challenge(
        world, title="Quieter bin lorries", status=Challenge.Status.ENGAGEMENT_CLOSED
    )
    PanelMember.objects.create(
        challenge=closed, user=world.users[role], declared_at=now, has_conflict=False
    )
    challenge(world, title="Draft about potholes", status=Challenge.Status.DRAFT)
    SpendImport.objects.create(
        buyer=world.home, source_name="spend-2025.csv", digest="x", rows_read=10, rows_imported=9
    )
    page = home_of(client_for, role)
    assert "Home Council tender" in page  # its open opportunity
    assert "1 supplier registration of interest" in page
    assert "1 question to answer" in page
    assert reverse("challenges:questions", args=[mine.reference]) in page
    assert "Evaluate the proposals for Quieter bin lorries" in page
    assert "Draft about potholes" in page
    assert "spend-2025.csv" in page and "9 of 10 rows imported" in page
    assert "Scorecard headline" in page
    admin_only = (
        "Your organisation&#x27;s people",
        "asks to join",
        "1 invitation not accepted yet",
    )
    for text in admin_only:
        assert (text in page) is (role == "anchor_admin"), text
    # The capabilities of the role, grouped, are a click away.
    for name in ("spend:ledger_home", "socialvalue:commitments", "maturity:network"):
        assert reverse(name) in page
    links_open(client_for(role), page)


def test_anchor_admin_sees_what_to_publish(world, client_for):
    from datetime import date

    from spend.models import Payment

    spend_import = SpendImport.objects.create(buyer=world.home, source_name="f.csv", digest="y")
    Payment.objects.create(
        buyer=world.home,
        spend_import=spend_import,
        row_number=1,
        payment_date=date(2025, 5, 1),
        amount=Decimal(100),
        row_digest=uuid.uuid4(),
    )
    page = home_of(client_for, "anchor_admin")
    assert "Spend summaries to publish" in page and "The 2025-26 summary" in page
    assert "Scorecard to publish" in page
    PublishedSummary.objects.create(buyer=world.home, financial_year=2025, summary={})
    assert "Every year&#x27;s summary is published." in home_of(client_for, "anchor_admin")


def test_coordinator_home_is_the_network_at_a_glance(world, client_for):
    Case.objects.create(
        slug="robots",
        title="Robots wash hospital beds",
        summary="s",
        problem="p",
        buyer_type="health",
        route="open",
        status="submitted",
    )
    MatchReview.objects.create(name_a="acme", name_b="acme ltd", probability=0.9)
    Job.objects.create(
        kind="spend.import", title="Import spend.csv", status="failed", error="Bad file"
    )
    page = home_of(client_for, "coordinator")
    assert "The network at a glance" in page
    assert "Robots wash hospital beds" in page and reverse("cases:review") in page
    assert "1 pair of names that may be one supplier" in page
    assert "Import spend.csv" in page and "Bad file" in page
    assert "Anchors with no payment files" in page and "Home Council" in page
    assert "Anchors with no notices loaded" in page and "Other Trust" in page
    assert "asks to join Home Council" in page
    assert "Anchor members" in page and "Open opportunities from anchors" in page
    assert "Programmes and pilots" in page
    links_open(client_for("coordinator"), page)


def test_every_navigation_item_resolves_and_sections_have_pages(client_for, world):
    for role, sections in NAVIGATION.items():
        for section in sections:
            assert section.slug in SECTION_SLUGS
            for _label, name, about in section.items:
                assert reverse(name) and about, (role, name)
    page = client_for("buyer").get(reverse("section", args=["learn"])).content.decode()
    assert reverse("challenges:route_finder") in page and reverse("cases:calculator") in page
    mine = client_for("anchor_admin").get(reverse("section", args=["your-organisation"]))
    assert world.home.get_absolute_url() in mine.content.decode()
    assert reverse("network:members", args=[world.home.slug]) in mine.content.decode()
    # A section the role has not got is not found.
    assert client_for("anonymous").get(reverse("section", args=["coordinate"])).status_code == 404


def test_the_section_of_a_page_is_shown_under_the_header(client_for):
    page = client_for("anonymous").get(reverse("cases:guides")).content.decode()
    assert 'aria-label="Learn how"' in page
    assert f'href="{reverse("cases:calculator")}"' in page


def test_my_activity_lists_what_the_person_did(world, client_for):
    Interest.objects.create(process=world.process, organisation=world.supplier_org)
    Question.objects.create(
        challenge=challenge(world), asked_by=world.users["supplier"], text="When is the event?"
    )
    page = client_for("supplier").get(reverse("my_activity")).content.decode()
    assert "Home Council tender" in page and "When is the event?" in page
    assert "You have not saved a search" in page
    buyer = client_for("buyer").get(reverse("my_activity")).content.decode()
    assert "Care" in buyer  # the buyer's saved search
    assert "You have not imported a payment file." in buyer


def test_the_anchor_page_shows_what_it_buys(world, client_for):
    now = timezone.now()
    Process.objects.filter(pk=world.process.pk).update(deadline=now + timedelta(days=5))
    Process.objects.create(
        ocid="ocds-planned",
        compiled={},
        phase=Phase.PLANNED,
        title="Fleet electrification",
        buyer=world.home,
        expected_tender_date=now + timedelta(days=60),
    )
    owned = challenge(world)
    PublishedSummary.objects.create(buyer=world.home, financial_year=2025, summary={})
    from scorecard.models import ScorecardPublication

    ScorecardPublication.objects.create(organisation=world.home, published=True)
    page = client_for("anonymous").get(world.home.get_absolute_url()).content.decode()
    assert "Home Council tender" in page and "Fleet electrification" in page
    assert "?buyer=home-council&amp;status=open" in page
    assert reverse("opportunities:pipeline") in page
    assert owned.get_absolute_url() in page
    assert "Cara Champion" in page
    assert reverse("spend:published_detail", args=[world.home.slug, 2025]) in page
    assert reverse("scorecard:scorecard", args=[world.home.slug]) in page
    assert "year=None" not in page


def test_an_empty_ledger_never_links_to_year_none(world, client_for):
    page = client_for("buyer").get(reverse("spend:ledger", args=[world.home.slug]))
    assert page.status_code == 200
    assert "year=None" not in page.content.decode()
    assert Role.BUYER in NAVIGATION


@pytest.mark.parametrize("role", ["supplier", "buyer", "anchor_admin", "coordinator"])
def test_the_home_page_reads_as_much_for_many_objects_as_for_few(role, world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_for(role).get(reverse("home")).status_code == 200
        return len(captured)

    def add(n):
        for i in range(n):
            made = challenge(world, title=f"Challenge {n}-{i}")
            Question.objects.create(challenge=made, text="Why?")
            Question.objects.create(
                challenge=made,
                asked_by=world.users["supplier"],
                text="How?",
                answer="So.",
                answered_at=timezone.now(),
            )
            Response.objects.create(
                challenge=made, lead=world.supplier_org, approach="A", trl=5, indicative_cost=1
            )
            Job.objects.create(kind="k", title=f"Job {n}-{i}", status="failed")
            SpendImport.objects.create(buyer=world.home, source_name=f"{n}-{i}.csv", digest="z")
            process = Process.objects.create(
                ocid=f"ocds-many-{n}-{i}",
                compiled={},
                phase=Phase.TENDER,
                title=f"Works {n}-{i}",
                buyer=world.home,
                deadline=timezone.now() + timedelta(days=3),
                first_published=timezone.now() - timedelta(days=1),
            )
            Interest.objects.create(process=process, organisation=world.supplier_org)
            Introduction.objects.create(
                challenge=made,
                sender=world.other,
                sender_user=world.users["other_buyer"],
                recipient=world.supplier_org,
                message="Shall we bid together?",
            )
            JoinRequest.objects.create(
                user=make_user(f"joiner-{n}-{i}@example.org"), organisation=world.home
            )

    add(1)
    queries()  # the first request also reads what Django keeps afterwards (content types)
    few = queries()
    add(12)
    assert queries() == few


def test_the_buyers_registrations_link_to_the_newest_one(world, client_for):
    later = Process.objects.create(
        ocid="ocds-world-2",
        compiled={},
        phase="tender",
        title="Home Council works",
        buyer=world.home,
    )
    first = Interest.objects.create(process=world.process, organisation=world.supplier_org)
    second = Interest.objects.create(process=later, organisation=world.supplier_org)
    # Registered in the same instant: the one made last is the newest.
    Interest.objects.filter(pk__in=[first.pk, second.pk]).update(created_at=timezone.now())
    page = home_of(client_for, "buyer")
    assert "2 supplier registrations of interest" in page
    assert reverse("opportunities:opportunity", args=[later.ocid]) in page
