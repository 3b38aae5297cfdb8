"""load_companies (now an alias of load_registers): Companies House basic company data places
suppliers and tells SMEs and VCSEs apart; OCDS party addresses place the suppliers notices name."""

import csv
import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opportunities.facts import process_facts
from registers.formats.base import Rejected
from registers.formats.companies_house import read as read_companies
from registers.models import RegisterEntry, RegisterLoad, RegisterRejection
from suppliers.companies import sme_from_accounts, vcse_from_category
from suppliers.models import Supplier

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
    call_command("load_companies", str(path), "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())["totals"]


def companies():
    return RegisterEntry.objects.filter(register="companies-house")


def test_what_company_data_says_of_size_and_vcse_status():
    assert sme_from_accounts("MICRO ENTITY") is True and sme_from_accounts("medium") is True
    assert sme_from_accounts("FULL") is None and sme_from_accounts("GROUP") is None
    assert sme_from_accounts("") is None
    assert vcse_from_category("Community Interest Company") is True
    assert vcse_from_category("Private Limited Company") is None  # not known, never "no"
    header = [h.strip() for h in HEADER]
    ((_, _, entry),) = read_companies(header, [(2, ROWS[1])])
    assert entry.identifier == "09876543" and entry.postcode == "CV1 2GT"
    assert entry.size == "sme" and entry.is_vcse and entry.facts["sic_codes"] == ["41201"]
    assert entry.facts["incorporated"] == "2010-02-01" and entry.sector == "third"
    bad = company("X", "not one", "", "", "")
    ((_, _, rejected),) = read_companies(header, [(3, bad)])
    assert isinstance(rejected, Rejected) and "not a Companies House number" in rejected.reason


@pytest.mark.django_db
def test_load_companies_from_the_zip_is_idempotent_and_keeps_rejected_rows(tmp_path):
    bad = company("NO NUMBER LTD", "", "B1 1AA", "Private Limited Company", "SMALL")
    path = write(tmp_path / "companies.zip", [*ROWS, bad, ["ragged", "row"]], zipped=True)
    first = load(path)
    assert first["rows_read"] == 5 and first["new"] == 3
    assert first["rejected"] == 2
    record = RegisterLoad.objects.get()
    rejected = list(RegisterRejection.objects.filter(load=record))
    assert [r.row_number for r in rejected] == [5, 6]
    assert "not a Companies House number" in rejected[0].reason
    assert rejected[1].cells == ["ragged", "row"]
    again = load(path)
    assert again["new"] == 0 and again["unchanged"] == 3
    assert companies().count() == 3
    moved = company(
        "BRUM BUILDERS LIMITED", "01234567", "B1 1BB", "Private Limited Company", "SMALL"
    )
    assert load(write(tmp_path / "newer.csv", [moved]))["updated"] == 1
    assert companies().get(identifier="01234567").postcode == "B1 1BB"


@pytest.mark.django_db
def test_a_file_that_is_not_company_data_loads_nothing(tmp_path):
    path = tmp_path / "payments.csv"
    path.write_text("Supplier Name,Amount\nAcme,1\n")
    with pytest.raises(CommandError, match="not a register file AnchorHub knows"):
        load(path)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        load(empty)
    assert not companies().exists()


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


@pytest.mark.django_db
def test_the_ledger_reads_company_data_for_suppliers_without_a_profile(tmp_path, world):
    from spend.ledger import supplier_facts
    from tests.conftest import require_data

    require_data("reference", "imd", "English IMD - Local Authorities.csv")
    load(write(tmp_path / "companies.csv", ROWS))
    Supplier.objects.create(
        name="Brum Builders Ltd",
        normalised_name="brum builders",
        scheme="GB-COH",
        identifier="01234567",
    )
    Supplier.objects.create(
        name="Kind Hands CIC", normalised_name="kind hands", scheme="GB-COH", identifier="09876543"
    )
    Supplier.objects.create(
        name="Big Group plc",
        normalised_name="big group",
        scheme="GB-COH",
        identifier="SC123456",
        postcode="B1 1BB",
    )
    facts = {row["register_name"]: row for row in supplier_facts().to_dicts()}
    brum = facts["Brum Builders Ltd"]
    assert brum["registered_la"] == "E08000025" and brum["place_source"] == "Companies House"
    assert brum["is_sme"] is True and brum["size_source"] == "Companies House"
    assert facts["Kind Hands CIC"]["is_vcse"] is True
    big = facts["Big Group plc"]
    assert big["is_sme"] is None and big["size_source"] is None  # group accounts: not known
    assert big["registered_la"] != "E08000025"  # Companies House (Edinburgh) before notices
