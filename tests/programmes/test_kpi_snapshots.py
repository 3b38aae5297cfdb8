"""The snapshots: taken once per KPI and date and never recomputed, a failing KPI recorded with
its reason while the rest carry on (and tried again next time), manual KPIs left to their
results; the job kind, the command's progress, summary and --json keys; the timetable."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from challenges.models import Challenge
from jobs.models import Job
from jobs.registry import KINDS
from programmes.kpi_taking import ALREADY, FAILED, TAKEN, default_date, take, take_all
from programmes.models import KpiSnapshot
from tests.programmes.test_kpi_sources import _challenge, at, kpi_of, make_programme

pytestmark = pytest.mark.django_db

END = date(2026, 3, 31)


@pytest.fixture
def kpis(world):
    programme = make_programme(world)
    first = _challenge(world.home, "Warm homes", status="published", published_at=at("2025-05-01"))
    programme.challenges.add(first)
    published = kpi_of(programme, "challenges_published", window="all", is_sample=False)
    broken = kpi_of(programme, "practice_indicator", parameters={"indicator": "nonsense"})
    manual = kpi_of(programme, "manual")
    anchor = kpi_of(world.home, "challenges_published", window="all")
    return programme, published, broken, manual, anchor


def test_a_snapshot_is_taken_once_and_never_recomputed(kpis):
    _, published, *_ = kpis
    status, snapshot = take(published, END)
    assert (status, snapshot.value) == (TAKEN, 1)
    assert "1 challenges published, up to 31 March 2026" in snapshot.basis
    assert snapshot.data_note
    # the data changes later: the snapshot taken keeps its figure
    Challenge.objects.filter(title="Warm homes").update(published_at=None)
    status, again = take(published, END)
    assert (status, again.pk, again.value) == (ALREADY, snapshot.pk, 1)
    assert KpiSnapshot.objects.filter(kpi=published).count() == 1


def test_one_bad_kpi_never_stops_the_rest_and_is_tried_again(kpis):
    programme, published, broken, manual, anchor = kpis
    summary = take_all(END)
    assert [row["kpi"] for row in summary.taken] == [published.pk, anchor.pk]
    assert [row["kpi"] for row in summary.failed] == [broken.pk]
    assert "no indicator called 'nonsense'" in summary.failed[0]["reason"]
    failed = KpiSnapshot.objects.get(kpi=broken)
    assert failed.failed and failed.value is None
    assert not KpiSnapshot.objects.filter(kpi=manual).exists()  # manual KPIs keep results
    # idempotent: a second run keeps what was taken and tries the failed one again
    broken.parameters = {"indicator": "lots_share"}
    broken.save()
    again = take_all(END, programme=programme)
    assert {row["kpi"] for row in again.already_taken} == {published.pk}
    assert [row["kpi"] for row in again.taken] == [broken.pk]
    assert not KpiSnapshot.objects.get(kpi=broken).failed


def test_an_unexpected_error_is_recorded_with_its_name(kpis, monkeypatch):
    _, published, *_ = kpis

    def boom(kpi, end):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("programmes.kpi_taking.inputs_for", boom)
    status, snapshot = take(published, END)
    assert status == FAILED
    assert snapshot.error == "ZeroDivisionError: division by zero"


def test_the_command_reports_progress_and_a_summary(kpis):
    out, err = StringIO(), StringIO()
    call_command("kpi_snapshots", "--date", "2026-03-31", stdout=out, stderr=err)
    assert "[1/3]" in err.getvalue()
    said = out.getvalue()
    assert "2 taken, 0 already taken, 1 failed." in said
    assert "failed: Healthy homes pilot: A practice indicator" in said
    out = StringIO()
    call_command("kpi_snapshots", "--date", "2026-03-31", "--json", stdout=out)
    found = json.loads(out.getvalue())
    assert set(found) == {"date", "taken", "already_taken", "failed", "kpis"}
    # the failed one is tried again (and fails again); the two taken are kept
    assert (found["date"], found["taken"], found["already_taken"], found["failed"]) == (
        "2026-03-31",
        0,
        2,
        1,
    )
    assert {row["status"] for row in found["kpis"]} == {"already_taken", "failed"}
    assert {"kpi", "title", "owner", "status"} <= set(found["kpis"][0])


def test_the_command_for_one_programme_and_its_errors(kpis):
    programme, *_ = kpis
    out = StringIO()
    call_command(
        "kpi_snapshots", "--programme", programme.slug, "--date", "2026-03-31", "--json", stdout=out
    )
    assert json.loads(out.getvalue())["taken"] == 1  # the anchor's own KPI is left out
    with pytest.raises(CommandError, match="No programme is called 'nowhere'"):
        call_command("kpi_snapshots", "--programme", "nowhere")
    with pytest.raises(CommandError, match="like 2026-03-31"):
        call_command("kpi_snapshots", "--date", "31/03/2026")


def test_the_job_kind_snapshots_the_month_before_by_default(kpis, monkeypatch):
    from jobs import queue

    monkeypatch.setattr("programmes.tasks.today", lambda: date(2026, 4, 1))
    job = Job.objects.create(
        kind="programmes.kpi_snapshots", title=KINDS["programmes.kpi_snapshots"].label
    )
    assert queue.run(job.pk) == Job.Status.SUCCEEDED
    job.refresh_from_db()
    assert job.result["date"] == "2026-03-31"
    assert (job.result["taken"], job.result["failed"]) == (2, 1)
    assert default_date(date(2026, 1, 15)) == date(2025, 12, 31)


def test_the_job_refuses_an_unknown_programme(kpis):
    from jobs import queue

    job = Job.objects.create(
        kind="programmes.kpi_snapshots", title="KPIs", params={"programme": "nowhere"}
    )
    assert queue.run(job.pk) == Job.Status.FAILED
    job.refresh_from_db()
    assert "No programme is called 'nowhere'" in job.error


def test_the_timetable_takes_snapshots_monthly():
    from jobs.schedules import timetables

    entry = next(
        e for e in timetables() if e.func == "jobs.queue.run_scheduled" and "kpi" in e.args
    )
    assert (entry.every, entry.at, entry.args) == ("month", "06:00", "'programmes.kpi_snapshots'")
