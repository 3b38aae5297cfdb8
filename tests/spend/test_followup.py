"""After every import, payees are resolved and matched to the registers: inline by import_spend
(summaries printed, and under `resolution` and `placing` with --json), by the suppliers.resolve job
after an upload or import_spend --background (recorded on the import, followed on its page)."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from jobs.models import Job
from registers.models import RegisterAlias, RegisterEntry
from spend.models import Payee, PendingUpload, SpendImport
from suppliers.names import normalise_name

pytestmark = pytest.mark.django_db
FILE = (
    "Supplier Name,Amount,Payment Date\n"
    "Walsall Council,10.00,01/04/2024\n"
    "Nowhere Known Bakery,11.00,02/04/2024\n"
)


@pytest.fixture
def walsall(db):
    """A council in the local-authority register, with the name variant payment files use."""
    council = RegisterEntry.objects.create(
        register="local-authorities",
        identifier="E08000030",
        name="Walsall Metropolitan Borough Council",
        normalised_name=normalise_name("Walsall Metropolitan Borough Council"),
        local_authority_code="E08000030",
        sector="public",
    )
    RegisterAlias.objects.create(
        entry=council, name="Walsall Council", normalised_name=normalise_name("Walsall Council")
    )
    return council


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_spend_resolves_and_places_inline(world, tmp_path, walsall):
    path = tmp_path / "april.csv"
    path.write_text(FILE)
    result = json.loads(run("import_spend", str(path), "--buyer", world.home.name, "--json"))
    assert result["rows_imported"] == 2
    assert result["resolution"]["names_in"] >= 2
    assert result["placing"]["payees_in"] == 2
    payee = Payee.objects.get(supplier_name="Walsall Council")
    assert payee.supplier_id is not None  # resolved
    assert payee.register_entry == walsall and payee.match_status == "matched"  # placed


def test_the_summaries_are_printed_and_no_followup_skips_them(world, tmp_path, walsall):
    path = tmp_path / "april.csv"
    path.write_text(FILE)
    skipped = json.loads(
        run("import_spend", str(path), "--buyer", world.home.name, "--json", "--no-followup")
    )
    assert "resolution" not in skipped and "placing" not in skipped
    assert Payee.objects.get(supplier_name="Walsall Council").register_entry is None
    other = tmp_path / "may.csv"
    other.write_text(FILE.replace("/04/", "/05/"))
    text = run("import_spend", str(other), "--buyer", world.home.name)
    assert "Suppliers resolved: names in" in text and "Registers matched: payees in 2" in text


def test_an_upload_records_its_followup_job_and_its_page_follows_it(client_for, world, walsall):
    client = client_for("buyer")
    client.post("/spend/upload/", {"file": SimpleUploadedFile("april.csv", FILE.encode())})
    pending = PendingUpload.objects.get()
    client.post(
        f"/spend/upload/{pending.token}/",
        {
            "header_row": 1,
            "supplier_name": "Supplier Name",
            "amount": "Amount",
            "payment_date": "Payment Date",
        },
    )
    record = SpendImport.objects.get()
    # Jobs run in the test process: the follow-up has run by now.
    assert record.followup_job.kind == "suppliers.resolve"
    assert record.followup_job.status == Job.Status.SUCCEEDED, record.followup_job.error
    assert Payee.objects.get(supplier_name="Walsall Council").register_entry == walsall
    state = client.get(f"/spend/imports/{record.pk}/followup.json").json()
    assert state["finished"] and state["status"] == "succeeded"
    assert state["next_url"] == f"/spend/ledger/{world.home.slug}/"
    page = client.get(f"/spend/imports/{record.pk}/").content.decode()
    assert f'data-status-url="/spend/imports/{record.pk}/followup.json"' in page
    assert f'href="/spend/ledger/{world.home.slug}/"' in page and "Payees are matched" in page


def test_a_running_followup_is_followed_live(client_for, world):
    job = Job.objects.create(
        kind="suppliers.resolve", title="Match", status=Job.Status.RUNNING, organisation=world.home
    )
    record = SpendImport.objects.create(
        buyer=world.home, source_name="april.csv", digest="0" * 64, followup_job=job
    )
    page = client_for("buyer").get(f"/spend/imports/{record.pk}/").content.decode()
    assert 'data-finished="false"' in page and "job-status.mjs" in page
    assert "The ledger is complete when this finishes" in page


def test_import_spend_in_the_background_records_the_followup(world, tmp_path):
    path = tmp_path / "april.csv"
    path.write_text(FILE)
    run("import_spend", str(path), "--buyer", world.home.name, "--background", "--json")
    record = SpendImport.objects.get()
    assert record.followup_job is not None and record.followup_job.kind == "suppliers.resolve"
