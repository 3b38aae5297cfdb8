"""A KPI as its pages, downloads and the report show it: its source and how it is calculated,
baseline, target, latest figure, progress (`programmes/kpi_progress.py`) and trend (its
snapshots, or a manual KPI's entered results)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from core import datafiles
from core.tables import Column, Table
from programmes import kpi_progress as kp
from programmes.kpi_sources import SOURCES, WINDOWS
from programmes.models import Kpi
from scorecard.indicators import INDICATORS


@cache
def source_words() -> dict:
    """programmes/data/kpi_sources.json's entries, each source in readers' words."""
    found = datafiles.load(("programmes", "kpi_sources"), cited=True)["sources"]
    return {
        key: entry | {"source": datafiles.for_readers(entry.get("source", ""))}
        for key, entry in found.items()
    }


def _day(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


@dataclass
class Shown:
    kpi: Kpi
    source_label: str
    how: str
    measures: str
    data: str
    cited: str
    window: str
    progress: kp.Progress
    trend: str
    points: list[dict] = field(default_factory=list)  # date order: on, value, shown, basis...
    failures: list[dict] = field(default_factory=list)

    @property
    def baseline(self) -> str:
        if self.kpi.baseline_value is None:
            return "Not set"
        return (
            f"{kp.shown(self.kpi.baseline_value, self.kpi.unit)} ({_day(self.kpi.baseline_date)})"
        )

    @property
    def target(self) -> str:
        if self.kpi.target_value is None:
            return "Not set"
        return f"{kp.shown(self.kpi.target_value, self.kpi.unit)} by {_day(self.kpi.target_date)}"

    @property
    def latest(self) -> str:
        if self.progress.latest is None:
            return "No figure yet"
        return (
            f"{kp.shown(self.progress.latest, self.kpi.unit)} "
            f"(period ending {_day(self.progress.latest_on)})"
        )

    @property
    def way(self) -> str:
        return kp.shown_way(self.progress.share_of_way)

    @property
    def is_manual(self) -> bool:
        item = SOURCES.get(self.kpi.source)
        return bool(item and item.is_manual)

    @property
    def latest_basis(self) -> str:
        with_value = [p for p in self.points if p["value"] is not None]
        return with_value[-1]["basis"] if with_value else ""


def show(kpi: Kpi) -> Shown:
    """One KPI with its snapshots (or results) read (prefetch them for a list)."""
    item = SOURCES.get(kpi.source)
    words = source_words().get(kpi.source, {})
    how = item.how if item else "This KPI's source is no longer known."
    label = item.label if item else kpi.source
    indicator = INDICATORS.get((kpi.parameters or {}).get("indicator", ""))
    if indicator is not None:
        label = f"{label}: {indicator.label}"
        how = f"{how} The indicator: {indicator.how}"
    points, failures = [], []
    if item is not None and item.is_manual:
        for result in sorted(kpi.results.all(), key=lambda r: (r.period_end, r.entered_at)):
            points.append(
                {
                    "on": result.period_end,
                    "value": result.value,
                    "shown": kp.shown(result.value, kpi.unit),
                    "basis": result.evidence_note,
                    "result": result,
                }
            )
        # A later entry for the same period replaces the earlier one.
        points = list({p["on"]: p for p in points}.values())
    else:
        for snapshot in sorted(kpi.snapshots.all(), key=lambda s: s.taken_on):
            if snapshot.failed:
                failures.append({"on": snapshot.taken_on, "error": snapshot.error})
                continue
            points.append(
                {
                    "on": snapshot.taken_on,
                    "value": snapshot.value,
                    "shown": kp.shown(snapshot.value, kpi.unit),
                    "basis": snapshot.basis,
                    "data_note": snapshot.data_note,
                    "start": snapshot.period_start,
                }
            )
    changes = kp.points([(p["on"], p["value"]) for p in points])
    for point, change in zip(points, changes, strict=True):
        point["change"] = change.change
        point["change_shown"] = _change(change.change, kpi.unit)
    with_value = [p for p in points if p["value"] is not None]
    goal = kp.Goal(
        kpi.direction,
        kpi.baseline_value,
        kpi.baseline_date,
        kpi.target_value,
        kpi.target_date,
    )
    latest = with_value[-1] if with_value else None
    result = kp.progress(
        goal, latest["value"] if latest else None, latest["on"] if latest else None
    )
    return Shown(
        kpi=kpi,
        source_label=label,
        how=how,
        measures=words.get("measures", ""),
        data=words.get("data", ""),
        cited=words.get("source", ""),
        window=WINDOWS.get(kpi.window, ""),
        progress=result,
        trend=kp.TREND_WORDS[kp.trend([(p["on"], p["value"]) for p in points], kpi.direction)],
        points=points,
        failures=failures,
    )


def _change(change: float | None, unit: str) -> str:
    if change is None:
        return ""
    if unit == "share":
        return f"{change * 100:+.1f} points"
    return f"{change:+,.2f}".rstrip("0").rstrip(".")


def shown_all(kpis) -> list[Shown]:
    return [show(kpi) for kpi in kpis.prefetch_related("snapshots", "results")]


def summary_table(rows: list[Shown], title: str) -> Table:
    return Table(
        "kpis",
        title,
        [
            Column("title", "KPI"),
            Column("source", "Source"),
            Column("baseline", "Baseline"),
            Column("target", "Target"),
            Column("latest", "Latest"),
            Column("status", "Progress"),
            Column("way", "Share of the way", "share"),
            Column("trend", "Trend"),
        ],
        [
            {
                "title": row.kpi.title,
                "source": row.source_label,
                "baseline": row.baseline,
                "target": row.target,
                "latest": row.latest,
                "status": row.progress.words,
                "way": row.progress.share_of_way,
                "trend": row.trend,
            }
            for row in rows
        ],
        empty="No KPIs set yet.",
    )


def trend_table(rows: list[Shown], title: str) -> Table:
    """Every snapshot (and manual result) of every KPI, as kept."""
    return Table(
        "trend",
        title,
        [
            Column("title", "KPI"),
            Column("on", "Period end"),
            Column("shown", "Figure"),
            Column("value", "Exact figure (a share as a fraction)"),
            Column("unit", "Unit"),
            Column("basis", "What it rests on"),
            Column("data_note", "Data when taken"),
        ],
        [
            {
                "title": row.kpi.title,
                "on": point["on"].isoformat(),
                "shown": point["shown"],
                "value": point["value"],
                "unit": row.kpi.unit,
                "basis": point["basis"],
                "data_note": point.get("data_note", ""),
            }
            for row in rows
            for point in row.points
        ],
        empty="No snapshots taken yet.",
    )
