"""The invest-to-save calculator: HM Treasury Green Book discounting and optimism bias, by budget
holder. Pure: inputs in, figures out. Parameters are data (cases/data/green_book.json).

- Discount factor for year t: DF_t = prod over years 1..t of 1 / (1 + r_year), with r_year from the
  full social time preference schedule (3.5% to year 30, 3.0% to 75, ...). Year 0 is undiscounted.
- Optimism bias raises costs by the upper bound for the project type: capital costs for building,
  civil engineering and equipment projects; operating costs for outsourcing.
- NPV = sum over years of DF_t x (savings - costs), for the whole public sector and for each
  budget holder, so who pays and who saves is plain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

from core import datafiles

FILE = Path(__file__).with_name("data") / "green_book.json"
Kind = Literal["capex", "opex", "saving"]
CostKind = Literal["capex", "opex"]  # the kinds optimism bias raises
COST_KINDS: tuple[CostKind, ...] = ("capex", "opex")
KINDS: dict[Kind, str] = {"capex": "Capital cost", "opex": "Running cost", "saving": "Saving"}


@cache
def load(path: Path = FILE) -> dict:
    return datafiles.load(path, cited=True)


def rate_for(year: int, data: dict | None = None) -> float:
    data = data or load()
    for band in data["discount_rates"]["schedule"]:
        if band["from_year"] <= year and (band["to_year"] is None or year <= band["to_year"]):
            return band["rate"]
    raise ValueError(f"No discount rate for year {year}")


def discount_factors(years: int, data: dict | None = None) -> list[float]:
    """DF_0 .. DF_years."""
    factors = [1.0]
    for year in range(1, years + 1):
        factors.append(factors[-1] / (1 + rate_for(year, data)))
    return factors


def annuity_factor(years: int, data: dict | None = None) -> float:
    """The present value of 1 a year for years 1..years."""
    return sum(discount_factors(years, data)[1:])


def with_optimism_bias(amount: float, share: float) -> float:
    """A cost raised by optimism bias: `share` is the uplift (0.41 raises a cost by 41%)."""
    if share < 0:
        raise ValueError("optimism bias: a share of 0 or more")
    return amount * (1 + share)


def present_value(amounts: dict[int, float], data: dict | None = None) -> float:
    """The sum of each year's amount times its discount factor; years counted from 0 (now)."""
    if not amounts:
        return 0.0
    if min(amounts) < 0:
        raise ValueError("year: 0 (now) or later")
    factors = discount_factors(max(amounts), data)
    return sum(amount * factors[year] for year, amount in amounts.items())


def optimism_bias_bounds(data: dict | None = None) -> list[tuple[str, CostKind, float]]:
    """The upper bounds the data gives: (project type's label, the cost kind raised, share)."""
    data = data or load()
    return [
        (entry["label"], kind, entry[kind])
        for entry in data["optimism_bias"]["types"].values()
        for kind in COST_KINDS
        if kind in entry
    ]


@dataclass(frozen=True)
class Line:
    holder: str  # the budget holder: a department or an organisation
    kind: Kind  # checked on construction: the calculator's form gives text
    year: int  # 0 = now
    amount: Decimal  # pounds, real terms, positive

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind: one of {', '.join(KINDS)}")
        if self.year < 0 or self.year > 400:
            raise ValueError("year: 0 (now) to 400")
        if self.amount < 0:
            raise ValueError("amount: give costs and savings as positive amounts")


@dataclass
class HolderResult:
    holder: str
    pv_costs: float
    pv_savings: float
    npv: float


@dataclass
class Result:
    project_type: str
    optimism_bias: dict[CostKind, float]  # {"capex": 0.24}: the share costs are raised by
    years: int
    discount_factors: list[float]
    rows: list[dict]  # per year: costs, adjusted costs, savings, net, DF, PV net, cumulative
    holders: list[HolderResult]
    pv_costs: float
    pv_savings: float
    npv: float
    payback_year: int | None  # first year the cumulative discounted net is >= 0
    break_even_savings_change: float | None  # savings may fall by this share before NPV < 0
    sensitivity: list[dict] = field(default_factory=list)  # savings change -> NPV


def _bias(project_type: str, data: dict) -> dict[CostKind, float]:
    types = data["optimism_bias"]["types"]
    if project_type not in types:
        raise ValueError(f"project_type: one of {', '.join(types)}")
    return {k: v for k, v in types[project_type].items() if k in {"capex", "opex"}}


def calculate(lines: list[Line], project_type: str = "none", data: dict | None = None) -> Result:
    data = data or load()
    bias = _bias(project_type, data)
    years = max((line.year for line in lines), default=0)
    factors = discount_factors(years, data)
    holders = sorted({line.holder for line in lines})
    per_holder = {h: {"costs": 0.0, "savings": 0.0} for h in holders}
    by_year: dict[int, list[Line]] = {}
    for line in lines:
        by_year.setdefault(line.year, []).append(line)
    rows = []
    cumulative = saved = 0.0
    payback = None
    for year in range(years + 1):
        costs = adjusted = savings = 0.0
        for line in by_year.get(year, []):
            amount = float(line.amount)
            if line.kind == "saving":
                savings += amount
                per_holder[line.holder]["savings"] += amount * factors[year]
            else:
                raised = with_optimism_bias(amount, bias.get(line.kind, 0.0))
                costs += amount
                adjusted += raised
                per_holder[line.holder]["costs"] += raised * factors[year]
        net = savings - adjusted
        cumulative += net * factors[year]
        saved += savings
        # Payback: the first year the discounted savings so far cover the costs so far.
        if payback is None and saved > 0 and cumulative >= 0:
            payback = year
        rows.append(
            {
                "year": year,
                "costs": costs,
                "costs_with_bias": adjusted,
                "savings": savings,
                "net": net,
                "discount_factor": factors[year],
                "present_value": net * factors[year],
                "cumulative_present_value": cumulative,
            }
        )
    pv_costs = sum(row["costs_with_bias"] * row["discount_factor"] for row in rows)
    pv_savings = sum(row["savings"] * row["discount_factor"] for row in rows)
    npv = pv_savings - pv_costs
    break_even = (1 - pv_costs / pv_savings) if pv_savings else None
    sensitivity = [
        {"savings_change": change, "npv": pv_savings * (1 + change) - pv_costs}
        for change in data["sensitivity"]
    ]
    return Result(
        project_type=project_type,
        optimism_bias=bias,
        years=years,
        discount_factors=factors,
        rows=rows,
        holders=[
            HolderResult(
                h,
                per_holder[h]["costs"],
                per_holder[h]["savings"],
                per_holder[h]["savings"] - per_holder[h]["costs"],
            )
            for h in holders
        ],
        pv_costs=pv_costs,
        pv_savings=pv_savings,
        npv=npv,
        payback_year=payback,
        break_even_savings_change=break_even,
        sensitivity=sensitivity,
    )
