"""The maturity part of a programme's report: for the anchors a programme names, each one's latest
level per theme and overall, with the change since its previous completed self-assessment. The
programmes app calls `for_anchors` (maturity does not import programmes); `table` gives the same
rows as headers and plain values for a report table. The programme report's section, for example:

    @report_sections.section("maturity", 75)
    def maturity(programme):
        ids = [p.organisation_id for p in programme.partners.all() if p.organisation_id]
        headers, rows = summaries.table(summaries.for_anchors(ids))
        table = Table("maturity", "Innovation-procurement maturity", headers, rows, chart_column=3)
        return Section("maturity", "What makes it stick", tables=(table,))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from maturity import questions, scoring
from maturity.models import Assessment
from network.models import Organisation


@dataclass(frozen=True)
class ThemeLevel:
    key: str
    title: str
    level: int | None
    level_name: str
    score: Decimal | None
    change: Decimal | None  # None: no previous assessment, or the theme not answered both times


@dataclass(frozen=True)
class AnchorMaturity:
    organisation_id: int
    organisation: str
    assessed_on: date | None  # None: no completed self-assessment yet
    version: str
    overall: ThemeLevel | None
    themes: tuple[ThemeLevel, ...]
    is_sample: bool


def _level(score: scoring.Score) -> ThemeLevel:
    return ThemeLevel(
        score.key, score.title, score.level, score.level_name, score.score, score.change
    )


def for_anchors(organisation_ids: Iterable[int]) -> list[AnchorMaturity]:
    """One row per organisation (by name), latest completed self-assessment first considered."""
    ids = list(organisation_ids)
    question_set = questions.current()
    completed = (
        Assessment.objects.completed()
        .filter(organisation_id__in=ids)
        .prefetch_related("answers")
        .order_by("organisation_id", "-completed_at", "-pk")
    )
    by_anchor: dict[int, list[Assessment]] = {}
    for assessment in completed:
        by_anchor.setdefault(assessment.organisation_id, []).append(assessment)
    rows = []
    for organisation in Organisation.objects.filter(pk__in=ids).order_by("name"):
        history = by_anchor.get(organisation.pk, [])
        if not history:
            rows.append(
                AnchorMaturity(organisation.pk, organisation.name, None, "", None, (), False)
            )
            continue
        latest = history[0]
        previous = history[1].levels() if len(history) > 1 else None
        result = scoring.score(question_set, latest.levels(), previous)
        rows.append(
            AnchorMaturity(
                organisation_id=organisation.pk,
                organisation=organisation.name,
                assessed_on=latest.completed_at.date(),
                version=latest.version,
                overall=_level(result.overall),
                themes=tuple(_level(theme) for theme in result.themes),
                is_sample=latest.is_sample,
            )
        )
    return rows


def table(rows: list[AnchorMaturity]) -> tuple[tuple[str, ...], tuple[tuple, ...]]:
    """Headers and rows for a report table: anchor, date, overall level, score and change, then
    each theme's level."""
    titles = [theme.title for theme in questions.current().themes]
    headers = ("Anchor", "Assessed on", "Overall level", "Overall score", "Change", *titles)
    out = []
    for row in rows:
        if row.overall is None:
            out.append((row.organisation, "Not yet", "", None, "", *("" for _ in titles)))
            continue
        levels = {theme.title: theme for theme in row.themes}
        out.append(
            (
                row.organisation + (" (sample data)" if row.is_sample else ""),
                row.assessed_on.isoformat() if row.assessed_on else "",
                f"{row.overall.level}. {row.overall.level_name}",
                float(row.overall.score) if row.overall.score is not None else None,
                scoring.change_words(row.overall.change),
                *(
                    f"{levels[t].level}. {levels[t].level_name}"
                    + (
                        f" ({scoring.change_words(levels[t].change)})"
                        if levels[t].change is not None
                        else ""
                    )
                    if t in levels and levels[t].level
                    else ""
                    for t in titles
                ),
            )
        )
    return headers, tuple(out)
