import json
import time

from django.core.management.base import BaseCommand, CommandError

from jobs.commands import add_background_argument, queue_from_command
from opportunities import search_index


class Command(BaseCommand):
    help = (
        "Build the opportunity search index again from the database (after an upgrade, a restore, "
        "or if the index folder was lost). Loading notices keeps it up to date without this."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")
        add_background_argument(parser)

    def handle(self, *args, **options):
        if options["background"]:
            queue_from_command(
                self,
                "opportunities.reindex",
                title="Build the opportunity search index again",
                as_json=options["json"],
            )
            return
        started = time.perf_counter()

        def progress(done, total):
            if not options["json"]:
                self.stderr.write(f"  {done:,} of {total:,} processes indexed")

        try:
            count = search_index.rebuild(progress)
        except search_index.SearchIndexError as error:
            raise CommandError(str(error)) from error
        result = {"processes_indexed": count, "seconds": round(time.perf_counter() - started, 2)}
        self.stdout.write(
            json.dumps(result)
            if options["json"]
            else f"Indexed {count:,} processes for search in {result['seconds']}s "
            f"({search_index.index_dir()})"
        )
