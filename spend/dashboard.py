"""The ledger's pages and downloads: one anchor's figures for a financial year, the network
comparison, and the summary an anchor publishes. Assembles the pure measures (spend/measures.py)
over the payments table (spend/ledger.py) into tables; every table downloads as CSV or XLSX and
every chart is drawn from a table shown beside it."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polars as pl
from django.db.models import F, Sum

from core import csvfile
from network.models import Organisation, Sector
from reference.geography import DEPRIVATION_LEVEL, locate
from spend import measures as m
from spend.ledger import Homes, payments_frame, query_frame, supplier_facts
from spend.models import Lm3Survey, Payment

LEVEL_NOTE = (
    f"Deprivation is known at {DEPRIVATION_LEVEL} level: the English Indices of Deprivation 2019 "
    "local-authority summaries, as the postcode directory used here gives no smaller area."
)
CATEGORY_SECTORS = Path(__file__).resolve().parent / "data" / "category_sectors.json"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text, money, share, count, yesno, lm3

    @property
    def numeric(self) -> bool:
        return self.kind in {"money", "share", "count", "lm3"}


@dataclass
class Table:
    name: str
    title: str
    columns: list[Column]
    rows: list[dict]
    chart: tuple[str, str] | None = None  # (label column, value column) drawn as bars
    note: str = ""
    empty: str = ""  # what to say when there are no rows, if not "No payments to show"
    extra: dict = field(default_factory=dict)

    def display(self) -> list[list[tuple[str, bool]]]:
        """Each row's cells as shown, with whether to align them as numbers."""
        return [
            [(show(row.get(c.key), c.kind), c.numeric) for c in self.columns] for row in self.rows
        ]

    def bars(self) -> list[dict]:
        """The chart's bars: label, value shown, and length as a share of the largest."""
        if not self.chart:
            return []
        label, value = self.chart
        kind = next(c.kind for c in self.columns if c.key == value)
        values = [row.get(value) or 0 for row in self.rows]
        top = max((abs(v) for v in values), default=0) or 1
        return [
            {
                "label": str(row.get(label) or "Not stated"),
                "shown": show(row.get(value), kind),
                "width": round(400 * max(v, 0) / top, 1),
                "value_x": round(258 + 400 * max(v, 0) / top, 1),
                "y": 28 * i,
            }
            for i, (row, v) in enumerate(zip(self.rows, values, strict=True))
        ]

    def chart_height(self) -> int:
        return 28 * len(self.rows)

    def csv(self) -> str:
        out = io.StringIO()
        writer = csvfile.Writer(out)
        writer.writerow([c.label for c in self.columns])
        for row in self.rows:
            writer.writerow([_raw(row.get(c.key), c.kind) for c in self.columns])
        return out.getvalue()

    def xlsx(self) -> bytes:
        out = io.BytesIO()
        book = csvfile.workbook(out, in_memory=True)
        sheet = book.add_worksheet(self.title[:31].replace("/", " ").replace(":", " "))
        bold = book.add_format({"bold": True})
        formats = {
            "money": book.add_format({"num_format": "£#,##0.00"}),
            "share": book.add_format({"num_format": "0.0%"}),
            "count": book.add_format({"num_format": "#,##0"}),
            "lm3": book.add_format({"num_format": "0.00"}),
        }
        for col, column in enumerate(self.columns):
            sheet.write(0, col, column.label, bold)
            sheet.set_column(col, col, 40 if column.kind == "text" else 16)
        for r, row in enumerate(self.rows, start=1):
            for col, column in enumerate(self.columns):
                value = _raw(row.get(column.key), column.kind)
                if value is None or value == "":
                    sheet.write_blank(r, col, None)
                elif column.kind in formats:
                    sheet.write_number(r, col, value, formats[column.kind])
                else:
                    sheet.write_string(r, col, str(value))
        book.close()
        return out.getvalue()


def show(value, kind: str) -> str:
    if value is None:
        return "Not known"
    if kind == "money":
        return f"£{value:,.0f}"
    if kind == "share":
        return f"{value:.1%}"
    if kind == "count":
        return f"{value:,}"
    if kind == "lm3":
        return f"{value:.2f}"
    if kind == "yesno":
        return "Yes" if value else "No"
    return str(value) if value != "" else "Not stated"


def _raw(value, kind: str):
    if value is None:
        return None
    if kind == "yesno":
        return "yes" if value else "no"
    if kind in {"money", "lm3"}:
        return round(float(value), 2)
    if kind == "share":
        return round(float(value), 4)
    return value


def fy_label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


MEASURE_COLUMNS = [
    Column("total_spend", "Analysed spend", "money"),
    Column("local_share_operational", "Local (operating)", "share"),
    Column("local_share_registered", "Local (registered)", "share"),
    Column("combined_authority_share", "WMCA area", "share"),
    Column("region_share", "West Midlands", "share"),
    Column("sme_share", "SMEs", "share"),
    Column("vcse_share", "VCSEs", "share"),
    Column("deprived_area_share", "Most deprived areas", "share"),
    Column("location_coverage", "Location known", "share"),
    Column("size_coverage", "Size known", "share"),
]


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
        note=note,
    )


HEADLINE_COLUMNS = [
    Column("label", "Measure"),
    Column("value", "Figure", "text"),
    Column("how", "How this is calculated"),
]


def headline_table(figures: dict) -> Table:
    return Table(
        "measures",
        "Measures",
        HEADLINE_COLUMNS,
        [
            {
                "name": name,
                "label": measure.label,
                "value": show(figures.get(name), "money" if name == "total_spend" else "share"),
                "how": measure.how,
                "raw": figures.get(name),
                "note": LEVEL_NOTE if name == "deprived_area_share" else "",
            }
            for name, measure in m.MEASURES.items()
        ],
    )


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
        note="Suppliers whose size is not known are their own category: never counted as SMEs "
        "or as large.",
    )


@cache
def _category_rules() -> list[dict]:
    return json.loads(CATEGORY_SECTORS.read_text())["rules"]


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

    @property
    def year_label(self) -> str:
        return fy_label(self.year) if self.year is not None else ""


def ledger(buyer: Organisation, year: int | None = None) -> Ledger:
    """One anchor's ledger for a financial year (the latest with payments when not given)."""
    facts = supplier_facts()
    every = payments_frame(buyer, facts=facts)
    year, years, frame = _one_year(every, year)
    figures = m.report(frame) if frame.height else dict.fromkeys(m.MEASURES)
    trends = _measure_table(
        "trends",
        "Trend over financial years",
        every,
        "financial_year",
        "Financial year",
        "local_share_operational",
    )
    for row in trends.rows:
        row["financial_year"] = fy_label(row["financial_year"])
    trends.rows.sort(key=lambda row: row["financial_year"])
    quarters = _measure_table("quarters", "By quarter", frame, "quarter", "Quarter", "total_spend")
    quarters.rows.sort(key=lambda row: row["quarter"])
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
        "suppliers are not known yet (load Companies House data with anchorhub load_registers; "
        "suppliers can add postcodes to their network profiles).",
        note="Outside means the supplier is known to be neither registered nor operating in the "
        "anchor's own local authority; spend with suppliers whose place is not known is shown "
        "apart and never counted as outside.",
    )
    tables = {
        t.name: t
        for t in (
            headline_table(figures),
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
    return Ledger(buyer, year, years, figures, tables, survey)


def network(year: int | None = None) -> tuple[int | None, list[int], Table]:
    """Every anchor's measures for one financial year with the same method, side by side."""
    year, years, frame = _one_year(payments_frame(detail=False), year)
    comparison = _measure_table(
        "network", "Network comparison", frame, "buyer_id", "Anchor", "local_share_operational"
    )
    names = dict(
        Organisation.objects.filter(pk__in=frame["buyer_id"].unique().to_list()).values_list(
            "pk", "name"
        )
    )
    for row in comparison.rows:
        row["buyer_id"] = names.get(row["buyer_id"], row["buyer_id"])
    comparison.rows.sort(key=lambda row: str(row["buyer_id"]))
    return year, years, comparison


def published_tables(summary: dict) -> list[Table]:
    """The tables of a published summary, from its snapshot."""
    size = size_table(summary.get("size", []))
    trends = Table(
        "trends",
        "Trend over financial years",
        [
            Column("financial_year", "Financial year"),
            Column("payments", "Payments", "count"),
            *MEASURE_COLUMNS,
        ],
        summary.get("trends", []),
        chart=("financial_year", "local_share_operational"),
    )
    return [size, trends]


def published_measures_table(summary: dict) -> Table:
    """A published summary's headline figures as a table (for its downloads)."""
    return Table(
        "measures",
        "Measures",
        HEADLINE_COLUMNS,
        [
            {
                "label": entry["label"],
                "value": show(entry["value"], "money" if name == "total_spend" else "share"),
                "how": entry["how"],
            }
            for name, entry in summary.get("measures", {}).items()
        ],
    )


def summary_snapshot(result: Ledger) -> dict:
    """What an anchor publishes: headline measures with how each is calculated, the size split and
    the trend over years (no payment-level data)."""
    return {
        "financial_year": result.year,
        "measures": {
            name: {
                "label": measure.label,
                "value": result.figures.get(name),
                "how": measure.how,
                "note": LEVEL_NOTE if name == "deprived_area_share" else "",
            }
            for name, measure in m.MEASURES.items()
        },
        "size": result.tables["size"].rows,
        "trends": result.tables["trends"].rows,
        "lm3": result.lm3.lm3 if result.lm3 else None,
    }
