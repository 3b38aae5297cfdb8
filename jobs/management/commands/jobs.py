"""`anchorhub jobs`: recent background jobs with their status, duration and any failure's reason."""

import json

from django.core.management.base import BaseCommand

from jobs import progress as live
from jobs.models import Job
from jobs.queue import worker_last_seen


def as_json(job: Job) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "title": job.title,
        "status": job.status,
        "source": job.source,
        "attempts": job.attempts,
        "created_at": job.created_at.isoformat(),
        "started_at": job.started_at.isoformat() if job.started_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "seconds": round(job.seconds, 3) if job.seconds is not None else None,
        "progress": live.read(job.pk) or job.progress or None,
        "error": job.error or None,
        "result": {key: value for key, value in job.result.items() if key != "traceback"},
    }


class Command(BaseCommand):
    help = "List recent background jobs: status, duration, and the reason of any failure."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=20, help="how many (default 20)")
        parser.add_argument("--status", choices=[choice for choice, _ in Job.Status.choices])
        parser.add_argument("--kind", help="only jobs of this kind, e.g. spend.import")
        parser.add_argument("--json", action="store_true", help="print JSON for scripts")

    def handle(self, *args, limit, status, kind, **options):
        jobs = Job.objects.all()
        if status:
            jobs = jobs.filter(status=status)
        if kind:
            jobs = jobs.filter(kind=kind)
        jobs = list(jobs[: max(1, min(limit, 1000))])
        seen = worker_last_seen()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "worker_last_seen": seen.isoformat() if seen else None,
                        "jobs": [as_json(job) for job in jobs],
                    },
                    indent=2,
                )
            )
            return
        self.stdout.write(
            f"Worker last seen: {seen:%d %b %Y %H:%M:%S}" if seen else "Worker never seen"
        )
        for job in jobs:
            took = f"{job.seconds:.1f} s" if job.seconds is not None else "-"
            line = f"#{job.pk:<6} {job.status:<9} {took:>9}  {job.kind:<28} {job.title}"
            self.stdout.write(line)
            if job.error:
                self.stdout.write(f"         {job.error}")
        self.stdout.write(f"{len(jobs)} job(s)")
