"""The long commands queue themselves with --background (run at once in tests), `anchorhub jobs`
lists what ran, and a scheduled run is recorded as a job of the schedule's."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jobs import queue
from jobs.models import Job
from spend.models import Payment

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_spend_in_the_background_then_supplier_matching(world, tmp_path):
    file = tmp_path / "april.csv"
    file.write_text("Supplier Name,Amount,Payment Date\nAcme Ltd,10.00,01/04/2024\n")
    queued = json.loads(
        run("import_spend", str(file), "--buyer", world.home.name, "--background", "--json")
    )
    job = Job.objects.get(pk=queued["job"])
    assert job.kind == "spend.import_files" and job.status == Job.Status.SUCCEEDED, job.error
    assert job.organisation == world.home and job.result["rows_imported"] == 1
    assert Payment.objects.count() == 1
    assert Job.objects.get(kind="suppliers.resolve").status == Job.Status.SUCCEEDED
    listed = json.loads(run("jobs", "--json"))
    assert [entry["kind"] for entry in listed["jobs"]] == [
        "suppliers.resolve",
        "spend.import_files",
    ]
    assert listed["jobs"][1]["seconds"] >= 0 and listed["jobs"][1]["error"] is None
    text = run("jobs", "--kind", "spend.import_files")
    assert "succeeded" in text and "Import 1 payment file(s) for Home Council" in text


def test_import_spend_in_the_background_refuses_a_missing_file(world, tmp_path):
    with pytest.raises(CommandError, match="No file at"):
        run("import_spend", str(tmp_path / "none.csv"), "--buyer", world.home.name, "--background")
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("command", "kind"),
    [
        ("resolve_suppliers", "suppliers.resolve"),
        ("send_alerts", "opportunities.send_alerts"),
        ("index_opportunities", "opportunities.reindex"),
    ],
)
def test_other_long_commands_queue_themselves(world, command, kind):
    text = run(command, "--background")
    job = Job.objects.get(kind=kind)
    assert f"Queued as job #{job.pk}" in text
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.source == Job.Source.COMMAND


def test_a_failed_job_shows_its_reason_in_the_list(world):
    Job.objects.create(
        kind="suppliers.resolve", title="Match", status=Job.Status.FAILED, error="boom"
    )
    assert json.loads(run("jobs", "--status", "failed", "--json"))["jobs"][0]["error"] == "boom"
    assert "boom" in run("jobs")


def test_a_scheduled_run_is_a_job_recorded_once_per_minute(world):
    assert queue.run_scheduled("opportunities.send_alerts") == Job.Status.SUCCEEDED
    job = Job.objects.get()
    assert job.source == Job.Source.SCHEDULE and job.key.startswith(
        "schedule:opportunities.send_alerts:"
    )
    assert queue.run_scheduled("opportunities.send_alerts") == (
        f"job {job.pk} had already succeeded"
    )  # the same minute's schedule given twice does not send twice
    assert Job.objects.count() == 1
