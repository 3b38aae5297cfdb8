"""Progress against the network's commitments on one anchor's scorecard: each commitment's
indicator figure against its target, and whether and when the anchor adopted it. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scorecard.indicators.registry import Figure


@dataclass(frozen=True)
class Progress:
    slug: str
    title: str
    indicator: str  # the registered indicator's name ("" when none measures it)
    target: float | None
    comparison: str  # at_least or at_most
    value: float | None  # the indicator's figure on this scorecard
    met: bool | None  # None: no figure, or no target
    adopted_on: date | None  # None: the anchor has not adopted it


def met(value: float | None, target: float | None, comparison: str) -> bool | None:
    """Whether `value` meets the target: at least (or at most) the target; None when unknown."""
    if value is None or target is None:
        return None
    return value >= target if comparison == "at_least" else value <= target


def progress(
    commitments: list[dict], adopted: dict[str, date], figures: dict[str, Figure]
) -> list[Progress]:
    """Each commitment (dicts with slug, title, indicator, target, comparison) with its figure
    from `figures`, whether it is met and when the anchor adopted it (`adopted`: slug → date)."""
    found = []
    for item in commitments:
        figure = figures.get(item.get("indicator") or "")
        value = figure.value if figure else None
        found.append(
            Progress(
                item["slug"],
                item["title"],
                item.get("indicator") or "",
                item.get("target"),
                item.get("comparison") or "at_least",
                value,
                met(value, item.get("target"), item.get("comparison") or "at_least"),
                adopted.get(item["slug"]),
            )
        )
    return found
