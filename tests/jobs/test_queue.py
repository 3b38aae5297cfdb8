"""The queue and the runner: how a job ends for each kind of outcome, retries, a job whose worker
died, the stalled-job sweep, and the queue refusing a job (nothing recorded)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_q.models import Schedule

from jobs import progress as live
from jobs import queue
from jobs.models import Job
from jobs.registry import KINDS, JobFailed, kind

pytestmark = pytest.mark.django_db

CALLS = []


@pytest.fixture(autouse=True)
def _test_kinds():
    """Kinds that do what a test tells them (registered for these tests only)."""

    @kind("test.echo", "Echo")
    def echo(job, progress):
        CALLS.append(job.pk)
        progress("Echoing", 1, 2)
        outcome = job.params.get("outcome")
        if outcome == "problem":
            raise JobFailed("The file has no header row.")
        if outcome == "transient":
            raise OperationalError("could not connect to server")
        if outcome == "bug":
            raise KeyError("missing")
        return {"echoed": job.params.get("value")}

    CALLS.clear()
    yield
    KINDS.pop("test.echo", None)


def queued(**params):
    """A job recorded but not yet run (as if the worker had not taken it yet)."""
    with mock.patch.object(queue, "_send"):
        return queue.enqueue("test.echo", title="Echo", params=params)


def test_a_job_runs_in_the_worker_and_records_its_result():
    job = queue.enqueue("test.echo", title="Echo", params={"value": 7})  # run inline in tests
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"echoed": 7} and job.attempts == 1
    assert job.started_at <= job.finished_at and job.error == ""
    assert job.progress == {"stage": "Echoing", "done": 1, "total": 2}
    assert live.read(job.pk) is None  # live progress is cleared once the job has ended


def test_a_problem_for_a_person_fails_the_job_with_its_message_and_no_retry():
    job = queue.enqueue("test.echo", title="Echo", params={"outcome": "problem"})
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == "The file has no header row."
    assert not Schedule.objects.filter(func="jobs.queue.run").exists()


def test_a_transient_fault_is_retried_later_then_fails_with_its_reason(settings):
    settings.JOBS_MAX_ATTEMPTS = 2
    job = queue.enqueue("test.echo", title="Echo", params={"outcome": "transient"})
    job.refresh_from_db()
    assert job.status == Job.Status.RETRYING
    assert "could not connect to server" in job.error
    assert job.retry_at > timezone.now() + timedelta(seconds=50)
    retry = Schedule.objects.get(func="jobs.queue.run")
    assert retry.schedule_type == Schedule.ONCE and retry.next_run == job.retry_at
    assert queue.run(job.pk) == Job.Status.FAILED  # the second and last attempt
    job.refresh_from_db()
    assert job.attempts == 2
    assert job.error.startswith("Still failing after 2 attempts. OperationalError")


def test_an_unexpected_error_fails_the_job_with_its_name_and_traceback():
    job = queue.enqueue("test.echo", title="Echo", params={"outcome": "bug"})
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error == "KeyError: 'missing'"
    assert "Traceback" in job.result["traceback"]


def test_a_finished_job_given_again_does_nothing():
    job = queue.enqueue("test.echo", title="Echo", params={"value": 1})
    assert queue.run(job.pk) == f"job {job.pk} had already succeeded"
    assert [job.pk] == CALLS
    assert queue.run(10**9) == "job 1000000000 no longer exists"


def test_a_job_whose_worker_died_is_run_again_then_given_up(settings):
    settings.JOBS_MAX_ATTEMPTS = 2
    job = queued(value=3)
    # The first attempt began, then the worker was killed: the record still says running.
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempts=1)
    assert queue.run(job.pk) == Job.Status.SUCCEEDED
    job.refresh_from_db()
    assert job.attempts == 2 and job.result == {"echoed": 3}
    assert "earlier attempt stopped without finishing" in job.error

    again = queued(value=4)
    Job.objects.filter(pk=again.pk).update(status=Job.Status.RUNNING, attempts=2)
    assert queue.run(again.pk) == Job.Status.FAILED
    again.refresh_from_db()
    assert "worker stopped during this job 2 times" in again.error
    assert again.pk not in CALLS


def test_the_sweep_fails_jobs_no_worker_will_come_back_to(settings):
    stalled, recent = queued(), queued()
    long_ago = timezone.now() - timedelta(seconds=settings.JOBS_STALLED_AFTER + 10)
    Job.objects.filter(pk=stalled.pk).update(status=Job.Status.RUNNING, started_at=long_ago)
    Job.objects.filter(pk=recent.pk).update(status=Job.Status.RUNNING, started_at=timezone.now())
    assert queue.sweep() == "1 stalled job(s) marked failed"
    stalled.refresh_from_db()
    recent.refresh_from_db()
    assert stalled.status == Job.Status.FAILED and "did not come back to it" in stalled.error
    assert recent.status == Job.Status.RUNNING
    assert queue.worker_last_seen() is not None  # the sweep is the worker's heartbeat


def test_work_with_a_key_is_not_queued_twice():
    first = queued()
    Job.objects.filter(pk=first.pk).update(key="resolve")
    with mock.patch.object(queue, "_send") as send:
        same = queue.enqueue("test.echo", title="Echo", key="resolve")
    assert same.pk == first.pk and not send.called


def test_the_queue_refusing_a_job_records_nothing():
    with (
        mock.patch.object(queue, "_send", side_effect=OperationalError("queue table locked")),
        pytest.raises(queue.QueueUnavailable, match="Nothing was queued"),
    ):
        queue.enqueue("test.echo", title="Echo")
    assert not Job.objects.exists()


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="No job kind 'nope'"):
        queue.enqueue("nope", title="?")
    job = queued()
    Job.objects.filter(pk=job.pk).update(kind="gone.kind")
    assert queue.run(job.pk) == Job.Status.FAILED
    job.refresh_from_db()
    assert "no job kind 'gone.kind'" in job.error


def test_the_worker_timetable_is_written_once_and_kept_by_name(settings):
    from jobs import schedules

    settings.FETCH_NOTICES_SOURCES = ["find-a-tender"]
    said = schedules.sync()
    assert len(said) == 5 and any("every day at 07:00" in line for line in said)
    assert any("monthly KPI snapshots: every month at 06:00" in line for line in said)
    assert any("contract KPIs from UK9 notices: every day at 05:30" in line for line in said)
    alerts = Schedule.objects.get(name="AnchorHub: daily alerts")
    assert alerts.next_run.astimezone(timezone.get_default_timezone()).minute == 0
    Schedule.objects.filter(pk=alerts.pk).update(next_run=alerts.next_run + timedelta(days=1))
    settings.FETCH_NOTICES_SOURCES = []
    schedules.sync()
    names = set(Schedule.objects.values_list("name", flat=True))
    assert names == {
        "AnchorHub: mark stalled jobs",
        "AnchorHub: daily alerts",
        "AnchorHub: monthly KPI snapshots",
    }
    # A time already reached is not reset by a restart of the worker.
    assert Schedule.objects.get(pk=alerts.pk).next_run == alerts.next_run + timedelta(days=1)
