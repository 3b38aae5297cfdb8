"""`anchorhub worker`: the background worker (django-q2's cluster) with AnchorHub's timetable."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from jobs import schedules
from jobs.queue import note_worker_alive


class Command(BaseCommand):
    help = (
        "Run the background worker: imports from the upload page, supplier resolution, daily "
        "alerts, fetching notices, re-indexing. Keep one running beside the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--run-once", action="store_true", help="start, take what is queued, then stop (tests)"
        )

    def handle(self, *args, run_once=False, **options):
        for line in schedules.sync():
            self.stdout.write(f"Scheduled: {line}")
        note_worker_alive()
        self.stdout.write(
            f"Worker starting: {settings.Q_CLUSTER['workers']} processes, each job at most "
            f"{settings.JOBS_TIMEOUT} s, up to {settings.JOBS_MAX_ATTEMPTS} attempts."
        )
        self.stdout.flush()
        call_command("qcluster", run_once=run_once)
