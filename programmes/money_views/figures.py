"""A programme's money read from the database into the pure facts of `programmes/money.py`, and
the tables the pages, downloads and report show (`core.tables.Table`, one definition for all)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from core.formatting import fy_label, pounds
from core.tables import Column, Table
from programmes import money
from programmes.models import (
    BidStatus,
    BudgetAllocation,
    BudgetLine,
    Contribution,
    ContributionKind,
    CostingSettings,
    FundingSource,
)


def contributions_of(programme) -> list[Contribution]:
    return list(
        Contribution.objects.filter(programme=programme)
        .select_related("partner__organisation")
        .prefetch_related("years", "evidence_files")
    )


def bids_of(programme) -> list[FundingSource]:
    return list(FundingSource.objects.filter(programme=programme))


def lines_of(programme) -> list[BudgetLine]:
    return list(
        BudgetLine.objects.filter(programme=programme).prefetch_related(
            "years",
            Prefetch(
                "allocations",
                BudgetAllocation.objects.select_related(
                    "contribution__partner__organisation", "funding_source"
                ),
            ),
        )
    )


def settings_of(programme) -> CostingSettings:
    found = CostingSettings.objects.filter(programme=programme).first()
    return found or CostingSettings(programme=programme)


def contribution_facts(records) -> list[money.ContributionFacts]:
    return [
        money.ContributionFacts(
            c.pk,
            c.partner.display_name,
            c.kind,
            c.status,
            {y.financial_year: y.amount for y in c.years.all()},
            c.description,
        )
        for c in records
    ]


def bid_facts(records) -> list[money.BidFacts]:
    return [
        money.BidFacts(
            b.pk, b.funder, b.scheme, b.status, b.amount_awarded, b.amount_min, b.amount_max
        )
        for b in records
    ]


def line_facts(lines) -> list[money.LineFacts]:
    return [
        money.LineFacts(
            line.pk,
            line.category,
            line.description,
            {y.financial_year: y.amount for y in line.years.all()},
        )
        for line in lines
    ]


def allocation_facts(lines) -> list[money.AllocationFacts]:
    return [
        money.AllocationFacts(
            a.line_id, a.financial_year, a.amount, a.contribution_id, a.funding_source_id
        )
        for line in lines
        for a in line.allocations.all()
    ]


@dataclass
class Funding:
    contributions: list[Contribution]
    bids: list[FundingSource]
    position: list[money.PositionRow]
    years: list[money.YearPosition]
    leverage: money.Leverage


def funding_of(programme) -> Funding:
    contributions = contributions_of(programme)
    bids = bids_of(programme)
    facts, bid_list = contribution_facts(contributions), bid_facts(bids)
    position = money.funding_position(facts, bid_list)
    return Funding(
        contributions,
        bids,
        position,
        money.position_by_year(position),
        money.leverage(facts, bid_list),
    )


@dataclass
class Costed:
    lines: list[BudgetLine]
    settings: CostingSettings
    costing: money.Costing
    years: list[int]


def costing_of(programme, contributions=None, bids=None) -> Costed:
    lines = lines_of(programme)
    settings = settings_of(programme)
    contributions = contributions_of(programme) if contributions is None else contributions
    bids = bids_of(programme) if bids is None else bids
    found = money.costing(
        line_facts(lines),
        allocation_facts(lines),
        contribution_facts(contributions),
        bid_facts(bids),
        settings.optimism_bias_percent,
        settings.base_year,
    )
    return Costed(lines, settings, found, [row.year for row in found.years])


# Words ----------------------------------------------------------------------------------------


def by_year_words(amounts: dict[int, object]) -> str:
    return "; ".join(f"{fy_label(y)}: {pounds(a)}" for y, a in sorted(amounts.items())) or "None"


def status_words(record) -> str:
    """The status and the day it was reached."""
    day = getattr(record, f"{record.status}_on", None)
    label = record.get_status_display()
    return f"{label} on {day:%-d %B %Y}" if day else label


def in_kind_words(c: Contribution) -> str:
    if c.kind != ContributionKind.IN_KIND:
        return ""
    amount = f"{c.quantity.normalize():f} {c.unit}".strip() if c.quantity is not None else c.unit
    return ", ".join(part for part in (c.get_in_kind_type_display(), amount) if part)


def evidence_words(c: Contribution) -> str:
    files = len(c.evidence_files.all())
    parts = [f"{files} file{'s' if files != 1 else ''}"] if files else []
    if c.evidence_link:
        parts.append("link")
    if c.evidence_note:
        parts.append(c.evidence_note)
    return "; ".join(parts) or "None yet"


def source_name(allocation: BudgetAllocation) -> str:
    if allocation.contribution_id:
        c = allocation.contribution
        return f"{c.partner.display_name}: {c.description} ({c.get_status_display().lower()})"
    bid = allocation.funding_source
    return f"{bid.funder}: {bid.scheme} ({bid.get_status_display().lower()})"


# Tables ---------------------------------------------------------------------------------------

FUNDING_TABLES = ("contributions", "position", "years", "bids")
COSTING_TABLES = ("budget", "allocations", "gaps", "categories")


def contributions_table(found: Funding) -> Table:
    return Table(
        "contributions",
        "Partners' contributions",
        [
            Column("partner", "Partner"),
            Column("kind", "Kind"),
            Column("description", "What"),
            Column("by_year", "By financial year"),
            Column("total", "Total", "money"),
            Column("in_kind", "In kind"),
            Column("valued", "How it was valued"),
            Column("status", "Status"),
            Column("evidence", "Evidence"),
        ],
        [
            {
                "partner": c.partner.display_name,
                "kind": c.get_kind_display(),
                "description": c.description,
                "by_year": by_year_words({y.financial_year: y.amount for y in c.years.all()}),
                "total": sum((y.amount for y in c.years.all()), money.ZERO),
                "in_kind": in_kind_words(c),
                "valued": c.valuation_method,
                "status": status_words(c),
                "evidence": evidence_words(c),
            }
            for c in found.contributions
        ],
        empty="No contributions are recorded yet.",
    )


def position_table(found: Funding) -> Table:
    return Table(
        "position",
        "Funding position by source and year",
        [
            Column("source", "Source"),
            Column("kind", "Kind"),
            Column("year", "Financial year"),
            Column("committed", "Committed", "money"),
            Column("received", "Received", "money"),
            Column("proposed", "Proposed (not counted)", "money"),
        ],
        [
            {
                "source": r.source,
                "kind": r.kind,
                "year": r.year_label,
                "committed": r.committed,
                "received": r.received,
                "proposed": r.proposed,
            }
            for r in found.position
        ],
        note="Committed counts contributions committed or received, and awarded bids. Funders' "
        "awards are not split by year; whether their money has arrived is not recorded.",
        empty="No contributions or awards yet.",
    )


def years_table(found: Funding) -> Table:
    return Table(
        "years",
        "Funding position by year",
        [
            Column("year", "Financial year"),
            Column("cash", "Partners' cash committed", "money"),
            Column("in_kind", "In kind committed", "money"),
            Column("external", "External funding awarded", "money"),
            Column("committed", "Total committed", "money"),
            Column("received", "Received", "money"),
            Column("proposed", "Proposed (not counted)", "money"),
        ],
        [
            {
                "year": y.year_label,
                "cash": y.cash,
                "in_kind": y.in_kind,
                "external": y.external,
                "committed": y.committed,
                "received": y.received,
                "proposed": y.proposed,
            }
            for y in found.years
        ],
        chart=("year", "committed"),
        chart_title="Total committed by financial year",
        chart_caption="Each bar is the money committed for the year; the table gives what has "
        "been received.",
        empty="No contributions or awards yet.",
    )


def committed_received_rows(found: Funding) -> list[tuple[str, object]]:
    """The chart of committed against received: two bars a year (awards have no years)."""
    rows = []
    for y in found.years:
        if y.year is None:
            continue
        rows += [
            (f"{y.year_label} committed", y.committed),
            (f"{y.year_label} received", y.received),
        ]
    return rows


def bids_table(found: Funding) -> Table:
    return Table(
        "bids",
        "Match and levered funding bids",
        [
            Column("funder", "Funder"),
            Column("scheme", "Scheme"),
            Column("range", "Amount range"),
            Column("awarded", "Awarded", "money"),
            Column("deadline", "Deadline"),
            Column("match", "Match required"),
            Column("eligibility", "Eligibility"),
            Column("status", "Status"),
        ],
        [
            {
                "funder": b.funder,
                "scheme": b.scheme,
                "range": range_words(b),
                "awarded": b.amount_awarded if b.status == BidStatus.AWARDED else None,
                "deadline": f"{b.deadline:%-d %B %Y}" if b.deadline else "",
                "match": match_words(b),
                "eligibility": b.eligibility,
                "status": status_words(b),
            }
            for b in found.bids
        ],
        empty="No funding sources are recorded yet.",
    )


def range_words(b: FundingSource) -> str:
    if b.amount_min is not None and b.amount_max is not None:
        return f"{pounds(b.amount_min)} to {pounds(b.amount_max)}"
    if b.amount_max is not None:
        return f"Up to {pounds(b.amount_max)}"
    if b.amount_min is not None:
        return f"From {pounds(b.amount_min)}"
    return "Not stated"


def match_words(b: FundingSource) -> str:
    parts = [b.match_required] if b.match_required else []
    if b.match_percent is not None:
        parts.append(f"{b.match_percent.normalize():f}%")
    if b.match_amount is not None:
        parts.append(pounds(b.match_amount))
    return "; ".join(parts) or "None stated"


def _year_columns(years: list[int]) -> list[Column]:
    return [Column(f"y{y}", fy_label(y), "money") for y in years]


def budget_table(costed: Costed) -> Table:
    years = costed.years
    return Table(
        "budget",
        "Budget lines by year",
        [
            Column("category", "Category"),
            Column("description", "Line"),
            *_year_columns(years),
            Column("total", "Total", "money"),
        ],
        [
            {
                "category": money.category_label(line.category),
                "description": line.description,
                **{f"y{y}": money.ZERO for y in years},
                **{f"y{y.financial_year}": y.amount for y in line.years.all()},
                "total": sum((y.amount for y in line.years.all()), money.ZERO),
            }
            for line in costed.lines
        ],
        empty="No budget lines yet.",
    )


def allocations_table(costed: Costed) -> Table:
    return Table(
        "allocations",
        "Allocations to sources",
        [
            Column("line", "Line"),
            Column("year", "Financial year"),
            Column("source", "Funded from"),
            Column("amount", "Amount", "money"),
        ],
        [
            {
                "line": line.description,
                "year": fy_label(a.financial_year),
                "source": source_name(a),
                "amount": a.amount,
            }
            for line in costed.lines
            for a in line.allocations.all()
        ],
        empty="No part of the budget is allocated to a source yet.",
    )


def gaps_table(costed: Costed) -> Table:
    return Table(
        "gaps",
        "Totals and gaps by year",
        [
            Column("year", "Financial year"),
            Column("cost", "Cost", "money"),
            Column("secured", "Funded from secured sources", "money"),
            Column("expected", "Funded from expected sources", "money"),
            Column("gap", "Gap", "money"),
            Column("gap_if_expected", "Gap if expected funding comes", "money"),
            Column("over", "Over-allocated", "money"),
        ],
        [
            {
                "year": y.year_label,
                "cost": y.cost,
                "secured": y.secured,
                "expected": y.expected,
                "gap": y.gap,
                "gap_if_expected": y.gap_if_expected,
                "over": y.over_allocated,
            }
            for y in costed.costing.years
        ],
        chart=("year", "gap"),
        chart_title="Gap by financial year",
        chart_caption="Each bar is the cost of the year not yet funded from secured sources.",
        note="Secured: contributions committed or received and awarded bids. Expected: "
        "contributions proposed and bids identified or being applied for.",
        empty="No budget lines yet.",
    )


def categories_table(costed: Costed) -> Table:
    years = costed.years
    return Table(
        "categories",
        "Budget by category and year",
        [Column("category", "Category"), *_year_columns(years), Column("total", "Total", "money")],
        [
            {
                "category": label,
                **{f"y{y}": money.ZERO for y in years},
                **{f"y{y}": a for y, a in amounts.items()},
                "total": total,
            }
            for label, amounts, total in costed.costing.by_category
        ],
        empty="No budget lines yet.",
    )


def funding_tables(programme) -> dict[str, Table]:
    found = funding_of(programme)
    return {
        "contributions": contributions_table(found),
        "position": position_table(found),
        "years": years_table(found),
        "bids": bids_table(found),
    }


def costing_tables(programme) -> dict[str, Table]:
    costed = costing_of(programme)
    return {
        "budget": budget_table(costed),
        "allocations": allocations_table(costed),
        "gaps": gaps_table(costed),
        "categories": categories_table(costed),
    }
