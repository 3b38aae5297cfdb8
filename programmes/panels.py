"""What the programmes app adds to pages of lower apps (core/panels.py), registered in
ProgrammesConfig.ready()."""

from __future__ import annotations

from django.urls import reverse

from core.panels import Figure
from core.roles import BUYERS, Role, role_of
from programmes.models import Programme


def organisation_programmes(user, organisation) -> dict:
    """Slot "organisation_page": the programmes an organisation is a partner in (those the viewer
    may see) and, for a network anchor, the link to its own KPIs for the buyers who read them
    (buyers of any anchor and coordinators, as `kpi_views.pages.anchor_kpis` allows)."""
    found: dict = {
        "partner_programmes": list(
            Programme.objects.visible_to(user)
            .filter(partners__organisation=organisation)
            .distinct()
            .order_by("title")
        )
    }
    if organisation.is_anchor and organisation.is_network_member and role_of(user) in BUYERS:
        found["kpis_url"] = reverse("programmes:anchor_kpis", args=[organisation.slug])
    return found


def home_figures(user) -> list[Figure]:
    """Slot "home_figures": the coordinator's count of programmes, with their KPIs a click away."""
    if role_of(user) is not Role.COORDINATOR:
        return []
    return [
        Figure(
            "Programmes and pilots",
            f"{Programme.objects.visible_to(user).count():,}",
            reverse("programmes:list"),
            order=60,
        )
    ]
