"""Gathering a programme's report: every registered section in order, the cover first; a part
that fails is shown as not produced (and logged) while the rest are printed; the files made from
it (XLSX and JSON) without the web."""

import io
import logging
from datetime import date

import openpyxl
import pytest

from programmes import report_files
from programmes.report import UNEXPECTED, gather
from tests.programmes.report_fixtures import (  # noqa: F401 (fixtures)
    FUNDING,
    WIDE,
    report_programme_fixture,
    report_test_sections_fixture,
)

pytestmark = pytest.mark.usefixtures("report_test_sections")


def test_sections_in_order_and_a_failing_one_does_not_stop_the_rest(report_programme, caplog):
    with caplog.at_level(logging.WARNING, logger="programmes.report"):
        report = gather(report_programme, today=date(2026, 12, 3))
    assert [p.key for p in report.parts] == [
        "summary",
        "money",
        "kpis",
        "social_value",
        "milestones",
    ]
    broken = report.parts[2]
    assert broken.section is None and broken.failure == UNEXPECTED
    assert broken.detail == "RuntimeError: database said no (internal detail)"
    assert broken.title == "Kpis"
    unavailable = report.parts[3]
    assert unavailable.failure == "the KPI snapshots are being recalculated"
    assert [p.key for p in report.failures] == ["kpis", "social_value"]
    assert "Report section kpis of healthy-homes failed" in caplog.text
    assert "RuntimeError" in caplog.text
    assert [t.key for _, t in report.tables] == [
        "funding-by-year",
        WIDE.key,
        "funding-by-year",
        "milestones",
    ]
    assert report.generated_on == date(2026, 12, 3)


def test_the_cover_says_what_the_programme_is(report_programme):
    cover = gather(report_programme).parts[0].section
    facts = dict(cover.facts)
    assert facts["Programme"] == "Healthy homes pilot"
    assert facts["Summary"] == "Warmer homes through innovation procurement."
    assert facts["Stage"] == "Running"
    assert facts["Dates"] == "1 April 2026 to 31 March 2028"
    assert facts["Partners"] == "2"
    assert facts["Published"].startswith("No")
    assert "Generated on" in facts
    assert cover.paragraphs == ()


def test_a_sample_programme_says_so(report_programme):
    report_programme.is_sample = True
    report_programme.starts_on = None
    report_programme.save()
    cover = gather(report_programme).parts[0].section
    assert cover.paragraphs[0].startswith("Sample data")
    assert dict(cover.facts)["Dates"] == "Start not set, until 31 March 2028"


def test_a_builder_returning_something_else_is_a_failed_part(report_programme, monkeypatch):
    from programmes import report_sections

    report_sections.section("odd", 95)(lambda programme: "a string")
    part = gather(report_programme).parts[-1]
    assert part.key == "odd" and part.failure == UNEXPECTED and "TypeError" in part.detail


def test_a_database_fault_in_one_part_leaves_the_next_part_working(report_programme):
    from django.db import connection

    from programmes import report_sections
    from programmes.models import Programme

    def bad_sql(programme):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")

    def after(programme):
        count = Programme.objects.count()
        return report_sections.Section(key="after", title="After", facts=(("Count", str(count)),))

    report_sections.section("bad_sql", 96)(bad_sql)
    report_sections.section("after", 97)(after)
    parts = gather(report_programme).parts
    assert parts[-2].failure == UNEXPECTED
    assert parts[-1].section.facts == (("Count", "1"),)


def test_the_workbook_has_a_cover_and_a_sheet_per_table(report_programme):
    book = openpyxl.load_workbook(io.BytesIO(report_files.xlsx(gather(report_programme))))
    assert book.sheetnames == [
        "Cover",
        "funding-by-year",
        "Budget lines  staff, delivery a",
        "funding-by-year (2)",
        "milestones",
    ]
    assert all(len(name) <= 31 for name in book.sheetnames)
    funding = book["funding-by-year"]
    assert [c.value for c in funding[1]] == list(FUNDING.headers)
    assert [c.value for c in funding[2]] == ["2026-27", 125000, 60000, "Partners' cash"]
    assert funding["D3"].value == '\'=HYPERLINK("http://x")'  # never a live formula
    assert funding["D5"].value == "'+44 line"
    assert funding["B4"].value == -2500 and funding["C4"].value is None
    wide = book["Budget lines  staff, delivery a"]
    assert [c.value for c in wide[1]] == list(WIDE.headers)
    empty = book["funding-by-year (2)"]
    assert [c.value for c in empty[1]] == ["Funder", "Amount"] and empty.max_row == 1
    milestones = book["milestones"]
    assert milestones["B2"].value.date() == date(2026, 9, 1)
    assert milestones["C2"].value == "Yes"
    cover = [[c.value for c in row] for row in book["Cover"].iter_rows()]
    flat = [v for row in cover for v in row if v]
    assert "Healthy homes pilot" in flat and "Budget by line and year" in flat
    assert "Kpis: " + UNEXPECTED in flat


def test_the_report_as_data(report_programme):
    data = report_files.as_data(gather(report_programme, today=date(2026, 12, 3)))
    assert data["programme"]["slug"] == "healthy-homes"
    assert data["programme"]["generated_on"] == "2026-12-03"
    money = data["sections"][1]
    assert money["key"] == "money" and money["title"] == "Funding position"
    funding = money["tables"][0]
    assert funding["key"] == "funding-by-year" and funding["headers"][0] == "Year"
    assert funding["rows"][0] == ["2026-27", "125000.00", "60000", "Partners' cash"]
    assert data["sections"][2]["failure"] == UNEXPECTED
    assert data["sections"][-1]["tables"][0]["rows"][0] == ["Pilot starts", "2026-09-01", True]
