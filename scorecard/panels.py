"""What the scorecard adds to the home page (core/panels.py), registered in
ScorecardConfig.ready(): the headline of the buyer's anchor's scorecard and, for its
administrators, whether it is published."""

from __future__ import annotations

from django.urls import reverse

from core.panels import Item, Panel
from core.roles import Role, role_of
from scorecard import presenting
from scorecard.models import ScorecardPublication
from scorecard.periods import EVERYTHING
from scorecard.views.scorecards import card_for

HEADLINE = 3  # indicators shown on the home page; the scorecard has them all


def home(user) -> list[Panel]:
    role = role_of(user)
    if role not in (Role.BUYER, Role.ANCHOR_ADMIN):
        return []
    organisation = user.organisation
    lines = [
        line
        for line in presenting.lines(card_for(organisation, EVERYTHING))
        if line.figure.value is not None
    ]
    url = reverse("scorecard:scorecard", args=[organisation.slug])
    published = ScorecardPublication.objects.filter(
        organisation=organisation, published=True
    ).exists()
    found = [
        Panel(
            "Scorecard headline",
            summary="How your anchor buys, from every notice of it loaded." if lines else "",
            items=[
                Item(
                    f"{line.label}: {line.shown}",
                    url,
                    line.band_words,
                )
                for line in lines[:HEADLINE]
            ],
            actions=[("Open your anchor's scorecard", url)],
            empty="No notices of your anchor are loaded yet.",
            order=70,
        )
    ]
    if role is Role.ANCHOR_ADMIN and not published:
        found.append(
            Panel(
                "Scorecard to publish",
                items=[Item("Your scorecard is not public yet", url, "Publish it from its page")],
                order=76,
            )
        )
    return found
