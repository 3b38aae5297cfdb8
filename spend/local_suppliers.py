"""Local suppliers for a leaking category, and the leakage analysis with them, per ring the anchor
chose (spend/rings.py): suppliers in the ring (the buyer's local authority by default) that
anchors of the network already pay in that category, then suppliers whose network profile is in
the category's sector (spend/data/category_sectors.json) and who are based or have a site
there."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import polars as pl
from django.db.models import F, Sum

from core import datafiles
from core.formatting import pounds
from network.models import Organisation, Sector
from reference.area_rules import AUTHORITIES, Definition, Where, any_inside, places_of
from registers import areas as area_places
from spend import measures as m
from spend.ledger import Homes, query_frame, supplier_facts
from spend.models import Payment, RingKind
from spend.places import site_postcodes

CATEGORY_SECTORS = Path(__file__).resolve().parent / "data" / "category_sectors.json"


@cache
def _category_rules() -> list[dict]:
    return datafiles.load(CATEGORY_SECTORS)["rules"]


def sector_of(category: str) -> str | None:
    """The network sector a payment category falls in (spend/data/category_sectors.json)."""
    lowered = category.lower()
    return next((r["sector"] for r in _category_rules() if r["contains"] in lowered), None)


def _in_ring(ring, home: str | None) -> tuple[pl.Expr, Definition | None]:
    """(an expression over supplier facts true for suppliers in the ring; the ring's definition
    to test a profile's places against, None for the UK), for the ring or, without one, the
    buyer's own local authority `home`."""
    kind = ring.kind if ring is not None else RingKind.AUTHORITY
    if kind == RingKind.AUTHORITY:
        expression = (pl.col("registered_la") == home).fill_null(False) | pl.col(
            "operating_las"
        ).list.contains(pl.lit(home)).fill_null(False)
        return expression, Definition(AUTHORITIES, (home,) if home else ())
    return pl.col(ring.column).fill_null(False), ring.definition


def _profile_inside(definition: Definition | None, places: list[Where]) -> bool:
    """Whether a profile with these places is known to be inside (the UK: any place in it)."""
    if definition is None:
        return any(place.la for place in places)
    return any_inside(definition, places) is True


def local_suppliers(
    buyer: Organisation,
    categories: list[str],
    facts: pl.DataFrame | None = None,
    ring=None,
) -> pl.DataFrame:
    """For each category: suppliers in the ring (spend/rings.Ring; without one, operating in the
    buyer's local authority) that anchors of the network already pay in that category, then
    suppliers whose network profile is in the category's sector and who are based or have a site
    there. `facts` are supplier_facts() with the ring's column."""
    schema = {"category": pl.String, "supplier": pl.String, "evidence": pl.String}
    home = Homes.of([buyer.pk]).by_buyer.get(buyer.pk)
    standard = ring is None or ring.kind == RingKind.AUTHORITY
    if (standard and home is None) or not categories:
        return pl.DataFrame(schema=schema)
    inside, definition = _in_ring(ring, home)
    paid = query_frame(
        Payment.objects.filter(
            is_redacted=False, payee__supplier__isnull=False, category__in=categories
        )
        .annotate(supplier=F("payee__supplier_id"))
        .values("category", "supplier")
        .annotate(spend=Sum("amount")),
        {"category": pl.String, "supplier": pl.Int64, "spend": pl.Float64},
    ).rename({"supplier": "supplier_id"})
    if facts is None:
        facts = supplier_facts([ring] if ring is not None else [])
    local = (
        paid.join(facts, on="supplier_id")
        .filter(inside)
        .group_by("category", "register_name")
        .agg(pl.col("spend").sum())
        .sort(["category", "spend"], descending=[False, True])
    )
    local = pl.DataFrame(
        [
            (category, name, f"paid {pounds(spend)} in this category by network anchors")
            for category, name, spend in local.select(
                "category", "register_name", "spend"
            ).iter_rows()
        ],
        schema=schema,
        orient="row",
    )
    sectors = {s.slug: s.name for s in Sector.objects.all()}
    wanted = {c: sector for c in categories if (sector := sector_of(c))}
    profiles = []
    suppliers = (
        Organisation.objects.suppliers()
        .filter(sectors__slug__in=set(wanted.values()))
        .prefetch_related("sectors", "sites")
        .distinct()
        .order_by("name")
    )
    organisations = list(suppliers) if wanted else []
    # Every profile's postcodes placed at once (spend/places.site_postcodes).
    wheres = area_places.where(p for org in organisations for p in site_postcodes(org))
    for org in organisations:
        if not _profile_inside(definition, places_of(site_postcodes(org), wheres)):
            continue
        slugs = {sector.slug for sector in org.sectors.all()}
        for category, sector in wanted.items():
            if sector in slugs:
                profiles.append(
                    {
                        "category": category,
                        "supplier": org.name,
                        "evidence": f"network profile: {sectors.get(sector, sector)}",
                    }
                )
    frame = pl.concat([local, pl.DataFrame(profiles, schema=schema)]) if profiles else local
    return frame.unique(subset=["category", "supplier"], keep="first", maintain_order=True)


def leakage_for(
    buyer: Organisation,
    frame: pl.DataFrame,
    limit: int = 10,
    facts: pl.DataFrame | None = None,
    ring=None,
) -> list[dict]:
    """The leakage analysis for one anchor's payments, for a ring (spend/rings.Ring; without one,
    the anchor's own local authority): the categories where spend leaves it, with the suppliers in
    it already paid by the network in each category. `facts` as for local_suppliers."""
    if not frame.height:
        return []
    flag = ring.column if ring is not None else "operational_local"
    categories = m.leaking_categories(frame, flag=flag, limit=limit)
    local = local_suppliers(buyer, [row["category"] for row in categories], facts, ring)
    return m.with_local_suppliers(categories, local)
