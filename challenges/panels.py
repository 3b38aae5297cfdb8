"""What lower apps' pages show of challenges, through core/panels.py (registered in apps.py)."""

from __future__ import annotations

from challenges.models import Challenge


def process_page(user, process) -> dict:
    """On an opportunity's page: the published challenges whose owners linked this process as
    their later procurement."""
    return {"challenges": Challenge.objects.public().filter(ocid=process.ocid)}
