"""What the directory adds to the coordinator's home (core/panels.py), registered in
NetworkConfig.ready(): the network's size."""

from __future__ import annotations

from django.urls import reverse

from core.panels import Figure
from core.roles import Role, role_of
from network.models import Organisation


def home_figures(user) -> list[Figure]:
    if role_of(user) is not Role.COORDINATOR:
        return []
    directory = reverse("network:organisations")
    return [
        Figure(
            "Anchor members",
            f"{Organisation.objects.network_members().count():,}",
            f"{directory}?group=anchors&members_only=on",
            order=10,
        ),
        Figure(
            "Suppliers in the directory",
            f"{Organisation.objects.suppliers().count():,}",
            f"{directory}?group=suppliers",
            order=15,
        ),
    ]
