"""What the maturity app adds to pages of lower apps (core/panels.py), registered in
MaturityConfig.ready()."""

from __future__ import annotations

from django.urls import reverse

from maturity import access, questions, rules, scoring
from maturity.models import Assessment


def organisation_maturity(user, organisation) -> dict:
    """Slot "organisation_page": a network anchor's link to its self-assessments and its current
    overall level, for the anchor's own members and coordinators."""
    if not (organisation.is_anchor and organisation.is_network_member):
        return {}
    if not rules.can_see(access.viewer(user), organisation.pk):
        return {}
    latest = (
        Assessment.objects.completed()
        .filter(organisation=organisation)
        .order_by("-completed_at", "-pk")
        .first()
    )
    summary = ""
    if latest is not None:
        overall = scoring.score(questions.current(), latest.levels()).overall
        summary = (
            f"Overall level {overall.level} ({overall.level_name}) in the self-assessment "
            f"completed on {latest.completed_at:%-d %B %Y}"
            + (" (sample data)" if latest.is_sample else "")
            + "."
        )
    return {
        "maturity_url": reverse("maturity:anchor", args=[organisation.slug]),
        "maturity_summary": summary,
    }
