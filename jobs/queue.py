"""Putting work on the queue and running it: the one place that talks to django-q2 (decision 0009).

`enqueue` records a Job and queues its id in the same transaction (the ORM broker keeps the queue
in the project's own database), so a job is never queued without its record nor recorded without
being queued. `run` is what the worker calls: it counts the attempt, runs the kind's function and
records how it ended. A worker killed mid-job never acknowledged it, so django-q2 gives it to a
worker again after `Q_CLUSTER["retry"]` seconds; the attempt count stops that after
JOBS_MAX_ATTEMPTS. The work itself writes in one transaction, so a killed attempt leaves nothing.
"""

from __future__ import annotations

import logging
import traceback
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.utils import timezone

from jobs import progress as live
from jobs.models import Job
from jobs.registry import KINDS, JobFailed, is_transient, retry_delay

logger = logging.getLogger("anchorhub.jobs")


class QueueUnavailable(Exception):
    """The job queue could not take the job; nothing was queued."""


def _send(job: Job) -> None:
    from django_q.tasks import async_task  # noqa: PLC0415 (django-q2 loads its models on import: only once apps are ready)

    async_task(
        "jobs.queue.run",
        job.pk,
        task_name=f"{job.kind} #{job.pk}",
        group=job.kind,
    )


def enqueue(
    kind: str,
    *,
    title: str,
    params: dict | None = None,
    user=None,
    organisation=None,
    next_url: str = "",
    key: str = "",
    source: str = Job.Source.WEB,
) -> Job:
    """Record a job and queue it. With `key`, a job of that key still waiting or running is
    returned instead of queueing the same work twice."""
    if kind not in KINDS:
        raise ValueError(f"No job kind {kind!r}; known: {', '.join(sorted(KINDS))}")
    try:
        with transaction.atomic():
            if key:
                waiting = Job.objects.filter(key=key).exclude(status__in=Job.FINISHED).first()
                if waiting is not None:
                    return waiting
            job = Job.objects.create(
                kind=kind,
                title=title[:300],
                params=params or {},
                created_by=user if getattr(user, "is_authenticated", False) else None,
                organisation=organisation,
                next_url=next_url,
                key=key,
                source=source,
            )
            _send(job)
    except DatabaseError as error:
        raise QueueUnavailable(
            f"The job queue cannot be reached ({type(error).__name__}: {error}). Nothing was queued."
        ) from error
    job.refresh_from_db()
    return job


def run(job_id: int) -> str:
    """Run one job (called by the worker, or in-process when Q_CLUSTER['sync'] is on)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return f"job {job_id} no longer exists"
    if job.is_finished:
        return f"job {job_id} had already {job.status}"
    kind = KINDS.get(job.kind)
    if kind is None:
        _finish(
            job, Job.Status.FAILED, error=f"This version of AnchorHub has no job kind {job.kind!r}."
        )
        return job.status
    interrupted = job.status == Job.Status.RUNNING  # a previous attempt never finished
    job.attempts += 1
    if job.attempts > settings.JOBS_MAX_ATTEMPTS:
        _finish(
            job,
            Job.Status.FAILED,
            error=(
                f"The worker stopped during this job {job.attempts - 1} times (it was stopped, ran "
                "out of memory or ran out of time); it was not tried again. Nothing it was "
                "writing was kept."
            ),
        )
        return job.status
    job.status = Job.Status.RUNNING
    job.started_at = timezone.now()
    job.retry_at = None
    if interrupted:
        job.error = "An earlier attempt stopped without finishing; nothing it was writing was kept."
    job.save(update_fields=["attempts", "status", "started_at", "retry_at", "error"])
    report = live.Progress(job.pk)
    try:
        result = kind.run(job, report)
    except JobFailed as problem:
        _finish(job, Job.Status.FAILED, error=str(problem), progress=report.last)
    except Exception as error:
        if is_transient(error) and job.attempts < settings.JOBS_MAX_ATTEMPTS:
            _retry_later(job, error, report.last)
        else:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            reason = f"{type(error).__name__}: {error}"
            if is_transient(error):
                reason = f"Still failing after {job.attempts} attempts. {reason}"
            _finish(job, Job.Status.FAILED, error=reason, progress=report.last, trace=True)
    else:
        _finish(job, Job.Status.SUCCEEDED, result=result or {}, progress=report.last)
    return job.status


def _finish(job: Job, status, *, error=None, result=None, progress=None, trace=False) -> None:
    """Record how the job ended. A job that succeeded keeps the note of any earlier failed or
    interrupted attempt."""
    job.status = status
    if error is not None:
        job.error = error
    job.finished_at = timezone.now()
    if result is not None:
        job.result = result
    if progress:
        job.progress = progress
    if trace:
        job.result = {**job.result, "traceback": traceback.format_exc(limit=8)[-4000:]}
    job.save()
    live.clear(job.pk)


def _retry_later(job: Job, error: BaseException, progress: dict) -> None:
    """A fault that may pass: queue the job again after a growing delay."""
    from django_q.models import Schedule  # noqa: PLC0415 (as in _send)
    from django_q.tasks import schedule  # noqa: PLC0415

    delay = retry_delay(job.attempts)
    job.status = Job.Status.RETRYING
    job.error = f"Attempt {job.attempts} failed: {type(error).__name__}: {error}"
    job.retry_at = timezone.now() + timedelta(seconds=delay)
    job.progress = progress or job.progress
    job.save()
    logger.warning("Job %s (%s) will be tried again in %ss: %s", job.pk, job.kind, delay, error)
    schedule(
        "jobs.queue.run",
        job.pk,
        name=f"retry {job.kind} #{job.pk} attempt {job.attempts + 1}",
        schedule_type=Schedule.ONCE,
        next_run=job.retry_at,
        repeats=1,
    )


def run_scheduled(kind: str) -> str:
    """What the worker's schedule calls: record the scheduled run as a job and run it here."""
    now = timezone.now()
    job = enqueue_here(kind, key=f"schedule:{kind}:{now:%Y-%m-%dT%H:%M}")
    return run(job.pk)


def enqueue_here(kind: str, *, key: str) -> Job:
    """A job the worker records for itself (not queued: it is about to run it)."""
    waiting = Job.objects.filter(key=key).first()
    if waiting is not None:
        return waiting
    return Job.objects.create(
        kind=kind, title=KINDS[kind].label, key=key, source=Job.Source.SCHEDULE
    )


def sweep() -> str:
    """Every minute: note that the worker is alive, and mark failed the jobs whose worker died
    and that the queue will not give to a worker again."""
    caches["jobs"].set(LAST_SEEN_KEY, timezone.now(), None)
    cutoff = timezone.now() - timedelta(seconds=settings.JOBS_STALLED_AFTER)
    count = 0
    for job in Job.objects.filter(status=Job.Status.RUNNING, started_at__lt=cutoff):
        _finish(
            job,
            Job.Status.FAILED,
            error=(
                "The worker stopped during this job (it was stopped, ran out of memory or ran out "
                "of time) and did not come back to it. Nothing it was writing was kept."
            ),
        )
        count += 1
    return f"{count} stalled job(s) marked failed"


LAST_SEEN_KEY = "jobs-worker-last-seen"


def worker_last_seen():
    """When the worker last ran its every-minute sweep (or started), or None if never seen."""
    return caches["jobs"].get(LAST_SEEN_KEY)


def note_worker_alive() -> None:
    caches["jobs"].set(LAST_SEEN_KEY, timezone.now(), None)


SWEEP_NAME = "AnchorHub: mark stalled jobs"
