"""The programme report's maturity section (75): for the partner anchors, the latest
innovation-procurement self-assessment's overall level and score with the change since the one
before, then each theme's level. Levels are the maturity app's (`maturity/summaries.py`).
Imported by ProgrammesConfig.ready()."""

from __future__ import annotations

from maturity import access as maturity_access
from maturity import rules as maturity_rules
from maturity import summaries
from programmes.report_sections import Section, Table, section

OVERALL_HEADERS = ("Anchor", "Assessed on", "Overall level", "Overall score", "Change")


@section("maturity", 75, for_viewer=True)
def maturity(programme, viewer=None) -> Section | None:
    """An anchor's levels are shown only to those the maturity app shows them to (its own staff
    and the network's coordinators); others read how many partners keep it to themselves."""
    ids = [
        p.organisation_id
        for p in programme.partners.select_related("organisation")
        if p.organisation_id and p.organisation.is_anchor
    ]
    if not ids:
        return None
    if viewer is not None:
        reader = maturity_access.viewer(viewer)
        shown = [i for i in ids if maturity_rules.can_see(reader, i)]
    else:
        shown = ids
    withheld = len(ids) - len(shown)
    withheld_words = (
        (
            f"The levels of {withheld} partner {'anchor are' if withheld == 1 else 'anchors are'} "
            "seen only by that anchor's own staff and the network's coordinators."
        )
        if withheld
        else ""
    )
    if not shown:
        return Section(
            key="maturity",
            title="What makes it stick: innovation-procurement maturity",
            paragraphs=(withheld_words,),
        )
    headers, rows = summaries.table(summaries.for_anchors(shown))
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
            *((withheld_words,) if withheld_words else ()),
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
