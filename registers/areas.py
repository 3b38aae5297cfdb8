"""Areas (reference.Area, issue 19) against what the registers know of postcodes: where each
postcode is (reference.area_rules.Where: local authority, ward, LSOAs, grid reference) and an
area's definition with its radius centres placed. A postcode's ward is the postcode directory's;
else its LSOA 2021's in the ONS lookup (registers/small_areas.py), so that ward-defined areas work
with a directory that gives LSOAs only; `Where.ward_basis` says which. The answer whether a place is inside is
reference/area_rules.contains (pure). I/O: one query per thousand postcodes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reference.area_rules import (
    RADIUS,
    WARD_FROM_DIRECTORY,
    WARD_FROM_LSOA,
    WARD_FROM_LSOA11,
    Definition,
    Where,
)
from reference.models import Area
from registers.lookup import PostcodeFacts, postcode_places
from registers.small_areas import wards_of_lsoas


def where(postcodes: Iterable[str]) -> dict[str, Where]:
    """Normalised postcode → where it is, for every given postcode that is a UK postcode (one
    not in any directory is known only by its postcode, which postcode-defined areas need)."""
    from reference.postcodes import normalise_postcode  # noqa: PLC0415

    wanted = {}
    for raw in postcodes:
        try:
            wanted[normalise_postcode(raw)] = True
        except ValueError:
            continue
    return where_from(postcode_places(wanted), wanted)


def where_from(facts: Mapping[str, PostcodeFacts], wanted: Iterable[str] = ()) -> dict[str, Where]:
    """Where each postcode is, from the directory's facts already read
    (registers.lookup.postcode_places), with wards through the LSOA lookup; each of `wanted`
    (normalised) that the facts lack is known only by its postcode."""
    # ONS kept the code of every LSOA unchanged since 2011, so a 2011 code found in the 2021
    # lookup is the same area.
    wardless = [f for f in facts.values() if not f.ward_code]
    by_lsoa = wards_of_lsoas([c for f in wardless for c in (f.lsoa21, f.lsoa11)])
    found = {}
    for postcode in dict.fromkeys([*wanted, *facts]):
        fact = facts.get(postcode)
        if fact is None:
            found[postcode] = Where(postcode=postcode)
            continue
        ward, basis = _ward(fact.ward_code, fact.lsoa21, fact.lsoa11, by_lsoa)
        found[postcode] = Where(
            postcode=postcode,
            la=fact.local_authority_code,
            ward=ward,
            lsoa11=fact.lsoa11,
            lsoa21=fact.lsoa21,
            easting=fact.easting,
            northing=fact.northing,
            ward_basis=basis,
        )
    return found


def _ward(ward: str, lsoa21: str, lsoa11: str, by_lsoa: dict[str, str]) -> tuple[str, str]:
    """(ward code, how it is known), or ("", "") when not known."""
    if ward:
        return ward, WARD_FROM_DIRECTORY
    if lsoa21 and lsoa21 in by_lsoa:
        return by_lsoa[lsoa21], WARD_FROM_LSOA
    if not lsoa21 and lsoa11 and lsoa11 in by_lsoa:
        return by_lsoa[lsoa11], WARD_FROM_LSOA11
    return "", ""


def radius(postcodes: Iterable[str], miles: float) -> Definition:
    """A radius of `miles` around each postcode, placed by its grid reference (postcodes with no
    grid reference in a loaded directory are kept in `unplaced_centres`)."""
    postcodes = list(postcodes)
    places = where(postcodes)
    centres, unplaced = [], []
    for postcode, place in places.items():
        if place.easting is not None and place.northing is not None:
            centres.append((place.easting, place.northing))
        else:
            unplaced.append(postcode)
    return Definition(
        kind=RADIUS, centres=tuple(centres), miles=miles, unplaced_centres=tuple(unplaced)
    )


def definition(area: Area) -> Definition:
    """The area's current definition, a radius's centres placed."""
    if area.kind == RADIUS:
        return radius(area.centre_postcodes, float(area.miles or 0))
    return Definition(kind=area.kind, members=tuple(area.members))
