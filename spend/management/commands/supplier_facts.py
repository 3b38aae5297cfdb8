import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reference.places import local_authority_names
from registers.lookup import authority_names
from spend import payee_facts_export
from spend.importing import ImportProblem, find_buyer
from spend.ledger import payee_facts
from spend.models import Payee


class Command(BaseCommand):
    help = (
        "What is known of each payee (who anchors paid, as their files name them): sector, place "
        "(postcode, local authority's ONS code and name, and the source), size and VCSE status, "
        "with the register match's probability. --export writes one row per payee name as CSV "
        f"with the header {','.join(payee_facts_export.HEADER)}; without it, a summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("--export", type=Path, metavar="PATH", help="Write the rows as CSV")
        parser.add_argument("--buyer", help="Only this anchor's payees (its name or slug)")
        parser.add_argument("--json", action="store_true", help="The summary as JSON")

    def handle(self, *args, export, buyer, **options):
        started = time.monotonic()
        payees = Payee.objects.all()
        organisation = None
        if buyer:
            try:
                organisation = find_buyer(buyer)
            except ImportProblem as problem:
                raise CommandError(str(problem)) from None
            payees = payees.filter(buyer=organisation)
        if not options["json"]:
            self.stderr.write(f"  reading what is known of {payees.count():,} payees")
        facts = payee_facts(payees)
        summary = {"buyer": organisation.name if organisation else None}
        summary |= payee_facts_export.summary(facts)
        if export:
            lines = payee_facts_export.rows(facts, {**authority_names(), **local_authority_names()})
            try:
                payee_facts_export.write(export, lines)
            except OSError as error:
                raise CommandError(f"Cannot write {export}: {error}") from None
            summary |= {"path": str(export), "rows": len(lines)}
        summary["seconds"] = round(time.monotonic() - started, 2)
        if options["json"]:
            self.stdout.write(json.dumps(summary))
            return
        total = summary["payees"] or 1
        parts = [
            f"{summary['payees']:,} payees" + (f" of {organisation.name}" if organisation else ""),
            f"placed {summary['placed']:,} ({summary['placed'] / total:.1%})",
            f"sized {summary['sized']:,} ({summary['sized'] / total:.1%})",
            f"sector known {summary['sector_known']:,} ({summary['sector_known'] / total:.1%})",
        ]
        self.stdout.write("; ".join(parts))
        for title, key in (("place", "by_place_source"), ("sector", "by_sector")):
            self.stdout.write(
                f"  by {title}: "
                + ", ".join(f"{name} {count:,}" for name, count in summary[key].items())
            )
        if export:
            self.stdout.write(f"{summary['rows']:,} rows written to {export}")
        self.stdout.write(f"{summary['seconds']}s")
