"""The registry of KPI sources: each one small pure function over what was read for one subject
(an anchor, or a programme over its partner anchors and its challenges) and one period
(`Inputs`, filled by `programmes/kpi_reading.py`), registered by key with `@source`; its docstring
is what users read as "how this is calculated"; its words and source are data
(`programmes/data/kpi_sources.json`). Pure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

Unit = Literal["share", "count", "money", "days", "index", "number", "yes_no"]
# What a source reads (kpi_reading reads only that): the ledger's payments, the scorecard's
# tables, dated events (challenges, adoptions, cases, suppliers, alerts), or people's results.
Needs = Literal["payments", "scorecard", "events", "results"]
Window = Literal["year", "quarter", "since_baseline", "all"]

WINDOWS: dict[str, str] = {
    "year": "The 12 months up to the period end",
    "quarter": "The 3 months up to the period end",
    "since_baseline": "From the day after the baseline date to the period end",
    "all": "Everything up to the period end",
}


@dataclass(frozen=True)
class Period:
    start: date | None  # None: from the beginning
    end: date

    def holds(self, day: date | None) -> bool:
        return day is not None and (self.start is None or day >= self.start) and day <= self.end

    @property
    def words(self) -> str:
        end = f"{self.end.day} {self.end:%B %Y}"
        if self.start is None:
            return f"up to {end}"
        if self.start > self.end:  # counted since a baseline on or after the period's end
            return f"none yet: the baseline is on or after {end}"
        return f"{self.start.day} {self.start:%B %Y} to {end}"


def _months_back(day: date, months: int) -> date:
    """The day after the same day `months` months before `day` (the window's first day)."""
    year, month = divmod(day.month - 1 - months, 12)
    year, month = day.year + year, month + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last)) + timedelta(days=1)


def period_for(window: str, end: date, baseline_date: date | None = None) -> Period:
    """The period a KPI's figure covers for a period ending `end`."""
    if window == "year":
        return Period(_months_back(end, 12), end)
    if window == "quarter":
        return Period(_months_back(end, 3), end)
    if window == "since_baseline" and baseline_date is not None:
        return Period(baseline_date + timedelta(days=1), end)
    return Period(None, end)


@dataclass(frozen=True)
class Event:
    """One dated thing counted by an activity source: a challenge published, an adoption..."""

    on: date
    label: str = ""
    actor_id: int | None = None  # who did it (the adopting anchor)
    owner_ids: frozenset[int] = frozenset()  # whose it is (the challenge's owners)
    place: str | None = None  # where it is (a supplier's local authority code)


@dataclass(frozen=True)
class ManualEntry:
    period_end: date
    value: float
    evidence: str = ""  # in words: "a file (report.pdf)", "a link"


@dataclass
class Inputs:
    """What was read for one subject and period; a source reads only what it needs."""

    period: Period
    subject: str  # in words: "Birmingham City Council", "the programme's 3 partner anchors"
    parameters: dict = field(default_factory=dict)
    payments: Any = None  # the ledger's payments table (spend/ledger.py), a Polars DataFrame
    tables: Any = None  # the scorecard's tables (scorecard.notice_table.Tables)
    events: list[Event] = field(default_factory=list)
    homes: frozenset[str] = frozenset()  # the subject's anchors' own local authorities
    results: list[ManualEntry] = field(default_factory=list)
    data_note: str = ""  # the state of the data read, in words


@dataclass(frozen=True)
class Result:
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    basis: str = ""  # what the figure rests on, in words
    note: str = ""  # why there is no figure, in words


class SourceProblem(ValueError):
    """A KPI that cannot be computed as set up (an unknown indicator): said in words."""


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    function: Callable[[Inputs], Result]
    unit: Unit = "count"
    needs: Needs = "events"
    better: Literal["higher", "lower"] = "higher"
    window: Window = "year"  # the period a new KPI of this source covers unless chosen
    do_not_call_in_templates = True

    @property
    def how(self) -> str:
        """How this is calculated, in the words shown to users."""
        return " ".join((self.function.__doc__ or "").split())

    @property
    def is_manual(self) -> bool:
        return self.needs == "results"

    def __call__(self, inputs: Inputs) -> Result:
        return self.function(inputs)


SOURCES: dict[str, Source] = {}


def source(
    key: str,
    label: str,
    unit: Unit = "count",
    needs: Needs = "events",
    better: Literal["higher", "lower"] = "higher",
    window: Window = "year",
):
    def register(function):
        SOURCES[key] = Source(key, label, function, unit, needs, better, window)
        return function

    return register


def count_of(events: list[Event], period: Period, what: str) -> Result:
    """How many events fall in the period, with the basis in words."""
    counted = [event for event in events if period.holds(event.on)]
    return Result(
        float(len(counted)),
        float(len(counted)),
        None,
        f"{len(counted)} {what}, {period.words}",
    )
