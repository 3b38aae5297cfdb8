"""The ledger's tables: columns of a kind (money, share...), each table shown as HTML, drawn as a
labelled bar chart (title, axis and caption saying what is measured and when) and downloaded as
CSV or XLSX with the same figures. Pure: plain rows in, text and bytes out."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from core import csvfile
from core.formatting import fy_label, pounds

__all__ = ["NO_DATA", "Column", "Table", "fy_label", "show"]

NO_DATA = "No data yet"
# On paper: a table of more than PORTRAIT_COLUMNS columns prints on a landscape page, and one of
# more than PRINTED_COLUMNS as several tables of at most that many, each beginning with the
# table's first column, so that no figure is too small to read or cut off at the page's edge.
PORTRAIT_COLUMNS = 6
PRINTED_COLUMNS = 9


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text, money, share, count, yesno, lm3
    link: str = ""  # the row's key holding a page to link this cell to

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
    chart_title: str = ""  # what the chart measures, and when; else the value column's label
    chart_caption: str = ""  # a sentence under the chart saying how to read it
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, url) after the note

    def display(self) -> list[list[tuple[str, bool, str]]]:
        """Each row's cells as shown, whether to align them as numbers, and a page to link to. A
        row with no data (`no_data`) says so rather than showing figures."""
        first = self._first_numeric()
        return [
            [self._shown(row, c, i == first) for i, c in enumerate(self.columns)]
            for row in self.rows
        ]

    @property
    def printed_wide(self) -> bool:
        """Whether the table prints on a landscape page."""
        return len(self.columns) > PORTRAIT_COLUMNS

    def printed_parts(self) -> list[dict]:
        """The table as printed: one part, or (more than PRINTED_COLUMNS columns) several, each
        with the first column and the next columns that fit: {"columns", "display", "first",
        "last"} (first and last: the 1-based positions of its columns after the first)."""
        rest = list(range(1, len(self.columns)))
        step = PRINTED_COLUMNS - 1
        groups = [rest[i : i + step] for i in range(0, len(rest), step)] or [[]]
        display = self.display()
        return [
            {
                "columns": [self.columns[0]] + [self.columns[i] for i in group],
                "display": [[cells[0]] + [cells[i] for i in group] for cells in display],
                "first": group[0] + 1 if group else 1,
                "last": group[-1] + 1 if group else 1,
            }
            for group in groups
        ]

    def _shown(self, row: dict, column: Column, first_numeric: bool) -> tuple[str, bool, str]:
        if row.get("no_data") and column.numeric:
            text = NO_DATA if first_numeric else ""
        else:
            text = show(row.get(column.key), column.kind)
        return text, column.numeric, (row.get(column.link) or "") if column.link else ""

    def _first_numeric(self) -> int:
        return next((i for i, c in enumerate(self.columns) if c.numeric), -1)

    @property
    def value_column(self) -> Column | None:
        if not self.chart:
            return None
        return next(c for c in self.columns if c.key == self.chart[1])

    @property
    def chart_heading(self) -> str:
        return self.chart_title or (self.value_column.label if self.value_column else "")

    @property
    def chart_axis(self) -> str:
        """The value axis in words: what the bars' lengths are."""
        column = self.value_column
        if column is None:
            return ""
        unit = {"money": "pounds", "share": "per cent", "count": "number"}.get(column.kind, "")
        return f"{column.label} ({unit})" if unit else column.label

    def bars(self) -> list[dict]:
        """The chart's bars: label, value shown, and length as a share of the largest. Rows with
        no data are not drawn (the table says so)."""
        if not self.chart:
            return []
        label, value = self.chart
        column = self.value_column
        assert column is not None  # a chart names its value column
        kind = column.kind
        drawn = [row for row in self.rows if not row.get("no_data")]
        values = [row.get(value) or 0 for row in drawn]
        top = max((abs(v) for v in values), default=0) or 1
        return [
            {
                "label": str(row.get(label) or "Not stated"),
                "shown": show(row.get(value), kind),
                "width": round(400 * max(v, 0) / top, 1),
                "value_x": round(258 + 400 * max(v, 0) / top, 1),
                "y": 28 * i + 30,
            }
            for i, (row, v) in enumerate(zip(drawn, values, strict=True))
        ]

    def chart_height(self) -> int:
        """Room for the title line, the bars and the axis line."""
        return 28 * len([row for row in self.rows if not row.get("no_data")]) + 60

    def axis_y(self) -> int:
        return self.chart_height() - 10

    def csv(self) -> str:
        out = io.StringIO()
        writer = csvfile.Writer(out)
        writer.writerow([c.label for c in self.columns])
        for row in self.rows:
            writer.writerow([self._cell(row, c) for c in self.columns])
        return out.getvalue()

    def _cell(self, row: dict, column: Column):
        if row.get("no_data") and column.numeric:
            return NO_DATA if column.key == self.columns[self._first_numeric()].key else None
        return _raw(row.get(column.key), column.kind)

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
                value = self._cell(row, column)
                if value is None or value == "":
                    sheet.write_blank(r, col, None)
                elif column.kind in formats and not isinstance(value, str):
                    sheet.write_number(r, col, value, formats[column.kind])
                else:
                    sheet.write_string(r, col, str(value))
        book.close()
        return out.getvalue()


def show(value, kind: str) -> str:
    if value is None:
        return "Not known"
    if kind == "money":
        return pounds(value)
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
