"""What the worker runs on a timetable. `anchorhub worker` writes these into django-q2's schedule
table each time it starts (kept by name, so times already reached are not lost)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from jobs.queue import SWEEP_NAME


@dataclass(frozen=True)
class Timetable:
    name: str
    func: str
    args: str  # Python literal of the arguments, as django-q2 stores them
    every: str  # "minute", "hour", "day" or "month"
    at: str = ""  # for "day" and "month": the time of day, HH:MM (Europe/London)


def timetables() -> list[Timetable]:
    entries = [Timetable(SWEEP_NAME, "jobs.queue.sweep", "", "minute")]
    if settings.JOBS_ALERTS_AT:
        entries.append(
            Timetable(
                "AnchorHub: daily alerts",
                "jobs.queue.run_scheduled",
                "'opportunities.send_alerts'",
                "day",
                settings.JOBS_ALERTS_AT,
            )
        )
    if settings.FETCH_NOTICES_SOURCES:
        entries.append(
            Timetable(
                "AnchorHub: fetch new notices",
                "jobs.queue.run_scheduled",
                "'opportunities.fetch_notices'",
                "hour",
            )
        )
        # Contract KPIs published in UK9 notices (social value, issue 17), read from the releases
        # fetched: once a day, as the notice loader has no hook of its own.
        entries.append(
            Timetable(
                "AnchorHub: contract KPIs from UK9 notices",
                "jobs.queue.run_scheduled",
                "'socialvalue.import_contract_kpis'",
                "day",
                "05:30",
            )
        )
    # The KPIs' snapshots (programmes, issue 17): on the first of each month, for the month before.
    entries.append(
        Timetable(
            "AnchorHub: monthly KPI snapshots",
            "jobs.queue.run_scheduled",
            "'programmes.kpi_snapshots'",
            "month",
            "06:00",
        )
    )
    return entries


def _first_run(entry: Timetable, now: datetime) -> datetime:
    """When an entry first runs: now, or its next time of day (the first of a month, monthly)."""
    if entry.every not in {"day", "month"}:
        return now
    hour, minute = (int(part) for part in entry.at.split(":"))
    london = ZoneInfo("Europe/London")
    today = now.astimezone(london).date()
    if entry.every == "month":
        day = today.replace(day=1)
        local = datetime.combine(day, time(hour, minute), london)
        if local <= now:
            following = (day + timedelta(days=32)).replace(day=1)
            local = datetime.combine(following, time(hour, minute), london)
        return local
    local = datetime.combine(today, time(hour, minute), london)
    return local if local > now else local + timedelta(days=1)


def sync() -> list[str]:
    """Make django-q2's schedule match `timetables()`; returns what is scheduled, in words."""
    from django_q.models import Schedule  # noqa: PLC0415 (django-q2's models: only once apps are ready)

    kinds = {
        "minute": Schedule.MINUTES,
        "hour": Schedule.HOURLY,
        "day": Schedule.DAILY,
        "month": Schedule.MONTHLY,
    }
    wanted = timetables()
    Schedule.objects.filter(name__startswith="AnchorHub: ").exclude(
        name__in=[entry.name for entry in wanted]
    ).delete()
    said = []
    now = timezone.now()
    for entry in wanted:
        first = _first_run(entry, now)
        existing = Schedule.objects.filter(name=entry.name).first()
        fields = {
            "func": entry.func,
            "args": entry.args or None,
            "schedule_type": kinds[entry.every],
            "minutes": 1 if entry.every == "minute" else None,
            "repeats": -1,
        }
        if existing is None:
            Schedule.objects.create(name=entry.name, next_run=first, **fields)
        else:
            Schedule.objects.filter(pk=existing.pk).update(**fields)
        said.append(f"{entry.name}: every {entry.every}{' at ' + entry.at if entry.at else ''}")
    return said
