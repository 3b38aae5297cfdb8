"""The programme record's rules: a risk's score and band (bands as data in
`data/risk_bands.json`), a milestone's lateness, and the timeline's summary. Pure: plain values
in, plain values out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from core import datafiles

# The milestone statuses (the model's choices keep the same values).
PLANNED, ON_TRACK, AT_RISK, DONE, MISSED = "planned", "on_track", "at_risk", "done", "missed"
MILESTONE_STATUSES = (PLANNED, ON_TRACK, AT_RISK, DONE, MISSED)
FINISHED = frozenset({DONE, MISSED})


@dataclass(frozen=True)
class RiskBand:
    key: str
    label: str
    min_score: int
    max_score: int
    colour: str  # a GOV.UK tag colour
    response: str  # what the band asks of the programme
    source: str


@dataclass(frozen=True)
class RiskScale:
    minimum: int
    maximum: int
    likelihood: tuple[str, ...]  # words for 1..5
    impact: tuple[str, ...]


@cache
def _content() -> dict:
    return datafiles.load(("programmes", "risk_bands"), cited=True)


def risk_bands() -> tuple[RiskBand, ...]:
    return tuple(RiskBand(**band) for band in _content()["bands"])


def risk_scale() -> RiskScale:
    scale = _content()["scale"]
    return RiskScale(
        minimum=scale["minimum"],
        maximum=scale["maximum"],
        likelihood=tuple(scale["likelihood"]),
        impact=tuple(scale["impact"]),
    )


def risk_score(likelihood: int, impact: int) -> int:
    """Likelihood × impact, each a whole number from 1 to 5."""
    scale = risk_scale()
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if not isinstance(value, int) or not scale.minimum <= value <= scale.maximum:
            raise ValueError(
                f"The {name} must be a whole number from {scale.minimum} to {scale.maximum}"
            )
    return likelihood * impact


def band_of(score: int, bands: tuple[RiskBand, ...] | None = None) -> RiskBand:
    for band in bands or risk_bands():
        if band.min_score <= score <= band.max_score:
            return band
    raise ValueError(f"No risk band covers a score of {score}")


@dataclass(frozen=True)
class MilestoneFacts:
    title: str
    due_on: date
    status: str
    done_on: date | None = None


def is_overdue(milestone: MilestoneFacts, today: date) -> bool:
    """Due before today and neither done nor recorded as missed."""
    return milestone.status not in FINISHED and milestone.due_on < today


def lateness(milestone: MilestoneFacts, today: date) -> str:
    """A word on its timing: "overdue", "done late", "done", "missed", "due" (not yet)."""
    if milestone.status == DONE:
        if milestone.done_on is not None and milestone.done_on > milestone.due_on:
            return "done late"
        return "done"
    if milestone.status == MISSED:
        return "missed"
    return "overdue" if is_overdue(milestone, today) else "due"


def days_late(milestone: MilestoneFacts, today: date) -> int:
    """Days past its due date: to the day it was done, or to today while not done."""
    end = (milestone.done_on or milestone.due_on) if milestone.status == DONE else today
    return max(0, (end - milestone.due_on).days)


@dataclass(frozen=True)
class TimelineSummary:
    total: int
    by_status: dict[str, int]
    overdue: tuple[str, ...]  # titles
    next_due: MilestoneFacts | None
    starts_on: date | None
    ends_on: date | None
    elapsed_share: float | None  # of the programme's dates, 0..1, when both are known

    @property
    def done(self) -> int:
        return self.by_status.get(DONE, 0)

    def words(self) -> str:
        if not self.total:
            return "No milestones yet."
        parts = [f"{self.done} of {self.total} milestones done"]
        if self.overdue:
            parts.append(f"{len(self.overdue)} overdue")
        at_risk = self.by_status.get(AT_RISK, 0)
        if at_risk:
            parts.append(f"{at_risk} at risk")
        missed = self.by_status.get(MISSED, 0)
        if missed:
            parts.append(f"{missed} missed")
        text = ", ".join(parts) + "."
        if self.next_due is not None:
            text += f" Next: {self.next_due.title}, due {self.next_due.due_on:%-d %B %Y}."
        return text


def timeline_summary(
    milestones: list[MilestoneFacts],
    today: date,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> TimelineSummary:
    counts = Counter(milestone.status for milestone in milestones)
    waiting = sorted(
        (m for m in milestones if m.status not in FINISHED), key=lambda m: (m.due_on, m.title)
    )
    upcoming = [m for m in waiting if m.due_on >= today]
    elapsed = None
    if starts_on and ends_on and ends_on > starts_on:
        elapsed = min(1.0, max(0.0, (today - starts_on).days / (ends_on - starts_on).days))
    return TimelineSummary(
        total=len(milestones),
        by_status={status: counts[status] for status in MILESTONE_STATUSES if counts[status]},
        overdue=tuple(m.title for m in waiting if is_overdue(m, today)),
        next_due=upcoming[0] if upcoming else None,
        starts_on=starts_on,
        ends_on=ends_on,
        elapsed_share=elapsed,
    )


def dates_problem(starts_on: date | None, ends_on: date | None) -> str | None:
    """Why a programme's dates cannot stand, or None."""
    if starts_on and ends_on and ends_on < starts_on:
        return "The end date must be the same as or after the start date"
    return None


def done_date_problem(status: str, done_on: date | None, today: date) -> str | None:
    """A done milestone needs the day it was done, not in the future; others have none."""
    if status == DONE and done_on is None:
        return "Enter the date the milestone was done, for example 27 3 2027"
    if status == DONE and done_on is not None and done_on > today:
        return "The date the milestone was done must be today or in the past"
    if status != DONE and done_on is not None:
        return "Leave the date done empty unless the milestone is done"
    return None
