"""A file that names another publisher than its buyer is stopped before anything is stored: on the
command line unless --publisher-confirmed, on the upload page until the buyer ticks the box (or
discards the file). Files here are synthetic, in Calderdale's layout; one test uses the real
Calderdale file."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from network.models import Organisation
from registers.models import RegisterAlias, RegisterEntry
from spend.models import Payment, PendingUpload, SpendImport
from tests.conftest import data_dir, require_data

pytestmark = pytest.mark.django_db

CALDERDALE_LIKE = (
    "Body,Organisation Name,Date,Net Amount,Supplier(Beneficiary) Name\n"
    "http://statistics.data.gov.uk/doc/local-authority-district/00CY,The Borough of Calderdale,"
    "2021-09-01,3844.24,Acme Care Ltd\n"
    "http://statistics.data.gov.uk/doc/local-authority-district/00CY,The Borough of Calderdale,"
    "2021-09-02,100.00,Bolt Supplies Ltd\n"
)


def import_spend(path, buyer, *extra):
    out = StringIO()
    call_command(
        "import_spend", str(path), "--buyer", buyer, "--json", "--no-followup", *extra, stdout=out
    )
    return json.loads(out.getvalue())


def test_another_publishers_file_is_refused_unless_confirmed(tmp_path):
    Organisation.objects.create(name="Birmingham City Council", kind="council")
    path = tmp_path / "september.csv"
    path.write_text(CALDERDALE_LIKE)
    with pytest.raises(CommandError) as refused:
        import_spend(path, "Birmingham City Council")
    message = str(refused.value)
    assert "This file says it is from The Borough of Calderdale, not Birmingham City Council" in (
        message
    )
    assert "--publisher-confirmed" in message and "Nothing was imported" in message
    assert not SpendImport.objects.exists() and not Payment.objects.exists()
    result = import_spend(path, "Birmingham City Council", "--publisher-confirmed")
    assert result["rows_imported"] == 2
    assert result["publisher_named"] == ["The Borough of Calderdale"]
    record = SpendImport.objects.get()
    assert record.publisher_named == "The Borough of Calderdale" and record.publisher_confirmed


def test_the_publishers_own_name_variant_imports_without_a_word(tmp_path):
    Organisation.objects.create(name="Calderdale Metropolitan Borough Council", kind="council")
    path = tmp_path / "september.csv"
    path.write_text(CALDERDALE_LIKE)
    result = import_spend(path, "Calderdale Metropolitan Borough Council")
    assert result["rows_imported"] == 2 and result["publisher_named"] == []
    record = SpendImport.objects.get()
    assert record.publisher_named == "" and not record.publisher_confirmed


def test_the_register_names_a_bare_code_and_knows_a_buyers_other_names(tmp_path):
    calderdale = RegisterEntry.objects.create(
        register="local-authority",
        identifier="CLD",
        name="Calderdale Metropolitan Borough Council",
        normalised_name="calderdale metropolitan borough council",
        local_authority_code="E08000033",
        facts={"old-ons-la-code": "00-CY"},
    )
    RegisterAlias.objects.create(entry=calderdale, name="Halifax Council", normalised_name="x")
    Organisation.objects.create(name="Birmingham City Council", kind="council")
    Organisation.objects.create(name="Halifax Council", kind="council")
    path = tmp_path / "codes-only.csv"
    path.write_text(
        "Body,Date,Net Amount,Supplier Name\n"
        "http://statistics.data.gov.uk/doc/local-authority-district/00CY,2021-09-01,1.00,Acme\n"
        "http://statistics.data.gov.uk/doc/local-authority-district/00CY,2021-09-02,2.00,Bolt\n"
    )
    with pytest.raises(CommandError, match="from Calderdale Metropolitan Borough Council, not Bir"):
        import_spend(path, "Birmingham City Council")
    # Known by its alias, the buyer owns code 00CY: no warning.
    assert import_spend(path, "Halifax Council")["rows_imported"] == 2


def test_the_real_calderdale_file_is_stopped_for_birmingham(tmp_path):
    require_data("spend", "calderdale")
    Organisation.objects.create(name="Birmingham City Council", kind="council")
    with pytest.raises(CommandError, match="The Borough of Calderdale, not Birmingham City"):
        import_spend(data_dir() / "spend" / "calderdale" / "2021-09.csv", "Birmingham City Council")
    assert not Payment.objects.exists()


def test_the_upload_page_warns_and_offers_to_stop_or_go_on(client_for, world):
    client = client_for("buyer")
    page = client.post(
        "/spend/upload/",
        {"file": SimpleUploadedFile("september.csv", CALDERDALE_LIKE.encode())},
        follow=True,
    )
    pending = PendingUpload.objects.get()
    html = page.content.decode()
    assert "This file says it is from The Borough of Calderdale, not Home Council." in html
    assert f'action="/spend/upload/{pending.token}/discard/"' in html
    columns = {
        "header_row": 1,
        "supplier_name": "Supplier(Beneficiary) Name",
        "amount": "Net Amount",
        "payment_date": "Date",
    }
    refused = client.post(f"/spend/upload/{pending.token}/", columns)
    assert "Tick the box to say these are Home Council&#x27;s payments" in refused.content.decode()
    assert not SpendImport.objects.exists()
    done = client.post(
        f"/spend/upload/{pending.token}/", {**columns, "publisher_confirmed": "on"}, follow=True
    )
    record = SpendImport.objects.get()
    assert done.redirect_chain[-1][0] == f"/spend/imports/{record.pk}/"
    assert record.publisher_named == "The Borough of Calderdale" and record.publisher_confirmed
    assert record.rows_imported == 2
    assert "Publisher the file names" in done.content.decode()


def test_discarding_keeps_nothing(client_for, world):
    client = client_for("buyer")
    client.post(
        "/spend/upload/",
        {"file": SimpleUploadedFile("september.csv", CALDERDALE_LIKE.encode())},
        follow=True,
    )
    pending = PendingUpload.objects.get()
    page = client.post(f"/spend/upload/{pending.token}/discard/", follow=True)
    assert "september.csv was discarded: nothing was imported." in page.content.decode()
    assert not PendingUpload.objects.exists() and not SpendImport.objects.exists()
