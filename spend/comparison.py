"""For funders and the public: the network comparison (every anchor of the network with the same
method, those with no payments yet listed as such, a network total computed over all anchors'
payments together rather than as an average of their shares, each anchor's coverage), and the
summaries anchors publish (snapshots: a summary published before a figure existed still shows)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from core.tables import NO_DATA, Column, Table, fy_label, show
from network.models import Organisation
from spend import deprivation_status
from spend import measures as m
from spend.dashboard import Ledger, ring_words, sites_used
from spend.ledger import payments_frame
from spend.ledger_tables import (
    MEASURE_COLUMNS,
    NOT_RECORDED,
    RING_COLUMNS,
    headline_rows,
    level_note,
    ring_rows,
    ring_table,
    sector_table,
    size_table,
)
from spend.measures import rings as rm
from spend.rings import STANDARD, rings_for, standard_ring

DEFAULT_MEASURE = "local_share_operational"
NETWORK_TOTAL = "Network total (all anchors' payments together)"


def choices() -> list[tuple[str, str]]:
    """The measures a comparison can be drawn for: every share of analysed spend."""
    return [(name, mm.label) for name, mm in m.MEASURES.items() if mm.is_share]


@dataclass
class Comparison:
    year: int | None
    years: list[int]
    measure: m.Measure
    table: Table
    rings: Table | None = None

    @property
    def year_label(self) -> str:
        return fy_label(self.year) if self.year is not None else ""


def _columns(chosen: m.Measure) -> list[Column]:
    variants = chosen.variants()
    picked = [Column(chosen.name, f"{chosen.label}: of analysed spend", "share")]
    if variants:
        picked += [
            Column(variants["unknown"], "Not known", "share"),
            Column(variants["known"], "Of spend where known", "share"),
            Column(variants["addressable"], "Of addressable spend", "share"),
        ]
    rest = [c for c in MEASURE_COLUMNS if c.key not in {chosen.name, "total_spend"}]
    return [
        Column("anchor", "Anchor"),
        Column("status", "Payment data"),
        Column("payments", "Payments", "count"),
        Column("total_spend", "Analysed spend", "money"),
        *picked,
        *rest,
    ]


def network(year: int | None = None, measure: str = DEFAULT_MEASURE) -> Comparison:
    """Every anchor's measures for one financial year with the same method, side by side, and
    the network's total over all their payments (`measure` is drawn; KeyError if unknown)."""
    chosen = m.MEASURES[measure]
    every = payments_frame(detail=False)
    years = sorted(every["financial_year"].unique().to_list()) if every.height else []
    if year is None and years:
        year = years[-1]
    frame = every.filter(pl.col("financial_year") == year) if year is not None else every
    standard = rm.measures_for([standard_ring(kind) for kind in STANDARD])
    found = m.by(frame, "buyer_id", standard) if frame.height else {}
    payments = (
        dict(frame.group_by("buyer_id").agg(pl.col("payments").sum()).iter_rows())
        if frame.height
        else {}
    )
    rows = []
    anchors = list(Organisation.objects.anchors().order_by("name"))
    for anchor in anchors:
        if anchor.pk in found:
            rows.append(
                {
                    "anchor": anchor.name,
                    "status": "Measured",
                    "payments": payments.get(anchor.pk, 0),
                    **found[anchor.pk],
                }
            )
        else:
            rows.append({"anchor": anchor.name, "status": NO_DATA, "no_data": True})
    pooled = frame.filter(pl.col("buyer_id").is_in([a.pk for a in anchors]))
    if pooled.height:
        rows.append(
            {
                "anchor": NETWORK_TOTAL,
                "status": f"{sum(a.pk in found for a in anchors)} of {len(anchors)} anchors "
                "measured",
                "payments": int(pooled["payments"].sum()),
                **m.report(pooled),
            }
        )
    label = fy_label(year) if year is not None else "every year"
    table = Table(
        "network",
        f"Network comparison: {chosen.label}, {label}",
        _columns(chosen),
        rows,
        chart=("anchor", chosen.name),
        chart_title=f"{chosen.label} (share of analysed spend), financial year {label}",
        chart_caption="Each bar is one anchor's share of its own analysed spend; the network "
        "total is measured over all anchors' payments together, not as an average of their "
        "shares. Anchors with no payment data yet are listed in the table, not drawn.",
        note="Every anchor of the network is listed. Shares are of analysed spend; spend with a "
        "supplier whose place or size is not known is counted neither in nor out and is shown as "
        "not known, and each anchor's coverage says how much of its spend the figures rest on.",
    )
    return Comparison(year, years, chosen, table, rings_comparison(anchors, found, year))


def rings_comparison(anchors: list[Organisation], found: dict, year: int | None) -> Table:
    """Each measured anchor's own chosen rings, in its order, with their figures: the standard
    rings from the comparison's figures, an area or distance ring from the anchor's payments
    read with it (each anchor's distance is from its own sites)."""
    rows = []
    for anchor in anchors:
        if anchor.pk not in found:
            continue
        rings = rings_for(anchor)
        own = [ring for ring in rings if not ring.is_standard]
        figures = dict(found[anchor.pk])
        if own:
            frame = payments_frame(anchor, year, detail=False, rings=own)
            figures |= m.report(frame, rm.measures_for(own)) if frame.height else {}
        described = {r.key: ring_words(r) for r in rings}
        for row in ring_rows(figures, rings, described, sites_used(anchor, rings)):
            rows.append({"anchor": anchor.name, **row})
    return Table(
        "rings",
        "Each anchor's rings",
        [Column("anchor", "Anchor"), *RING_COLUMNS],
        rows,
        note=ring_table([]).note
        + " Each anchor reports the rings it chose: the standard ones (its own local authority, "
        "the WMCA area, the region, the UK) and any of the network's areas or a distance from "
        "its own sites.",
    )


def summary_snapshot(result: Ledger) -> dict:
    """What an anchor publishes: headline measures (each over analysed, known and addressable
    spend, with how it is calculated), the coverage, the sector and size splits, the trend over
    years and its chosen rings with their figures and coverage (no payment-level data)."""
    figures = result.figures
    return {
        "version": 2,
        "financial_year": result.year,
        "measures": {
            row["name"]: {
                "label": row["label"],
                "value": figures.get(row["name"]),
                "how": row["how"],
                "note": row["note"],
                **{
                    kind: figures.get(name)
                    for kind, name in m.MEASURES[row["name"]].variants().items()
                },
                "known_for": row["known_for"],
            }
            for row in deprivation_status.annotate(
                headline_rows(figures, result.deprivation_level), result.deprivation_level
            )
        },
        "coverage": {
            key: figures.get(key)
            for key in ("coverage", "location_coverage", "size_coverage", "sector_coverage")
        },
        "deprivation_level": result.deprivation_level,
        "sectors": result.tables["sectors"].rows,
        "size": result.tables["size"].rows,
        "trends": result.tables["trends"].rows,
        "lm3": result.lm3.lm3 if result.lm3 else None,
        "rings": result.tables["rings"].rows,
    }


def published_measures(summary: dict) -> list[dict]:
    """A published summary's headline figures as shown; a summary published before a figure
    existed shows what it has (its figures are never recomputed)."""
    shown = []
    for name, entry in summary.get("measures", {}).items():
        kind = "money" if name in {"total_spend", "addressable_spend"} else "share"
        has = [key for key in ("unknown", "known", "addressable") if key in entry]
        shown.append(
            {
                **entry,
                "shown": show(entry.get("value"), kind),
                "unknown": show(entry["unknown"], "share") if "unknown" in has else "",
                "known": show(entry["known"], "share") if "known" in has else "",
                "addressable": show(entry["addressable"], "share") if "addressable" in has else "",
                "note": entry.get("note")
                or (level_note(None) if name == "deprived_area_share" and has else ""),
            }
        )
    return shown


def published_coverage(summary: dict) -> str:
    """A published summary's coverage as shown; empty for a summary published before coverage
    was measured."""
    if "coverage" not in summary:
        return ""
    return show(summary["coverage"].get("coverage"), "share")


def published_tables(summary: dict) -> list[Table]:
    """The tables of a published summary, from its snapshot."""
    trend_rows = summary.get("trends", [])
    present = set(trend_rows[0]) if trend_rows else {c.key for c in MEASURE_COLUMNS}
    trends = Table(
        "trends",
        "Trend over financial years",
        [
            Column("financial_year", "Financial year"),
            Column("payments", "Payments", "count"),
            *(c for c in MEASURE_COLUMNS if c.key in present),
        ],
        trend_rows,
        chart=("financial_year", "local_share_operational"),
        chart_title="Share with local suppliers (operating locally) by financial year",
    )
    tables = [size_table(summary.get("size", []))]
    if "sectors" in summary:
        tables.append(sector_table(summary["sectors"]))
    # A summary published before rings were chosen has none (its figures are never recomputed).
    if summary.get("rings"):  # one published before definitions were recorded says so
        rows = [{"used": NOT_RECORDED, **row} for row in summary["rings"]]
        tables.append(ring_table(rows))
    return [*tables, trends]


PUBLISHED_COLUMNS = [
    Column("label", "Measure"),
    Column("shown", "Of analysed spend"),
    Column("unknown", "Not known"),
    Column("known", "Of spend where known"),
    Column("addressable", "Of addressable spend"),
    Column("known_for", "Known for"),
    Column("note", "Note"),
    Column("how", "How this is calculated"),
]


def published_measures_table(summary: dict) -> Table:
    """A published summary's headline figures as a table (for its downloads)."""
    return Table("measures", "Measures", PUBLISHED_COLUMNS, published_measures(summary))
