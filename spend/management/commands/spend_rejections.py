import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import csvfile
from spend.importing import ImportProblem, find_buyer
from spend.models import RejectedRow


def write_csv(stream, records: list[dict]) -> None:
    writer = csvfile.Writer(stream)
    writer.writerow(["import", "file", "row", "reason", "cells"])
    for r in records:
        writer.writerow([r["import"], r["file"], r["row"], r["reason"], *r["cells"]])


class Command(BaseCommand):
    help = "List the rows of a buyer's payment files that were rejected, with the reason for each."

    def add_arguments(self, parser):
        parser.add_argument("--buyer", required=True)
        parser.add_argument("--import", dest="import_id", type=int, help="One import only")
        parser.add_argument("--csv", metavar="PATH", help="Write them as CSV ('-' for stdout)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, buyer, import_id, **options):
        try:
            organisation = find_buyer(buyer)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None
        rows = RejectedRow.objects.filter(spend_import__buyer=organisation).select_related(
            "spend_import"
        )
        if import_id:
            rows = rows.filter(spend_import_id=import_id)
        records = [
            {
                "import": row.spend_import_id,
                "file": row.spend_import.source_name,
                "row": row.row_number,
                "reason": row.reason,
                "cells": row.cells,
            }
            for row in rows.order_by("spend_import_id", "row_number")
        ]
        if options["csv"] == "-":
            write_csv(self.stdout, records)
            return
        if options["csv"]:
            with Path(options["csv"]).open("w", newline="", encoding="utf-8") as stream:
                write_csv(stream, records)
            self.stdout.write(f"{len(records):,} rejected rows written to {options['csv']}")
            return
        if options["json"]:
            self.stdout.write(json.dumps(records))
            return
        self.stdout.write(f"{len(records):,} rejected rows for {organisation.name}")
        for r in records:
            self.stdout.write(f"  {r['file']} row {r['row']}: {r['reason']}")
