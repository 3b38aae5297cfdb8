"""The demonstration's self-assessments (pure: plain values, no database): two completed a year
apart for Birmingham City Council, showing change; one completed each for Coventry City Council
and University Hospitals Birmingham; a draft for the City of Wolverhampton Council. Every
answer's evidence says it is sample data."""

from __future__ import annotations

from datetime import date

EVIDENCE = "Sample data: generated for the demonstration, not the anchor's own view."

KEYS = (
    "innovation-strategy",
    "forward-pipeline",
    "market-engagement",
    "outcome-specifications",
    "innovation-routes",
    "risk-appetite",
    "budgets",
    "social-value-local-spend",
    "collaboration",
    "evaluation-and-cases",
    "skills-and-culture",
)


def _answers(levels: tuple[int, ...]) -> dict[str, int]:
    return dict(zip(KEYS[: len(levels)], levels, strict=False))


ASSESSMENTS: list[dict] = [
    {
        "anchor": "Birmingham City Council",
        "completed_on": date(2025, 10, 15),
        "answers": _answers((2, 2, 1, 1, 1, 1, 1, 2, 2, 1, 1)),
    },
    {
        "anchor": "Birmingham City Council",
        "completed_on": date(2026, 10, 14),
        "answers": _answers((3, 3, 2, 2, 2, 2, 1, 3, 3, 2, 2)),
    },
    {
        "anchor": "Coventry City Council",
        "completed_on": date(2026, 9, 30),
        "answers": _answers((2, 3, 3, 2, 1, 2, 2, 3, 2, 2, 3)),
    },
    {
        "anchor": "University Hospitals Birmingham NHS Foundation Trust",
        "completed_on": date(2026, 11, 4),
        "answers": _answers((3, 2, 3, 3, 3, 2, 1, 2, 2, 3, 2)),
    },
    {
        "anchor": "City of Wolverhampton Council",
        "completed_on": None,  # a draft, four questions answered
        "answers": _answers((2, 1, 2, 1)),
    },
]


def anchors() -> list[str]:
    return sorted({str(item["anchor"]) for item in ASSESSMENTS})
