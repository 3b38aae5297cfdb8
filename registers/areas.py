"""Areas (reference.Area, issue 19) against what the registers know of postcodes: where each
postcode is (reference.area_rules.Where: local authority, ward, LSOAs, grid reference) and an
area's definition with its radius centres placed. The answer whether a place is inside is
reference/area_rules.contains (pure). I/O: one query per thousand postcodes."""

from __future__ import annotations

from collections.abc import Iterable

from reference.area_rules import RADIUS, Definition, Where
from reference.models import Area
from registers.lookup import postcode_places


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
    facts = postcode_places(wanted)
    found = {}
    for postcode in wanted:
        fact = facts.get(postcode)
        if fact is None:
            found[postcode] = Where(postcode=postcode)
            continue
        found[postcode] = Where(
            postcode=postcode,
            la=fact.local_authority_code,
            ward=fact.ward_code,
            lsoa11=fact.lsoa11,
            lsoa21=fact.lsoa21,
            easting=fact.easting,
            northing=fact.northing,
        )
    return found


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
