"""One CSV writer for every CSV AnchorHub writes, and XLSX workbooks whose strings stay strings:
text that a spreadsheet would run as a formula is neutralised; numbers stay numbers. Every
download is walked with a supplier (and a criterion, a case, a budget holder) named as a formula."""

import csv
import io
import re
import zipfile
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases.sharing import Level
from challenges.lifecycle import Status
from challenges.models import Criterion, PanelMember, Score
from core import csvfile
from network.models import Organisation
from spend.models import SpendImport
from tests.cases.factories import case
from tests.challenges import factories
from tests.conftest import require_data

EVIL = '=HYPERLINK("http://x","y")'
FORMULA_STARTS = tuple("=+-@\t\r")


def formulas(text: str) -> list[str]:
    """The cells of a CSV a spreadsheet would run as formulas (a plain number is not one)."""
    return [
        cell
        for row in csv.reader(io.StringIO(text, newline=""))
        for cell in row
        if cell.startswith(FORMULA_STARTS) and not csvfile._NUMBER.fullmatch(cell)
    ]


def cells(text: str) -> set[str]:
    return {cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row}


def xlsx_formulas(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        return [n for n in sheets if b"<f>" in book.read(n) or b"<f " in book.read(n)]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (EVIL, "'" + EVIL),
        ("+44 121 496 0000", "'+44 121 496 0000"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Acme Ltd", "Acme Ltd"),
        ("-12.50", "-12.50"),
        ("+10%", "+10%"),
        ("1,200.00", "1,200.00"),
        (-12.5, -12.5),
        (Decimal("-12.50"), Decimal("-12.50")),
        (None, None),
    ],
)
def test_formula_leading_text_is_neutralised_and_numbers_stay_numbers(value, written):
    assert csvfile.safe(value) == written
    out = io.StringIO()
    csvfile.Writer(out).writerow([value, 3])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [
        "" if written is None else str(written),
        "3",
    ]


def test_xlsx_workbooks_never_turn_strings_into_formulas():
    out = io.BytesIO()
    book = csvfile.workbook(out, in_memory=True)
    sheet = book.add_worksheet()
    sheet.write(0, 0, EVIL)  # write() makes "=..." a formula unless told not to
    sheet.write(0, 1, "http://example.org")
    book.close()
    assert xlsx_formulas(out.getvalue()) == []
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_filelike(io.BytesIO(out.getvalue())).get_sheet_by_index(0)
    assert rows.to_python()[0] == [EVIL, "http://example.org"]


@pytest.fixture
def evil_payments(world, tmp_path):
    require_data("reference", "imd", "English IMD - Local Authorities.csv")
    Organisation.objects.create(name=EVIL, kind="company", size_band="small")
    path = tmp_path / "home.csv"
    path.write_text(
        "Supplier Name,Net Amount,Payment Date,Category,Directorate\n"
        f'"{EVIL.replace(chr(34), chr(34) * 2)}",400.00,15/04/2025,=cmd|calc,Place\n'
        "Acme Ltd,-12.50,15/05/2025,Construction,@Place\n"
        f'"{EVIL.replace(chr(34), chr(34) * 2)}",ten,16/04/2025,Construction,Place\n'
    )
    call_command("import_spend", str(path), "--buyer", world.home.name, stdout=StringIO())
    call_command("resolve_suppliers", stdout=StringIO())
    return world


@pytest.mark.django_db
def test_spend_downloads_neutralise_formulas(client_for, evil_payments):
    world = evil_payments
    client = client_for("buyer")
    base = f"/spend/ledger/{world.home.slug}"
    ledger = client.get(f"{base}/?year=2025").content.decode()
    tables = sorted(set(re.findall(rf"{base}/([\w-]+)\.csv", ledger)))
    assert "suppliers" in tables
    seen = ""
    for table in tables:
        text = client.get(f"{base}/{table}.csv?year=2025").content.decode()
        assert formulas(text) == [], table
        seen += text
        workbook = client.get(f"{base}/{table}.xlsx?year=2025").content
        assert xlsx_formulas(workbook) == [], table
    assert "'" + EVIL in cells(seen)
    network = client.get("/spend/network.csv?year=2025").content.decode()
    assert formulas(network) == []

    record = SpendImport.objects.get(buyer=world.home)
    rejected = client.get(f"/spend/imports/{record.pk}/rejected.csv")
    assert rejected.status_code == 200
    assert formulas(rejected.content.decode()) == []
    assert "'" + EVIL in cells(rejected.content.decode())
    out = StringIO()
    call_command("spend_rejections", "--buyer", world.home.name, "--csv", "-", stdout=out)
    assert formulas(out.getvalue()) == [] and "'" + EVIL in cells(out.getvalue())


@pytest.mark.django_db
def test_the_score_sheet_neutralises_formulas(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_CLOSED, days=-1)
    Criterion.objects.filter(challenge=made, name="Impact").update(name="@Impact")
    lead = factories.other_supplier(name=EVIL)
    response = factories.response(made, lead)
    seat = PanelMember.objects.create(
        challenge=made,
        user=world.users["buyer"],
        is_moderator=True,
        declared_at=timezone.now() - timedelta(days=1),
        scores_submitted_at=timezone.now(),
    )
    for criterion in made.criteria.all():
        Score.objects.create(
            panel_member=seat, response=response, criterion=criterion, score=5, comment="=1+1"
        )
    client = client_for("buyer")
    url = lambda fmt: reverse(  # noqa: E731
        "challenges:score_sheet", kwargs={"reference": made.reference, "fmt": fmt}
    )
    sheet = client.get(url("csv"))
    assert sheet.status_code == 200
    text = sheet.content.decode()
    assert formulas(text) == [] and {"'" + EVIL, "'@Impact", "'=1+1"} <= cells(text)
    assert xlsx_formulas(client.get(url("xlsx")).content) == []


@pytest.mark.django_db
def test_case_and_calculator_downloads_neutralise_formulas(world, client_for):
    case(world, Level.PUBLIC, title=EVIL, summary="-summary", place="+Birmingham")
    export = client_for("anonymous").get(reverse("cases:export", kwargs={"fmt": "csv"}))
    exported = export.content.decode()
    assert formulas(exported) == [] and {"'" + EVIL, "'-summary", "'+Birmingham"} <= cells(exported)
    template = client_for("anonymous").get(reverse("cases:import_template"))
    assert formulas(template.content.decode()) == []
    worked = {
        "project_type": "standard_buildings",
        "holder_0": EVIL,
        "kind_0": "capex",
        "year_0": "0",
        "amount_0": "1000000",
        "holder_1": EVIL,
        "kind_1": "saving",
        "year_1": "1",
        "amount_1": "100",
        "format": "csv",
    }
    text = client_for("anonymous").get(reverse("cases:calculator"), worked).content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert formulas(text) == [] and "'" + EVIL in cells(text)
    # a negative net stays a number
    assert any(cell.startswith("-") and csvfile._NUMBER.fullmatch(cell) for r in rows for cell in r)
