"""The rings an anchor's ledger reports (issue 19): its own local authority, the WMCA area, the
West Midlands region and the UK as standard, plus any of the network's areas (reference.Area,
such as East Birmingham) and "within N miles of each of our sites", as the anchor chooses
(spend.RingChoice, in its order). An anchor that has chosen nothing reports the four standard
rings.

A ring is a column of the payments table: the standard rings' columns are the ledger's own flags
(operational_local, in_combined_authority, in_region, in_uk); each other ring has a column of its
own (`Ring.column`), true when one of the payee's places is inside, false when all its places are
known to be outside, null when not known (reference/area_rules.any_inside).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from network.models import Organisation
from reference.area_rules import AUTHORITIES, NEEDS, RADIUS, Definition, normal_postcode
from reference.geography import areas as standard_areas
from reference.models import Area
from registers import areas as area_places
from spend.models import RingKind
from spend.places import site_postcodes

STANDARD_COLUMNS = {
    RingKind.AUTHORITY: "operational_local",
    RingKind.COMBINED_AUTHORITY: "in_combined_authority",
    RingKind.REGION: "in_region",
    RingKind.UK: "in_uk",
}
STANDARD = tuple(STANDARD_COLUMNS)


@dataclass(frozen=True)
class Ring:
    key: str  # "authority", "combined_authority", "region", "uk", "area:<slug>", "sites:<miles>"
    kind: str  # a RingKind value
    label: str  # "Birmingham", "WMCA area", "East Birmingham", "Within 5 miles of our sites"
    column: str  # its column in the payments table
    needs: str  # what a payee's place must carry for this ring to place it
    definition: Definition | None = None  # for an area or the sites' radius
    area: Area | None = None
    source: str = ""  # where its definition comes from, in readers' words
    confidence: str = ""  # V, S or U for an area
    do_not_call_in_templates = True

    @property
    def is_standard(self) -> bool:
        return self.kind in STANDARD


def column_for(key: str) -> str:
    """A payments-table column name for a ring's key: "area:east-birmingham" →
    "in_area_east_birmingham", "sites:5" → "in_sites_5mi"."""
    if key in STANDARD_COLUMNS:
        return STANDARD_COLUMNS[key]
    kind, _, rest = key.partition(":")
    if kind == RingKind.SITES:
        return f"in_sites_{rest.replace('.', '_')}mi"
    return f"in_{kind}_" + re.sub(r"[^a-z0-9]+", "_", rest.lower()).strip("_")


def _miles(value) -> str:
    return f"{float(value):g}"


def home_authorities(organisations: Iterable[Organisation]) -> dict[int, str | None]:
    """Each anchor's own local authority (GSS code) from its registered postcode, placed by
    registers/areas.where (the loaded ONS directory first, else the packaged one); None when
    not known. The one rule: the ledger's local flags, its authority ring and the scorecard's
    awards in that ring all use it."""
    chosen = list(organisations)
    places = area_places.where(o.registered_postcode for o in chosen if o.registered_postcode)
    found: dict[int, str | None] = {}
    for organisation in chosen:
        normal = normal_postcode(organisation.registered_postcode)
        place = places.get(normal) if normal else None
        found[organisation.pk] = place.la if place is not None and place.la else None
    return found


def home_authority(anchor: Organisation | None) -> str | None:
    """The anchor's own local authority (home_authorities), or None."""
    return home_authorities([anchor]).get(anchor.pk) if anchor is not None else None


def standard_ring(kind: str, anchor: Organisation | None = None) -> Ring:
    """One of the four standard rings, with its definition (the anchor's own authority, the WMCA
    area's or the region's authorities; none for the UK, which needs only a UK address)."""
    content = standard_areas()
    definition = None
    if kind == RingKind.AUTHORITY:
        home = home_authority(anchor)
        label = content["names"].get(home, home) if home else "Own local authority"
        definition = Definition(AUTHORITIES, (home,)) if home else None
        needs = NEEDS[AUTHORITIES]
    elif kind in (RingKind.COMBINED_AUTHORITY, RingKind.REGION):
        part = content[str(kind)]
        label = "WMCA area" if kind == RingKind.COMBINED_AUTHORITY else part["name"]
        definition = Definition(AUTHORITIES, tuple(part["members"]))
        needs = NEEDS[AUTHORITIES]
    else:
        label, needs = "UK", "a UK address"
    return Ring(
        key=str(kind),
        kind=str(kind),
        label=label,
        column=STANDARD_COLUMNS[kind],
        needs=needs,
        definition=definition,
    )


def area_ring(area: Area) -> Ring:
    key = f"{RingKind.AREA}:{area.slug}"
    return Ring(
        key=key,
        kind=str(RingKind.AREA),
        label=area.name,
        column=column_for(key),
        needs=NEEDS[area.kind],
        definition=area_places.definition(area),
        area=area,
        source=area.source,
        confidence=area.confidence,
    )


def sites_ring(anchor: Organisation, miles) -> Ring:
    key = f"{RingKind.SITES}:{_miles(miles)}"
    definition = area_places.radius(site_postcodes(anchor), float(miles))
    return Ring(
        key=key,
        kind=str(RingKind.SITES),
        label=f"Within {_miles(miles)} miles of our sites",
        column=column_for(key),
        needs=NEEDS[RADIUS],
        definition=definition,
        source="The grid references of the anchor's sites' postcodes (ONS Postcode Directory)",
    )


def rings_for(anchor: Organisation | None) -> list[Ring]:
    """The rings this anchor's ledger reports, in its order; the four standard ones when it has
    chosen none (or for the whole network, `anchor` None)."""
    if anchor is None:
        return [standard_ring(kind) for kind in STANDARD]
    chosen = list(anchor.ring_choices.select_related("area"))
    if not chosen:
        return [standard_ring(kind, anchor) for kind in STANDARD]
    rings = []
    for choice in chosen:
        if choice.kind in STANDARD_COLUMNS:
            rings.append(standard_ring(choice.kind, anchor))
        elif choice.kind == RingKind.AREA and choice.area is not None:
            rings.append(area_ring(choice.area))
        elif choice.kind == RingKind.SITES and choice.miles:
            rings.append(sites_ring(anchor, choice.miles))
    return list({ring.key: ring for ring in rings}.values())
