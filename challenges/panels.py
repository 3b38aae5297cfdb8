"""What lower apps' pages show of challenges, through core/panels.py (registered in apps.py)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from challenges import lifecycle
from challenges.models import Challenge, Interest, Introduction, PanelMember, Question, Response
from core.panels import Figure, Item, Panel, counted
from core.roles import Role, role_of

Status = lifecycle.Status
SHOWN = 5
ANSWERED_FOR_DAYS = 30
LIVE = (Status.PUBLISHED, Status.ENGAGEMENT_OPEN, Status.ENGAGEMENT_CLOSED)


def process_page(user, process) -> dict:
    """On an opportunity's page: the published challenges whose owners linked this process as
    their later procurement."""
    return {"challenges": Challenge.objects.public().filter(ocid=process.ocid)}


def _supplier_panels(user) -> list[Panel]:
    since = timezone.now() - timedelta(days=ANSWERED_FOR_DAYS)
    answered = (
        Question.objects.filter(asked_by=user, answered_at__gte=since)
        .select_related("challenge")
        .order_by("-answered_at")
    )
    waiting = (
        Introduction.objects.filter(
            recipient_id=user.organisation_id, status=Introduction.Status.PENDING
        )
        .select_related("challenge", "sender")
        .order_by("created_at")
    )
    proposals = (
        Response.objects.filter(lead_id=user.organisation_id)
        .select_related("challenge")
        .order_by("-updated_at")
    )
    return [
        Panel(
            "Questions answered",
            items=[
                Item(
                    f"{q.challenge.title}: {q.text[:80]}",
                    q.challenge.get_absolute_url() + "#questions",
                    f"Answered {timezone.localtime(q.answered_at):%-d %B %Y}",
                )
                for q in answered[:SHOWN]
            ],
            empty=f"None of your questions was answered in the last {ANSWERED_FOR_DAYS} days.",
            order=30,
        ),
        Panel(
            "Introductions waiting for your reply",
            items=[
                Item(
                    f"From {i.sender.name} about {i.challenge.title}",
                    reverse("challenges:partners", args=[i.challenge.reference]) + "#introductions",
                )
                for i in waiting[:SHOWN]
            ],
            order=40,
        ),
        Panel(
            "Your proposals",
            items=[_proposal(r) for r in proposals[:SHOWN]],
            actions=[("Open challenges", reverse("challenges:list") + "?status=open")],
            empty="You have not started a proposal. Open challenges take proposals.",
            order=50,
        ),
    ]


def _proposal(response) -> Item:
    challenge = response.challenge
    if response.status == Response.Status.DRAFT:
        closes = challenge.engagement_closes_at
        state = "Draft, not submitted" + (
            f": send it by {timezone.localtime(closes):%-d %B %Y at %H:%M}"
            if closes and challenge.status == Status.ENGAGEMENT_OPEN
            else ""
        )
    elif response.feedback_sent_at:
        state = "Submitted; feedback received"
    elif response.shortlisted:
        state = "Submitted; shortlisted"
    else:
        state = f"Submitted; challenge {Status(challenge.status).label.lower()}"
    return Item(challenge.title, reverse("challenges:response", args=[challenge.reference]), state)


def _buyer_panels(user) -> list[Panel]:
    managed = Challenge.objects.managed_by(user)
    live = (
        managed.filter(status__in=LIVE)
        .annotate(
            unanswered=Count("questions", filter=Q(questions__answer=""), distinct=True),
            interested=Count("interests", distinct=True),
            submitted=Count(
                "responses",
                filter=Q(responses__status=Response.Status.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("engagement_closes_at", "-pk")
    )
    items = []
    for challenge in live[:SHOWN]:
        needs = []
        if challenge.unanswered:
            needs.append(f"{counted(challenge.unanswered, 'question')} to answer")
        if challenge.interested:
            needs.append(f"{counted(challenge.interested, 'supplier')} interested")
        if challenge.submitted:
            needs.append(f"{counted(challenge.submitted, 'proposal')} submitted")
        detail = Status(challenge.status).label + (f": {', '.join(needs)}" if needs else "")
        url = (
            reverse("challenges:questions", args=[challenge.reference])
            if challenge.unanswered
            else challenge.get_absolute_url()
        )
        items.append(Item(challenge.title, url, detail))
    seats = (
        PanelMember.objects.filter(
            user=user,
            scores_submitted_at__isnull=True,
            has_conflict=False,
            challenge__status=Status.ENGAGEMENT_CLOSED,
        )
        .select_related("challenge")
        .order_by("challenge__engagement_closes_at")
    )
    for seat in seats[:SHOWN]:
        items.append(
            Item(
                f"Evaluate the proposals for {seat.challenge.title}",
                reverse(
                    "challenges:evaluate" if seat.declared_at else "challenges:declare",
                    args=[seat.challenge.reference],
                ),
                "Your scores are due"
                if seat.declared_at
                else "Declare any conflict of interest first",
            )
        )
    drafts = managed.filter(status=Status.DRAFT).order_by("-updated_at")
    for challenge in drafts[:SHOWN]:
        items.append(
            Item(
                challenge.title,
                challenge.get_absolute_url(),
                "Draft: finish the statement and criteria, then publish it",
            )
        )
    return [
        Panel(
            "Your anchor's challenges",
            items=items,
            actions=[
                ("Describe a challenge", reverse("challenges:create")),
                ("All challenges", reverse("challenges:list")),
            ],
            empty="No challenge waiting for a reply, an evaluation or publishing.",
            order=30,
        )
    ]


def home(user) -> list[Panel]:
    role = role_of(user)
    if role is Role.SUPPLIER:
        return _supplier_panels(user)
    if role in (Role.BUYER, Role.ANCHOR_ADMIN):
        return _buyer_panels(user)
    return []


def home_figures(user) -> list[Figure]:
    if role_of(user) is not Role.COORDINATOR:
        return []
    return [
        Figure(
            "Challenges open for engagement",
            f"{Challenge.objects.filter(status=Status.ENGAGEMENT_OPEN).count():,}",
            reverse("challenges:list") + "?status=open",
            order=40,
        )
    ]


def organisation_page(user, organisation) -> dict:
    """Slot "organisation_page": the published challenges an anchor owns or shares."""
    if not organisation.is_anchor:
        return {}
    owned = (
        Challenge.objects.public()
        .filter(Q(owner=organisation) | Q(co_owners=organisation))
        .exclude(status__in=lifecycle.FINAL)
        .distinct()
        .order_by("-published_at", "-pk")
    )
    return {"anchor_challenges": list(owned[:SHOWN]), "anchor_challenges_count": owned.count()}


def my_activity(user) -> list[Panel]:
    questions = Question.objects.filter(asked_by=user).select_related("challenge")
    found = [
        Panel(
            "Questions you asked about challenges",
            items=[
                Item(
                    f"{q.challenge.title}: {q.text[:80]}",
                    q.challenge.get_absolute_url() + "#questions",
                    "Answered" if q.answered_at else "Not answered yet",
                )
                for q in questions.order_by("-asked_at")[:20]
            ],
            empty="You have not asked a question about a challenge.",
            order=30,
        )
    ]
    if user.organisation_id and role_of(user) is Role.SUPPLIER:
        found.append(
            Panel(
                "Proposals",
                items=[
                    _proposal(r)
                    for r in Response.objects.filter(lead_id=user.organisation_id)
                    .select_related("challenge")
                    .order_by("-updated_at")[:20]
                ],
                empty="Your organisation has not started a proposal for a challenge.",
                order=40,
            )
        )
        interests = Interest.objects.filter(organisation_id=user.organisation_id).select_related(
            "challenge"
        )
        found.append(
            Panel(
                "Interest registered in challenges",
                items=[
                    Item(i.challenge.title, i.challenge.get_absolute_url())
                    for i in interests.order_by("-pk")[:20]
                ],
                empty="Your organisation has not registered interest in a challenge.",
                order=45,
            )
        )
    return found
