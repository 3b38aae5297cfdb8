"""The awards to suppliers in each ring (`scorecard/ring_awards.py`) as tables: one anchor's
(its scorecard page, CSV, XLSX and printed page) and every anchor's standard rings side by side
(the network comparison). Pure."""

from __future__ import annotations

from collections.abc import Sequence

from core.tables import Column, Table
from scorecard.ring_awards import RingAwards

NOTE = (
    "Each award and supplier counts once (an award to several suppliers shares its value "
    "equally among them). A supplier is placed by the postcode its award notice published, its "
    "supplier register entry's postcodes and where the ledger registers it. Share is of all the "
    "value awarded in the period. Awards whose supplier could not be placed for a ring are "
    "shown as not placed: they are never counted as outside it."
)

COMPARED = (
    "Compared on the four standard rings every anchor has; each anchor's own rings are on its "
    "scorecard."
)

FIGURES = [
    Column("awards", "Awards inside", "count"),
    Column("value", "Value inside", "money"),
    Column("share", "Share of value awarded", "share"),
    Column("unplaced_awards", "Awards not placed", "count"),
    Column("unplaced_value", "Value not placed", "money"),
]


def _figures(ring: RingAwards) -> dict:
    return {
        "awards": ring.awards,
        "value": ring.value,
        "share": ring.share,
        "unplaced_awards": ring.unplaced_awards,
        "unplaced_value": ring.unplaced_value,
    }


def ring_awards_table(rings: Sequence[RingAwards], period_label: str = "") -> Table:
    """One anchor's rings, one row each."""
    total = rings[0] if rings else None
    counted = (
        f" Of {total.total_awards:,} awards in the period"
        + (f", worth £{total.total_value:,.0f} in all." if total.total_value else ".")
        if total is not None
        else ""
    )
    checks = " ".join(
        f"{ring.label} ({ring.confidence}): {ring.check}."
        + (f" Its definition: {ring.source.rstrip('.')}." if ring.source else "")
        for ring in rings
        if ring.confidence
    )
    needs = " ".join(
        f"To be placed in {ring.label}, a supplier needs {ring.needs}."
        for ring in rings
        if ring.unplaced_awards and ring.needs
    )
    return Table(
        "rings",
        "Awards to suppliers in each ring" + (f", {period_label}" if period_label else ""),
        [Column("label", "Ring"), *([Column("confidence", "Check")] if checks else []), *FIGURES],
        [{"label": ring.label, "confidence": ring.confidence} | _figures(ring) for ring in rings],
        note=" ".join(part for part in (NOTE + counted, checks, needs) if part),
        empty="No rings to show: awards are placed in rings for the network's organisations.",
    )


def comparison_rings_table(
    anchors: Sequence[tuple[str, Sequence[RingAwards]]], period_label: str = ""
) -> Table:
    """Every anchor's standard rings (its own local authority, the WMCA area, the region, the
    UK), one row per anchor and ring."""
    return Table(
        "rings",
        "Awards to suppliers in the standard rings" + (f", {period_label}" if period_label else ""),
        [Column("buyer", "Anchor"), Column("label", "Ring"), *FIGURES],
        [
            {"buyer": name, "label": ring.label} | _figures(ring)
            for name, rings in anchors
            for ring in rings
        ],
        note=f"{COMPARED} {NOTE}",
        empty="No anchor's awards to show.",
    )
