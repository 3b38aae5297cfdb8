"""What the supplier register adds to the coordinator's home (core/panels.py), registered in
SuppliersConfig.ready(): the pairs of names waiting for a decision."""

from __future__ import annotations

from django.urls import reverse

from core.panels import Item, Panel, counted
from core.roles import Role, role_of
from suppliers.models import MatchReview, RegisterMatch


def home(user) -> list[Panel]:
    if role_of(user) is not Role.COORDINATOR:
        return []
    pairs = MatchReview.objects.filter(status=MatchReview.PENDING).count()
    entries = RegisterMatch.objects.filter(status=RegisterMatch.PENDING).count()
    items = []
    if pairs:
        items.append(
            Item(
                f"{counted(pairs, 'pair')} of names that may be one supplier",
                reverse("suppliers:review"),
            )
        )
    if entries:
        items.append(
            Item(
                f"{counted(entries, 'payee')} with an uncertain register entry",
                reverse("suppliers:places"),
            )
        )
    return [Panel("Suppliers to review", items=items, order=15)]
