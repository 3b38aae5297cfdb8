"""The measures of an anchor's chosen rings (issue 19, spend/rings.py): whether each payee is in
each ring, and each ring's share of analysed spend, over the spend where known, over addressable
spend, the part not known and its coverage. Pure: plain values and Polars frames in.

A payee is in a ring when one of its known places (its registered postcode, its operating sites,
the postcodes in the buyer's files; a place known only by its local authority counts for areas of
local authorities) is inside (reference/area_rules.any_inside); outside when every known place is
outside; not known otherwise. The coverage of a ring is the spend whose payee is known to be in or
out of it: for a ward-defined area only payees with a known ward, for a radius only payees whose
postcode has a grid reference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

import polars as pl

from reference.area_rules import Definition, Where, any_inside, places_of
from spend.measures.expressions import known, share
from spend.measures.registry import Measure

# Where each payee may be: one row per known place (postcode normalised, or only an authority).
PLACES = {"payee_id": pl.Int64, "postcode": pl.String, "la": pl.String}


class RingLike(Protocol):
    key: str
    label: str
    column: str


def payee_rings(
    places: pl.DataFrame,
    wheres: Mapping[str, Where],
    definitions: Mapping[str, Definition],
    payee_ids: Iterable[int] = (),
) -> pl.DataFrame:
    """One row per payee (of `places`, and of `payee_ids` with no place) with a Boolean column per
    ring (`definitions`: column → definition): true, false or null (not known). `wheres` is
    where each normalised postcode is (registers/areas.where); a postcode it lacks is known only
    by itself, one that cannot be read is a place not known, and a place with no postcode is
    known only by its local authority (reference/area_rules.places_of)."""
    by_payee = places_by_payee(places, wheres, payee_ids)
    columns = list(definitions)
    rows = [
        (pk, *(any_inside(definitions[column], found) for column in columns))
        for pk, found in by_payee.items()
    ]
    schema = {"payee_id": pl.Int64} | dict.fromkeys(columns, pl.Boolean)
    return pl.DataFrame(rows, schema=schema, orient="row")


def places_by_payee(
    places: pl.DataFrame, wheres: Mapping[str, Where], payee_ids: Iterable[int] = ()
) -> dict[int, list[Where]]:
    """Each payee's places (one row of `places` each, PLACES) as reference/area_rules.places_of
    gives them; [] for a payee of `payee_ids` with none."""
    by_payee: dict[int, list[Where]] = {pk: [] for pk in payee_ids}
    for pk, postcode, la in places.select(list(PLACES)).iter_rows():
        by_payee.setdefault(pk, []).extend(places_of([postcode], wheres, la or ""))
    return by_payee


def share_measure(ring: RingLike) -> Measure:
    """A ring's share of analysed spend as a measure of the registry (with its variants over the
    spend where known, over addressable spend and the part not known)."""
    column = ring.column

    def ring_share() -> pl.Expr:
        """Spend with suppliers known to have a place inside the ring ÷ total analysed spend.
        Suppliers whose place is not known well enough for this ring (no ward for a ward-defined
        area, no grid reference for a radius) are counted neither in nor out."""
        return share(column)

    return Measure(
        f"{column}_share",
        f"Share with suppliers in {ring.label}",
        ring_share,
        flag=column,
        stem=column,
        basis="place",
    )


def coverage_measure(ring: RingLike) -> Measure:
    """A ring's coverage: the spend whose payee is known to be in or out of it."""
    column = ring.column

    def ring_coverage() -> pl.Expr:
        """Spend with suppliers known to be inside or outside the ring ÷ total analysed spend:
        for an area of wards, only suppliers whose ward is known; for a radius, only those whose
        postcode has a grid reference."""
        return known(column)

    return Measure(f"{column}_coverage", f"Coverage of {ring.label}", ring_coverage)


def measures_for(rings: Iterable[RingLike]) -> list[Measure]:
    """Each ring's share and coverage measures, in the rings' order."""
    return [m for ring in rings for m in (share_measure(ring), coverage_measure(ring))]


def figures(report: Mapping[str, float | None], rings: Iterable[RingLike]) -> list[dict]:
    """Each ring's figures from a report that includes measures_for(rings): key, label, share,
    known_share, addressable_share, unknown_share and coverage."""
    found = []
    for ring in rings:
        measure = share_measure(ring)
        variants = measure.variants()
        found.append(
            {
                "key": ring.key,
                "label": ring.label,
                "column": ring.column,
                "share": report.get(measure.name),
                "known_share": report.get(variants["known"]),
                "addressable_share": report.get(variants["addressable"]),
                "unknown_share": report.get(variants["unknown"]),
                "coverage": report.get(coverage_measure(ring).name),
            }
        )
    return found
