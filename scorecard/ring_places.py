"""What the awards to suppliers in each ring (`scorecard/ring_awards.py`, pure) read from the
database: the anchor's rings as rules (`spend.rings.rings_for`: its chosen rings, the four
standard ones when it chose none), and where the awards' suppliers are (the postcodes their
notices published, their register entries' postcodes and their network profiles' registered
address and sites), placed by `registers.areas.where` (the loaded ONS directory, else the
packaged one: local authority only). I/O: a few queries, one per thousand postcodes placed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl
from django.db.models import Q

from network.models import OperatingSite, Organisation
from reference.area_rules import AUTHORITIES, Definition, Where
from reference.geography import areas as standard_areas
from reference.postcodes import normalise_postcode
from registers import areas as area_places
from scorecard.notice_table import Tables
from scorecard.ring_awards import RingAwards, RingRule, ring_awards
from spend.models import RingKind
from spend.rings import STANDARD, Ring, rings_for, standard_ring
from suppliers.models import Supplier


def _home_authority(anchor: Organisation) -> str:
    """The anchor's own local authority (GSS code), from its registered postcode; "" if not
    known."""
    if not anchor.registered_postcode:
        return ""
    found = area_places.where([anchor.registered_postcode])
    return next((place.la for place in found.values() if place.la), "")


def rule_of(ring: Ring, anchor: Organisation) -> RingRule:
    """One of the anchor's rings as the awards are judged against it."""
    if ring.kind == RingKind.UK:
        return RingRule(ring.key, ring.label, uk=True, needs=ring.needs)
    if ring.kind == RingKind.AUTHORITY:
        home = _home_authority(anchor)
        definition = Definition(AUTHORITIES, (home,)) if home else None
        return RingRule(ring.key, ring.label, definition, needs=ring.needs)
    if ring.kind in (RingKind.COMBINED_AUTHORITY, RingKind.REGION):
        part = "region" if ring.kind == RingKind.REGION else "combined_authority"
        content = standard_areas()[part]
        definition = Definition(AUTHORITIES, tuple(content["members"]))
        return RingRule(ring.key, ring.label, definition, needs=ring.needs)
    return RingRule(ring.key, ring.label, ring.definition, needs=ring.needs)


def rules_for(anchor: Organisation) -> list[RingRule]:
    """The anchor's rings (its chosen ones, else the standard four) as rules."""
    return [rule_of(ring, anchor) for ring in rings_for(anchor)]


def standard_rules(anchor: Organisation) -> list[RingRule]:
    """The four standard rings for the anchor, whatever it chose (the network comparison)."""
    return [rule_of(standard_ring(kind, anchor), anchor) for kind in STANDARD]


def _register_postcodes(supplier_ids: Iterable[int]) -> dict[int, list[str]]:
    """Supplier register entry → its postcodes: its own and those of entries merged into it, and
    its network profile's registered postcode and sites' postcodes."""
    ids = sorted({pk for pk in supplier_ids if pk is not None})
    found: dict[int, list[str]] = {pk: [] for pk in ids}
    profiles: dict[int, list[int]] = {}
    entries = Supplier.objects.filter(Q(pk__in=ids) | Q(merged_into_id__in=ids)).values_list(
        "pk", "merged_into_id", "postcode", "organisation_id"
    )
    for pk, merged_into, postcode, organisation in entries.iterator(chunk_size=2000):
        owner = pk if pk in found else merged_into
        if owner not in found:
            continue
        if postcode:
            found[owner].append(postcode)
        if organisation is not None:
            profiles.setdefault(organisation, []).append(owner)
    if profiles:
        registered = Organisation.objects.filter(pk__in=profiles).values_list(
            "pk", "registered_postcode"
        )
        sites = OperatingSite.objects.filter(organisation_id__in=profiles).values_list(
            "organisation_id", "postcode"
        )
        for organisation, postcode in [*registered, *sites]:
            for owner in profiles[organisation] if postcode else ():
                found[owner].append(postcode)
    return {pk: list(dict.fromkeys(postcodes)) for pk, postcodes in found.items() if postcodes}


def _normal(postcode: str) -> str:
    try:
        return normalise_postcode(postcode)
    except ValueError:
        return ""


def places(awards: pl.DataFrame) -> tuple[dict[str, Where], dict[int, list[Where]]]:
    """Where the awards' suppliers are: (published postcode → Where, register id → its Wheres)."""
    if awards.is_empty():
        return {}, {}
    published = [p for p in awards["postcode"].unique().to_list() if p]
    ids = [pk for pk in awards["supplier_id"].unique().to_list() if pk is not None]
    registered = _register_postcodes(ids)
    every = area_places.where(
        published + [postcode for postcodes in registered.values() for postcode in postcodes]
    )
    by_entry = {}
    for pk, postcodes in registered.items():
        wheres = [every[p] for p in map(_normal, postcodes) if p in every]
        if wheres:
            by_entry[pk] = wheres
    return every, by_entry


def ring_awards_for(
    tables: Tables, anchor: Organisation | None, rules: Sequence[RingRule] | None = None
) -> list[RingAwards]:
    """The anchor's awards to suppliers in each of its rings (or the rules given) over the
    tables' period; none for a buyer that is not a network organisation."""
    if anchor is None:
        return []
    chosen = rules_for(anchor) if rules is None else list(rules)
    published, registered = places(tables.awards)
    return ring_awards(tables, chosen, published, registered)
