"""The ledger's tables built from its figures (spend/ledger_tables.py): the headline measures each
over analysed, known and addressable spend with the coverage of what it needs, the measures grouped
by a column, and the size and sector splits. No database."""

import polars as pl
import pytest

from spend import measures as m
from spend.ledger_tables import (
    HEADLINE_COLUMNS,
    LEVEL_NOTES,
    MEASURE_COLUMNS,
    SHARES_NOTE,
    headline_rows,
    headline_table,
    level_note,
    measure_table,
    sector_table,
    size_table,
)
from tests.spend.measures.frames import PLACED, frame


@pytest.fixture
def placed():
    return frame(PLACED, level="LSOA")


def rows_by_name(figures, level=None):
    return {row["name"]: row for row in headline_rows(figures, level)}


def test_the_level_note():
    assert level_note("LSOA") == "Judged by the LSOA of the supplier's postcode (IMD 2019)."
    assert level_note(None) == LEVEL_NOTES[None]
    assert level_note("LAD") == LEVEL_NOTES[None]  # a level not judged by is as not known
    assert "load_registers" in level_note(None)


def test_a_headline_row_for_every_measure_in_order(placed):
    rows = headline_rows(m.report(placed), "LSOA")
    assert [row["name"] for row in rows] == list(m.MEASURES)
    assert all(row["how"] == m.MEASURES[row["name"]].how for row in rows)
    assert all(row["coverage"] == "70.0%" for row in rows)


def test_a_share_with_a_fact_is_given_over_each_basis(placed):
    uk = rows_by_name(m.report(placed), "LSOA")["uk_share"]
    # 600 of 1,000 in the UK, 300 not known, 600 of the 700 known, 400 of the 800 addressable
    assert (uk["raw"], uk["value"], uk["unknown"], uk["known"], uk["addressable"]) == (
        pytest.approx(0.6),
        "60.0%",
        "30.0%",
        "85.7%",
        "50.0%",
    )
    assert uk["known_for"] == "place known for 70.0% of analysed spend"
    assert uk["basis"] == "place" and uk["note"] == ""


def test_money_and_coverage_rows_have_no_variants(placed):
    rows = rows_by_name(m.report(placed), "LSOA")
    total = rows["total_spend"]
    assert (total["value"], total["unknown"], total["known"], total["addressable"]) == (
        "£1,000",
        "",
        "",
        "",
    )
    assert total["known_for"] == ""  # a measure with no basis
    # a coverage figure is not said to be known for its own coverage
    assert rows["location_coverage"]["known_for"] == ""
    assert rows["location_coverage"]["value"] == "70.0%"
    assert rows["public_sector_share"]["known_for"] == "sector known for 70.0% of analysed spend"


def test_deprivation_and_vcse_are_known_for_the_spend_their_flag_is_known(placed):
    figures = m.report(placed)
    rows = rows_by_name(figures, "LSOA")
    deprived = rows["deprived_area_share"]
    assert deprived["known_for"] == "deprivation of its LSOA known for 70.0% of analysed spend"
    assert deprived["note"] == LEVEL_NOTES["LSOA"]
    figures["vcse_unknown_share"] = 0.25
    assert rows_by_name(figures)["vcse_share"]["known_for"] == (
        "VCSE status known for 75.0% of analysed spend"
    )
    # judged at no level: the note says how to judge it
    assert rows_by_name(figures, None)["deprived_area_share"]["note"] == LEVEL_NOTES[None]


def test_figures_not_known_are_shown_as_such():
    rows = rows_by_name({})
    uk = rows["uk_share"]
    assert (uk["raw"], uk["value"], uk["unknown"], uk["known"], uk["addressable"]) == (
        None,
        "Not known",
        "Not known",
        "Not known",
        "Not known",
    )
    assert rows["total_spend"]["value"] == "Not known"
    assert rows["deprived_area_share"]["known_for"].startswith("deprivation of its LSOA known for")


def test_the_headline_table(placed):
    table = headline_table(m.report(placed))
    assert (table.name, table.title, table.columns) == ("measures", "Measures", HEADLINE_COLUMNS)
    assert len(table.rows) == len(m.MEASURES)
    assert table.rows[-1]["note"] == ""
    assert (
        next(r for r in table.rows if r["name"] == "deprived_area_share")["note"]
        == (LEVEL_NOTES[None])
    )


def test_a_measure_table_groups_by_a_column_largest_first(placed):
    by_payee = placed.with_columns(category=pl.format("Category {}", "payee_id"))
    table = measure_table("categories", "By category", by_payee, "category", "Category", "uk_share")
    assert [row["category"] for row in table.rows] == [
        "Category 1",
        "Category 4",
        "Category 3",
        "Category 2",
    ]
    assert [c.key for c in table.columns[:2]] == ["category", "payments"]
    assert table.columns[2:] == MEASURE_COLUMNS
    assert table.chart == ("category", "uk_share")
    assert table.note == SHARES_NOTE
    # in the UK, not known (no figure rather than 0%), abroad
    assert [row["uk_share"] for row in table.rows] == [1.0, None, 1.0, 0.0]
    limited = measure_table("c", "C", by_payee, "category", "Category", "uk_share", 2, "Mine")
    assert [row["category"] for row in limited.rows] == ["Category 1", "Category 4"]
    assert limited.note == "Mine"


def test_a_measure_table_of_no_payments_has_no_rows():
    table = measure_table("c", "C", pl.DataFrame(), "category", "Category", "uk_share")
    assert table.rows == [] and table.columns[2:] == MEASURE_COLUMNS


def test_the_size_and_sector_tables():
    size = size_table([{"size": "Small", "suppliers": 2, "spend": 10.0, "share": 0.5}])
    assert (size.name, size.chart, [c.key for c in size.columns]) == (
        "size",
        ("size", "share"),
        ["size", "suppliers", "spend", "share"],
    )
    assert size.rows == [{"size": "Small", "suppliers": 2, "spend": 10.0, "share": 0.5}]
    assert "never counted as SMEs" in size.note
    sector = sector_table([])
    assert (sector.name, sector.chart, [c.key for c in sector.columns]) == (
        "sectors",
        ("sector", "share"),
        ["sector", "suppliers", "spend", "share"],
    )
    assert "addressable figures leave their spend out" in sector.note
    assert sector.chart_title == "Share of all spend by the payee's sector"
