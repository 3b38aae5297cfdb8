"""The upload journey: upload, check the recognised columns against a preview, import, review."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from spend.models import ColumnMapping, Payment, PendingUpload, SpendImport

pytestmark = pytest.mark.django_db
CSV = (
    b"Anytown payments over \xa3500,,\n,,\n"
    b"Supplier Name,Net Amount,Payment Date\n"
    b'Acme Ltd,"1,200.00",01/04/2024\n'
    b"Redacted Personal Information,50.00,02/04/2024\n"
    b"Bolt plc,ten,03/04/2024\n"
)


def upload(client, content=CSV, name="april.csv", **extra):
    return client.post(
        "/spend/upload/", {"file": SimpleUploadedFile(name, content), **extra}, follow=True
    )


def test_a_buyer_uploads_checks_the_columns_and_imports(client_for, world):
    client = client_for("buyer")
    page = upload(client)
    pending = PendingUpload.objects.get()
    assert page.redirect_chain[-1][0] == f"/spend/upload/{pending.token}/"
    html = page.content.decode()
    assert "Check the columns" in html and "Acme Ltd" in html
    assert (
        "Name withheld" in html
        and "Will be rejected" in html
        and "&#x27;ten&#x27; is not an amount" in html
    )
    assert re.search(r'<option value="Net Amount" selected>', html)
    done = client.post(
        f"/spend/upload/{pending.token}/",
        {
            "header_row": 3,
            "supplier_name": "Supplier Name",
            "amount": "Net Amount",
            "payment_date": "Payment Date",
        },
        follow=True,
    )
    record = SpendImport.objects.get()
    assert done.redirect_chain[-1][0] == f"/spend/imports/{record.pk}/"
    assert record.buyer == world.home and record.imported_by == world.users["buyer"]
    assert (record.rows_read, record.rows_imported, record.rows_rejected) == (3, 2, 1)
    assert Payment.objects.filter(is_redacted=True).count() == 1
    assert not PendingUpload.objects.exists() and not Path(pending.file.path).exists()
    assert ColumnMapping.objects.get(buyer=world.home).mapping["amount"] == "Net Amount"
    body = done.content.decode()
    assert "Rejected rows" in body and "ten" in body
    csv_file = client.get(f"/spend/imports/{record.pk}/rejected.csv")
    assert csv_file["Content-Type"].startswith("text/csv")
    assert csv_file.content.decode().splitlines()[1].startswith("6,amount: 'ten' is not an amount")
    assert "april.csv" in client.get("/spend/imports/").content.decode()


def test_a_column_chosen_twice_or_missing_is_an_error(client_for):
    client = client_for("buyer")
    upload(client)
    token = PendingUpload.objects.get().token
    page = client.post(
        f"/spend/upload/{token}/",
        {"header_row": 3, "supplier_name": "Supplier Name", "amount": "Supplier Name"},
    )
    html = page.content.decode()
    assert "is chosen for more than one field" in html
    assert "Choose the column that holds the payment date" in html
    assert not SpendImport.objects.exists()


def test_a_coordinator_says_whose_payments_they_are(client_for, world):
    client = client_for("coordinator")
    assert "Choose an anchor" in upload(client).content.decode()
    assert not PendingUpload.objects.exists()
    upload(client, buyer=world.other.pk)
    assert PendingUpload.objects.get().buyer == world.other


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x00\x01\x02binary", "photo.csv", "not a text (CSV) file"),
        (b"a,b\n1,2\n", "notes.docx", "must be a CSV, XLSX"),
        (b"", "empty.csv", "The selected payment file is empty"),
    ],
)
def test_bad_uploads_are_refused_with_a_message(client_for, content, name, message):
    page = upload(client_for("buyer"), content, name)
    assert message in page.content.decode()
    assert not PendingUpload.objects.exists()


def test_uploads_are_size_limited(client_for, settings):
    settings.SPEND_UPLOAD_MAX_BYTES = 100
    page = upload(client_for("buyer"), CSV * 10)
    assert "The file must be smaller than" in page.content.decode()
    assert not PendingUpload.objects.exists()


def test_an_over_long_csv_line_is_an_error_naming_the_line_and_nothing_is_kept(
    client_for, settings
):
    # A field over Python csv's 128 KB limit (as a quote left open makes) gave a 500 and left the
    # pending upload and its file behind; now the job reading the file says which line.
    content = CSV + b'Bolt plc,"' + b"x" * 200_000 + b'",04/04/2024\n'
    page = upload(client_for("buyer"), content)
    assert page.status_code == 200
    text = page.content.decode()
    assert "The job did not finish" in text
    assert "line 7 holds a field longer than 131,072 characters" in text
    assert not PendingUpload.objects.exists()
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_columns_judged_from_their_values_are_explained(client_for):
    # Synthetic rows under names AnchorHub does not know.
    rows = "".join(f"Synthetic Payee {n % 9},{n:02d}/06/2024,{n}.25\n" for n in range(1, 21))
    page = upload(client_for("buyer"), ("Who,When,How much\n" + rows).encode(), "june.csv")
    html = page.content.decode()
    assert "Columns recognised from their values" in html
    assert "We think “Who” is the supplier name because its values are names" in html
    assert "We think “When” is the payment date because 20 of its 20 values are dates" in html
    assert re.search(r'<option value="Who" selected>', html)
