"""The programme report's money sections: partners' commitments (22), the funding position with
a chart of committed against received (30), bids and the leverage ratio (40), and the costing
with its gaps, optimism bias and present value (50). Each table is the one the funding and
costing pages show and download (`money_views/figures.py`). Imported by ProgrammesConfig.ready()."""

from __future__ import annotations

from decimal import Decimal

from core import tables
from core.formatting import pounds
from programmes import money
from programmes.money_views import figures
from programmes.report_sections import Section, Table, section


def as_report_table(table: tables.Table, key: str, chart_column: int | None = None) -> Table:
    """A page's table as a report table: the same headers and figures."""
    return Table(
        key=key[:31],
        title=table.title,
        headers=tuple(c.label for c in table.columns),
        rows=tuple(tuple(row.get(c.key) for c in table.columns) for row in table.rows),
        chart_column=chart_column,
        note=table.note,
        money_columns=tuple(i for i, c in enumerate(table.columns) if c.kind == "money"),
    )


@section("commitments", 22)
def commitments(programme) -> Section | None:
    found = figures.funding_of(programme)
    if not found.contributions:
        return None
    counts = dict.fromkeys(("proposed", "committed", "received"), 0)
    for c in found.contributions:
        counts[c.status] += 1
    return Section(
        key="commitments",
        title="Partners' commitments",
        paragraphs=(
            (
                "Each partner's funded (cash, by financial year) and in-kind contributions (with "
                "their stated value and how it was worked out), each proposed, committed or "
                "received, with its evidence."
            ),
        ),
        tables=(as_report_table(figures.contributions_table(found), "Contributions"),),
        facts=tuple((label.capitalize(), str(n)) for label, n in counts.items()),
    )


@section("funding", 30)
def funding(programme) -> Section | None:
    found = figures.funding_of(programme)
    if not found.contributions and not found.bids:
        return None
    years = figures.years_table(found)
    chart = Table(
        key="Committed and received",
        title="Committed and received by financial year",
        headers=("Financial year", "Amount"),
        rows=tuple(figures.committed_received_rows(found)),
        chart_column=1,
        note="Two bars a year: what is committed, and what of it is received.",
        money_columns=(1,),
    )
    total = sum((y.committed for y in found.years), money.ZERO)
    received = sum((y.received for y in found.years), money.ZERO)
    proposed = sum((y.proposed for y in found.years), money.ZERO)
    return Section(
        key="funding",
        title="Funding position",
        paragraphs=(
            (
                "Committed counts contributions committed or received and funding awarded; "
                "proposed contributions are shown apart and count towards nothing."
            ),
        ),
        tables=(
            chart,
            as_report_table(years, "Position by year"),
            as_report_table(figures.position_table(found), "Position by source"),
        ),
        facts=(
            ("Total committed", pounds(total)),
            ("Received", pounds(received)),
            ("Proposed (not counted)", pounds(proposed)),
        ),
    )


@section("leverage", 40)
def leverage(programme) -> Section | None:
    found = figures.funding_of(programme)
    if not found.contributions and not found.bids:
        return None
    ratio = found.leverage
    return Section(
        key="leverage",
        title="Match and levered funding",
        paragraphs=(money.LEVERAGE_DEFINITION,),
        tables=(as_report_table(figures.bids_table(found), "Funding bids"),),
        facts=(
            ("External funding secured", pounds(ratio.external_secured)),
            ("Partners' cash committed", pounds(ratio.partner_cash)),
            ("Leverage ratio", ratio.words),
        ),
    )


@section("costing", 50)
def costing(programme) -> Section | None:
    costed = figures.costing_of(programme)
    if not costed.lines:
        return None
    found, appraisal = costed.costing, costed.costing.appraisal
    gaps = figures.gaps_table(costed)
    settings = costed.settings
    bias = f"{Decimal(settings.optimism_bias_percent).normalize():f}%"
    if settings.optimism_bias_basis:
        bias += f" ({settings.optimism_bias_basis})"
    return Section(
        key="costing",
        title="Costing and gaps",
        paragraphs=(appraisal.words, *found.problems),
        tables=(
            as_report_table(gaps, "Gaps by year", chart_column=4),
            as_report_table(figures.categories_table(costed), "Budget by category"),
            as_report_table(figures.budget_table(costed), "Budget lines"),
            as_report_table(figures.allocations_table(costed), "Allocations"),
        ),
        facts=(
            ("Total cost (undiscounted)", pounds(appraisal.undiscounted)),
            ("Funded from secured sources", pounds(found.total_secured)),
            ("Gap", pounds(found.total_gap)),
            ("Optimism bias", bias),
            ("Cost with optimism bias", pounds(appraisal.with_optimism_bias)),
            ("Present value", pounds(appraisal.present_value)),
            ("Discount rate", appraisal.rate_words),
        ),
    )
