"""The programme report's maturity section (75): for the partner anchors, the latest
innovation-procurement self-assessment's overall level and score with the change since the one
before, then each theme's level. Levels are the maturity app's (`maturity/summaries.py`).
Imported by ProgrammesConfig.ready()."""

from __future__ import annotations

from maturity import summaries
from programmes.report_sections import Section, Table, section

OVERALL_HEADERS = ("Anchor", "Assessed on", "Overall level", "Overall score", "Change")


@section("maturity", 75)
def maturity(programme) -> Section | None:
    ids = [
        p.organisation_id
        for p in programme.partners.select_related("organisation")
        if p.organisation_id and p.organisation.is_anchor
    ]
    if not ids:
        return None
    headers, rows = summaries.table(summaries.for_anchors(ids))
    themes = headers[len(OVERALL_HEADERS) :]
    # The themes as rows (anchor, theme, level): eight themes side by side do not fit on A4.
    by_theme = tuple(
        (row[0], theme, level or "Not answered")
        for row in rows
        if row[1] != "Not yet"
        for theme, level in zip(themes, row[len(OVERALL_HEADERS) :], strict=True)
    )
    return Section(
        key="maturity",
        title="What makes it stick: innovation-procurement maturity",
        paragraphs=(
            (
                "Each partner anchor's latest self-assessment of how it buys innovation, with the "
                "change since its previous one. A theme's score is the average of its questions' "
                "levels; its level is that score rounded down."
            ),
        ),
        tables=(
            Table(
                key="Maturity overall",
                title="Overall level by anchor",
                headers=OVERALL_HEADERS,
                rows=tuple(row[: len(OVERALL_HEADERS)] for row in rows),
                chart_column=3,
            ),
            Table(
                key="Maturity by theme",
                title="Level by theme",
                headers=("Anchor", "Theme", "Level (change)"),
                rows=by_theme,
            ),
        ),
    )
