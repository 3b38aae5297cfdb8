import json
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jobs.commands import add_background_argument, queue_from_command
from opportunities.connectors import Connector, FetchFailed, default_pace, start_of_day
from opportunities.notice_services import DEFAULT_WINDOW_HOURS, SOURCES, parse_pace


def parse_day(value: str):
    try:
        return start_of_day(value)
    except ValueError as error:
        raise CommandError(f"'{value}' is not a date: use YYYY-MM-DD") from error


def positive(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Fetch notices from Find a Tender or Contracts Finder for a date range, in short date "
        "windows, page by page, paced within the API's rate limit, with retries; windows already "
        "fetched are skipped and a window that failed resumes from its last page when run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            required=True,
            choices=sorted(SOURCES),
            help="Which service's OCDS API to fetch from",
        )
        parser.add_argument("--since", required=True, help="First day, YYYY-MM-DD")
        parser.add_argument("--until", help="Day after the last, YYYY-MM-DD (default: tomorrow)")
        parser.add_argument(
            "--base-url", help="Another server with the same API (a mirror, or tests)"
        )
        size = parser.add_mutually_exclusive_group()
        size.add_argument(
            "--window-hours",
            type=positive,
            help=f"Hours per date window (default {DEFAULT_WINDOW_HOURS}: long windows are known to drop releases)",
        )
        size.add_argument("--window-days", type=int, help="Days per date window")
        parser.add_argument(
            "--pace",
            help="At most REQUESTS/SECONDS; 0 for none (a mirror or a local server). Default, "
            "from the setting FETCH_NOTICES_PACE: find-a-tender 12/120 (its published limit: 12 "
            "requests per 2 minutes); contracts-finder 12/120 too (it publishes no limit)",
        )
        parser.add_argument(
            "--timeout", type=float, default=60, help="Seconds to wait for each answer (default 60)"
        )
        parser.add_argument(
            "--attempts",
            type=int,
            default=6,
            help="Tries per page before its window is left not done, to resume (default 6)",
        )
        parser.add_argument(
            "--backoff", type=float, default=2.0, help="First wait between attempts, seconds"
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print the counts as one JSON object (windows = windows_done + windows_skipped + "
            "windows_open + windows_failed + windows_not_reached)",
        )
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
        try:
            pace = parse_pace(options["pace"]) if options["pace"] is not None else default_pace()
        except ValueError as error:
            raise CommandError(f"--pace: {error}") from error
        if options["window_days"] is not None and options["window_days"] < 1:
            raise CommandError("--window-days must be 1 or more")
        window_hours = (
            options["window_days"] * 24
            if options["window_days"]
            else options["window_hours"] or DEFAULT_WINDOW_HOURS
        )
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
                    "window_hours": window_hours,
                    "pace": list(pace) if pace else None,
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
            window_hours=window_hours,
            pace=pace,
            progress=progress,
        )
        try:
            result = connector.run(since, until)
        except FetchFailed as error:
            raise CommandError(str(error)) from error
        fetched = connector.summary
        summary = {
            **result.as_json(),
            "pages": connector.pages,
            **fetched.as_json(),
            "releases_distinct": len(connector.seen),
        }
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            again = (
                f" ({fetched.releases_repeated:,} served more than once, stored once)"
                if fetched.releases_repeated
                else ""
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"{connector.pages} page(s) in {fetched.windows - fetched.windows_skipped} of "
                    f"{fetched.windows} window(s), {fetched.requests} request(s): "
                    f"{result.releases_read:,} releases read{again}, {result.releases_new:,} new, "
                    f"{result.releases_unchanged:,} unchanged, {result.releases_quarantined:,} quarantined"
                )
            )
        if fetched.windows_failed:
            not_done = fetched.windows_failed + fetched.windows_not_reached
            reached = (
                f", {fetched.windows_not_reached} not reached because the run stopped"
                if fetched.windows_not_reached
                else ""
            )
            raise CommandError(
                f"{not_done} of {fetched.windows} window(s) not done ({fetched.windows_failed} "
                f"failed{reached}): run the same command again to resume them. "
                f"Last error: {fetched.errors[-1]}"
            )
