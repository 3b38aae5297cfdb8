"""Taking KPI snapshots: each computed KPI's figure for a period end, stored and kept. The job
(`programmes/tasks.py`), the command (`anchorhub kpi_snapshots`), the "take a snapshot now"
button and the demo all take them here.

- A snapshot is taken once per KPI and date: taking it again is "already taken" (its figure is
  never recomputed, so trends survive later corrections of the data).
- A KPI that cannot be computed is recorded as a failed snapshot with the reason, and the rest
  carry on; a failed snapshot is tried again on the next run.
- Manual KPIs are not snapshotted: their results, entered with evidence, are their trend.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from programmes.kpi_reading import inputs_for, period_of
from programmes.kpi_sources import SOURCES, SourceProblem
from programmes.models import Kpi, KpiSnapshot

log = logging.getLogger(__name__)

TAKEN, ALREADY, FAILED = "taken", "already_taken", "failed"


def default_date(today: date) -> date:
    """The period end a scheduled run snapshots: the last day of the previous month."""
    return today.replace(day=1) - timedelta(days=1)


@dataclass
class Summary:
    date: date
    taken: list[dict] = field(default_factory=list)
    already_taken: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "taken": len(self.taken),
            "already_taken": len(self.already_taken),
            "failed": len(self.failed),
            "kpis": [*self.taken, *self.already_taken, *self.failed],
        }


def computed(kpis):
    """The KPIs a run snapshots: every KPI whose source computes (not manual ones)."""
    manual = [key for key, item in SOURCES.items() if item.is_manual]
    return kpis.exclude(source__in=manual)


def take(kpi: Kpi, end: date, *, is_sample: bool = False) -> tuple[str, KpiSnapshot]:
    """Take the KPI's snapshot for the period ending `end` (or say it is already taken)."""
    existing = KpiSnapshot.objects.filter(kpi=kpi, taken_on=end).first()
    if existing is not None and not existing.failed:
        return ALREADY, existing
    period = period_of(kpi, end)
    fields: dict = {"period_start": period.start, "is_sample": is_sample or kpi.is_sample}
    try:
        item = SOURCES.get(kpi.source)
        if item is None:
            raise SourceProblem(f"No KPI source is called {kpi.source!r}")
        inputs = inputs_for(kpi, end)
        result = item(inputs)
        fields |= {
            "value": result.value,
            "numerator": result.numerator,
            "denominator": result.denominator,
            "basis": result.basis or result.note,
            "data_note": inputs.data_note,
            "error": "",
        }
        status = TAKEN
    except Exception as error:
        expected = isinstance(error, SourceProblem)
        log.warning("KPI %s (%s) could not be computed", kpi.pk, kpi.source, exc_info=not expected)
        words = (
            str(error) if isinstance(error, SourceProblem) else f"{type(error).__name__}: {error}"
        )
        fields |= {"value": None, "numerator": None, "denominator": None, "error": words[:2000]}
        status = FAILED
    with transaction.atomic():
        snapshot, _ = KpiSnapshot.objects.update_or_create(kpi=kpi, taken_on=end, defaults=fields)
    return status, snapshot


def take_all(
    end: date,
    programme=None,
    kpis=None,
    progress: Callable[[str, int | None, int | None], None] | None = None,
) -> Summary:
    """Snapshot every computed KPI (of one programme when given) for the period ending `end`."""
    chosen = computed(kpis if kpis is not None else Kpi.objects.all())
    if programme is not None:
        chosen = chosen.filter(programme=programme)
    chosen = list(chosen.select_related("programme", "organisation").order_by("pk"))
    summary = Summary(end)
    for number, kpi in enumerate(chosen, start=1):
        if progress is not None:
            progress(f"{kpi.owner_name}: {kpi.title}", number, len(chosen))
        status, snapshot = take(kpi, end)
        row = {"kpi": kpi.pk, "title": kpi.title, "owner": kpi.owner_name, "status": status}
        if status == FAILED:
            summary.failed.append(row | {"reason": snapshot.error})
        elif status == ALREADY:
            summary.already_taken.append(row | {"value": snapshot.value})
        else:
            summary.taken.append(row | {"value": snapshot.value})
    return summary
