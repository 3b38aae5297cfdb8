"""What the case library adds to pages of lower apps (core/panels.py), registered in
CasesConfig.ready()."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from cases import guides
from cases.models import Case
from cases.sharing import Status
from core.panels import Figure, Item, Panel, counted
from core.roles import Role, role_of

SHOWN = 5


def organisation_cases(user, organisation) -> dict:
    """Slot "organisation_page": published cases naming the organisation as buyer or supplier,
    within their sharing level."""
    return {
        "cases": Case.objects.visible_to(user)
        .published()
        .filter(Q(buyers=organisation) | Q(suppliers=organisation))
        .distinct()
        .order_by("title")
    }


def guide_names() -> dict:
    """Slot "guide_names": every guide's slug and title, for pages that link to guides (the
    scorecard's interpretations)."""
    return {"guide_names": [(guide.slug, guide.title) for guide in guides.all_guides()]}


def home(user) -> list[Panel]:
    """Slot "home": the review queue for the coordinator; an anchor's cases sent back for
    changes or still in draft for its buyers."""
    role = role_of(user)
    if role is Role.COORDINATOR:
        waiting = Case.objects.filter(status=Status.SUBMITTED).order_by("updated_at")
        count = waiting.count()
        return [
            Panel(
                "Cases awaiting review",
                summary=f"{counted(count, 'case')} submitted." if count else "",
                items=[
                    Item(case.title, reverse("cases:review_case", args=[case.slug]))
                    for case in waiting[:SHOWN]
                ],
                actions=[("Review queue", reverse("cases:review"))],
                order=10,
            )
        ]
    if role not in (Role.BUYER, Role.ANCHOR_ADMIN):
        return []
    ours = Case.objects.filter(
        organisation_id=user.organisation_id,
        status__in=[Status.CHANGES_REQUESTED, Status.DRAFT],
    ).order_by("status", "-updated_at")
    return [
        Panel(
            "Your anchor's cases to finish",
            items=[
                Item(
                    case.title,
                    reverse("cases:edit", args=[case.slug]),
                    "The coordinator asked for changes"
                    if case.status == Status.CHANGES_REQUESTED
                    else "Draft: submit it for review to publish it",
                )
                for case in ours[:SHOWN]
            ],
            actions=[("Write up a case", reverse("cases:create"))],
            empty="No case waiting for changes or in draft.",
            order=78,
        )
    ]


def home_figures(user) -> list[Figure]:
    if role_of(user) is not Role.COORDINATOR:
        return []
    return [
        Figure(
            "Cases published",
            f"{Case.objects.published().count():,}",
            reverse("cases:list"),
            order=50,
        )
    ]


def my_activity(user) -> list[Panel]:
    cases = Case.objects.filter(submitted_by=user).order_by("-updated_at")
    return [
        Panel(
            "Cases you submitted",
            items=[
                Item(case.title, case.get_absolute_url(), Status(case.status).label)
                for case in cases[:20]
            ],
            empty="You have not submitted a case to the library.",
            order=60,
        )
    ]
