"""Social value committed and delivered. Pure: plain records of commitments and their delivery
reports in, figures out.

Definitions (shown on the commitments page):

- **Delivered** is the sum of the quantities of *accepted* delivery reports; reports awaiting
  review or queried count for nothing until the buyer accepts them.
- **Expected to date** is the committed quantity pro rata to the days of the commitment's period
  that have passed (none before it starts, all of it once it has ended): `quantity × elapsed days
  / period days`. **Whole period** is the committed quantity itself.
- A commitment is **on track** when delivered ≥ expected to date.
- **Reports due**: the commitment's period is cut into reporting periods of `report_every_months`
  from its start (the last one ends with the period). A reporting period is **overdue** once
  `GRACE_DAYS` have passed since it ended and no accepted report overlaps it; it is said whether a
  report is awaiting review, queried or missing.
- **Proxy value**: £ per unit × quantity committed, and × quantity delivered, for commitments
  that have a proxy value; those without one add nothing (and are counted as such).
- Totals by supplier, anchor or contract count commitments (a quantity of jobs and one of tonnes
  do not add up); totals by metric add quantities of the same metric and unit.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

GRACE_DAYS = 30
ACCEPTED, SUBMITTED, QUERIED = "accepted", "submitted", "queried"


@dataclass(frozen=True)
class Report:
    commitment: int
    period_start: date
    period_end: date
    quantity: Decimal
    status: str


@dataclass(frozen=True)
class Commitment:
    id: int
    contract: int
    contract_title: str
    buyer: str
    supplier: str
    metric: str
    metric_title: str
    unit: str
    quantity: Decimal
    period_start: date
    period_end: date
    report_every_months: int = 3
    proxy_per_unit: Decimal | None = None


@dataclass(frozen=True)
class DuePeriod:
    start: date
    end: date
    due: date  # end + GRACE_DAYS
    state: str  # accepted, submitted, queried, missing, not_due

    @property
    def overdue(self) -> bool:
        """Overdue against the supplier: no report, or one the buyer queried. A report submitted
        in time and not yet reviewed waits on the buyer (`awaiting_review`), not the supplier."""
        return self.state in {QUERIED, "missing"}

    @property
    def awaiting_review(self) -> bool:
        return self.state == SUBMITTED


@dataclass
class Progress:
    commitment: Commitment
    delivered: Decimal
    expected_to_date: Decimal
    awaiting_review: Decimal
    periods: list[DuePeriod] = field(default_factory=list)

    @property
    def committed(self) -> Decimal:
        return self.commitment.quantity

    @property
    def share_delivered(self) -> float | None:
        return float(self.delivered / self.committed) if self.committed else None

    @property
    def share_of_expected(self) -> float | None:
        if not self.expected_to_date:
            return None
        return float(self.delivered / self.expected_to_date)

    @property
    def on_track(self) -> bool:
        return self.delivered >= self.expected_to_date

    @property
    def overdue(self) -> list[DuePeriod]:
        return [p for p in self.periods if p.overdue]

    @property
    def proxy_committed(self) -> Decimal | None:
        per = self.commitment.proxy_per_unit
        return None if per is None else (per * self.committed).quantize(Decimal("0.01"))

    @property
    def proxy_delivered(self) -> Decimal | None:
        per = self.commitment.proxy_per_unit
        return None if per is None else (per * self.delivered).quantize(Decimal("0.01"))


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expected_to_date(commitment: Commitment, today: date) -> Decimal:
    """The committed quantity pro rata to the days of its period passed by `today` (inclusive)."""
    start, end = commitment.period_start, commitment.period_end
    if today < start:
        return Decimal(0)
    if today >= end:
        return commitment.quantity
    days = (end - start).days + 1
    elapsed = (today - start).days + 1
    return (commitment.quantity * elapsed / days).quantize(Decimal("0.01"))


def reporting_periods(commitment: Commitment) -> list[tuple[date, date]]:
    months = max(1, commitment.report_every_months)
    out, start = [], commitment.period_start
    while start <= commitment.period_end:
        end = min(add_months(start, months) - timedelta(days=1), commitment.period_end)
        out.append((start, end))
        start = end + timedelta(days=1)
    return out


def _overlaps(report: Report, start: date, end: date) -> bool:
    return report.period_start <= end and report.period_end >= start


def due_periods(commitment: Commitment, reports: list[Report], today: date) -> list[DuePeriod]:
    out = []
    for start, end in reporting_periods(commitment):
        due = end + timedelta(days=GRACE_DAYS)
        covering = [r for r in reports if _overlaps(r, start, end)]
        states = {r.status for r in covering}
        if ACCEPTED in states:
            state = ACCEPTED
        elif today <= due:
            state = "not_due"
        elif SUBMITTED in states:
            state = SUBMITTED
        elif QUERIED in states:
            state = QUERIED
        else:
            state = "missing"
        out.append(DuePeriod(start, end, due, state))
    return out


def progress(commitment: Commitment, reports: list[Report], today: date) -> Progress:
    mine = [r for r in reports if r.commitment == commitment.id]
    return Progress(
        commitment=commitment,
        delivered=sum((r.quantity for r in mine if r.status == ACCEPTED), Decimal(0)),
        expected_to_date=expected_to_date(commitment, today),
        awaiting_review=sum((r.quantity for r in mine if r.status == SUBMITTED), Decimal(0)),
        periods=due_periods(commitment, mine, today),
    )


def all_progress(commitments: list[Commitment], reports: list[Report], today: date):
    by_commitment: dict[int, list[Report]] = defaultdict(list)
    for report in reports:
        by_commitment[report.commitment].append(report)
    return [progress(c, by_commitment[c.id], today) for c in commitments]


def _money(values) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


def by_group(items: list[Progress], key: str) -> list[dict]:
    """Totals per contract, supplier or anchor: commitments, on track, overdue reporting periods
    and proxy value committed and delivered."""
    pick = {
        "contract": lambda p: (p.commitment.contract, p.commitment.contract_title),
        "supplier": lambda p: (p.commitment.supplier, p.commitment.supplier),
        "anchor": lambda p: (p.commitment.buyer, p.commitment.buyer),
    }[key]
    groups: dict = defaultdict(list)
    for item in items:
        groups[pick(item)].append(item)
    rows = []
    for (ident, label), members in sorted(groups.items(), key=lambda g: str(g[0][1]).lower()):
        rows.append(
            {
                "key": ident,
                "label": label,
                "commitments": len(members),
                "on_track": sum(1 for m in members if m.on_track),
                "overdue": sum(len(m.overdue) for m in members),
                "proxy_committed": _money(m.proxy_committed for m in members),
                "proxy_delivered": _money(m.proxy_delivered for m in members),
                "without_proxy": sum(1 for m in members if m.commitment.proxy_per_unit is None),
            }
        )
    return rows


def by_metric(items: list[Progress]) -> list[dict]:
    """Quantities per metric and unit: committed, expected to date, delivered."""
    groups: dict = defaultdict(list)
    for item in items:
        groups[(item.commitment.metric, item.commitment.unit)].append(item)
    rows = []
    for (metric, unit), members in sorted(groups.items()):
        committed = sum((m.committed for m in members), Decimal(0))
        delivered = sum((m.delivered for m in members), Decimal(0))
        rows.append(
            {
                "metric": metric,
                "label": members[0].commitment.metric_title,
                "unit": unit,
                "commitments": len(members),
                "committed": committed,
                "expected_to_date": sum((m.expected_to_date for m in members), Decimal(0)),
                "delivered": delivered,
                "share_delivered": float(delivered / committed) if committed else None,
                "proxy_committed": _money(m.proxy_committed for m in members),
                "proxy_delivered": _money(m.proxy_delivered for m in members),
            }
        )
    return rows


def overdue(items: list[Progress]) -> list[dict]:
    """Every overdue reporting period, oldest first."""
    rows = []
    for item in items:
        for period in item.overdue:
            rows.append(
                {
                    "commitment": item.commitment.id,
                    "contract": item.commitment.contract,
                    "contract_title": item.commitment.contract_title,
                    "supplier": item.commitment.supplier,
                    "buyer": item.commitment.buyer,
                    "metric_title": item.commitment.metric_title,
                    "start": period.start,
                    "end": period.end,
                    "due": period.due,
                    "state": period.state,
                }
            )
    return sorted(rows, key=lambda r: (r["due"], r["commitment"]))


STATE_WORDS = {
    "missing": "No report",
    SUBMITTED: "Report awaiting the buyer's review",
    QUERIED: "Report queried",
    ACCEPTED: "Accepted",
    "not_due": "Not due yet",
}
