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
    every: str  # "minute", "hour" or "day"
    at: str = ""  # for "day": the time of day, HH:MM (Europe/London)


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
    return entries


def sync() -> list[str]:
    """Make django-q2's schedule match `timetables()`; returns what is scheduled, in words."""
    from django_q.models import Schedule  # noqa: PLC0415 (django-q2's models: only once apps are ready)

    kinds = {"minute": Schedule.MINUTES, "hour": Schedule.HOURLY, "day": Schedule.DAILY}
    wanted = timetables()
    Schedule.objects.filter(name__startswith="AnchorHub: ").exclude(
        name__in=[entry.name for entry in wanted]
    ).delete()
    said = []
    now = timezone.now()
    for entry in wanted:
        first = now
        if entry.every == "day":
            hour, minute = (int(part) for part in entry.at.split(":"))
            london = ZoneInfo("Europe/London")
            local = datetime.combine(now.astimezone(london).date(), time(hour, minute), london)
            first = local if local > now else local + timedelta(days=1)
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
