"""The ledger's tables built from its figures, pure: the headline measures (each over analysed
spend, with the part not known, over spend where known and over addressable spend, the coverage
of what it needs beside it), the measures grouped by a column (trends, quarters, categories,
directorates) and the size and sector splits. No database: the figures come from
spend/measures/."""

from __future__ import annotations

import polars as pl

from core.tables import Column, Table, show
from reference.area_rules import CHECKS
from spend import measures as m
from spend.measures import rings as rm

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


def ring_share_columns(rings) -> list[Column]:
    """A column per chosen ring that is not standard (the standard ones have their own)."""
    return [
        Column(rm.share_measure(ring).name, ring.label, "share")
        for ring in rings
        if not ring.is_standard
    ]


def measure_table(name, title, frame, column, label, chart_measure, limit=None, note="", rings=()):
    extra = rm.measures_for(rings)
    grouped = m.table(frame, column, extra) if frame.height else pl.DataFrame()
    rows = grouped.to_dicts() if grouped.height else []
    if limit:
        rows = rows[:limit]
    return Table(
        name,
        title,
        [
            Column(column, label),
            Column("payments", "Payments", "count"),
            *MEASURE_COLUMNS,
            *ring_share_columns(rings),
        ],
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


RING_COLUMNS = [
    Column("label", "Ring"),
    Column("used", "Definition used"),
    Column("share", "Of analysed spend", "share"),
    Column("unknown_share", "Not known", "share"),
    Column("known_share", "Of spend where known", "share"),
    Column("addressable_share", "Of addressable spend", "share"),
    Column("coverage", "Coverage (known in or out)", "share"),
    Column("what", "What it is"),
    Column("needs", "A supplier's place needs"),
    Column("source", "Source"),
    Column("check", "Check"),
]
STANDARD_USED = "A standard ring (not a versioned area)"
NOT_RECORDED = "Not recorded when this summary was published"
STANDARD_SOURCE = "The local authority of each supplier's postcode (ONS postcode directory)"


def ring_used(ring, postcodes: list[str] | None = None) -> dict:
    """Which definition a ring's figures were measured with, so a figure can be traced once the
    area is edited: an area's version; a distance's miles and the site postcodes it was measured
    from (`postcodes`, those with a grid reference). A standard ring has none."""
    area = getattr(ring, "area", None)
    if area is not None:
        return {"area_version": area.version, "used": f"version {area.version}"}
    if ring.kind == "sites" and ring.definition is not None:
        miles, postcodes = ring.definition.miles, list(postcodes or [])
        where = ", ".join(postcodes) if postcodes else "no site postcode with a grid reference"
        return {
            "miles": miles,
            "postcodes": postcodes,
            "used": f"{miles:g} miles from {where}" if miles is not None else "",
        }
    return {"used": STANDARD_USED}


# The check of a ring that is not a drawn area: nothing to verify beyond its codes or postcodes.
NOT_AN_AREA = {
    "authority": "Fixed: ONS local authority codes",
    "combined_authority": "Fixed: the WMCA's constituent councils (SI 2016/653)",
    "region": "Fixed: ONS local authority codes",
    "uk": "Fixed",
    "sites": "Measured from the anchor's own postcodes",
}


def ring_rows(
    figures: dict,
    rings,
    described: dict[str, str] | None = None,
    sites: dict[str, list[str]] | None = None,
) -> list[dict]:
    """Each chosen ring's figures (spend/measures/rings.figures) with what it needs, its source,
    its check (V, S or U for an area, in words), what it is (`described`: key → words) and the
    definition used (`ring_used`; `sites`: a distance ring's key → the postcodes measured from)."""
    described = described or {}
    sites = sites or {}
    rows = []
    for ring, found in zip(rings, rm.figures(figures, rings), strict=True):
        mark = ring.confidence
        rows.append(
            {
                **found,
                **ring_used(ring, sites.get(ring.key)),
                "what": described.get(ring.key, ""),
                "needs": ring.needs,
                "source": ring.source or (STANDARD_SOURCE if ring.is_standard else ""),
                "confidence": mark,
                "check": f"{mark}: {CHECKS[mark]}"
                if mark in CHECKS
                else NOT_AN_AREA.get(ring.kind, ""),
            }
        )
    return rows


def ring_table(rows: list[dict]) -> Table:
    return Table(
        "rings",
        "Rings: spend with suppliers in each ring the anchor reports",
        RING_COLUMNS,
        rows,
        chart=("label", "share"),
        chart_title="Share of analysed spend with suppliers in each ring",
        note="A supplier is in a ring when one of its known places (registered address, sites, "
        "postcodes in the payment files) is inside; outside when all its known places are "
        "outside; not known otherwise, never counted as outside. Coverage is the spend whose "
        "supplier's place is known well enough for that ring: a ward for an area of wards, a "
        "grid reference for a distance.",
    )
