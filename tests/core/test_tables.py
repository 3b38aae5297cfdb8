"""core/tables.py: a table shown, charted and downloaded with the same figures. No database."""

import io

import pytest
from python_calamine import CalamineWorkbook

from core.tables import NO_DATA, Column, Table, show

COLUMNS = [
    Column("name", "Supplier", link="url"),
    Column("amount", "Spend", "money"),
    Column("share", "Share", "share"),
    Column("local", "Local", "yesno"),
]
ROWS = [
    {"name": "Acme", "url": "/suppliers/1/", "amount": 1500.0, "share": 0.75, "local": True},
    {"name": "", "amount": 500, "share": 0.25, "local": False},
    {"name": "Gamma", "no_data": True},
]


def table(**options):
    return Table("spend", "Spend by supplier", COLUMNS, ROWS, **options)


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (None, "money", "Not known"),
        (1234.4, "money", "£1,234"),
        (0.1234, "share", "12.3%"),
        (12345, "count", "12,345"),
        (1.456, "lm3", "1.46"),
        (True, "yesno", "Yes"),
        (False, "yesno", "No"),
        ("", "text", "Not stated"),
        ("Acme", "text", "Acme"),
    ],
)
def test_show(value, kind, shown):
    assert show(value, kind) == shown


def test_display_aligns_numbers_links_and_says_no_data_once():
    rows = table().display()
    assert rows[0] == [
        ("Acme", False, "/suppliers/1/"),
        ("£1,500", True, ""),
        ("75.0%", True, ""),
        ("Yes", False, ""),
    ]
    assert rows[1][0] == ("Not stated", False, "")
    assert rows[2] == [
        ("Gamma", False, ""),
        (NO_DATA, True, ""),
        ("", True, ""),
        ("Not known", False, ""),
    ]


def test_bars_are_drawn_against_the_largest_leaving_out_rows_without_data():
    charted = table(chart=("name", "amount"))
    assert charted.bars() == [
        {"label": "Acme", "shown": "£1,500", "width": 400.0, "value_x": 658.0, "y": 30},
        {"label": "Not stated", "shown": "£500", "width": 133.3, "value_x": 391.3, "y": 58},
    ]
    assert charted.chart_height() == 28 * 2 + 60
    assert charted.axis_y() == charted.chart_height() - 10
    assert charted.chart_heading == "Spend"
    assert charted.chart_axis == "Spend (pounds)"
    assert table(chart=("name", "amount"), chart_title="Spend in 2025-26").chart_heading == (
        "Spend in 2025-26"
    )


def test_a_table_without_a_chart_has_no_bars_heading_or_axis():
    plain = table()
    assert plain.bars() == [] and plain.chart_heading == "" and plain.chart_axis == ""
    assert plain.value_column is None


def test_negative_values_draw_no_bar_but_still_show():
    rows = [{"name": "Refund", "amount": -100.0}, {"name": "Acme", "amount": 50.0}]
    bars = Table("t", "T", COLUMNS[:2], rows, chart=("name", "amount")).bars()
    assert [(b["shown"], b["width"]) for b in bars] == [("-£100", 0.0), ("£50", 200.0)]


def test_csv_holds_raw_figures_and_no_data_once():
    lines = table().csv().splitlines()
    assert lines == [
        "Supplier,Spend,Share,Local",
        "Acme,1500.0,0.75,yes",
        ",500.0,0.25,no",
        f"Gamma,{NO_DATA},,",
    ]


def test_xlsx_holds_the_same_figures_as_numbers():
    book = CalamineWorkbook.from_filelike(io.BytesIO(table().xlsx()))
    assert book.sheet_names == ["Spend by supplier"]
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0] == ["Supplier", "Spend", "Share", "Local"]
    assert rows[1] == ["Acme", 1500.0, 0.75, "yes"]
    assert rows[3][:2] == ["Gamma", NO_DATA]


def test_a_wide_table_prints_landscape_in_parts_each_with_its_first_column():
    from core.tables import PORTRAIT_COLUMNS, PRINTED_COLUMNS

    columns = [Column("quarter", "Quarter")] + [
        Column(f"m{i}", f"Measure {i}", "count") for i in range(1, 17)
    ]
    table = Table("wide", "Wide", columns, [{"quarter": "Q1"} | {f"m{i}": i for i in range(1, 17)}])
    assert table.printed_wide and len(columns) > PRINTED_COLUMNS > PORTRAIT_COLUMNS
    parts = table.printed_parts()
    assert [[c.label for c in part["columns"]][:2] for part in parts] == [
        ["Quarter", "Measure 1"],
        ["Quarter", "Measure 9"],
    ]
    assert [len(part["columns"]) for part in parts] == [9, 9]
    assert [(part["first"], part["last"]) for part in parts] == [(2, 9), (10, 17)]
    assert parts[1]["display"] == [[("Q1", False, "")] + [(str(i), True, "") for i in range(9, 17)]]
    printed = [c.key for part in parts for c in part["columns"][1:]]
    assert printed == [c.key for c in columns[1:]]  # every column, once


def test_a_table_that_fits_prints_whole_and_portrait():
    table = Table(
        "narrow", "Narrow", [Column("a", "A"), Column("b", "B", "count")], [{"a": "x", "b": 1}]
    )
    assert not table.printed_wide
    (part,) = table.printed_parts()
    assert part["columns"] == table.columns and part["display"] == table.display()
