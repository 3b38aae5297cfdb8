import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from socialvalue.kpi_import import import_files, import_stored


class Command(BaseCommand):
    help = (
        "Import contract performance KPIs published in UK9 notices (OCDS contracts[].implementation"
        ".metrics) as KPI results of those contracts, from OCDS files or, with --from-stored, from "
        "the releases already loaded. Importing twice changes nothing; what cannot be read is kept "
        "with the reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument(
            "--from-stored", action="store_true", help="Read the releases already in the database"
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object")

    def handle(self, *args, paths, from_stored, **options):
        as_json = options["json"]
        if not paths and not from_stored:
            raise CommandError("Give one or more OCDS files, or --from-stored")
        files = [Path(path) for path in paths]
        missing = [str(path) for path in files if not path.is_file()]
        if missing:
            raise CommandError(f"No file at {', '.join(missing)}")
        progress = (lambda message: None) if as_json else (lambda m: self.stderr.write(f"  {m}"))
        results = []
        if files:
            results.append(import_files(files, progress))
        if from_stored:
            results.append(import_stored(progress))
        total = results[0]
        for more in results[1:]:
            for key, value in more.as_json().items():
                if key == "reasons":
                    total.reasons += value
                else:
                    setattr(total, key, getattr(total, key) + value)
        if as_json:
            self.stdout.write(json.dumps(total.as_json()))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{total.files} source(s): {total.releases_read:,} releases read, "
                f"{total.releases_with_metrics:,} with KPIs; {total.results_new:,} KPI results new, "
                f"{total.results_updated:,} updated, {total.results_unchanged:,} unchanged; "
                f"{total.flagged:,} flagged, {total.rejects:,} rejected"
            )
        )
        for reason in total.reasons[:10]:
            self.stdout.write(f"  rejected: {reason}")
