"""Three anchors of this network imported under their own names from the files they publish
(../shared/data/spend/coventry, wolverhampton, wmca; README section 4): rows read, imported and
rejected per file as the README counts them, and totals checked against the files themselves.
A month or two each here; bench/bench_anchors.py imports every month and reports coverage."""

import csv
import gzip
import io
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from network.models import Organisation
from spend.models import Payment, SpendImport
from tests.conftest import require_data

pytestmark = pytest.mark.django_db

# name, kind, postcode of the anchor's main office (as each publishes it)
ANCHORS = {
    "coventry": ("Coventry City Council", "council", "CV1 5RR"),
    "wolverhampton": ("City of Wolverhampton Council", "council", "WV1 1SH"),
    "wmca": ("West Midlands Combined Authority", "combined_authority", "B19 3SD"),
}
# file → (rows as README section 4 counts them, rows rejected, why). README counts records after
# the header that are not all empty; the WMCA months with a two-row header count the second
# header row as a record, which the importer reads as part of the header.
FILES = {
    ("coventry", "apr_2023.csv.gz"): (7921, 0, "no totals or trailer records"),
    (
        "wolverhampton",
        "wolver_apr_2023.csv.gz",
    ): (7470, 4, "the subtotal,outline, INSERTED FOOTER (a total), detail and footer records"),
    ("wolverhampton", "wolver_aug_2023.csv.gz"): (7471, 1, "the bare total at the end"),
    ("wmca", "2023_08_aug.xlsx"): (830 - 1, 0, "two-row header"),
    ("wmca", "2024_01_jan.xlsx"): (936, 0, "one-row header"),
}


def anchor(folder: str) -> Organisation:
    name, kind, postcode = ANCHORS[folder]
    return Organisation.objects.get_or_create(
        name=name,
        defaults={"kind": kind, "is_network_member": True, "registered_postcode": postcode},
    )[0]


def import_as_anchor(folder: str, name: str) -> dict:
    path = require_data("spend", folder, name)
    out = StringIO()
    call_command(
        "import_spend",
        str(path),
        "--buyer",
        anchor(folder).name,
        "--json",
        "--no-followup",
        stdout=out,
    )
    return json.loads(out.getvalue())


@pytest.mark.parametrize(("folder", "name"), list(FILES), ids=[f"{f}-{n}" for f, n in FILES])
def test_each_anchors_file_imports_under_its_own_name(folder, name):
    rows, rejected, _why = FILES[(folder, name)]
    result = import_as_anchor(folder, name)
    assert result["publisher_named"] == []  # nothing in these files names another publisher
    assert (result["rows_read"], result["rows_rejected"]) == (rows, rejected)
    assert result["rows_imported"] == rows - rejected
    record = SpendImport.objects.get()
    assert record.buyer.name == ANCHORS[folder][0]
    assert Payment.objects.filter(buyer=record.buyer).count() == rows - rejected


def test_wolverhamptons_total_equals_the_total_its_file_states():
    path = require_data("spend", "wolverhampton", "wolver_apr_2023.csv.gz")
    text = gzip.decompress(path.read_bytes()).decode("utf-8-sig")
    footer = next(row for row in csv.reader(io.StringIO(text)) if row[:1] == ["INSERTED FOOTER"])
    stated = Decimal(next(cell for cell in footer[1:] if cell.strip()).replace(",", ""))
    result = import_as_anchor("wolverhampton", "wolver_apr_2023.csv.gz")
    assert Decimal(result["total_amount"]) == stated == Decimal("29152334.13")


def test_wmcas_two_row_header_month_sums_as_its_sheet():
    from python_calamine import CalamineWorkbook

    path = require_data("spend", "wmca", "2023_08_aug.xlsx")
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Disclosure").to_python()
    assert sheet[0][7] == "Amount" and sheet[1][7] == "excl vat"  # the two-row header
    by_hand = sum(Decimal(str(row[7])) for row in sheet[2:] if str(row[7]).strip())
    result = import_as_anchor("wmca", "2023_08_aug.xlsx")
    assert Decimal(result["total_amount"]) == by_hand
    assert result["mapping"]["payment_date"] == "Payment Date"
    assert result["mapping"]["amount"] == "Amount excl vat"
    record = SpendImport.objects.get()
    assert record.header_row == 2  # the second of the two header rows, joined with the first
