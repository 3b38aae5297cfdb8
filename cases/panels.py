"""What the case library adds to pages of lower apps (core/panels.py), registered in
CasesConfig.ready()."""

from __future__ import annotations

from django.db.models import Q

from cases import guides
from cases.models import Case


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
