"""The Procurement Act route finder. Pure: answers in, ranked lawful routes out.

Every rule (which routes fit which answers, statute, notices, time limits) is data in
`challenges/data/routes.json`; thresholds come from `reference/data/thresholds.json`. This module only
evaluates that data: a change in law is a change of data, not of code. Entries marked "U" in the data
(not confirmed against the legislation) come out with `check_before_relying` set.

The statutory minimum of a route is `minimum_time_limits`: one function, independent of the day a
plan starts (it counts the Act's periods in the Act's own units: days, and working days for the
standstill), so every page that shows a route's minimum shows the same one.
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
    links = {
        file.cite(name): source["url"] for name, source in file.sources.items() if "url" in source
    }
    return {**file.cited(), "version": file.version, "links": links}


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
    framework: bool = False  # an existing framework covers the need
    council: bool = False  # an English council (local reservation below threshold)
    on: date = field(default_factory=date.today)
    dynamic_market: bool = False  # a dynamic market the buyer may use covers the need
    planned_notice: bool = False  # a qualifying planned procurement notice (UK3) was published

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
        dynamic_market=bool(raw.get("dynamic_market")),
        planned_notice=bool(raw.get("planned_notice")),
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
    source_url: str = ""
    guidance: str = ""  # the guidance a step's rule is read with, beside the legislation
    guidance_url: str = ""


@dataclass(frozen=True)
class Period:
    """One statutory period counted in a route's minimum, in the Act's unit."""

    label: str
    days: int = 0
    working_days: int = 0
    check_before_relying: bool = False
    source: str = ""

    @property
    def words(self) -> str:
        if self.working_days:
            return f"{_count(self.working_days, 'working day')} ({self.label.lower()})"
        return f"{_count(self.days, 'day')} ({self.label.lower()})"


@dataclass(frozen=True)
class Minimum:
    """A route's statutory minimum time: calendar days, then working days (the standstill)."""

    days: int
    working_days: int
    periods: tuple[Period, ...]
    check_before_relying: bool

    @property
    def text(self) -> str:
        """The minimum in words, the same on every page that shows it."""
        if not self.periods:
            return "No statutory minimum period"
        parts = []
        if self.days:
            parts.append(_count(self.days, "day"))
        if self.working_days:
            parts.append(f"a standstill of {_count(self.working_days, 'working day')}")
        return ", then ".join(parts)

    @property
    def detail(self) -> str:
        return " + ".join(period.words for period in self.periods)


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}{'' if number == 1 else 's'}"


@dataclass
class Route:
    id: str
    name: str
    score: int
    reasons: list[str]
    statute: list[str]
    notices: list[dict]
    minimum_days: int  # calendar days of the statutory periods (the standstill is not among them)
    minimum_working_days: int  # the mandatory standstill, in working days (0 when voluntary)
    minimum_text: str  # the minimum in words, as every page shows it
    minimum_detail: str
    plan: list[PlanStep]
    check_before_relying: bool
    source: str
    source_url: str = ""


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
        "dynamic_market": answers.dynamic_market,
        "planned_notice": answers.planned_notice,
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


@dataclass(frozen=True)
class _Step:
    """A plan step with the variant that fits the facts applied."""

    label: str
    days: int
    working_days: int
    statutory: bool
    notice: str | None
    marker: str
    source: str
    note: str
    after_notice: str | None = None
    guidance: str = ""


def resolve_step(step_id: str, facts: dict, data: dict) -> _Step:
    """A step as it applies to these facts: the first variant whose conditions match replaces
    its days, label, whether it is statutory, marker, source and note."""
    step = data["steps"][step_id]
    resolved = {
        "label": step["label"],
        "days": step.get("days", 0),
        "working_days": step.get("working_days", 0),
        "statutory": step["statutory"],
        "marker": step["marker"],
        "source": step["source"],
        "note": step.get("note", ""),
        "guidance": step.get("guidance", {}).get("source", ""),
    }
    if resolved["working_days"] and not resolved["note"]:
        resolved["note"] = _count(resolved["working_days"], "working day")
    for variant in step.get("variants", []):
        if _matches(variant["when"], facts):
            resolved |= {
                key: variant[key] for key in ("days", "label", "statutory") if key in variant
            }
            resolved |= {"marker": variant["marker"], "source": variant["source"]}
            resolved["guidance"] = variant.get("guidance", {}).get("source", "")
            resolved["note"] = variant.get("reason", resolved["note"])
            break
    return _Step(notice=step.get("notice"), after_notice=step.get("after_notice"), **resolved)


def steps_for(route: dict, facts: dict, data: dict) -> list[_Step]:
    """The steps of a route that apply to these facts. A step that publishes one of the route's
    notices, or follows from one (a standstill starts with the contract award notice, s.51(1)),
    is left out when `notices_for` leaves that notice out, so that a plan and its minimum never
    show a notice the route does not need (below the threshold: no UK6, so no standstill)."""
    listed = set(route["notices"])
    needed = {notice["code"] for notice in notices_for(route, facts, data)}
    steps = []
    for step_id in route["plan"]:
        step = resolve_step(step_id, facts, data)
        if any(code in listed and code not in needed for code in (step.notice, step.after_notice)):
            continue
        steps.append(step)
    return steps


def minimum_time_limits(route: dict, facts: dict, data: dict | None = None) -> Minimum:
    """The statutory minimum time of a route for these facts (PA 2023 s.54 periods in days, the
    s.51 mandatory standstill in working days): the one function every page's minimum comes
    from. It does not depend on the day a plan starts."""
    data = data or load()
    periods = []
    for step in steps_for(route, facts, data):
        if step.statutory and (step.days or step.working_days):
            periods.append(
                Period(
                    label=step.label,
                    days=step.days,
                    working_days=step.working_days,
                    check_before_relying=step.marker == "U",
                    source=step.source,
                )
            )
    return Minimum(
        days=sum(period.days for period in periods),
        working_days=sum(period.working_days for period in periods),
        periods=tuple(periods),
        check_before_relying=any(period.check_before_relying for period in periods),
    )


def plan_for(route: dict, facts: dict, data: dict, start: date) -> list[PlanStep]:
    steps = []
    day = start
    for step in steps_for(route, facts, data):
        if step.working_days:
            ends = add_working_days(day, step.working_days)
        else:
            ends = day + timedelta(days=step.days)
        notice = step.notice if step.notice in route["notices"] else None
        steps.append(
            PlanStep(
                label=step.label,
                starts=day,
                ends=ends,
                days=(ends - day).days,
                statutory=step.statutory,
                notice=notice,
                check_before_relying=step.marker == "U",
                source=step.source,
                note=step.note,
                source_url=data.get("links", {}).get(step.source, ""),
                guidance=step.guidance,
                guidance_url=data.get("links", {}).get(step.guidance, ""),
            )
        )
        day = ends
    return steps


def notices_for(route: dict, facts: dict, data: dict) -> list[dict]:
    """The notices a route needs for these facts. A notice whose rule has `required_when` is left
    out when its conditions do not match; one with `only_if` is listed as conditional."""
    rules = route.get("notice_rules", {})
    notices = []
    for code in route["notices"]:
        rule = rules.get(code, {})
        if "required_when" in rule and not _matches(rule["required_when"], facts):
            continue
        notice = data["notices"][code]
        notices.append(
            {
                "code": code,
                **{key: notice[key] for key in ("name", "trigger", "source")},
                "source_url": data.get("links", {}).get(notice["source"], ""),
                "required": "only_if" not in rule,
                "condition": rule.get("only_if", ""),
            }
        )
    return notices


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
        minimum = minimum_time_limits(route, facts, data)
        notices = notices_for(route, facts, data)
        # A route needs checking when it, or a time limit counted in its minimum, is unverified;
        # other unverified steps (such as the UK7 deadline) are flagged on the step itself.
        unverified = route["marker"] == "U" or minimum.check_before_relying
        routes.append(
            Route(
                id=route["id"],
                name=route["name"],
                score=score,
                reasons=reasons,
                statute=list(route["statute"]),
                notices=notices,
                minimum_days=minimum.days,
                minimum_working_days=minimum.working_days,
                minimum_text=minimum.text,
                minimum_detail=minimum.detail,
                plan=plan,
                check_before_relying=unverified,
                source=route["source"],
                source_url=data.get("links", {}).get(route["source"], ""),
            )
        )
    routes.sort(key=lambda r: (-r.score, r.minimum_days, r.minimum_working_days, r.name))
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
