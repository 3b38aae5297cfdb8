"""What the case library adds to pages of lower apps (core/panels.py), registered in
CasesConfig.ready()."""

from __future__ import annotations

from django.db.models import Q

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
