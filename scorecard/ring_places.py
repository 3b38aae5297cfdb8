"""What the awards to suppliers in each ring (`scorecard/ring_awards.py`, pure) read from the
database: the anchor's rings as rules (`spend.rings.rings_for`: its chosen rings, the four
standard ones when it chose none), and where the awards' suppliers are (the postcodes their
notices published, their register entries' postcodes and their network profiles' registered
address and sites), placed by `registers.areas.where` (the loaded ONS directory, else the
packaged one: local authority only). I/O: a few queries, one per thousand postcodes placed.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from network.models import Organisation
from reference.area_rules import Where
from scorecard.notice_table import Tables
from scorecard.ring_awards import RingAwards, RingRule, ring_awards
from spend.models import RingKind
from spend.places import supplier_places
from spend.rings import STANDARD, Ring, rings_for, standard_ring


def rule_of(ring: Ring) -> RingRule:
    """One of the anchor's rings as the awards are judged against it: its definition as
    spend/rings gives it (the anchor's own authority by spend.rings.home_authority, the one rule
    the ledger uses too), with its source and check."""
    return RingRule(
        ring.key,
        ring.label,
        ring.definition,
        uk=ring.kind == RingKind.UK,
        needs=ring.needs,
        source=ring.source,
        confidence=ring.confidence,
    )


def rules_for(anchor: Organisation) -> list[RingRule]:
    """The anchor's rings (its chosen ones, else the standard four) as rules."""
    return [rule_of(ring) for ring in rings_for(anchor)]


def standard_rules(anchor: Organisation) -> list[RingRule]:
    """The four standard rings for the anchor, whatever it chose (the network comparison)."""
    return [rule_of(standard_ring(kind, anchor)) for kind in STANDARD]


def places(awards: pl.DataFrame) -> tuple[dict[str, Where], dict[int, list[Where]]]:
    """Where the awards' suppliers are: (published postcode → Where, register id → its Wheres),
    one look-up for all (spend/places.supplier_places)."""
    if awards.is_empty():
        return {}, {}
    published = [p for p in awards["postcode"].unique().to_list() if p]
    ids = [pk for pk in awards["supplier_id"].unique().to_list() if pk is not None]
    return supplier_places(ids, published)


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
