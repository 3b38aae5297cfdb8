"""The demonstration's KPIs (sample data): for the sample programme, its partners' local spend
share from the demo's ledger, its challenges published and awarded, their spread to other
anchors and a manual KPI with one result; for Birmingham City Council (the demo anchor with a
ledger), its own local, SME and VCSE spend shares. Baselines of computed KPIs are the figures at
the baseline date; targets are set from them. Pure: specifications only."""

from __future__ import annotations

from datetime import date, timedelta

PROGRAMME = "sample-healthy-homes-pilot"
ANCHOR = "Birmingham City Council"
BASELINE_DATE = date(2025, 3, 31)
TARGET_DATE = date(2027, 3, 31)
# The period ends snapshots are taken for: the quarters the demo's ledger covers, the baseline's
# own first (a trend needs several).
SNAPSHOT_DATES = (
    date(2025, 3, 31),
    date(2025, 6, 30),
    date(2025, 9, 30),
    date(2025, 12, 31),
    date(2026, 3, 31),
)


def recent_month_ends(today: date, count: int = 6) -> tuple[date, ...]:
    """The last `count` month ends before `today`, oldest first: the periods the activity KPIs
    (challenges, adoptions) are snapshotted for, as the demo's challenges are dated from today."""
    ends = []
    day = today.replace(day=1) - timedelta(days=1)
    for _ in range(count):
        ends.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return tuple(reversed(ends))


NOTE = "Sample data: generated for the demonstration, not a real target."

# For a computed KPI with `gain`: baseline = its figure at BASELINE_DATE, target = baseline + gain.
# A KPI marked `recent` counts activity dated from today: its baseline is the first of the recent
# month ends, and it is snapshotted at each of them.
PROGRAMME_KPIS = [
    {
        "source": "local_spend_share",
        "title": "Partners' share of spend with local suppliers",
        "window": "year",
        "gain": 0.05,
    },
    {
        "source": "challenges_published",
        "title": "Healthy-homes challenges published",
        "recent": True,
        "window": "since_baseline",
        "baseline_value": 0,
        "target_value": 8,
    },
    {
        "source": "challenges_awarded",
        "title": "Healthy-homes challenges awarded",
        "recent": True,
        "window": "since_baseline",
        "baseline_value": 0,
        "target_value": 3,
    },
    {
        "source": "adoptions_by_others",
        "title": "Spread: adoptions of the pilot's solutions by other anchors",
        "recent": True,
        "window": "since_baseline",
        "baseline_value": 0,
        "target_value": 2,
    },
    {
        "source": "manual",
        "title": "Homes given a healthy-homes assessment",
        "unit": "number",
        "window": "all",
        "baseline_value": 0,
        "target_value": 400,
        "result": {
            "period_end": date(2026, 3, 31),
            "value": 135,
            "evidence_link": "https://example.org/sample-healthy-homes-assessments",
            "evidence_note": "Sample data: the pilot's assessment log for the year to March 2026.",
        },
    },
]

ANCHOR_KPIS = [
    {"source": "local_spend_share", "title": "Share of spend with local suppliers", "gain": 0.05},
    {"source": "sme_spend_share", "title": "Share of spend with SMEs", "gain": 0.05},
    {"source": "vcse_spend_share", "title": "Share of spend with VCSEs", "gain": 0.02},
]
