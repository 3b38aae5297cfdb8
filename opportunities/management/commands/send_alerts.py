import json

from django.conf import settings
from django.core.management.base import BaseCommand

from jobs.commands import add_background_argument, queue_from_command
from opportunities.alerts import send_alerts


class Command(BaseCommand):
    help = (
        "Email each supplier a digest of new opportunities that match its capabilities and saved "
        "searches since its last digest. A notice is never sent to the same person twice. A digest "
        "that cannot be sent is reported with its reason; everyone else still gets theirs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", default=settings.SITE_URL, help="Address used in the links"
        )
        parser.add_argument("--json", action="store_true")
        add_background_argument(parser)

    def handle(self, *args, base_url, **options):
        if options["background"]:
            queue_from_command(
                self,
                "opportunities.send_alerts",
                title="Email suppliers their digest of new opportunities",
                params={"base_url": base_url.rstrip("/")},
                as_json=options["json"],
            )
            return
        result = send_alerts(base_url.rstrip("/"))
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json()))
            return
        self.stdout.write(f"Sent {result.digests} digest(s) listing {result.notices} notice(s).")
        if result.failed:
            self.stderr.write(f"{len(result.failed)} digest(s) not sent (tried again next run):")
            for failure in result.failed:
                self.stderr.write(f"  {failure['user']}: {failure['reason']}")
        if result.searches_not_run:
            self.stderr.write(
                f"{len(result.searches_not_run)} saved search(es) not run: they were saved before "
                "searches were checked, and their owners need to save them again:"
            )
            for skipped in result.searches_not_run:
                self.stderr.write(
                    f"  {skipped['user']}, '{skipped['search']}': {skipped['reason']}"
                )
