"""How far a KPI has come: progress from its baseline towards its target (the share of the way),
whether it is on track (judged against a straight line from the baseline on its date to the
target on its date), met, and its trend over its snapshots. Pure: numbers and dates in, a verdict
out.

- **Share of the way**: (latest − baseline) ÷ (target − baseline); 0 at the baseline, 1 at the
  target, below 0 when it went the wrong way. Not known without a baseline and a target, or when
  they are equal.
- **Met**: the latest figure is at or beyond the target, in the KPI's direction (higher or lower
  is better).
- **On track / behind**: where the straight line from (baseline date, baseline) to (target date,
  target) stands on the latest figure's date; on track when the figure is at or beyond it.
  Before the baseline date the line stands at the baseline; after the target date at the target.
- **Trend**: the change between consecutive snapshots, and whether the latest change improved
  or worsened the figure in the KPI's direction (steady when unchanged).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Direction = Literal["higher", "lower"]
Status = Literal["met", "on_track", "behind", "no_target", "no_data"]
STATUS_WORDS: dict[str, str] = {
    "met": "Target met",
    "on_track": "On track",
    "behind": "Behind",
    "no_target": "No target set",
    "no_data": "No figure yet",
}
STATUS_COLOURS: dict[str, str] = {
    "met": "green",
    "on_track": "blue",
    "behind": "red",
    "no_target": "grey",
    "no_data": "grey",
}


@dataclass(frozen=True)
class Goal:
    direction: Direction = "higher"
    baseline: float | None = None
    baseline_date: date | None = None
    target: float | None = None
    target_date: date | None = None


@dataclass(frozen=True)
class Progress:
    status: Status
    share_of_way: float | None = None  # 0 at the baseline, 1 at the target
    expected: float | None = None  # where the straight line stands on the latest figure's date
    latest: float | None = None
    latest_on: date | None = None

    @property
    def words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]


def better_or_equal(value: float, than: float, direction: Direction) -> bool:
    return value >= than if direction == "higher" else value <= than


def share_of_way(goal: Goal, latest: float | None) -> float | None:
    if latest is None or goal.baseline is None or goal.target is None:
        return None
    if goal.target == goal.baseline:
        return None
    return (latest - goal.baseline) / (goal.target - goal.baseline)


def expected_on(goal: Goal, day: date) -> float | None:
    """Where the straight line from baseline to target stands on `day`; None without both
    values and dates (or when the target date is not after the baseline date)."""
    baseline, target = goal.baseline, goal.target
    start, finish = goal.baseline_date, goal.target_date
    if baseline is None or target is None or start is None or finish is None:
        return None
    span = (finish - start).days
    if span <= 0:
        return None
    gone = min(max((day - start).days, 0), span)
    return baseline + (target - baseline) * gone / span


def progress(goal: Goal, latest: float | None, latest_on: date | None) -> Progress:
    """The KPI's progress with its latest figure (taken for the period ending `latest_on`)."""
    if latest is None:
        return Progress("no_data")
    if goal.target is None:
        return Progress("no_target", latest=latest, latest_on=latest_on)
    way = share_of_way(goal, latest)
    if better_or_equal(latest, goal.target, goal.direction):
        return Progress("met", way, goal.target, latest, latest_on)
    expected = expected_on(goal, latest_on) if latest_on is not None else None
    if expected is None:
        # No line to judge against (no baseline or no dates): behind until the target is met.
        return Progress("behind", way, None, latest, latest_on)
    status: Status = "on_track" if better_or_equal(latest, expected, goal.direction) else "behind"
    return Progress(status, way, expected, latest, latest_on)


@dataclass(frozen=True)
class Point:
    on: date
    value: float | None
    change: float | None = None  # from the previous point with a value


Trend = Literal["improving", "worsening", "steady", "not_known"]
TREND_WORDS: dict[str, str] = {
    "improving": "Improving",
    "worsening": "Worsening",
    "steady": "Steady",
    "not_known": "Not known yet",
}


def points(values: list[tuple[date, float | None]]) -> list[Point]:
    """The snapshots in date order, each with its change from the previous figure."""
    out = []
    previous: float | None = None
    for on, value in sorted(values, key=lambda item: item[0]):
        change = value - previous if value is not None and previous is not None else None
        out.append(Point(on, value, change))
        if value is not None:
            previous = value
    return out


def trend(values: list[tuple[date, float | None]], direction: Direction) -> Trend:
    """Whether the latest change moved the figure in the better direction."""
    changes = [point.change for point in points(values) if point.change is not None]
    if not changes:
        return "not_known"
    last = changes[-1]
    if abs(last) < 1e-12:
        return "steady"
    return "improving" if (last > 0) == (direction == "higher") else "worsening"


def shown(value: float | None, unit: str) -> str:
    """A KPI's figure in words: a share as a percentage, a count whole, money in pounds."""
    if value is None:
        return "Not known"
    if unit == "share":
        return f"{value:.1%}"
    if unit == "money":
        return f"£{value:,.0f}"
    if unit in {"count", "days"} and float(value).is_integer():
        return f"{value:,.0f}"
    if unit == "yes_no":
        return "Yes" if value else "No"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def shown_way(share: float | None) -> str:
    return "Not known" if share is None else f"{share:.0%} of the way"
