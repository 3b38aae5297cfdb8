"""The programme report's tables as shown and drawn: each cell in words, which columns are figures,
and a table's bar chart as inline SVG (a chart of its `chart_column` against its first column,
always printed with the table beside it, which gives the same figures to everyone).

The SVG carries no script and no `style` attribute (the Content-Security-Policy forbids inline
style): only presentation attributes (fill, width...) and the stylesheet's classes. It is an image
with a name and a description (role="img", <title>, <desc>, aria-labelledby), so a screen reader
says what the chart shows and that the table has the figures. Pure: plain values in, text out.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html import escape
from typing import Any

from core.formatting import pounds
from programmes.report_sections import Table

# More columns than this and a table prints on a landscape page (`app-report__table--wide`).
WIDE_COLUMNS = 6

# The chart's geometry, in SVG user units (the viewBox scales to the page's width).
WIDTH = 760
PLOT_LEFT = 240
PLOT_RIGHT = 620  # the bars between, values after
VALUE_X = 630
BAR_HEIGHT = 20
ROW_HEIGHT = 28
TOP = 34  # room for the heading line
LABEL_CHARACTERS = 32

NOT_KNOWN = "Not known"
_FIGURE = re.compile(r"^([+-]?)£?([+-]?)(\d[\d,]*(?:\.\d+)?|\.\d+)(%?)$")


def cell_text(value: Any) -> str:
    """A cell as printed: numbers with thousands separated, dates in words, yes or no."""
    if value is None or value == "":
        return NOT_KNOWN
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, datetime.datetime):
        return f"{value.day} {value:%B %Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def money_text(value: Any) -> str:
    """An amount of money as printed: £1,234, or £1,234.56 when it has pence."""
    if isinstance(value, int | Decimal | float) and not isinstance(value, bool):
        return pounds(value, pence=Decimal(str(value)) % 1 != 0)
    return cell_text(value)


def column_text(table: Table, column: int, value: Any) -> str:
    return money_text(value) if column in table.money_columns else cell_text(value)


def figure(value: Any) -> float | None:
    """The number a cell holds, if it holds one: 12, Decimal("3.5"), "£1,234", "-£50", "12.5%",
    "−7" (a minus sign). None for text, blanks, yes/no and dates (never drawn)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        number = float(value)
        return number if number == number and abs(number) != float("inf") else None
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\u2212", "-").replace(" ", "")
    match = _FIGURE.match(text)
    if not match or (match[1] and match[2]):
        return None
    try:
        number = float(Decimal(match[3].replace(",", "")))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    return -number if "-" in (match[1], match[2]) else number


def numeric_columns(table: Table) -> tuple[bool, ...]:
    """Which columns hold figures (every cell given is a number), to align them right. The first
    column names the rows and is never a figure column."""
    columns = []
    for index in range(len(table.headers)):
        cells = [
            row[index] for row in table.rows if index < len(row) and row[index] not in ("", None)
        ]
        columns.append(index > 0 and bool(cells) and all(figure(c) is not None for c in cells))
    return tuple(columns)


def is_wide(table: Table) -> bool:
    return len(table.headers) > WIDE_COLUMNS


def rows_text(table: Table) -> list[list[str]]:
    """Every row as printed, padded to the headers' width (a short row leaves cells blank)."""
    width = len(table.headers)
    return [
        [column_text(table, i, row[i]) if i < len(row) else "" for i in range(width)]
        for row in table.rows
    ]


@dataclass(frozen=True)
class Bar:
    label: str  # shortened to fit; the table has it in full
    shown: str  # the value as the table prints it
    x: float
    y: int
    width: float
    negative: bool


@dataclass(frozen=True)
class Chart:
    ident: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    zero_x: float
    height: int


def chart(table: Table, ident: str) -> Chart | None:
    """The bar chart of `table`, or None when it has no chart column or no row with a figure.
    Rows whose cell is not a number are left out of the chart and the description says how many;
    negative values draw left of the zero line, zeros as a zero-length bar."""
    column = table.chart_column
    if column is None or not 0 < column < len(table.headers):
        return None
    points = []
    for row in table.rows:
        value = figure(row[column]) if column < len(row) else None
        if value is not None:
            label = cell_text(row[0]) if row else NOT_KNOWN
            points.append((label, column_text(table, column, row[column]), value))
    if not points:
        return None
    low = min(0.0, *(v for _, _, v in points))
    high = max(0.0, *(v for _, _, v in points))
    span = (high - low) or 1.0
    scale = (PLOT_RIGHT - PLOT_LEFT) / span
    zero_x = round(PLOT_LEFT - low * scale, 1)
    bars = tuple(
        Bar(
            label=_shorten(label),
            shown=shown,
            x=round(zero_x + min(value, 0.0) * scale, 1),
            y=TOP + i * ROW_HEIGHT,
            width=round(abs(value) * scale, 1),
            negative=value < 0,
        )
        for i, (label, shown, value) in enumerate(points)
    )
    left_out = len(table.rows) - len(points)
    measured, against = table.headers[column], table.headers[0]
    description = (
        f"Bar chart of {measured} by {against}, {len(points)} "
        f"{'bar' if len(points) == 1 else 'bars'}"
        + (" (negative values to the left of the zero line)" if low < 0 else "")
        + "."
        + (
            f" {left_out} {'row has' if left_out == 1 else 'rows have'} no figure and "
            f"{'is' if left_out == 1 else 'are'} not drawn."
            if left_out
            else ""
        )
        + f" The table “{table.title}” beside the chart gives the same figures."
    )
    return Chart(
        ident=ident,
        title=f"{measured} by {against}",
        description=description,
        bars=bars,
        zero_x=zero_x,
        height=TOP + len(bars) * ROW_HEIGHT + 8,
    )


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def svg(drawn: Chart) -> str:
    """The chart as inline SVG markup, every text escaped."""
    title_id, desc_id = f"{drawn.ident}-title", f"{drawn.ident}-desc"
    parts = [
        (
            f'<svg class="app-report__chart-svg" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {WIDTH} {drawn.height}" '
            f'width="{WIDTH}" height="{drawn.height}" focusable="false">'
        ),
        f'<title id="{title_id}">{escape(drawn.title)}</title>',
        f'<desc id="{desc_id}">{escape(drawn.description)}</desc>',
        (
            f'<text class="app-chart__label" x="0" y="18" font-weight="bold">'
            f"{escape(drawn.title)}</text>"
        ),
    ]
    for bar in drawn.bars:
        kind = "app-chart__bar app-chart__bar--negative" if bar.negative else "app-chart__bar"
        text_y = bar.y + 15
        parts.append(
            f'<text class="app-chart__label" x="0" y="{text_y}">{escape(bar.label)}</text>'
            f'<rect class="{kind}" x="{bar.x}" y="{bar.y}" width="{bar.width}" '
            f'height="{BAR_HEIGHT}" fill="{"#d4351c" if bar.negative else "#1d70b8"}"></rect>'
            f'<text class="app-chart__value" x="{VALUE_X}" y="{text_y}">{escape(bar.shown)}</text>'
        )
    parts.append(
        f'<line x1="{drawn.zero_x}" y1="{TOP - 4}" x2="{drawn.zero_x}" '
        f'y2="{drawn.height - 4}" stroke="#0b0c0c" stroke-width="1"></line>'
    )
    parts.append("</svg>")
    return "".join(parts)
