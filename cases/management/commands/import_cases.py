"""anchorhub import_cases [PATH] [--json]: load the library's starting content, idempotently."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases import starting


class Command(BaseCommand):
    help = (
        "Load the case library's starting content (cases/data/cases.json, or PATH) as public, "
        "published cases. Checks every entry first; loads nothing if any is wrong; loading the "
        "same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="A cases JSON file (default: the built-in one)")
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON")

    def handle(self, *args, path=None, **options):
        try:
            entries = starting.load(Path(path)) if path else starting.load()
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot read the cases file: {error}") from error
        problems = starting.problems_in(entries)
        if problems:
            raise CommandError("Nothing loaded. " + "; ".join(problems))
        counts = starting.import_cases(entries)
        if options["json"]:
            self.stdout.write(json.dumps({"cases": len(entries), **counts}))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(entries)} starting cases: {counts['new']} new, {counts['updated']} "
                    f"updated, {counts['unchanged']} unchanged."
                )
            )
