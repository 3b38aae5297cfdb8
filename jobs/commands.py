"""`--background` for the long commands: queue the work for the worker instead of running it here."""

import json

from django.core.management.base import CommandError

from jobs.models import Job
from jobs.queue import QueueUnavailable, enqueue

BACKGROUND_HELP = "queue the work for the background worker (anchorhub worker) and return at once"


def add_background_argument(parser) -> None:
    parser.add_argument("--background", action="store_true", help=BACKGROUND_HELP)


def queue_from_command(
    command, kind: str, *, title: str, params=None, organisation=None, as_json=False
):
    """Queue a job for a command and say so; the command then returns."""
    try:
        job = enqueue(
            kind,
            title=title,
            params=params or {},
            organisation=organisation,
            source=Job.Source.COMMAND,
        )
    except QueueUnavailable as problem:
        raise CommandError(str(problem)) from None
    if as_json:
        command.stdout.write(json.dumps({"job": job.pk, "status": job.status}))
    else:
        command.stdout.write(
            f"Queued as job #{job.pk} ({job.get_status_display().lower()}). "
            f"Follow it with: anchorhub jobs --kind {kind}"
        )
    return job
