"""The Procurement Act route finder. Pure: answers in, ranked lawful routes out.

Every rule (which routes fit which answers, statute, notices, time limits) is data in
`challenges/data/routes.json`; thresholds come from `reference/data/thresholds.json`. This module only
evaluates that data: a change in law is a change of data, not of code. Entries marked "U" in the data
(unverified in ../shared/docs/RULES.md) come out with `check_before_relying` set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

import holidays

from core import datafiles
from reference import thresholds

FILE = Path(__file__).with_name("data") / "routes.json"

BuyerType = Literal["central", "sub-central", "utility"]
Category = Literal["goods", "services", "works"]
Solution = Literal["market_ready", "needs_development", "prototype", "not_known"]

# Each answer's choices in words, in the order shown: the form's choices, the API's enums (the
# Literals above) and the command's flags come from these.
BUYER_TYPES: dict[BuyerType, str] = {
    "central": "Central government (including NHS trusts)",
    "sub-central": "Sub-central (councils, universities, police, combined authorities)",
    "utility": "Utility",
}
CATEGORIES: dict[Category, str] = {"goods": "Goods", "services": "Services", "works": "Works"}
SOLUTIONS: dict[Solution, str] = {
    "market_ready": "Solutions already exist on the market",
    "needs_development": "A solution needs development",
    "prototype": "We want a prototype or pilot built and tested",
    "not_known": "We do not know yet",
}

FieldErrors = dict[str, list[str]]


@cache
def load(path: Path = FILE) -> dict:
    file = datafiles.read(path)
    return {**file.cited(), "version": file.version}


def problems(
    value_incl_vat: Decimal | None,
    buyer_type: str,
    category: str,
    light_touch: bool = False,
    solution: str = "not_known",
    council: bool = False,
    on: date | None = None,
    value_name: str = "value_incl_vat",
) -> FieldErrors:
    """What is wrong with a set of answers, by field: the route finder's one set of answer rules.

    A rule between two answers (light-touch needs services, a council is sub-central) is checked
    only once the answer it depends on is itself one of the choices."""
    errors: FieldErrors = {}
    if value_incl_vat is None or not value_incl_vat.is_finite() or value_incl_vat < 0:
        errors[value_name] = ["Enter the estimated value including VAT, in pounds, 0 or more"]
    if buyer_type not in BUYER_TYPES:
        errors["buyer_type"] = [f"Choose the type of buyer: {_one_of(BUYER_TYPES)}"]
    if category not in CATEGORIES:
        errors["category"] = [f"Choose what you are buying: {_one_of(CATEGORIES)}"]
    if solution not in SOLUTIONS:
        errors["solution"] = [f"Choose whether a solution exists: {_one_of(SOLUTIONS)}"]
    if light_touch and category in CATEGORIES and category != "services":
        errors["light_touch"] = ["Only services can be light-touch"]
    if council and buyer_type in BUYER_TYPES and buyer_type != "sub-central":
        errors["council"] = ["A council is a sub-central buyer: choose sub-central"]
    if on is not None:
        try:
            thresholds.table_for(on)
        except ValueError as no_table:
            errors["date"] = [str(no_table)]
    return errors


def _one_of(choices) -> str:
    return ", ".join(choices)


def described(errors: FieldErrors) -> str:
    """The errors in one line, each after its field's name: for a command or an exception."""
    return "; ".join(
        f"{name}: {message}" for name, messages in errors.items() for message in messages
    )


class InvalidAnswers(ValueError):
    """Answers that break the rules in `problems`; `errors` holds them by field."""

    def __init__(self, errors: FieldErrors):
        super().__init__(described(errors))
        self.errors = errors


@dataclass(frozen=True)
class Answers:
    """Answers that satisfy `problems`: constructing any others raises InvalidAnswers."""

    value_incl_vat: Decimal
    buyer_type: BuyerType
    category: Category
    light_touch: bool = False
    solution: Solution = "not_known"
    urgent: bool = False
    framework: bool = False  # an existing framework or dynamic market covers the need
    council: bool = False  # an English council (local reservation below threshold)
    on: date = field(default_factory=date.today)

    def __post_init__(self):
        errors = problems(
            self.value_incl_vat,
            self.buyer_type,
            self.category,
            self.light_touch,
            self.solution,
            self.council,
            self.on,
        )
        if errors:
            raise InvalidAnswers(errors)


@dataclass(frozen=True)
class Invalid:
    """Answers refused, with what is wrong by field (named as in the answers given)."""

    errors: FieldErrors


def validate(raw: Mapping[str, Any], on: date) -> Answers | Invalid:
    """Answers from stored or submitted values (form, API, command, saved on a challenge), or what
    is wrong with them. The value may be named `value` or `value_incl_vat`; its errors are
    reported under the name given, and those of the day planned from under `date`. An empty
    solution means "not known"."""
    value_name = "value_incl_vat" if "value_incl_vat" in raw else "value"
    try:
        value: Decimal | None = Decimal(str(raw.get(value_name)))
    except ArithmeticError:
        value = None
    buyer_type = str(raw.get("buyer_type") or "")
    category = str(raw.get("category") or "")
    solution = str(raw.get("solution") or "not_known")
    light_touch, council = bool(raw.get("light_touch")), bool(raw.get("council"))
    errors = problems(value, buyer_type, category, light_touch, solution, council, on, value_name)
    if errors or value is None:
        return Invalid(errors)
    return Answers(
        value_incl_vat=value,
        buyer_type=cast(BuyerType, buyer_type),
        category=cast(Category, category),
        light_touch=light_touch,
        solution=cast(Solution, solution),
        urgent=bool(raw.get("urgent")),
        framework=bool(raw.get("framework")),
        council=council,
        on=on,
    )


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
    facts: dict[str, Any] = {
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
