"""One anchor's ledger for a financial year: the pure measures (spend/measures.py) over the
payments table (spend/ledger.py) assembled into tables (spend/tables.py), each shown with its
chart, downloaded as CSV or XLSX, and printed in the report. Every figure is given over analysed
spend, over the spend where the fact it needs is known and over addressable spend, with the
coverage beside it; the largest unplaced payees come with how to place them. The network
comparison and published summaries are in spend/comparison.py."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl
from django.db.models import Count, F, Q, Sum
from django.urls import NoReverseMatch, reverse

from core import datafiles
from core.tables import Column, Table, fy_label, show
from network.models import Organisation, Sector
from reference.geography import locate
from spend import measures as m
from spend.ledger import Homes, payments_frame, query_frame, supplier_facts
from spend.models import Lm3Survey, Payee, Payment

__all__ = ["Column", "Ledger", "Table", "fy_label", "ledger", "show"]

LEVEL_NOTES = {
    m.FINEST_LEVEL: "Judged by the LSOA of the supplier's postcode (IMD 2019).",
    None: "Not known: load the ONS Postcode Directory with anchorhub load_registers.",
}
BASES = {
    "place": "place",
    "size": "size",
    "sector": "sector",
    "deprivation": "deprivation of its LSOA",
    "vcse": "VCSE status",
}
CATEGORY_SECTORS = Path(__file__).resolve().parent / "data" / "category_sectors.json"
PLACE_IT = "anchorhub load_registers --download"


def level_note(level: str | None) -> str:
    """The level deprivation was judged at, in words shown beside the figure."""
    return LEVEL_NOTES.get(level, LEVEL_NOTES[None])


MEASURE_COLUMNS = [
    Column("total_spend", "Analysed spend", "money"),
    Column("addressable_spend", "Addressable spend", "money"),
    Column("local_share_operational", "Local (operating)", "share"),
    Column("local_share_registered", "Local (registered)", "share"),
    Column("combined_authority_share", "WMCA area", "share"),
    Column("region_share", "West Midlands", "share"),
    Column("uk_share", "UK", "share"),
    Column("sme_share", "SMEs", "share"),
    Column("vcse_share", "VCSEs", "share"),
    Column("deprived_area_share", "Most deprived areas", "share"),
    Column("public_sector_share", "Public sector", "share"),
    Column("local_operational_unknown_share", "Place not known", "share"),
    Column("size_coverage", "Size known", "share"),
    Column("sector_coverage", "Sector known", "share"),
    Column("coverage", "Coverage (place, size and sector known)", "share"),
]
SHARES_NOTE = (
    "Shares are of analysed spend: spend with a supplier whose place or size is not known is "
    "counted neither in nor out, and shown in the not-known and coverage columns. Amounts are net "
    "of refunds and credit notes, so in a row where refunds from some payees outweigh payments, a "
    "share can be below 0% or above 100%."
)


def _measure_table(name, title, frame, column, label, chart_measure, limit=None, note=""):
    grouped = m.table(frame, column) if frame.height else pl.DataFrame()
    rows = grouped.to_dicts() if grouped.height else []
    if limit:
        rows = rows[:limit]
    return Table(
        name,
        title,
        [Column(column, label), Column("payments", "Payments", "count"), *MEASURE_COLUMNS],
        rows,
        chart=(column, chart_measure),
        note=note or SHARES_NOTE,
    )


HEADLINE_COLUMNS = [
    Column("label", "Measure"),
    Column("value", "Of analysed spend"),
    Column("unknown", "Not known"),
    Column("known", "Of spend where known"),
    Column("addressable", "Of addressable spend"),
    Column("known_for", "Known for"),
    Column("coverage", "Coverage (place, size and sector known)"),
    Column("note", "Note"),
    Column("how", "How this is calculated"),
]


def _shown(value, measure: m.Measure) -> str:
    return show(value, "money" if measure.kind == "money" else "share")


def _known_for(measure: m.Measure, figures: dict) -> str:
    """What the figure needs, and for how much of analysed spend it is known."""
    if not measure.basis:
        return ""
    if measure.basis in ("deprivation", "vcse"):  # no coverage measure of their own
        unknown = figures.get(measure.variants()["unknown"])
        known = None if unknown is None else 1 - unknown
    else:
        known = figures.get(m.COVERAGE[measure.basis])
    return f"{BASES[measure.basis]} known for {show(known, 'share')} of analysed spend"


def headline_rows(figures: dict, level: str | None) -> list[dict]:
    """Each measure's figure over analysed spend, with the part not known, over the spend where
    known, over addressable spend, the coverage of what it needs and the ledger's coverage."""
    rows = []
    for name, measure in m.MEASURES.items():
        variants = measure.variants()
        basis = m.COVERAGE.get(measure.basis)
        rows.append(
            {
                "name": name,
                "label": measure.label,
                "raw": figures.get(name),
                "value": _shown(figures.get(name), measure),
                "unknown": show(figures.get(variants["unknown"]), "share") if variants else "",
                "known": show(figures.get(variants["known"]), "share") if variants else "",
                "addressable": show(figures.get(variants["addressable"]), "share")
                if variants
                else "",
                "known_for": _known_for(measure, figures) if basis != name else "",
                "coverage": show(figures.get("coverage"), "share"),
                "note": level_note(level) if name == "deprived_area_share" else "",
                "how": measure.how,
                "basis": measure.basis,
            }
        )
    return rows


def headline_table(figures: dict, level: str | None = None) -> Table:
    return Table("measures", "Measures", HEADLINE_COLUMNS, headline_rows(figures, level))


def size_table(rows: list[dict]) -> Table:
    return Table(
        "size",
        "Spend by supplier size",
        [
            Column("size", "Size"),
            Column("suppliers", "Suppliers", "count"),
            Column("spend", "Analysed spend", "money"),
            Column("share", "Share", "share"),
        ],
        rows,
        chart=("size", "share"),
        chart_title="Share of analysed spend by supplier size",
        note="Suppliers whose size is not known are their own category: never counted as SMEs "
        "or as large.",
    )


def sector_table(rows: list[dict]) -> Table:
    return Table(
        "sectors",
        "Spend by payee's sector",
        [
            Column("sector", "Sector"),
            Column("suppliers", "Payees", "count"),
            Column("spend", "Spend", "money"),
            Column("share", "Share of all spend", "share"),
        ],
        rows,
        chart=("sector", "share"),
        chart_title="Share of all spend by the payee's sector",
        note="Public-sector payees (councils, NHS bodies, schools, government) are shown apart: "
        "the addressable figures leave their spend out. Payments whose payee's name is withheld "
        "count as individual or withheld here, though they are left out of analysed spend. A "
        "payee whose sector is not known is its own category.",
    )


def _url(name: str, pk: int | None = None, path: str = "") -> str:
    """A page's address by its URL name; by its path while the name is not defined here."""
    try:
        return reverse(name, args=[pk] if pk is not None else [])
    except NoReverseMatch:
        return path


def unplaced_table(frame: pl.DataFrame, limit: int = 10) -> Table:
    """The largest payees whose place is not known, each with how to place it: confirm a
    suggested match, or add a postcode, on the payee's page."""
    rows = m.unplaced(frame, limit) if frame.height else []
    ids = [row["payee_id"] for row in rows if row["payee_id"] is not None]
    suggested = dict(
        Payee.objects.filter(pk__in=ids)
        .annotate(
            pending=Count("candidates", filter=Q(candidates__status="pending"), distinct=True)
        )
        .values_list("pk", "pending")
    )
    statuses = dict(Payee.objects.filter(pk__in=ids).values_list("pk", "match_status"))
    for row in rows:
        pk = row["payee_id"]
        if pk is None:
            row["how"] = f"Load the Companies House file ({PLACE_IT}) or add a postcode"
            row["page"] = ""
            continue
        pending = suggested.get(pk, 0)
        if pending or statuses.get(pk) == "suggested":
            row["how"] = (
                f"Confirm a suggested match ({pending} to decide)"
                if pending
                else "Confirm the suggested match"
            )
        else:
            row["how"] = "Add a postcode, or choose its register entry"
        row["page"] = _url("suppliers:payee", pk, f"/suppliers/payees/{pk}/")
    return Table(
        "unplaced",
        f"The {limit} largest payees whose place is not known",
        [
            Column("supplier", "Payee", link="page"),
            Column("payments", "Payments", "count"),
            Column("spend", "Analysed spend", "money"),
            Column("share", "Share of analysed spend", "share"),
            Column("how", "How to place it", link="page"),
            Column("page", "Payee's page"),
        ],
        rows,
        note="Placing these payees raises the coverage most. On each payee's page, confirm a "
        "suggested register match or add a postcode; or load the Companies House file, which "
        f"places most companies at once: {PLACE_IT}.",
        links=[
            (
                "Review every suggested match",
                _url("suppliers:places", path="/suppliers/places/"),
            )
        ],
        empty="Every payee's place is known.",
    )


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
            (category, name, f"paid £{spend:,.0f} in this category by network anchors")
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


def _one_year(every: pl.DataFrame, year: int | None) -> tuple[int | None, list[int], pl.DataFrame]:
    """The financial year asked for (else the latest with payments), every year with payments,
    and that year's payments."""
    years = sorted(every["financial_year"].unique().to_list()) if every.height else []
    if year is None and years:
        year = years[-1]
    frame = every.filter(pl.col("financial_year") == year) if year is not None else every
    return year, years, frame


@dataclass
class Ledger:
    buyer: Organisation
    year: int | None
    years: list[int]
    figures: dict
    tables: dict[str, Table]
    lm3: Lm3Survey | None = None
    deprivation_level: str | None = None

    @property
    def year_label(self) -> str:
        return fy_label(self.year) if self.year is not None else ""

    @property
    def coverage(self) -> dict[str, str]:
        """The ledger's coverage, shown above its figures: of analysed spend, the share whose
        payee's place, size and sector are all known, and each of them."""
        return {
            name: show(self.figures.get(key), "share")
            for name, key in (
                ("all", "coverage"),
                ("place", "location_coverage"),
                ("size", "size_coverage"),
                ("sector", "sector_coverage"),
            )
        }


def ledger(buyer: Organisation, year: int | None = None) -> Ledger:
    """One anchor's ledger for a financial year (the latest with payments when not given)."""
    facts = supplier_facts()
    every = payments_frame(buyer)
    year, years, frame = _one_year(every, year)
    figures = m.report(frame) if frame.height else dict.fromkeys(m.names())
    level = m.deprivation_level(frame) if frame.height else None
    trends = _measure_table(
        "trends",
        "Trend over financial years",
        every,
        "financial_year",
        "Financial year",
        "local_share_operational",
    )
    trends.chart_title = "Share with local suppliers (operating locally) by financial year"
    for row in trends.rows:
        row["financial_year"] = fy_label(row["financial_year"])
    trends.rows.sort(key=lambda row: row["financial_year"])
    quarters = _measure_table(
        "quarters",
        "By financial quarter (Q1 is April to June)",
        frame,
        "quarter",
        "Quarter",
        "total_spend",
    )
    quarters.rows.sort(key=lambda row: row["quarter"])
    for row in quarters.rows:
        row["quarter"] = m.quarter_label(row["quarter"])
    quarters.chart_title = f"Analysed spend by financial quarter, {fy_label(year)}" if year else ""
    categories = _measure_table(
        "categories",
        "By category (the 20 largest)",
        frame,
        "category",
        "Category",
        "total_spend",
        limit=20,
    )
    directorates = _measure_table(
        "directorates",
        "By directorate (the 20 largest)",
        frame,
        "directorate",
        "Directorate",
        "total_spend",
        limit=20,
    )
    top = m.top_suppliers(frame, 25) if frame.height else pl.DataFrame()
    suppliers = Table(
        "suppliers",
        "Top 25 suppliers",
        [
            Column("supplier", "Supplier"),
            Column("payments", "Payments", "count"),
            Column("spend", "Analysed spend", "money"),
            Column("share", "Share of spend", "share"),
            Column("operational_local", "Local", "yesno"),
            Column("in_combined_authority", "In the WMCA area", "yesno"),
            Column("is_sme", "SME", "yesno"),
            Column("is_vcse", "VCSE", "yesno"),
        ],
        top.to_dicts() if top.height else [],
        chart=("supplier", "spend"),
    )
    leak_rows = leakage_for(buyer, frame, facts=facts)
    for row in leak_rows:
        row["local_list"] = (
            "; ".join(f"{s['supplier']} ({s['evidence']})" for s in row["local_suppliers"])
            or "None found in the network yet"
        )
    leakage = Table(
        "leakage",
        "Leakage: categories with most spend outside the area",
        [
            Column("category", "Category"),
            Column("outside", "Spend outside the area", "money"),
            Column("outside_share", "Share of the category", "share"),
            Column("not_known", "Supplier's place not known", "money"),
            Column("local_list", "Local suppliers registered in this category"),
        ],
        leak_rows,
        chart=("category", "outside"),
        empty="No spend is known to be with suppliers outside the area: the places of these "
        f"suppliers are not known yet (load the Companies House file with {PLACE_IT}, or place "
        "the largest payees one by one: see above).",
        note="Outside means the supplier is known to be neither registered nor operating in the "
        "anchor's own local authority; spend with suppliers whose place is not known is shown "
        "apart and never counted as outside.",
    )
    tables = {
        t.name: t
        for t in (
            headline_table(figures, level),
            unplaced_table(frame),
            sector_table(m.by_sector(frame) if frame.height else []),
            size_table(m.by_size(frame) if frame.height else []),
            trends,
            quarters,
            categories,
            directorates,
            suppliers,
            leakage,
        )
    }
    survey = (
        Lm3Survey.objects.filter(buyer=buyer, financial_year=year).first()
        if year is not None
        else None
    )
    return Ledger(buyer, year, years, figures, tables, survey, level)
