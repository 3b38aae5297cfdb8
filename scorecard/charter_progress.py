"""Progress against the network's commitments on one anchor's scorecard: each commitment's
indicator figure against its target, and whether and when the anchor adopted it; targets and
figures in the indicator's unit (a share as a percentage, days as days, yes or no); one buyer's
part of every buyer's tables; the network's adoption picture as a table. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.tables import Column, Table
from scorecard.indicators.registry import Figure


def shown(value: float | None, unit: str) -> str:
    """A target or figure in the words of its unit: 95%, 15 days, Yes; "" when there is none."""
    if value is None:
        return ""
    if unit == "share":
        return f"{value * 100:.1f}".removesuffix(".0") + "%"
    if unit == "days":
        return f"{value:g} day" + ("" if value == 1 else "s")
    if unit == "yes_no":
        return "Yes" if value >= 1 else "No"
    if unit == "money":
        return f"£{value:,.0f}"
    return f"{value:g}"


def target_words(target: float | None, comparison: str, unit: str) -> str:
    """The target as read: "At least 95%", "At most 5%", "Yes"; "No target" when there is none."""
    if target is None:
        return "No target"
    if unit == "yes_no":
        return shown(target, unit)
    return f"{'At most' if comparison == 'at_most' else 'At least'} {shown(target, unit)}"


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
    unit: str = "share"  # the indicator's unit (scorecard.indicators.registry.Unit)
    note: str = ""  # why there is no figure, as the indicator says

    @property
    def target_shown(self) -> str:
        return target_words(self.target, self.comparison, self.unit)

    @property
    def value_shown(self) -> str:
        return shown(self.value, self.unit)


def met(value: float | None, target: float | None, comparison: str) -> bool | None:
    """Whether `value` meets the target: at least (or at most) the target; None when unknown."""
    if value is None or target is None:
        return None
    return value >= target if comparison == "at_least" else value <= target


def progress(
    commitments: list[dict],
    adopted: dict[str, date],
    figures: dict[str, Figure],
    units: dict[str, str] | None = None,
) -> list[Progress]:
    """Each commitment (dicts with slug, title, indicator, target, comparison) with its figure
    from `figures`, whether it is met and when the anchor adopted it (`adopted`: slug → date);
    `units` gives each indicator's unit (a share when not said)."""
    units = units or {}
    found = []
    for item in commitments:
        name = item.get("indicator") or ""
        figure = figures.get(name)
        value = figure.value if figure else None
        comparison = item.get("comparison") or "at_least"
        found.append(
            Progress(
                item["slug"],
                item["title"],
                name,
                item.get("target"),
                comparison,
                value,
                met(value, item.get("target"), comparison),
                adopted.get(item["slug"]),
                units.get(name, "share"),
                figure.note if figure else "",
            )
        )
    return found


def adoption_table(
    commitments: list[tuple[str, str]],
    anchors: list[tuple[int, str]],
    adopted: dict[tuple[str, int], date],
) -> Table:
    """The network's adoption picture: a row per commitment (slug, title), a column per anchor
    (pk, name) with the day it adopted the commitment, and how many anchors have."""
    columns = [Column("commitment", "Commitment")]
    columns += [Column(f"anchor_{pk}", name) for pk, name in anchors]
    columns.append(Column("adopted_by", "Anchors adopting", "count"))
    rows = []
    for slug, title in commitments:
        row: dict = {"commitment": title}
        for pk, _name in anchors:
            day = adopted.get((slug, pk))
            row[f"anchor_{pk}"] = day.isoformat() if day else "Not adopted"
        row["adopted_by"] = sum(1 for pk, _name in anchors if (slug, pk) in adopted)
        rows.append(row)
    return Table(
        "adoption",
        "Adoption of the charter",
        columns,
        rows,
        empty="The charter has no commitments yet.",
    )


@dataclass(frozen=True)
class AnchorAdoptions:
    """One anchor's part of the adoption picture: the commitments it adopted (title, day), in
    the charter's order, of how many."""

    name: str
    adopted: list[tuple[str, date]]
    of: int


def adoption_by_anchor(
    commitments: list[tuple[str, str]],
    anchors: list[tuple[int, str]],
    adopted: dict[tuple[str, int], date],
) -> list[AnchorAdoptions]:
    """The adoption picture read by anchor, for a page: each anchor with what it adopted."""
    return [
        AnchorAdoptions(
            name,
            [(title, adopted[(slug, pk)]) for slug, title in commitments if (slug, pk) in adopted],
            len(commitments),
        )
        for pk, name in anchors
    ]
