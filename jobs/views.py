"""Job pages: one job's progress and outcome (for whoever started it), the recent jobs (for
coordinators), and a small JSON status that the page's script polls."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from core.paging import page_of
from core.permissions import COORDINATORS, SIGNED_IN, allow
from jobs import progress as live
from jobs.access import may_see
from jobs.models import Job
from jobs.queue import worker_last_seen
from jobs.registry import KINDS

# The worker notes it is alive every minute; after this long unseen it is reported as stopped.
WORKER_GONE_AFTER = timedelta(minutes=3)
# A job waiting longer than this without a worker seen gets a warning on its page.
WAITING_WARNING_AFTER = timedelta(seconds=30)


def _job(request, pk) -> Job:
    job = get_object_or_404(Job.objects.select_related("created_by", "organisation"), pk=pk)
    if not may_see(request.user, job):
        raise Http404("No such job.")
    return job


def worker_state() -> dict:
    """Running if its minute's sweep ran lately, or if it is busy with a job (a worker that runs
    one job at a time, as on SQLite, does not sweep while a long import runs)."""
    now = timezone.now()
    seen = worker_last_seen()
    running = (
        bool(seen and now - seen < WORKER_GONE_AFTER)
        or Job.objects.filter(
            status=Job.Status.RUNNING,
            started_at__gte=now - timedelta(seconds=settings.JOBS_TIMEOUT),
        ).exists()
    )
    return {"last_seen": seen, "running": running}


def _next_url(job: Job) -> str:
    return job.next_url if url_has_allowed_host_and_scheme(job.next_url, allowed_hosts=None) else ""


def status(job: Job) -> dict:
    progress = live.read(job.pk) or job.progress or {}
    follow = KINDS[job.kind].follow_when_done if job.kind in KINDS else False
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": job.get_status_display(),
        "finished": job.is_finished,
        "progress": live.describe(progress),
        "done": progress.get("done"),
        "total": progress.get("total"),
        "error": job.error,
        "next_url": _next_url(job),
        "follow": follow and job.status == Job.Status.SUCCEEDED,
        "retry_at": job.retry_at.isoformat() if job.retry_at else None,
    }


def summary(result: dict) -> list[tuple[str, str]]:
    """A job's result as label and value, for its page: numbers with thousands separators;
    lists and tables (kept in the record and `anchorhub jobs --json`) left out."""
    rows = []
    for key, value in result.items():
        if key in ("traceback", "notes") or isinstance(value, dict | list):
            continue
        if isinstance(value, bool) or value is None:
            shown = {True: "Yes", False: "No", None: "-"}[value]
        elif isinstance(value, int):
            shown = f"{value:,}"
        elif isinstance(value, float):
            shown = f"{value:,.2f}"
        else:
            shown = str(value)
        rows.append((key.replace("_", " ").capitalize(), shown))
    return rows


@allow(SIGNED_IN)
def detail(request, pk):
    job = _job(request, pk)
    state = status(job)
    if request.GET.get("follow") and state["follow"] and state["next_url"]:
        return redirect(state["next_url"])
    worker = worker_state()
    waiting_long = (
        job.status == Job.Status.QUEUED
        and timezone.now() - job.created_at > WAITING_WARNING_AFTER
        and not worker["running"]
    )
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "state": state,
            "worker": worker,
            "waiting_long": waiting_long,
            "follow": bool(request.GET.get("follow")),
            "status_url": reverse("jobs:status", args=[job.pk]),
            "result": summary(job.result),
            "notes": [str(note) for note in job.result.get("notes", [])][:50],
        },
    )


@allow(SIGNED_IN)
def status_json(request, pk):
    response = JsonResponse(status(_job(request, pk)))
    response["Cache-Control"] = "no-store"
    return response


@allow(COORDINATORS)
def job_list(request):
    jobs = Job.objects.select_related("created_by", "organisation")
    chosen = request.GET.get("status", "")
    if chosen in Job.Status.values:
        jobs = jobs.filter(status=chosen)
    else:
        chosen = ""
    page = page_of(request, jobs, 50)
    return render(
        request,
        "jobs/list.html",
        {
            "page": page,
            "query": f"status={chosen}" if chosen else "",
            "chosen": chosen,
            "statuses": Job.Status.choices,
            "worker": worker_state(),
            "failed_today": Job.objects.filter(
                status=Job.Status.FAILED, finished_at__gte=timezone.now() - timedelta(days=1)
            ).count(),
        },
    )
