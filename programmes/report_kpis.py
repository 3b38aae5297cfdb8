"""The programme report's KPIs section (order 60): each KPI with its source, baseline, target,
latest figure and progress, and a trend table per KPI that has figures (its snapshots, or a
manual KPI's results), charted beside it."""

from __future__ import annotations

from programmes.kpi_views.presenting import shown_all
from programmes.report_sections import Section, Table, section


def _chart_value(value: float | None, unit: str) -> float | None:
    """A figure as the trend chart draws it: a share as a percentage."""
    if value is None:
        return None
    return round(value * 100, 1) if unit == "share" else value


@section("kpis", 60)
def build(programme) -> Section | None:
    rows = shown_all(programme.kpis.all())
    if not rows:
        return None
    summary = Table(
        key="kpis",
        title="KPIs: baseline, target, latest and progress",
        headers=("KPI", "Source", "Baseline", "Target", "Latest", "Progress"),
        rows=tuple(
            (
                row.kpi.title,
                row.source_label,
                row.baseline,
                row.target,
                row.latest,
                f"{row.progress.words} ({row.way}; trend: {row.trend})",
            )
            for row in rows
        ),
        note="Computed KPIs are measured from the product's own data by a snapshot each month, "
        "kept as taken; manual KPIs are results entered by partners with their evidence.",
    )
    trends = []
    for number, row in enumerate(rows, start=1):
        points = [p for p in row.points if p["value"] is not None]
        if not points:
            continue
        unit = " (%)" if row.kpi.unit == "share" else ""
        trends.append(
            Table(
                key=f"kpi_trend_{number}"[:31],
                title=f"Trend: {row.kpi.title}",
                headers=("Period end", f"Figure{unit}", "What it rests on"),
                rows=tuple(
                    (
                        f"{p['on'].day} {p['on']:%B %Y}",
                        _chart_value(p["value"], row.kpi.unit),
                        p["basis"],
                    )
                    for p in points
                ),
                chart_column=1,
                note=row.how,
            )
        )
    met = sum(1 for row in rows if row.progress.status == "met")
    on_track = sum(1 for row in rows if row.progress.status == "on_track")
    behind = sum(1 for row in rows if row.progress.status == "behind")
    return Section(
        key="kpis",
        title="KPIs with targets and trends",
        paragraphs=(
            (
                f"{len(rows)} KPIs: {met} met, {on_track} on track and {behind} behind the "
                "straight line from their baseline to their target."
            ),
        ),
        tables=(summary, *trends),
        facts=(
            ("KPIs", str(len(rows))),
            ("Met", str(met)),
            ("On track", str(on_track)),
            ("Behind", str(behind)),
        ),
    )
