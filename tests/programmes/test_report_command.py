"""`anchorhub programme_report SLUG [--pdf PATH] [--xlsx PATH] [--json]` for boards' packs."""

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.programmes.report_fixtures import (  # noqa: F401 (fixtures)
    TABLES,
    report_programme_fixture,
    report_test_sections_fixture,
)

pytestmark = pytest.mark.usefixtures("report_test_sections")


def run(*args) -> str:
    out = io.StringIO()
    call_command("programme_report", *args, stdout=out)
    return out.getvalue()


def test_the_summary_and_the_files(report_programme, tmp_path):
    pdf, xlsx = tmp_path / "pack.pdf", tmp_path / "pack.xlsx"
    printed = run(report_programme.slug, "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert "Healthy homes pilot (healthy-homes), generated on" in printed
    assert "2. Funding position" in printed
    assert "   - Funding by year: 4 rows, 4 columns" in printed
    assert "Not produced: an unexpected fault" in printed and "RuntimeError" in printed
    assert "5 sections, 4 tables, 2 not produced." in printed
    assert f"PDF written to {pdf}" in printed and f"XLSX written to {xlsx}" in printed
    assert pdf.read_bytes().startswith(b"%PDF")
    book = openpyxl.load_workbook(xlsx)
    assert len(book.sheetnames) == 1 + len(TABLES)


def test_json(report_programme):
    data = json.loads(run(report_programme.slug, "--json"))
    assert data["programme"]["title"] == "Healthy homes pilot"
    assert [s["key"] for s in data["sections"]] == [
        "summary",
        "money",
        "kpis",
        "social_value",
        "milestones",
    ]
    tables = [t for s in data["sections"] for t in s["tables"]]
    assert [t["title"] for t in tables] == [t.title for t in TABLES]
    assert tables[0]["rows"][1][3] == '=HYPERLINK("http://x")'  # data as it is, for scripts


def test_an_unknown_slug_names_the_programmes(report_programme):
    with pytest.raises(CommandError, match="No programme with the slug 'nope' .*healthy-homes"):
        run("nope")
