"""load_companies: Companies House basic company data places suppliers and tells SMEs and VCSEs
apart; OCDS party addresses place the suppliers notices name."""

import csv
import io
import json
import zipfile
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opportunities.facts import process_facts
from suppliers.companies import RowProblem, read_row, sme_from_accounts, vcse_from_category
from suppliers.models import Company, CompanyLoad

# The columns of BasicCompanyDataAsOneFile, with the leading spaces some of its names carry.
HEADER = [
    "CompanyName",
    " CompanyNumber",
    "RegAddress.CareOf",
    "RegAddress.POBox",
    "RegAddress.AddressLine1",
    " RegAddress.AddressLine2",
    "RegAddress.PostTown",
    "RegAddress.County",
    "RegAddress.Country",
    "RegAddress.PostCode",
    "CompanyCategory",
    "CompanyStatus",
    "CountryOfOrigin",
    "DissolutionDate",
    "IncorporationDate",
    "Accounts.AccountRefDay",
    "Accounts.AccountRefMonth",
    "Accounts.NextDueDate",
    "Accounts.LastMadeUpDate",
    "Accounts.AccountCategory",
    "SICCode.SicText_1",
    "SICCode.SicText_2",
    "SICCode.SicText_3",
    "SICCode.SicText_4",
    "URI",
]


def company(
    name,
    number,
    postcode,
    category,
    accounts,
    sic="41201 - Construction of commercial buildings",
    incorporated="01/02/2010",
):
    row = dict.fromkeys(HEADER, "")
    row.update(
        {
            "CompanyName": name,
            " CompanyNumber": number,
            "RegAddress.PostCode": postcode,
            "CompanyCategory": category,
            "CompanyStatus": "Active",
            "IncorporationDate": incorporated,
            "Accounts.AccountCategory": accounts,
            "SICCode.SicText_1": sic,
        }
    )
    return [row[column] for column in HEADER]


ROWS = [
    company("BRUM BUILDERS LIMITED", "01234567", "B5 5SE", "Private Limited Company", "SMALL"),
    company("KIND HANDS CIC", "9876543", "CV1 2GT", "Community Interest Company", "MICRO ENTITY"),
    company("BIG GROUP PLC", "SC123456", "EH1 1AA", "Public Limited Company", "GROUP"),
]


def write(path, rows, zipped=False):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    if zipped:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("BasicCompanyDataAsOneFile-2025-11-01.csv", out.getvalue())
    else:
        path.write_text(out.getvalue(), encoding="utf-8")
    return path


def load(path):
    out = StringIO()
    call_command("load_companies", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_what_company_data_says_of_size_and_vcse_status():
    assert sme_from_accounts("MICRO ENTITY") is True and sme_from_accounts("medium") is True
    assert sme_from_accounts("FULL") is None and sme_from_accounts("GROUP") is None
    assert sme_from_accounts("") is None
    assert vcse_from_category("Community Interest Company") is True
    assert vcse_from_category("Private Limited Company") is None  # not known, never "no"
    row = read_row(dict(zip([h.strip() for h in HEADER], ROWS[1], strict=True)))
    assert row.company_number == "09876543" and row.postcode == "CV1 2GT"
    assert row.is_sme and row.is_vcse and row.sic_codes == ("41201",)
    assert row.incorporated == date(2010, 2, 1)
    with pytest.raises(RowProblem, match="not a Companies House number"):
        read_row({"CompanyName": "X", "CompanyNumber": "not one"})


@pytest.mark.django_db
def test_load_companies_from_the_zip_is_idempotent_and_keeps_rejected_rows(tmp_path):
    bad = company("NO NUMBER LTD", "", "B1 1AA", "Private Limited Company", "SMALL")
    path = write(tmp_path / "companies.zip", [*ROWS, bad, ["ragged", "row"]], zipped=True)
    first = load(path)
    assert first["rows_read"] == 5 and first["companies_new"] == 3
    assert first["rows_rejected"] == 2
    assert set(first) == {
        "files",
        "rows_read",
        "companies_new",
        "companies_updated",
        "companies_unchanged",
        "rows_rejected",
        "seconds",
    }
    record = CompanyLoad.objects.get()
    assert [r["row"] for r in record.rejected] == [5, 6]
    assert "not a Companies House number" in record.rejected[0]["reason"]
    assert record.rejected[1]["cells"] == ["ragged", "row"]
    again = load(path)
    assert again["companies_new"] == 0 and again["companies_unchanged"] == 3
    assert Company.objects.count() == 3
    moved = company(
        "BRUM BUILDERS LIMITED", "01234567", "B1 1BB", "Private Limited Company", "SMALL"
    )
    assert load(write(tmp_path / "newer.csv", [moved]))["companies_updated"] == 1
    assert Company.objects.get(company_number="01234567").postcode == "B1 1BB"


@pytest.mark.django_db
def test_a_file_that_is_not_company_data_loads_nothing(tmp_path):
    path = tmp_path / "payments.csv"
    path.write_text("Supplier Name,Amount\nAcme,1\n")
    with pytest.raises(CommandError, match="no CompanyName or CompanyNumber column"):
        load(path)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        load(empty)
    assert not Company.objects.exists()


def test_notices_give_the_postcode_of_each_supplier_they_name():
    release = {
        "ocid": "ocds-x-1",
        "id": "1",
        "date": "2025-01-01T00:00:00Z",
        "tag": ["award"],
        "parties": [
            {
                "id": "S1",
                "name": "Brum Builders Ltd",
                "roles": ["supplier"],
                "identifier": {"scheme": "GB-COH", "id": "01234567"},
                "address": {"postalCode": "b5 5se"},
                "details": {"scale": "sme"},
            }
        ],
        "awards": [{"id": "A1", "suppliers": [{"id": "S1", "name": "Brum Builders Ltd"}]}],
    }
    facts = process_facts("ocds-x-1", [release], release)
    (supplier,) = facts.awards[0].suppliers
    assert supplier.postcode == "B5 5SE" and supplier.scale == "sme"
