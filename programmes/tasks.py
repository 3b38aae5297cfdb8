"""Programme work for the background worker (jobs/): the monthly KPI snapshots."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from jobs.registry import JobFailed, kind
from programmes.kpi_taking import default_date, take_all
from programmes.models import Programme


def today() -> date:
    return timezone.localdate()


@kind("programmes.kpi_snapshots", "Take a snapshot of every KPI")
def kpi_snapshots(job, progress) -> dict:
    """Every computed KPI's figure for the period ending `date` (default: the last day of the
    previous month), of one programme when `programme` (a slug) is given. A KPI that fails is
    recorded with its reason and the rest carry on; snapshots already taken are kept."""
    params = job.params or {}
    try:
        end = date.fromisoformat(params["date"]) if params.get("date") else None
    except ValueError as error:
        raise JobFailed(f"The date must be YYYY-MM-DD, like 2026-03-31: {error}") from error
    programme = None
    if params.get("programme"):
        programme = Programme.objects.filter(slug=params["programme"]).first()
        if programme is None:
            raise JobFailed(f"No programme is called {params['programme']!r}")
    summary = take_all(
        end or default_date(today()),
        programme=programme,
        progress=lambda stage, done=None, total=None: progress(stage, done, total),
    )
    return summary.as_json()
