"""The report's files without a database: sheet names Excel accepts, and money written as numbers
in a pounds format (printed as £ on the page, `report_charts.money_text`)."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from programmes import report_charts, report_files
from programmes.report import Part, Report
from programmes.report_sections import Section, Table


@pytest.mark.parametrize(
    ("keys", "names"),
    [
        (["a", "A", "a"], ["a", "A (2)", "a (3)"]),
        (["cover", "History", "[x]/y*"], ["cover (2)", "History (2)", "x  y"]),
        (["", "'quoted'"], ["Table", "quoted"]),
        (["x" * 40, "x" * 40], ["x" * 31, "x" * 27 + " (2)"]),
    ],
)
def test_sheet_names_are_short_unique_and_allowed(keys, names):
    assert report_files.sheet_names(keys) == names


def test_money_columns_are_numbers_in_pounds_and_printed_with_the_pound_sign():
    table = Table(
        key="costs",
        title="Costs",
        headers=("Year", "Cost", "Lines"),
        rows=(("2026-27", Decimal("118000.00"), 3), ("2027-28", Decimal("-50.5"), 1)),
        money_columns=(1,),
    )
    report = Report(
        slug="p",
        title="P",
        summary="S",
        is_published=True,
        is_sample=False,
        generated_on=datetime.date(2026, 12, 3),
        parts=(Part("costing", Section("costing", "Costing", tables=(table,))),),
    )
    sheet = openpyxl.load_workbook(io.BytesIO(report_files.xlsx(report)))["costs"]
    assert sheet["B2"].value == 118000 and "£" in sheet["B2"].number_format
    assert sheet["C2"].value == 3 and "£" not in sheet["C2"].number_format
    assert report_charts.rows_text(table) == [
        ["2026-27", "£118,000", "3"],
        ["2027-28", "-£50.50", "1"],
    ]
