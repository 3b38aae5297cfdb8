import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.formatting import pounds
from jobs.commands import add_background_argument, queue_from_command
from spend import followup
from spend.columns import field_names
from spend.importing import ImportProblem, SpendImporter, find_buyer


def read_mapping(path: Path) -> dict[str, str]:
    """A mapping file: JSON {"field": "Column name"} or CSV rows `field,column`."""
    if not path.exists():
        raise CommandError(f"No mapping file at {path}")
    text = path.read_text(encoding="utf-8-sig")
    try:
        mapping = (
            json.loads(text)
            if text.lstrip().startswith("{")
            else dict(csv.reader(text.splitlines()))
        )
    except (ValueError, json.JSONDecodeError) as error:
        raise CommandError(
            f"{path}: not a mapping (JSON object or CSV of field,column): {error}"
        ) from None
    unknown = sorted(set(mapping) - set(field_names()))
    if unknown:
        raise CommandError(
            f"{path}: unknown field(s) {', '.join(unknown)}; fields are: {', '.join(field_names())}"
        )
    return {str(k): str(v) for k, v in mapping.items()}


class Command(BaseCommand):
    help = (
        "Import payment files (CSV in any delimiter and encoding, XLSX, also in .zip or .gz) for one "
        "buyer. Columns are recognised automatically and remembered; every row is imported, "
        "rejected with its reason, or skipped as a duplicate. All or nothing; importing again adds "
        "nothing. A file that names another publisher than the buyer is refused unless "
        "--publisher-confirmed. Afterwards payees are resolved and matched to the registers "
        "(their summaries printed; --json: under 'resolution' and 'placing'), unless --no-followup."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--buyer", required=True, help="The anchor's name (or slug)")
        parser.add_argument("--mapping", type=Path, help="JSON or CSV: field → column name")
        parser.add_argument("--json", action="store_true")
        parser.add_argument(
            "--publisher-confirmed",
            action="store_true",
            help="import even though the file names another publisher than the buyer "
            "(e.g. its organisation column says 'The Borough of Calderdale')",
        )
        parser.add_argument(
            "--no-followup",
            action="store_true",
            help="do not resolve payees and match them to the registers after the import",
        )
        add_background_argument(parser)

    def handle(self, *args, paths, buyer, mapping, **options):
        try:
            organisation = find_buyer(buyer)
            if options["background"]:
                missing = [p for p in paths if not Path(p).is_file()]
                if missing:
                    raise CommandError(f"No file at {', '.join(missing)}")
                queue_from_command(
                    self,
                    "spend.import_files",
                    title=f"Import {len(paths)} payment file(s) for {organisation.name}",
                    params={
                        "buyer": organisation.pk,
                        "paths": [str(Path(p).resolve()) for p in paths],
                        "mapping": read_mapping(mapping) if mapping else None,
                        "publisher_confirmed": options["publisher_confirmed"],
                        "followup": not options["no_followup"],
                    },
                    organisation=organisation,
                    as_json=options["json"],
                )
                return
            importer = SpendImporter(
                organisation,
                mapping=read_mapping(mapping) if mapping else None,
                publisher_confirmed=options["publisher_confirmed"],
            )
            result = importer.import_files([Path(p) for p in paths])
        except ImportProblem as problem:
            raise CommandError(f"{problem} Nothing was imported.") from None
        summary = {}
        if not options["no_followup"] and result.rows_imported:
            say = None if options["json"] else (lambda stage, *_: self.stderr.write(str(stage)))
            summary = followup.run_inline([organisation.pk], progress=say)
        if options["json"]:
            self.stdout.write(json.dumps({**result.as_json(), **summary}))
            return
        for note in result.notes:
            self.stderr.write(note)
        self.stdout.write(
            f"{organisation.name}: {result.rows_read:,} rows read: {result.rows_imported:,} imported "
            f"({result.rows_redacted:,} with the supplier's name redacted), "
            f"{result.rows_rejected:,} rejected, {result.duplicates_skipped:,} duplicates skipped; "
            f"{pounds(result.total_amount, pence=True)} in {result.seconds:.1f}s"
        )
        self.stdout.write("Columns: " + "; ".join(f"{k} ← {v}" for k, v in result.mapping.items()))
        for named in result.publishers_named:
            self.stdout.write(f"Imported although the file names another publisher: {named}")
        for line in followup.describe(summary) if summary else []:
            self.stdout.write(line)
        if result.rows_rejected:
            self.stdout.write(
                "Rejected rows are kept with their reasons: "
                f"anchorhub spend_rejections --buyer {organisation.slug} [--csv FILE]"
            )
