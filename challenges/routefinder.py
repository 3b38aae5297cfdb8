"""The Procurement Act route finder. Pure: answers in, ranked lawful routes out.

Every rule (which routes fit which answers, statute, notices, time limits) is data in
`challenges/data/routes.json`; thresholds come from `reference/data/thresholds.json`. This module only
evaluates that data: a change in law is a change of data, not of code. Entries marked "U" in the data
(unverified in ../shared/docs/RULES.md) come out with `check_before_relying` set.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

import holidays

from core import datafiles
from reference import thresholds

FILE = Path(__file__).with_name("data") / "routes.json"

BUYER_TYPES = {
    "central": "Central government (including NHS trusts)",
    "sub-central": "Sub-central (councils, universities, police, combined authorities)",
    "utility": "Utility",
}
CATEGORIES = {"goods": "Goods", "services": "Services", "works": "Works"}
SOLUTIONS = {
    "market_ready": "Solutions already exist on the market",
    "needs_development": "A solution needs development",
    "prototype": "We want a prototype or pilot built and tested",
    "not_known": "We do not know yet",
}


@cache
def load(path: Path = FILE) -> dict:
    file = datafiles.read(path)
    return {**file.cited(), "version": file.version}


@dataclass(frozen=True)
class Answers:
    value_incl_vat: Decimal
    buyer_type: str  # central | sub-central | utility
    category: str  # goods | services | works
    light_touch: bool = False
    solution: str = "not_known"  # market_ready | needs_development | prototype | not_known
    urgent: bool = False
    framework: bool = False  # an existing framework or dynamic market covers the need
    council: bool = False  # an English council (local reservation below threshold)
    on: date = field(default_factory=date.today)

    @classmethod
    def from_mapping(cls, data: dict, on: date) -> Answers:
        """Answers from stored or submitted values (form, API, saved on a challenge); the value
        may be named `value` or `value_incl_vat`. Raises ValueError for anything unusable."""
        try:
            value = Decimal(str(data.get("value_incl_vat", data.get("value"))))
        except ArithmeticError as error:
            raise ValueError("value_incl_vat: give the estimated value including VAT") from error
        return cls(
            value_incl_vat=value,
            buyer_type=data.get("buyer_type", ""),
            category=data.get("category", ""),
            light_touch=bool(data.get("light_touch")),
            solution=data.get("solution") or "not_known",
            urgent=bool(data.get("urgent")),
            framework=bool(data.get("framework")),
            council=bool(data.get("council")),
            on=on,
        )

    def __post_init__(self):
        problems = []
        if self.value_incl_vat is None or self.value_incl_vat < 0:
            problems.append("value_incl_vat: give the estimated value including VAT, 0 or more")
        if self.buyer_type not in BUYER_TYPES:
            problems.append(f"buyer_type: one of {', '.join(BUYER_TYPES)}")
        if self.category not in CATEGORIES:
            problems.append(f"category: one of {', '.join(CATEGORIES)}")
        if self.solution not in SOLUTIONS:
            problems.append(f"solution: one of {', '.join(SOLUTIONS)}")
        if self.light_touch and self.category != "services":
            problems.append("light_touch: only services can be light-touch")
        if self.council and self.buyer_type != "sub-central":
            problems.append("council: a council is a sub-central buyer")
        if problems:
            raise ValueError("; ".join(problems))


@dataclass
class PlanStep:
    label: str
    starts: date
    ends: date
    days: int
    statutory: bool
    notice: str | None
    check_before_relying: bool
    source: str
    note: str = ""


@dataclass
class Route:
    id: str
    name: str
    score: int
    reasons: list[str]
    statute: list[str]
    notices: list[dict]
    minimum_days: int
    plan: list[PlanStep]
    check_before_relying: bool
    source: str


@dataclass
class Result:
    above_threshold: bool
    threshold: int
    threshold_kind: str
    threshold_label: str
    threshold_table: str  # the effective date of the table applied
    threshold_source: str
    notice_trigger: int
    on: date
    routes: list[Route]
    not_available: list[dict]
    data_version: str

    def as_json(self) -> dict:
        data = asdict(self)
        data["on"] = self.on.isoformat()
        for route in data["routes"]:
            for step in route["plan"]:
                step["starts"] = step["starts"].isoformat()
                step["ends"] = step["ends"].isoformat()
        return data


def _matches(when: dict, facts: dict) -> bool:
    return all(facts.get(name) in allowed for name, allowed in when.items())


def facts_of(answers: Answers, data: dict) -> dict:
    """The answers plus what follows from them: threshold kind, above threshold, notice trigger."""
    facts = {
        "buyer_type": answers.buyer_type,
        "category": answers.category,
        "light_touch": answers.light_touch,
        "solution": answers.solution,
        "urgent": answers.urgent,
        "framework": answers.framework,
        "council": answers.council,
        "commenced_before_act": answers.on < date.fromisoformat(data["act_commencement"]["date"]),
    }
    rule = next(rule for rule in data["threshold_kinds"] if _matches(rule["when"], facts))
    kind = rule["kind"]
    table = thresholds.table_for(answers.on)
    threshold = int(table["thresholds"][kind])
    trigger = data["below_threshold_notice_trigger"]
    notice_trigger = trigger["central"] if answers.buyer_type == "central" else trigger["other"]
    facts.update(
        kind=kind,
        kind_label=rule["label"],
        table=table,
        threshold=threshold,
        # PA 2023 s.3: "not less than" the threshold, value including VAT.
        above_threshold=answers.value_incl_vat >= threshold,
        notice_trigger=notice_trigger,
        over_notice_trigger=answers.value_incl_vat >= notice_trigger,
    )
    return facts


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=[year]))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (weekends and bank holidays in England skipped)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def plan_for(route: dict, facts: dict, data: dict, start: date) -> list[PlanStep]:
    steps = []
    day = start
    for step_id in route["plan"]:
        step = data["steps"][step_id]
        marker, source, note = step["marker"], step["source"], ""
        days = step.get("days", 0)
        for variant in step.get("variants", []):
            if _matches(variant["when"], facts):
                days, marker, source, note = (
                    variant["days"],
                    variant["marker"],
                    variant["source"],
                    variant["reason"],
                )
                break
        if "working_days" in step:
            ends = add_working_days(day, step["working_days"])
            note = note or f"{step['working_days']} working days"
        else:
            ends = day + timedelta(days=days)
        notice = step.get("notice") if step.get("notice") in route["notices"] else None
        steps.append(
            PlanStep(
                label=step["label"],
                starts=day,
                ends=ends,
                days=(ends - day).days,
                statutory=step["statutory"],
                notice=notice,
                check_before_relying=marker == "U",
                source=source,
                note=note,
            )
        )
        day = ends
    return steps


def find_routes(answers: Answers, data: dict | None = None) -> Result:
    """Every lawful route for these answers, best fit first, each with reasons and a dated plan."""
    data = data or load()
    facts = facts_of(answers, data)
    routes, unavailable = [], []
    for route in data["routes"]:
        if not _matches(route["requires"], facts):
            if route.get("unavailable_reason") and _matches(
                {k: v for k, v in route["requires"].items() if k != "commenced_before_act"}, facts
            ):
                unavailable.append(
                    {
                        "id": route["id"],
                        "name": route["name"],
                        "reason": route["unavailable_reason"],
                    }
                )
            continue
        score, reasons = route["score"], list(route["reasons"])
        for preference in route["prefer"]:
            if _matches(preference["when"], facts):
                score += preference["add"]
                reasons.append(preference["reason"])
        plan = plan_for(route, facts, data, answers.on)
        minimum_days = sum(step.days for step in plan if step.statutory)
        notices = [
            {"code": code, **{k: data["notices"][code][k] for k in ("name", "trigger", "source")}}
            for code in route["notices"]
        ]
        # A route needs checking when it, or a time limit counted in its minimum, is unverified;
        # other unverified steps (such as the UK7 deadline) are flagged on the step itself.
        unverified = route["marker"] == "U" or any(
            s.check_before_relying for s in plan if s.statutory
        )
        routes.append(
            Route(
                id=route["id"],
                name=route["name"],
                score=score,
                reasons=reasons,
                statute=list(route["statute"]),
                notices=notices,
                minimum_days=minimum_days,
                plan=plan,
                check_before_relying=unverified,
                source=route["source"],
            )
        )
    routes.sort(key=lambda r: (-r.score, r.minimum_days, r.name))
    return Result(
        above_threshold=facts["above_threshold"],
        threshold=facts["threshold"],
        threshold_kind=facts["kind"],
        threshold_label=facts["kind_label"],
        threshold_table=facts["table"]["effective_from"],
        threshold_source=facts["table"]["source"],
        notice_trigger=facts["notice_trigger"],
        on=answers.on,
        routes=routes,
        not_available=unavailable,
        data_version=data["version"],
    )


def route_names(data: dict | None = None) -> list[tuple[str, str]]:
    """(id, name) of every route in the taxonomy, for choices elsewhere (challenges, cases): the
    routes the finder offers, then those it does not (earlier law, ways of buying)."""
    data = data or load()
    return [(route["id"], route["name"]) for route in data["routes"] + data["other_routes"]]
