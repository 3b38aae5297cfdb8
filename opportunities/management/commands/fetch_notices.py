import json
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jobs.commands import add_background_argument, queue_from_command
from opportunities.connectors import SOURCES, Connector, FetchFailed, start_of_day


def parse_day(value: str):
    try:
        return start_of_day(value)
    except ValueError as error:
        raise CommandError(f"'{value}' is not a date: use YYYY-MM-DD") from error


class Command(BaseCommand):
    help = (
        "Fetch notices from Find a Tender or Contracts Finder for a date range, page by page, with "
        "retries; a failed run resumes from the last page stored when run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, choices=sorted(SOURCES))
        parser.add_argument("--since", required=True, help="First day, YYYY-MM-DD")
        parser.add_argument("--until", help="Day after the last, YYYY-MM-DD (default: tomorrow)")
        parser.add_argument(
            "--base-url", help="Another server with the same API (a mirror, or tests)"
        )
        parser.add_argument("--window-days", type=int, default=1)
        parser.add_argument("--timeout", type=float, default=60)
        parser.add_argument("--attempts", type=int, default=6)
        parser.add_argument(
            "--backoff", type=float, default=2.0, help="First wait between attempts, seconds"
        )
        parser.add_argument("--json", action="store_true")
        add_background_argument(parser)

    def handle(self, *args, **options):
        since = parse_day(options["since"])
        until = (
            parse_day(options["until"])
            if options["until"]
            else parse_day((timezone.localdate() + timedelta(days=1)).isoformat())
        )
        if until <= since:
            raise CommandError("--until must be after --since")
        if options["background"]:
            queue_from_command(
                self,
                "opportunities.fetch_notices",
                title=f"Fetch notices from {options['source']}, {since:%d %b %Y} to {until:%d %b %Y}",
                params={
                    "sources": [options["source"]],
                    "since": f"{since:%Y-%m-%d}",
                    "until": f"{until:%Y-%m-%d}",
                    "base_url": options["base_url"],
                    "window_days": options["window_days"],
                },
                as_json=options["json"],
            )
            return
        progress = (lambda m: None) if options["json"] else (lambda m: self.stderr.write(f"  {m}"))
        connector = Connector(
            SOURCES[options["source"]],
            options["base_url"],
            timeout=options["timeout"],
            attempts=options["attempts"],
            backoff=options["backoff"],
            window_days=options["window_days"],
            progress=progress,
        )
        try:
            result = connector.run(since, until)
        except FetchFailed as error:
            raise CommandError(str(error)) from error
        summary = {**result.as_json(), "pages": connector.pages}
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{connector.pages} page(s): {result.releases_read:,} releases read, {result.releases_new:,} new, "
                    f"{result.releases_unchanged:,} unchanged, {result.releases_quarantined:,} quarantined"
                )
            )
