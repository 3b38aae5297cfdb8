"""What the scorecard adds to the home page (core/panels.py), registered in
ScorecardConfig.ready(): the headline of the buyer's anchor's scorecard and, for its
administrators, whether it is published."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from core.panels import Item, Panel
from core.roles import Role, role_of
from scorecard import presenting
from scorecard.models import ScorecardPublication
from scorecard.periods import period
from scorecard.views.scorecards import card_for

HEADLINE = 3  # indicators shown on the home page; the scorecard has them all
RECENT_DAYS = 365  # the headline reads the last year of notices, not all of them: it is on every
# visit to the home page, and the last year is what a buyer can still act on


def home(user) -> list[Panel]:
    role = role_of(user)
    if role not in (Role.BUYER, Role.ANCHOR_ADMIN):
        return []
    organisation = user.organisation
    today = timezone.localdate()
    recent, _errors = period(since=today - timedelta(days=RECENT_DAYS), until=today)
    lines = [
        line
        for line in presenting.lines(card_for(organisation, recent, rings=False))
        if line.figure.value is not None
    ]
    url = reverse("scorecard:scorecard", args=[organisation.slug])
    recent_url = url + recent.query()
    published = ScorecardPublication.objects.filter(
        organisation=organisation, published=True
    ).exists()
    found = [
        Panel(
            "Scorecard headline",
            summary=f"How your anchor bought in the last {RECENT_DAYS} days, from its notices."
            if lines
            else "",
            items=[
                Item(
                    f"{line.label}: {line.shown}",
                    recent_url,
                    line.band_words,
                )
                for line in lines[:HEADLINE]
            ],
            actions=[("Open your anchor's scorecard", url)],
            empty=f"No notices of your anchor from the last {RECENT_DAYS} days are loaded.",
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
