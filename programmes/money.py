"""A programme's money worked out: the funding position by source and year (committed against
received), the leverage ratio, and the costing (totals, funded amounts and gaps by year, optimism
bias and present value through the invest-to-save calculator's Green Book engine,
`cases/greenbook.py`; there is no second implementation here). Pure: plain facts in, figures out;
the pages, downloads and the report read the records and call these.

- Only contributions committed or received count as committed; received ones are also shown on
  their own; proposed ones are shown apart and count towards nothing.
- A funding bid counts as secured once awarded; identified and applying bids are expected;
  declined bids count towards nothing.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from cases import greenbook
from core import datafiles
from core.formatting import fy_label, pounds
from core.roles import Role
from programmes import rules

ZERO = Decimal(0)
COMMITTED = frozenset({"committed", "received"})
SECURED_BIDS = frozenset({"awarded"})
EXPECTED_BIDS = frozenset({"identified", "applying"})
CATEGORIES_FILE = ("programmes", "budget_categories")

# The moves a status may make: forward only (a mistake is corrected by editing the record).
CONTRIBUTION_MOVES: dict[str, tuple[str, ...]] = {
    "proposed": ("committed",),
    "committed": ("received",),
    "received": (),
}
BID_MOVES: dict[str, tuple[str, ...]] = {
    "identified": ("applying", "declined"),
    "applying": ("awarded", "declined"),
    "awarded": (),
    "declined": (),
}
# Most years a form offers at once: a pilot and its scaled-up programme.
MAX_YEARS = 10


def year_words(year: int) -> str:
    """The financial year starting in April of `year` as a form says it: "2026 to 2027"."""
    return f"{year} to {year + 1}"


def financial_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def programme_years(
    starts_on: date | None, ends_on: date | None, today: date, existing: Iterable[int] = ()
) -> list[int]:
    """The financial years a form asks amounts for: the programme's, from its start to its end
    (at most MAX_YEARS), or this year and the next two when it has no dates; plus any year an
    amount is already recorded for."""
    first = financial_year_of(starts_on or today)
    last = financial_year_of(ends_on) if ends_on else first + 2
    last = min(max(last, first), first + MAX_YEARS - 1)
    return sorted(set(range(first, last + 1)) | set(existing))


def next_statuses(moves: dict[str, tuple[str, ...]], status: str) -> tuple[str, ...]:
    return moves.get(status, ())


def can_open_evidence(viewer: rules.Viewer, programme: rules.ProgrammeFacts) -> bool:
    """Evidence files (letters of commitment, grant offers, board minutes) can name people and
    prices, so even on a published programme they are opened only by coordinators and the
    members of the programme's partner organisations; everyone who sees the programme sees that
    evidence exists and its note, not the file."""
    if viewer.role is Role.COORDINATOR:
        return True
    return viewer.organisation_id is not None and viewer.organisation_id in programme.partner_ids


# Facts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContributionFacts:
    key: int
    partner: str
    kind: str  # funded or in_kind
    status: str  # proposed, committed, received
    years: dict[int, Decimal] = field(default_factory=dict)
    description: str = ""

    @property
    def total(self) -> Decimal:
        return sum(self.years.values(), ZERO)


@dataclass(frozen=True)
class BidFacts:
    key: int
    funder: str
    scheme: str
    status: str  # identified, applying, awarded, declined
    amount_awarded: Decimal | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None

    @property
    def name(self) -> str:
        return f"{self.funder}: {self.scheme}"


@dataclass(frozen=True)
class LineFacts:
    key: int
    category: str
    description: str
    years: dict[int, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class AllocationFacts:
    line: int
    year: int
    amount: Decimal
    contribution: int | None = None
    bid: int | None = None


# Funding position -----------------------------------------------------------------------------

PARTNER_CASH = "Partner cash"
PARTNER_IN_KIND = "Partner in kind"
EXTERNAL = "External funding"


@dataclass(frozen=True)
class PositionRow:
    source: str
    kind: str  # PARTNER_CASH, PARTNER_IN_KIND or EXTERNAL
    year: int | None  # None: a funder's whole award (awards are not split by year)
    committed: Decimal
    received: Decimal | None  # None: not recorded (a funder's award)
    proposed: Decimal

    @property
    def year_label(self) -> str:
        return fy_label(self.year) if self.year is not None else "Whole award"


def funding_position(
    contributions: Iterable[ContributionFacts], bids: Iterable[BidFacts]
) -> list[PositionRow]:
    """Each source's money by financial year: partners' contributions (cash and in kind apart)
    committed (committed or received), received, and proposed; each awarded bid's award."""
    totals: dict[tuple[str, str, int], list[Decimal]] = {}
    for each in contributions:
        kind = PARTNER_CASH if each.kind == "funded" else PARTNER_IN_KIND
        for year, amount in each.years.items():
            cell = totals.setdefault((each.partner, kind, year), [ZERO, ZERO, ZERO])
            if each.status in COMMITTED:
                cell[0] += amount
            if each.status == "received":
                cell[1] += amount
            if each.status == "proposed":
                cell[2] += amount
    rows = [
        PositionRow(source, kind, year, *cell)
        for (source, kind, year), cell in sorted(
            totals.items(), key=lambda i: (i[0][0], i[0][1], i[0][2])
        )
    ]
    rows += [
        PositionRow(bid.name, EXTERNAL, None, bid.amount_awarded or ZERO, None, ZERO)
        for bid in bids
        if bid.status in SECURED_BIDS
    ]
    return rows


@dataclass(frozen=True)
class YearPosition:
    year: int | None
    cash: Decimal
    in_kind: Decimal
    external: Decimal
    received: Decimal
    proposed: Decimal

    @property
    def committed(self) -> Decimal:
        return self.cash + self.in_kind + self.external

    @property
    def year_label(self) -> str:
        return fy_label(self.year) if self.year is not None else "Awards (not split by year)"


def position_by_year(rows: Iterable[PositionRow]) -> list[YearPosition]:
    """The position summed over sources, one row per financial year; funders' awards last."""
    found: dict[int | None, dict[str, Decimal]] = {}
    for row in rows:
        cell = found.setdefault(
            row.year, dict.fromkeys(("cash", "in_kind", "external", "received", "proposed"), ZERO)
        )
        key = {PARTNER_CASH: "cash", PARTNER_IN_KIND: "in_kind", EXTERNAL: "external"}[row.kind]
        cell[key] += row.committed
        cell["received"] += row.received or ZERO
        cell["proposed"] += row.proposed
    order = sorted(found, key=lambda y: (y is None, y or 0))
    return [YearPosition(year, **found[year]) for year in order]


# Leverage -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Leverage:
    external_secured: Decimal
    partner_cash: Decimal
    ratio: Decimal | None  # None: not defined (no partner cash committed)

    @property
    def words(self) -> str:
        if self.ratio is None:
            return "Not defined (no partner cash is committed yet)"
        return f"£{self.ratio:,.2f} of external funding for every £1 of partners' cash"


def leverage(contributions: Iterable[ContributionFacts], bids: Iterable[BidFacts]) -> Leverage:
    """The leverage ratio is the external funding secured for every £1 of partners' cash.

    External funding secured is the total awarded by funders (bids with the status awarded; bids
    identified, being applied for or declined do not count). Partners' cash is the total of the
    partners' funded contributions that are committed or received, over all years; proposed
    contributions and contributions in kind do not count. The ratio is the first divided by the
    second: 2.50 means £2.50 of external funding for every £1 the partners put in. When no
    partner's cash is committed the ratio is not defined (there is nothing to divide by) and is
    shown as "Not defined"."""
    external = sum(
        (b.amount_awarded or ZERO for b in bids if b.status in SECURED_BIDS),
        ZERO,
    )
    cash = sum(
        (c.total for c in contributions if c.kind == "funded" and c.status in COMMITTED),
        ZERO,
    )
    ratio = (external / cash).quantize(Decimal("0.01")) if cash > 0 else None
    return Leverage(external, cash, ratio)


LEVERAGE_DEFINITION = " ".join(inspect.cleandoc(leverage.__doc__ or "").split())


# Costing --------------------------------------------------------------------------------------


def categories() -> list[dict]:
    """The budget categories as data (programmes/data/budget_categories.json)."""
    return datafiles.load(CATEGORIES_FILE)["categories"]


def category_label(key: str) -> str:
    return next((c["label"] for c in categories() if c["key"] == key), key)


@dataclass(frozen=True)
class CostingYear:
    year: int
    cost: Decimal
    secured: Decimal  # allocated from committed or received contributions and awarded bids
    expected: Decimal  # allocated from proposed contributions and identified or applying bids
    beyond: Decimal = ZERO  # allocated beyond the lines' own costs: flagged, not counted above

    @property
    def gap(self) -> Decimal:
        """What is not yet funded from secured sources (0 when the year is fully funded)."""
        return max(self.cost - self.secured, ZERO)

    @property
    def gap_if_expected(self) -> Decimal:
        return max(self.cost - self.secured - self.expected, ZERO)

    @property
    def over_allocated(self) -> Decimal:
        """Allocations beyond the costs of the lines they were made to (0 when none)."""
        return self.beyond

    @property
    def year_label(self) -> str:
        return fy_label(self.year)


@dataclass(frozen=True)
class Appraisal:
    """The budget as the Green Book appraises it."""

    undiscounted: float
    optimism_bias_share: float
    with_optimism_bias: float
    present_value: float
    base_year: int | None
    discount_rate: float
    rate_source: str

    @property
    def rate_words(self) -> str:
        year0 = f"; year 0 is {fy_label(self.base_year)}" if self.base_year is not None else ""
        return f"{self.discount_rate:.1%} a year ({self.rate_source}){year0}"

    @property
    def words(self) -> str:
        if self.base_year is None:
            return "No costs yet."
        return (
            f"Costs raised by {self.optimism_bias_share:.0%} optimism bias, then discounted at "
            f"{self.discount_rate:.1%} a year from {fy_label(self.base_year)} (year 0, not "
            f"discounted): {pounds(self.present_value)} in present value."
        )


@dataclass
class Costing:
    years: list[CostingYear]
    by_category: list[tuple[str, dict[int, Decimal], Decimal]]  # label, by year, total
    problems: list[str]  # over-allocations, in words
    appraisal: Appraisal

    @property
    def total_cost(self) -> Decimal:
        return sum((y.cost for y in self.years), ZERO)

    @property
    def total_secured(self) -> Decimal:
        return sum((y.secured for y in self.years), ZERO)

    @property
    def total_expected(self) -> Decimal:
        return sum((y.expected for y in self.years), ZERO)

    @property
    def total_gap(self) -> Decimal:
        return sum((y.gap for y in self.years), ZERO)


def appraise(
    year_costs: dict[int, Decimal], optimism_bias_percent: Decimal, base_year: int | None = None
) -> Appraisal:
    """Undiscounted, raised by optimism bias, and present value, with the Green Book engine's own
    functions: `with_optimism_bias` and `present_value` (its social time preference rate). Year 0
    is `base_year` (else the budget's first year); a cost before it is counted as year 0."""
    data = greenbook.load()
    share = float(optimism_bias_percent) / 100
    first = base_year if base_year is not None else min(year_costs, default=None)
    raised = {year: greenbook.with_optimism_bias(float(c), share) for year, c in year_costs.items()}
    by_index: dict[int, float] = {}
    for year, amount in raised.items():
        index = max(year - first, 0) if first is not None else 0
        by_index[index] = by_index.get(index, 0.0) + amount
    source = datafiles.read(greenbook.FILE).cite("green-book-social-time-preference-rate")
    return Appraisal(
        undiscounted=float(sum(year_costs.values(), ZERO)),
        optimism_bias_share=share,
        with_optimism_bias=sum(raised.values()),
        present_value=greenbook.present_value(by_index, data),
        base_year=first,
        discount_rate=greenbook.rate_for(1, data),
        rate_source="HM Treasury " + datafiles.for_readers(source),
    )


def costing(
    lines: Iterable[LineFacts],
    allocations: Iterable[AllocationFacts],
    contributions: Iterable[ContributionFacts],
    bids: Iterable[BidFacts],
    optimism_bias_percent: Decimal = ZERO,
    base_year: int | None = None,
) -> Costing:
    """Costs by year and category, what is allocated to them from secured and expected sources,
    the gap each year, over-allocations, and the Green Book appraisal of the whole."""
    lines = list(lines)
    allocations = list(allocations)
    by_contribution = {c.key: c for c in contributions}
    by_bid = {b.key: b for b in bids}
    line_names = {line.key: line.description for line in lines}
    cost: dict[int, Decimal] = {}
    category_years: dict[str, dict[int, Decimal]] = {}
    for line in lines:
        for year, amount in line.years.items():
            cost[year] = cost.get(year, ZERO) + amount
            cell = category_years.setdefault(line.category, {})
            cell[year] = cell.get(year, ZERO) + amount
    secured: dict[int, Decimal] = {}
    expected: dict[int, Decimal] = {}
    problems: list[str] = []
    per_line: dict[tuple[int, int], Decimal] = {}
    per_contribution: dict[tuple[int, int], Decimal] = {}
    per_bid: dict[int, Decimal] = {}
    # What each line's year has from secured and from expected sources, before capping.
    line_secured: dict[tuple[int, int], Decimal] = {}
    line_expected: dict[tuple[int, int], Decimal] = {}
    for each in allocations:
        place = (each.line, each.year)
        per_line[place] = per_line.get(place, ZERO) + each.amount
        state = _allocation_state(each, by_contribution, by_bid)
        if state == "secured":
            line_secured[place] = line_secured.get(place, ZERO) + each.amount
        elif state == "expected":
            line_expected[place] = line_expected.get(place, ZERO) + each.amount
        else:
            problems.append(
                f"{line_names.get(each.line, 'A line')} in {fy_label(each.year)}: "
                f"{pounds(each.amount)} is allocated to a declined bid and counts as not funded"
            )
        if each.contribution is not None:
            key = (each.contribution, each.year)
            per_contribution[key] = per_contribution.get(key, ZERO) + each.amount
        if each.bid is not None:
            per_bid[each.bid] = per_bid.get(each.bid, ZERO) + each.amount
    line_years = {(line.key, y): a for line in lines for y, a in line.years.items()}
    # A line counts as funded up to its own cost: money allocated beyond it (flagged below) does
    # not fill another line's gap. Secured money first, then expected.
    beyond: dict[int, Decimal] = {}
    for place in set(line_secured) | set(line_expected):
        costs = line_years.get(place, ZERO)
        given = line_secured.get(place, ZERO) + line_expected.get(place, ZERO)
        counted = min(line_secured.get(place, ZERO), costs)
        hoped = min(line_expected.get(place, ZERO), costs - counted)
        year = place[1]
        secured[year] = secured.get(year, ZERO) + counted
        expected[year] = expected.get(year, ZERO) + hoped
        beyond[year] = beyond.get(year, ZERO) + max(given - costs, ZERO)
    for (line_key, year), amount in sorted(per_line.items()):
        costs = line_years.get((line_key, year), ZERO)
        if amount > costs:
            problems.append(
                f"{line_names.get(line_key, 'A line')} in {fy_label(year)}: {pounds(amount)} is "
                f"allocated but the line costs {pounds(costs)}"
            )
    for (contribution_key, year), amount in sorted(per_contribution.items()):
        found = by_contribution.get(contribution_key)
        offered = found.years.get(year, ZERO) if found else ZERO
        if found and amount > offered:
            problems.append(
                f"{found.partner}'s {found.description or 'contribution'} in {fy_label(year)}: "
                f"{pounds(amount)} is allocated but it gives {pounds(offered)}"
            )
    for bid_key, amount in sorted(per_bid.items()):
        bid = by_bid.get(bid_key)
        if bid is None:
            continue
        ceiling = bid.amount_awarded if bid.status in SECURED_BIDS else bid.amount_max
        if ceiling is not None and amount > ceiling:
            what = "awarded" if bid.status in SECURED_BIDS else "the most it offers"
            problems.append(
                f"{bid.name}: {pounds(amount)} is allocated but {what} is {pounds(ceiling)}"
            )
    years = sorted(set(cost) | set(secured) | set(expected) | set(beyond))
    rows = [
        CostingYear(
            y, cost.get(y, ZERO), secured.get(y, ZERO), expected.get(y, ZERO), beyond.get(y, ZERO)
        )
        for y in years
    ]
    problems += [
        f"{row.year_label}: {pounds(row.over_allocated)} more is allocated than the lines cost, "
        "and is not counted as funding"
        for row in rows
        if row.over_allocated > 0
    ]
    order = [c["key"] for c in categories()]
    by_category = [
        (category_label(key), category_years[key], sum(category_years[key].values(), ZERO))
        for key in sorted(category_years, key=lambda k: order.index(k) if k in order else 99)
    ]
    return Costing(rows, by_category, problems, appraise(cost, optimism_bias_percent, base_year))


def _allocation_state(
    each: AllocationFacts, contributions: dict[int, ContributionFacts], bids: dict[int, BidFacts]
) -> str:
    if each.contribution is not None:
        found = contributions.get(each.contribution)
        return "secured" if found and found.status in COMMITTED else "expected"
    bid = bids.get(each.bid) if each.bid is not None else None
    if bid is None or bid.status == "declined":
        return "declined"
    return "secured" if bid.status in SECURED_BIDS else "expected"
