"""Challenges at each stage for the tests, built on the `world` fixture (tests/conftest.py)."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from challenges.lifecycle import Status
from challenges.models import (
    Attachment,
    Challenge,
    Criterion,
    EngagementEvent,
    Introduction,
    PanelMember,
    PartnerListing,
    Question,
    Response,
)
from network.models import Organisation


def url(name, made, **extra) -> str:
    """The address of one of a challenge's pages, by its name in challenges/urls.py."""
    return reverse(f"challenges:{name}", kwargs={"reference": made.reference, **extra})


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def challenge(w, status=Status.DRAFT, days=10, **extra) -> Challenge:
    made = Challenge.objects.create(
        owner=w.home,
        created_by=w.users["buyer"],
        title=extra.pop("title", "Fewer missed home care visits"),
        summary="Late and missed visits leave people without care.",
        problem="About 5% of home care visits are late or missed.",
        affected="People receiving care, care workers.",
        outcomes="Missed visits fall from 5% to 2% within a year.",
        success_measures="Call monitoring data, monthly; baseline 5%.",
        budget_min=80000,
        budget_max=180000,
        cpv_codes=["85312000", "72000000"],
        status=status,
        engagement_closes_at=timezone.now() + timedelta(days=days),
        published_at=None if status == Status.DRAFT else timezone.now() - timedelta(days=20),
        **extra,
    )
    made.sectors.add(w.healthcare)
    for position, (name, weight) in enumerate([("Impact", 60), ("Cost and value", 40)]):
        Criterion.objects.create(challenge=made, name=name, weight=weight, position=position)
    return made


def other_supplier(name="Rota Systems plc", size_band="large") -> Organisation:
    return Organisation.objects.create(name=name, kind="company", size_band=size_band)


def response(made, lead, user=None, submitted=True, **extra) -> Response:
    return Response.objects.create(
        challenge=made,
        lead=lead,
        submitted_by=user,
        approach=extra.pop("approach", f"Approach by {lead.name}: text reminders and re-routing."),
        trl=6,
        indicative_cost=90000,
        status=Response.Status.SUBMITTED if submitted else Response.Status.DRAFT,
        submitted_at=timezone.now() if submitted else None,
        **extra,
    )


def attach(resp, name="plan.pdf") -> Attachment:
    attachment = Attachment(
        response=resp, original_name=name, content_type="application/pdf", size=len(PDF)
    )
    attachment.file.save(name, ContentFile(PDF), save=False)
    attachment.save()
    return attachment


def open_challenge(w) -> Challenge:
    """Engagement open: an event, a question, the supplier's response with a file, two listings
    and an introduction to the supplier."""
    made = challenge(w, Status.ENGAGEMENT_OPEN)
    EngagementEvent.objects.create(
        challenge=made,
        title="Supplier briefing",
        starts_at=timezone.now() + timedelta(days=3),
        online=True,
    )
    Question.objects.create(challenge=made, asked_by=w.users["supplier"], text="Is data shared?")
    attach(response(made, w.supplier_org, w.users["supplier"]))
    PartnerListing.objects.create(
        challenge=made,
        organisation=w.supplier_org,
        offers="care workers and coordination",
        needs="rostering software integration",
    )
    rota = other_supplier()
    PartnerListing.objects.create(
        challenge=made,
        organisation=rota,
        offers="rostering software integration and analytics",
        needs="care workers to pilot",
    )
    Introduction.objects.create(
        challenge=made,
        sender=rota,
        sender_user=w.users["coordinator"],
        recipient=w.supplier_org,
        message="Shall we bid together?",
    )
    return made


def closed_challenge(w, declared=True, moderator=True) -> Challenge:
    """Engagement closed: two submitted responses; the buyer is on the panel (moderator)."""
    made = challenge(w, Status.ENGAGEMENT_CLOSED, days=-2)
    response(made, w.supplier_org, w.users["supplier"])
    response(made, other_supplier())
    PanelMember.objects.create(
        challenge=made,
        user=w.users["buyer"],
        is_moderator=moderator,
        declared_at=timezone.now() if declared else None,
    )
    return made


def awarded_challenge(w) -> Challenge:
    made = challenge(w, Status.AWARDED, days=-30)
    made.awarded_to = w.supplier_org
    made.award_value = 150000
    made.award_date = timezone.localdate() - timedelta(days=5)
    made.save()
    return made
