"""A scorecard as the pages, downloads and API show it: each registered indicator's figure in
words (by its unit), its band and the band's source, how it is calculated; the trend by quarter
(sliced from the tables read once); the rows behind a figure. Every table is a `core.tables.Table`,
so the page and its CSV and XLSX give the same figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import polars as pl
from django.conf import settings

from core.formatting import pounds
from core.tables import Column, Table
from scorecard import slicing
from scorecard.indicators import INDICATORS, Figure, band_of, evaluate
from scorecard.notice_table import Tables
from scorecard.periods import MOST_QUARTERS, Period, Quarter, quarters
from scorecard.report import Scorecard, indicator_data

# core.tables' kind for each indicator unit (days are shown to one decimal place).
KINDS = {
    "share": "share",
    "days": "count",
    "count": "count",
    "money": "money",
    "index": "lm3",
    "yes_no": "yesno",
}
BAND_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}
BAND_TAGS = {"green": "govuk-tag--green", "amber": "govuk-tag--yellow", "red": "govuk-tag--red"}


def shown(value: float | None, unit: str) -> str:
    """An indicator's value in words: 12.5% , 31.0 days, 154, £1,234, Yes, 0.123."""
    if value is None:
        return "No figure"
    if unit == "share":
        return f"{value:.1%}"
    if unit == "days":
        return f"{value:,.1f} days"
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "money":
        return pounds(value)
    if unit == "yes_no":
        return "Yes" if value else "No"
    return f"{value:.3f}"


def raw(value: float | None, unit: str) -> float | None:
    """The value as a table holds it: days rounded to one decimal place, the rest as they are."""
    if value is None:
        return None
    if unit == "count":
        return round(value)
    return round(value, 1) if unit == "days" else value


def label_of(name: str) -> str:
    return indicator_data().get(name, {}).get("label") or INDICATORS[name].label


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Line:
    """One indicator on a scorecard."""

    name: str
    label: str
    unit: str
    figure: Figure
    band: str | None
    bands: dict | None
    source: str
    how: str
    better: str

    @property
    def shown(self) -> str:
        return shown(self.figure.value, self.unit)

    @property
    def band_words(self) -> str:
        return BAND_WORDS.get(self.band or "", "")

    @property
    def band_tag(self) -> str:
        return BAND_TAGS.get(self.band or "", "")

    @property
    def bands_words(self) -> str:
        """The published bands in words: "Green up to 5.0%; amber up to 10.0%; red otherwise"."""
        if not self.bands:
            return ""
        parts = []
        for colour in ("green", "amber", "red"):
            limits = self.bands.get(colour)
            if limits is None:
                continue
            low, high = limits.get("min"), limits.get("max")
            if high is not None:
                parts.append(f"{colour} up to {shown(high, self.unit)}")
            elif low is not None:
                parts.append(f"{colour} from {shown(low, self.unit)}")
            else:
                parts.append(f"{colour} otherwise")
        return "; ".join(parts).capitalize()

    @property
    def counts(self) -> str:
        """What the figure rests on, in words: "12 of 40", "rests on 40"."""
        figure = self.figure
        if not figure.denominator:
            return ""
        if figure.numerator is None:
            return f"from {figure.denominator:,.0f} rows"
        if self.unit == "share" and self.table_of_value:
            return f"{pounds(figure.numerator)} of {pounds(figure.denominator)}"
        return f"{figure.numerator:,.0f} of {figure.denominator:,.0f}"

    @property
    def table_of_value(self) -> bool:
        """A share of money (awarded value), not of a count of rows."""
        return self.name.endswith("value_share")

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "unit": self.unit,
            **self.figure.as_json(self.band),  # type: ignore[arg-type]
            "note": self.figure.note,
            "how": self.how,
            "source": self.source,
            "bands": self.bands,
        }


def line(name: str, figure: Figure) -> Line:
    data = indicator_data().get(name, {})
    item = INDICATORS[name]
    bands = data.get("bands")
    return Line(
        name,
        label_of(name),
        item.unit,
        figure,
        band_of(figure.value, bands),
        bands,
        data.get("source", ""),
        item.how,
        item.better,
    )


def lines(card: Scorecard) -> list[Line]:
    return [line(name, figure) for name, figure in card.figures.items()]


UNIT_WORDS = {
    "share": "per cent",
    "days": "days",
    "count": "number",
    "money": "pounds",
    "index": "index",
}


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 2)


def indicators_table(card_lines: list[Line]) -> Table:
    """Every indicator's figure (shares as per cent, so one column holds every unit)."""
    return Table(
        "indicators",
        "Indicators",
        [
            Column("label", "Indicator"),
            Column("shown", "Figure"),
            Column("value", "Value", "lm3"),
            Column("unit", "Unit"),
            Column("numerator", "Numerator", "lm3"),
            Column("denominator", "Denominator", "lm3"),
            Column("band", "Band"),
            Column("note", "Note"),
            Column("source", "Source"),
        ],
        [
            {
                "label": item.label,
                "shown": item.shown,
                "value": None
                if item.figure.value is None
                else item.figure.value * (100 if item.unit == "share" else 1),
                "unit": UNIT_WORDS.get(item.unit, item.unit),
                "numerator": _number(item.figure.numerator),
                "denominator": _number(item.figure.denominator),
                "band": item.band_words or ("No figure" if item.bands else "No published band"),
                "note": item.figure.note or "",
                "source": item.source,
            }
            for item in card_lines
        ],
        empty="No indicator is registered.",
    )


def notices_table(notices: dict[str, int]) -> Table:
    return Table(
        "notices",
        "Notices by type",
        [Column("type", "Notice type"), Column("count", "Releases", "count")],
        [{"type": kind, "count": count} for kind, count in notices.items()],
        note="A release counts once for each UK notice type in any of its documents lists.",
        empty="No notices in this period.",
    )


def trend_quarters(tables: Tables, period: Period) -> list[Quarter]:
    """The quarters the period spans (every release's when the period is open)."""
    first, last = slicing.dates_in_period(tables, settings.TIME_ZONE)
    since = period.since or first
    until = period.until or last
    if since is None or until is None:
        return []
    return quarters(since, until)


def _clip(quarter: Quarter, period: Period) -> tuple[date, date]:
    start = max(quarter.start, period.since) if period.since else quarter.start
    end = min(quarter.end, period.until) if period.until else quarter.end
    return start, end


def trend(tables: Tables, period: Period) -> list[tuple[Quarter, dict[str, Figure]]]:
    """Every indicator's figure in each quarter of the period (the first and last clipped to
    it), from the tables already read."""
    found = []
    for quarter in trend_quarters(tables, period):
        start, end = slicing.bounds(*_clip(quarter, period), zone())
        found.append((quarter, evaluate(slicing.within(tables, start, end))))
    return found


def trend_table(found: list[tuple[Quarter, dict[str, Figure]]]) -> Table:
    names = list(INDICATORS)
    return Table(
        "trend",
        "Trend by quarter",
        [Column("quarter", "Quarter")]
        + [Column(name, label_of(name), KINDS[INDICATORS[name].unit]) for name in names],
        [
            {"quarter": quarter.label}
            | {
                name: raw(figures[name].value, INDICATORS[name].unit)
                for name in names
                if name in figures
            }
            for quarter, figures in found
        ],
        note="Each quarter's figures are counted as for the whole period, over that quarter's "
        "releases (financial quarters: Q1 is April to June; at most the latest "
        f"{MOST_QUARTERS}). Not known: nothing to count.",
        empty="No releases in this period, so no quarters to show.",
    )


def indicator_trend_table(name: str, found: list[tuple[Quarter, dict[str, Figure]]]) -> Table:
    unit = INDICATORS[name].unit
    bands = indicator_data().get(name, {}).get("bands")
    return Table(
        "trend",
        f"{label_of(name)}: trend by quarter",
        [
            Column("quarter", "Quarter"),
            Column("value", label_of(name), KINDS[unit]),
            Column("numerator", "Numerator", "lm3"),
            Column("denominator", "Denominator", "lm3"),
            Column("band", "Band"),
        ],
        [
            {
                "quarter": quarter.label,
                "value": raw(figures[name].value, unit),
                "numerator": _number(figures[name].numerator),
                "denominator": _number(figures[name].denominator),
                "band": BAND_WORDS.get(band_of(figures[name].value, bands) or "", "No band"),
            }
            for quarter, figures in found
        ],
        empty="No releases in this period, so no quarters to show.",
    )


# The rows behind a figure: words for the columns the indicators give.
LABELS = {
    "counted": "Counted in the figure",
    "ocid": "Process (OCID)",
    "release_id": "Release",
    "date": "Published",
    "title": "Title",
    "url": "Notice",
    "kind": "Notice type",
    "lots_in_tender": "Lots",
    "tender_days": "Tender period (days)",
    "urgency": "Urgency given",
    "qualifying_uk3": "Qualifying UK3",
    "tender_end": "Tender deadline",
    "award_date": "Award date",
    "days": "Days",
    "lot_id": "Lot",
    "bids": "Bids",
    "final_stage_bids": "Final-stage bids",
    "sme_final_stage_bids": "Final-stage bids from SMEs",
    "vcse_final_stage_bids": "Final-stage bids from VCSEs",
    "supplier": "Supplier key",
    "supplier_name": "Supplier",
    "awarded": "Awarded value",
    "share": "Share",
    "value": "Value",
    "financial_year": "Financial year",
    "paid_in_period": "Paid in the period",
    "threshold": "Threshold",
}
MONEY = ("value", "awarded", "amount", "paid", "spend", "threshold")


def _kind(name: str, dtype: pl.DataType) -> str:
    if dtype == pl.Boolean:
        return "yesno"
    if name == "share" or name.endswith("_share"):
        return "share"
    if name.endswith(("_id", "year")):  # identifiers and years are not quantities
        return "text"
    if dtype.is_numeric():
        return "money" if any(word in name for word in MONEY) else "count"
    return "text"


def _in_kind(value, key: str, kind: str):
    """A cell as its column shows it: a financial year as 2025-26, a whole count as a whole."""
    if key == "financial_year" and isinstance(value, int):
        return f"{value}-{(value + 1) % 100:02d}"
    if kind == "count" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _cell(value):
    if isinstance(value, datetime):
        return value.astimezone(zone()).date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def behind_rows(figure: Figure) -> tuple[list[Column], list[dict]]:
    """The columns and rows of the figure's drill-down, counted rows first."""
    behind = figure.behind
    if behind is None or behind.is_empty():
        return [], []
    if "counted" in behind.columns:
        order = ["counted", *[c for c in behind.columns if c != "counted"]]
        behind = behind.select(order).sort("counted", descending=True, maintain_order=True)
    columns = [
        Column(name, LABELS.get(name, name.replace("_", " ").capitalize()), _kind(name, dtype))
        for name, dtype in behind.schema.items()
    ]
    kinds = {column.key: column.kind for column in columns}
    rows = [
        {key: _in_kind(_cell(value), key, kinds[key]) for key, value in row.items()}
        for row in behind.iter_rows(named=True)
    ]
    return columns, rows


def behind_table(name: str, columns: list[Column], rows: list[dict], for_page: bool) -> Table:
    """The drill-down as a table; on the page the title links to the notice."""
    if for_page and any(c.key == "url" for c in columns):
        columns = [
            Column(c.key, c.label, c.kind, link="url" if c.key == "title" else "")
            for c in columns
            if c.key != "url"
        ]
    return Table(
        "rows",
        f"{label_of(name)}: what the figure rests on",
        columns,
        rows,
        empty="Nothing in this period: the figure rests on no rows.",
    )
