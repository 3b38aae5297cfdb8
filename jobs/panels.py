"""What background jobs add to the coordinator's home (core/panels.py), registered in
JobsConfig.ready(): the jobs that failed lately, with their reason a click away."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from core.panels import Item, Panel, counted
from core.roles import Role, role_of
from jobs.models import Job

FAILED_FOR_DAYS = 7
SHOWN = 5


def home(user) -> list[Panel]:
    if role_of(user) is not Role.COORDINATOR:
        return []
    failed = Job.objects.filter(
        status=Job.Status.FAILED, created_at__gte=timezone.now() - timedelta(days=FAILED_FOR_DAYS)
    ).order_by("-created_at")
    count = failed.count()
    return [
        Panel(
            "Jobs that failed",
            summary=f"{counted(count, 'job')} in the last {FAILED_FOR_DAYS} days." if count else "",
            items=[
                Item(job.title, reverse("jobs:detail", args=[job.pk]), job.error[:120])
                for job in failed[:SHOWN]
            ],
            actions=[("Background jobs", reverse("jobs:list"))],
            empty=f"No job failed in the last {FAILED_FOR_DAYS} days.",
            order=20,
        )
    ]
