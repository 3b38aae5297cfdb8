"""`anchorhub serve`: the production web server (gunicorn, settings in core/gunicorn_conf.py).

Before serving it checks that the database is reachable and every migration is applied (it never
migrates by itself: run `anchorhub migrate` as a deliberate step), runs Django's deployment checks
and collects the static files. Then this process becomes gunicorn.
"""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve AnchorHub in production mode with gunicorn (after checking migrations and collecting static files)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind", help="address:port to listen on (default ANCHORHUB_BIND or 127.0.0.1:8000)"
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="worker processes (default WEB_CONCURRENCY or 1 per core + 1)",
        )
        parser.add_argument(
            "--threads", type=int, help="threads per worker (default GUNICORN_THREADS or 1)"
        )
        parser.add_argument(
            "--skip-collectstatic",
            action="store_true",
            help="do not collect static files first (they are already in STATIC_ROOT)",
        )
        parser.add_argument("--check-only", action="store_true", help="run the checks, then stop")

    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError(
                "DEBUG is on. `anchorhub serve` is the production server: unset DEBUG, set SECRET_KEY "
                "and ALLOWED_HOSTS (README, 'Running in production'). For a development server use `make demo`."
            )
        try:
            call_command("migrate", check=True, plan=False, verbosity=0)
        except SystemExit as exit_:
            raise CommandError(
                "The database has migrations that are not applied yet. Run `anchorhub migrate` first."
            ) from exit_
        # Warnings (e.g. no SSL redirect when TLS ends at a proxy) are printed; errors stop here.
        call_command("check", deploy=True, fail_level="ERROR")
        if not options["skip_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
            self.stdout.write(f"Static files collected into {settings.STATIC_ROOT}.")
        if options["check_only"]:
            self.stdout.write("Ready to serve: migrations applied, deployment checks passed.")
            return
        environment = dict(os.environ)
        for option, variable in (
            ("bind", "ANCHORHUB_BIND"),
            ("workers", "WEB_CONCURRENCY"),
            ("threads", "GUNICORN_THREADS"),
        ):
            if options[option]:
                environment[variable] = str(options[option])
        command = [sys.executable, "-m", "gunicorn", "--config", "python:core.gunicorn_conf"]
        self.stdout.write(
            f"Serving AnchorHub with gunicorn on {environment.get('ANCHORHUB_BIND', '127.0.0.1:8000')}.",
        )
        self.stdout.flush()
        os.execve(sys.executable, command, environment)  # noqa: S606 (our own interpreter and fixed arguments)
