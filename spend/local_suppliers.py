"""Local suppliers for a leaking category, and the leakage analysis with them: suppliers in the
buyer's local authority that anchors of the network already pay in that category, then suppliers
whose network profile is in the category's sector (spend/data/category_sectors.json) and who are
based or have a site there."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import polars as pl
from django.db.models import F, Sum

from core import datafiles
from core.formatting import pounds
from network.models import Organisation, Sector
from reference.geography import locate
from spend import measures as m
from spend.ledger import Homes, query_frame, supplier_facts
from spend.models import Payment

CATEGORY_SECTORS = Path(__file__).resolve().parent / "data" / "category_sectors.json"


@cache
def _category_rules() -> list[dict]:
    return datafiles.load(CATEGORY_SECTORS)["rules"]


def sector_of(category: str) -> str | None:
    """The network sector a payment category falls in (spend/data/category_sectors.json)."""
    lowered = category.lower()
    return next((r["sector"] for r in _category_rules() if r["contains"] in lowered), None)


def local_suppliers(
    buyer: Organisation, categories: list[str], facts: pl.DataFrame | None = None
) -> pl.DataFrame:
    """For each category: suppliers operating in the buyer's local authority that anchors of the
    network already pay in that category, then suppliers whose network profile is in the
    category's sector and who are based or have a site there."""
    schema = {"category": pl.String, "supplier": pl.String, "evidence": pl.String}
    home = Homes.of([buyer.pk]).by_buyer.get(buyer.pk)
    if home is None or not categories:
        return pl.DataFrame(schema=schema)
    paid = query_frame(
        Payment.objects.filter(
            is_redacted=False, payee__supplier__isnull=False, category__in=categories
        )
        .annotate(supplier=F("payee__supplier_id"))
        .values("category", "supplier")
        .annotate(spend=Sum("amount")),
        {"category": pl.String, "supplier": pl.Int64, "spend": pl.Float64},
    ).rename({"supplier": "supplier_id"})
    facts = supplier_facts() if facts is None else facts
    local = (
        paid.join(facts, on="supplier_id")
        .filter(
            (pl.col("registered_la") == home).fill_null(False)
            | pl.col("operating_las").list.contains(pl.lit(home)).fill_null(False)
        )
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
    for org in suppliers if wanted else []:
        postcodes = [org.registered_postcode, *(site.postcode for site in org.sites.all())]
        places = [locate(postcode) for postcode in postcodes if postcode]
        if not any(place and place.local_authority == home for place in places):
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
) -> list[dict]:
    """The leakage analysis for one anchor's payments, with the local suppliers in each category."""
    if not frame.height:
        return []
    categories = m.leaking_categories(frame, limit=limit)
    local = local_suppliers(buyer, [row["category"] for row in categories], facts)
    return m.with_local_suppliers(categories, local)
