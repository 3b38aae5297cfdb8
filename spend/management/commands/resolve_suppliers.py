import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jobs.commands import add_background_argument, queue_from_command
from spend import payee_resolution


class Command(BaseCommand):
    help = (
        "Resolve every supplier name in payments and notices into one register of suppliers: "
        "identifiers and normalised names link outright; a Splink model proposes other pairs for "
        "a coordinator to decide (decisions are remembered). Repeatable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--export", type=Path, metavar="PATH", help="CSV of names → suppliers")
        add_background_argument(parser)

    def handle(self, *args, export, **options):
        if options["background"]:
            if export:
                raise CommandError("--export writes a file here: run it without --background")
            queue_from_command(
                self,
                "suppliers.resolve",
                title="Match payees and notices' suppliers to the supplier register",
                as_json=options["json"],
            )
            return
        say = None if options["json"] else (lambda message: self.stderr.write(f"  {message}"))
        result = payee_resolution.run(say)
        if export:
            try:
                rows = payee_resolution.export(export)
            except OSError as error:
                raise CommandError(f"Cannot write {export}: {error}") from None
            if say:
                say(f"{rows:,} names written to {export}")
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json()))
            return
        self.stdout.write(
            f"{result.names_in:,} names → {result.suppliers_out:,} suppliers "
            f"({result.auto_merged:,} linked automatically); {result.for_review:,} "
            f"pair{'' if result.for_review == 1 else 's'} to review at /suppliers/review/; "
            f"{result.seconds:.1f}s"
        )
