"""The upload journey through its background jobs, the job page and its status, the coordinators'
list, and the queue refusing work (nothing half-saved)."""

from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.utils import timezone

from jobs import queue
from jobs.models import Job
from spend.models import PendingUpload, SpendImport

pytestmark = pytest.mark.django_db
CSV = (
    b"Supplier Name,Net Amount,Payment Date\nAcme Ltd,1200.00,01/04/2024\nBolt plc,ten,03/04/2024\n"
)
COLUMNS = {
    "header_row": 1,
    "supplier_name": "Supplier Name",
    "amount": "Net Amount",
    "payment_date": "Payment Date",
}


def upload(client, content=CSV, name="april.csv", follow=True):
    return client.post("/spend/upload/", {"file": SimpleUploadedFile(name, content)}, follow=follow)


def test_an_upload_is_read_by_a_job_whose_page_leads_on_to_the_column_check(client_for, world):
    client = client_for("buyer")
    response = upload(client, follow=False)
    job = Job.objects.get(kind="spend.inspect")
    assert response.url == f"/jobs/{job.pk}/?follow=1"
    assert job.status == Job.Status.SUCCEEDED and job.created_by == world.users["buyer"]
    assert job.organisation == world.home and job.result == {"rows": 3, "tables": 1}
    pending = PendingUpload.objects.get()
    assert pending.head[0] == ["Supplier Name", "Net Amount", "Payment Date"]
    followed = client.get(response.url)
    assert followed.status_code == 302 and followed.url == f"/spend/upload/{pending.token}/"
    # Without ?follow the job's own page shows how it went.
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Read april.csv for Home Council" in page and "Finished" in page
    assert "job-status.mjs" in page


def test_the_import_runs_as_a_job_then_matches_suppliers(client_for, world):
    client = client_for("buyer")
    upload(client)
    token = PendingUpload.objects.get().token
    done = client.post(f"/spend/upload/{token}/", COLUMNS, follow=True)
    record = SpendImport.objects.get()
    job = Job.objects.get(kind="spend.import")
    assert [url for url, _ in done.redirect_chain] == [
        f"/jobs/{job.pk}/?follow=1",
        f"/spend/imports/{record.pk}/",
    ]
    assert job.result["rows_imported"] == 1 and job.result["rows_rejected"] == 1
    assert job.progress["stage"] == "Storing the payments"
    resolve = Job.objects.get(kind="suppliers.resolve")
    assert resolve.status == Job.Status.SUCCEEDED and resolve.source == Job.Source.JOB
    assert not PendingUpload.objects.exists()


def test_a_failed_import_keeps_the_file_and_leads_back_to_the_columns(client_for, world):
    client = client_for("buyer")
    upload(client)
    pending = PendingUpload.objects.get()
    with mock.patch(
        "spend.tasks.SpendImporter.import_files",
        side_effect=__import__("spend.importing").importing.ImportProblem("april.csv: no row 9"),
    ):
        page = client.post(f"/spend/upload/{pending.token}/", COLUMNS, follow=True)
    html = page.content.decode()
    assert "The job did not finish" in html and "april.csv: no row 9 Nothing was imported." in html
    assert f'href="/spend/upload/{pending.token}/"' in html and "Check the columns again" in html
    assert PendingUpload.objects.filter(pk=pending.pk).exists()
    assert not SpendImport.objects.exists()


def test_a_file_that_cannot_be_read_fails_its_job_and_nothing_is_kept(client_for, settings):
    page = upload(client_for("buyer"), b"\x00\x01\x02binary", "photo.csv")
    html = page.content.decode()
    assert "The job did not finish" in html and "not a text (CSV) file" in html
    assert "Upload another file" in html
    assert not PendingUpload.objects.exists()
    uploads = Path(settings.MEDIA_ROOT) / "spend-uploads"
    assert not uploads.exists() or not any(uploads.iterdir())


def test_the_queue_down_on_the_upload_page_saves_nothing(client_for, settings):
    with mock.patch.object(queue, "_send", side_effect=OperationalError("no such table")):
        page = upload(client_for("buyer"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "queue cannot take the file just now, so nothing was saved" in html
    assert not PendingUpload.objects.exists() and not Job.objects.exists()
    uploads = Path(settings.MEDIA_ROOT) / "spend-uploads"
    assert not uploads.exists() or not any(uploads.iterdir())


def test_the_queue_down_at_the_column_check_imports_nothing(client_for):
    client = client_for("buyer")
    upload(client)
    token = PendingUpload.objects.get().token
    with mock.patch.object(queue, "_send", side_effect=OperationalError("no such table")):
        page = client.post(f"/spend/upload/{token}/", COLUMNS)
    assert "queue cannot take the import just now; nothing was imported" in page.content.decode()
    assert not Job.objects.filter(kind="spend.import").exists()
    assert PendingUpload.objects.filter(token=token).exists()


def test_a_job_waiting_without_a_worker_says_so(client_for, world):
    with mock.patch.object(queue, "_send"):
        job = queue.enqueue(
            "spend.inspect",
            title="Read may.csv",
            user=world.users["buyer"],
            organisation=world.home,
        )
    client = client_for("buyer")
    assert (
        "No background worker has picked this up yet"
        not in client.get(f"/jobs/{job.pk}/").content.decode()
    )
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "No background worker has picked this up yet" in html
    assert "Waiting for the background worker." in html
    Job.objects.create(
        kind="spend.import", title="Busy", status=Job.Status.RUNNING, started_at=timezone.now()
    )
    # A worker busy with a long job is running, though it has not swept for minutes.
    assert "No background worker" not in client.get(f"/jobs/{job.pk}/").content.decode()
    Job.objects.filter(title="Busy").delete()
    assert "No background worker" in client.get(f"/jobs/{job.pk}/").content.decode()
    queue.note_worker_alive()
    assert "No background worker" not in client.get(f"/jobs/{job.pk}/").content.decode()


def test_the_status_follows_live_progress(client_for, world):
    from jobs.progress import Progress

    with mock.patch.object(queue, "_send"):
        job = queue.enqueue("spend.inspect", title="Read", organisation=world.home)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    Progress(job.pk)("Checking april.csv", 500, 2000)
    state = client_for("anchor_admin").get(f"/jobs/{job.pk}/status.json").json()
    assert state["status"] == "running" and not state["finished"]
    assert state["progress"] == "Checking april.csv: 500 of 2,000 (25%)"
    assert (state["done"], state["total"]) == (500, 2000)


def test_a_job_never_leads_to_another_site(client_for, world):
    job = Job.objects.create(
        kind="spend.inspect",
        title="Read",
        status=Job.Status.SUCCEEDED,
        organisation=world.home,
        next_url="https://evil.example/",
    )
    client = client_for("buyer")
    assert client.get(f"/jobs/{job.pk}/?follow=1").status_code == 200
    assert client.get(f"/jobs/{job.pk}/status.json").json()["next_url"] == ""


def test_coordinators_see_recent_jobs_with_duration_and_reason(client_for, world):
    now = timezone.now()
    Job.objects.create(
        kind="suppliers.resolve",
        title="Match payees",
        status=Job.Status.FAILED,
        error="Still failing after 3 attempts. OperationalError: server closed the connection",
        started_at=now - timedelta(seconds=42),
        finished_at=now,
    )
    Job.objects.create(kind="spend.import", title="Import june.csv", status=Job.Status.SUCCEEDED)
    client = client_for("coordinator")
    html = client.get("/jobs/").content.decode()
    assert "Match payees" in html and "Import june.csv" in html
    assert "42.0" in html and "server closed the connection" in html
    assert "1 job failed in the last day" in html
    assert "The background worker is not running" in html
    only_failed = client.get("/jobs/?status=failed").content.decode()
    assert "Match payees" in only_failed and "Import june.csv" not in only_failed
    assert client.get("/jobs/?status=nonsense&page=99999999999999999999").status_code == 200
