"""One anchor's ledger for a financial year: the pure measures (spend/measures/) over the
payments table (spend/ledger.py), assembled into tables (spend/ledger_tables.py, core/tables.py),
each shown with its chart, downloaded as CSV or XLSX, and printed in the report. Every figure is
given over analysed spend, over the spend where the fact it needs is known and over addressable
spend, with the coverage beside it; the largest unplaced payees come with how to place them; the
leakage table with the local suppliers of each category (spend/local_suppliers.py). The network
comparison and published summaries are in spend/comparison.py."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse

from core.formatting import fy_label
from core.tables import Column, Table, show
from network.models import Organisation
from reference.area_rules import describe
from reference.geography import areas as standard_areas
from reference.postcodes import normalise_postcode
from spend import deprivation_status
from spend import measures as m
from spend.ledger import payments_frame, supplier_facts
from spend.ledger_tables import (
    headline_table,
    measure_table,
    ring_rows,
    ring_table,
    sector_table,
    size_table,
)
from spend.local_suppliers import leakage_for
from spend.measures import rings as rm
from spend.models import Lm3Survey, Payee, RingKind
from spend.rings import Ring, rings_for, site_postcodes

PLACE_IT = "anchorhub load_registers --download"


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
    rings: list[Ring] = field(default_factory=list)

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
    rings = rings_for(buyer)
    extra = rm.measures_for(rings)
    facts = supplier_facts(rings)
    every = payments_frame(buyer, rings=rings)
    year, years, frame = _one_year(every, year)
    figures = m.report(frame, extra) if frame.height else dict.fromkeys(m.names(extra))
    level = m.deprivation_level(frame) if frame.height else None
    trends = measure_table(
        "trends",
        "Trend over financial years",
        every,
        "financial_year",
        "Financial year",
        "local_share_operational",
        rings=rings,
    )
    trends.chart_title = "Share with local suppliers (operating locally) by financial year"
    for row in trends.rows:
        row["financial_year"] = fy_label(row["financial_year"])
    trends.rows.sort(key=lambda row: row["financial_year"])
    quarters = measure_table(
        "quarters",
        "By financial quarter (Q1 is April to June)",
        frame,
        "quarter",
        "Quarter",
        "total_spend",
        rings=rings,
    )
    quarters.rows.sort(key=lambda row: row["quarter"])
    for row in quarters.rows:
        row["quarter"] = m.quarter_label(row["quarter"])
    quarters.chart_title = f"Analysed spend by financial quarter, {fy_label(year)}" if year else ""
    categories = measure_table(
        "categories",
        "By category (the 20 largest)",
        frame,
        "category",
        "Category",
        "total_spend",
        limit=20,
        rings=rings,
    )
    directorates = measure_table(
        "directorates",
        "By directorate (the 20 largest)",
        frame,
        "directorate",
        "Directorate",
        "total_spend",
        limit=20,
        rings=rings,
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
            *(Column(r.column, f"In {r.label}", "yesno") for r in rings if not r.is_standard),
        ],
        top.to_dicts() if top.height else [],
        chart=("supplier", "spend"),
    )
    leakages = [leakage_table(buyer, frame, facts, ring) for ring in rings]
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
            ring_table(
                ring_rows(
                    figures, rings, {r.key: ring_words(r) for r in rings}, sites_used(buyer, rings)
                )
            ),
            *leakages,
        )
    }
    deprivation_status.annotate(tables["measures"].rows, level)
    survey = (
        Lm3Survey.objects.filter(buyer=buyer, financial_year=year).first()
        if year is not None
        else None
    )
    return Ledger(buyer, year, years, figures, tables, survey, level, rings)


def sites_used(anchor: Organisation, rings: list[Ring]) -> dict[str, list[str]]:
    """Each distance ring's key → the anchor's site postcodes it is measured from (those with a
    grid reference; the rest are in its definition's `unplaced_centres`)."""
    distance = [ring for ring in rings if ring.kind == RingKind.SITES and ring.definition]
    if not distance:
        return {}
    postcodes = []
    for raw in site_postcodes(anchor):
        try:
            postcodes.append(normalise_postcode(raw))
        except ValueError:
            continue
    return {
        ring.key: [p for p in postcodes if p not in ring.definition.unplaced_centres]
        for ring in distance
    }


def standard_words(ring: Ring) -> str:
    """What a standard ring holds, in words: its local authorities by name."""
    if ring.definition is None:  # the UK, or an anchor whose own authority is not known
        return "Anywhere in the UK" if ring.kind == RingKind.UK else "Not known: no postcode"
    names = standard_areas()["names"]
    members = [names.get(code, code) for code in ring.definition.members]
    if len(members) > 8:
        return f"{len(members)} local authorities: " + ", ".join(members)
    return ("Local authority: " if len(members) == 1 else "Local authorities: ") + ", ".join(
        members
    )


def ring_words(ring: Ring) -> str:
    """What a ring is, in words: an area's definition, or the sites a distance is measured from
    (and those that have no grid reference, so are left out)."""
    if ring.is_standard:
        return standard_words(ring)
    if ring.definition is None:
        return ""
    words = describe(ring.definition)
    if ring.kind == RingKind.SITES and ring.definition.unplaced_centres:
        words += (
            "; left out, with no grid reference (load the ONS Postcode Directory): "
            + ", ".join(ring.definition.unplaced_centres)
        )
    return words


def leakage_table(buyer: Organisation, frame: pl.DataFrame, facts, ring: Ring) -> Table:
    """Where spend leaves one ring: the categories with most spend outside it, with the
    suppliers in it already paid by the network in each. The authority ring's table is named
    "leakage"; the others' "leakage-<ring's column>"."""
    rows = leakage_for(buyer, frame, facts=facts, ring=ring)
    for row in rows:
        row["local_list"] = (
            "; ".join(f"{s['supplier']} ({s['evidence']})" for s in row["local_suppliers"])
            or "None found in the network yet"
        )
    authority = ring.kind == RingKind.AUTHORITY
    return Table(
        "leakage" if authority else f"leakage-{ring.column.replace('_', '-')}",
        f"Leakage: categories where spend leaves {ring.label}",
        [
            Column("category", "Category"),
            Column("outside", f"Spend outside {ring.label}", "money"),
            Column("outside_share", "Share of the category", "share"),
            Column("not_known", "Supplier's place not known", "money"),
            Column("local_list", f"Suppliers in {ring.label} already paid in this category"),
        ],
        rows,
        chart=("category", "outside"),
        empty=f"No spend is known to be with suppliers outside {ring.label}: the places of "
        f"these suppliers are not known yet (load the Companies House file with {PLACE_IT}, or "
        "place the largest payees one by one: see above).",
        note=f"Outside means every known place of the supplier is outside {ring.label}; spend "
        "with suppliers whose place is not known well enough for this ring is shown apart and "
        "never counted as outside. The suppliers listed are in the ring and already paid by the "
        "network's anchors in the category, then network profiles in its sector.",
    )
