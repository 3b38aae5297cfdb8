"""The report's charts and cells, without a database: numbers read from cells, negative values,
zeros, empty tables, text cells, and the SVG's accessible name and the absence of inline style."""

import re
from datetime import date
from decimal import Decimal

import pytest

from programmes import report_charts
from programmes.report_sections import Table
from tests.programmes.report_fixtures import FUNDING, WIDE


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        (12, 12.0),
        (Decimal("3.50"), 3.5),
        (0, 0.0),
        ("£1,234", 1234.0),
        ("-£50", -50.0),
        ("£-50", -50.0),
        ("\u221212.5", -12.5),
        ("12.5%", 12.5),
        (" 7 ", 7.0),
        ("not yet known", None),
        ("", None),
        (None, None),
        (True, None),
        (date(2026, 4, 1), None),
        ("--5", None),
        ("1.2.3", None),
        (float("nan"), None),
    ],
)
def test_figures_are_read_from_cells(cell, number):
    assert report_charts.figure(cell) == number


def test_cells_in_words():
    assert report_charts.cell_text(1234567) == "1,234,567"
    assert report_charts.cell_text(Decimal("125000.50")) == "125,000.50"
    assert report_charts.cell_text(None) == "Not known"
    assert report_charts.cell_text(True) == "Yes"
    assert report_charts.cell_text(date(2026, 9, 1)) == "1 September 2026"
    assert report_charts.cell_text("As written") == "As written"


def test_the_chart_draws_negative_and_zero_values_and_leaves_out_text():
    chart = report_charts.chart(FUNDING, "c")
    assert chart is not None
    assert [b.label for b in chart.bars] == ["2026-27", "2027-28", "2028-29"]
    positive, zero, negative = chart.bars
    assert zero.width == 0 and zero.x == chart.zero_x
    assert negative.negative and negative.x < chart.zero_x
    assert negative.x + negative.width == pytest.approx(chart.zero_x)
    assert positive.x == chart.zero_x and positive.width > negative.width
    assert positive.x + positive.width <= report_charts.PLOT_RIGHT + 0.1
    assert negative.x >= report_charts.PLOT_LEFT - 0.1
    assert "1 row has no figure and is not drawn" in chart.description
    assert "negative values to the left" in chart.description
    assert [b.shown for b in chart.bars] == ["125,000.00", "0", "-2,500"]


def test_all_zeros_and_only_positive_values():
    zeros = Table("z", "Zeros", ("Name", "Count"), (("A", 0), ("B", 0)), chart_column=1)
    chart = report_charts.chart(zeros, "z")
    assert [b.width for b in chart.bars] == [0, 0]
    positive = Table("p", "Counts", ("Name", "Count"), (("A", 1), ("B", 4)), chart_column=1)
    chart = report_charts.chart(positive, "p")
    assert chart.zero_x == report_charts.PLOT_LEFT
    assert chart.bars[1].width == report_charts.PLOT_RIGHT - report_charts.PLOT_LEFT
    assert chart.bars[0].width == pytest.approx(chart.bars[1].width / 4)


@pytest.mark.parametrize(
    "table",
    [
        Table("e", "Empty", ("Name", "Count"), (), chart_column=1),
        Table("t", "Text only", ("Name", "Count"), (("A", "n/a"),), chart_column=1),
        Table("n", "No chart", ("Name", "Count"), (("A", 1),)),
        Table("f", "First column", ("Name", "Count"), (("A", 1),), chart_column=0),
        Table("o", "Out of range", ("Name", "Count"), (("A", 1),), chart_column=5),
        Table("s", "Short rows", ("Name", "Count"), (("A",),), chart_column=1),
    ],
)
def test_no_chart_without_a_figure_to_draw(table):
    assert report_charts.chart(table, "x") is None


def test_the_svg_is_an_image_with_a_name_and_no_inline_style():
    table = Table(
        "x",
        "Spend <by> supplier",
        ("Supplier & Co", "Spend"),
        (("<script>alert(1)</script> Very long supplier name that goes on", "£10"),),
        chart_column=1,
    )
    markup = report_charts.svg(report_charts.chart(table, "chart-1"))
    assert markup.startswith("<svg") and markup.endswith("</svg>")
    assert 'role="img"' in markup
    assert 'aria-labelledby="chart-1-title chart-1-desc"' in markup
    assert '<title id="chart-1-title">Spend by Supplier &amp; Co</title>' in markup
    assert '<desc id="chart-1-desc">' in markup
    assert "style=" not in markup and "<script" not in markup and "&lt;script&gt;" in markup
    assert "Spend &lt;by&gt; supplier" in markup  # the table's title, in the description
    assert "…" in markup  # the long label shortened (the table has it in full)
    assert re.search(r'<rect class="app-chart__bar" x="[\d.]+" y="\d+" width="[\d.]+"', markup)


def test_numeric_columns_and_wide_tables():
    assert report_charts.numeric_columns(FUNDING) == (False, False, True, False)
    assert report_charts.numeric_columns(WIDE) == (False, *([True] * 6), False)
    assert report_charts.is_wide(WIDE) and not report_charts.is_wide(FUNDING)
    short = Table("s", "Short", ("A", "B", "C"), (("x",), ("y", 1, 2)))
    assert report_charts.rows_text(short) == [["x", "", ""], ["y", "1", "2"]]
