import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from programmes.kpi_progress import shown
from programmes.kpi_taking import ALREADY, default_date, take_all
from programmes.models import Kpi, Programme


class Command(BaseCommand):
    help = (
        "Take a snapshot of every computed KPI (programmes' and anchors' own; manual KPIs keep "
        "their entered results instead) for the period ending --date (YYYY-MM-DD; default the "
        "last day of the previous month), of one programme with --programme SLUG. Idempotent: a "
        "snapshot already taken is kept, never recomputed; a KPI that fails is recorded with its "
        "reason and the rest carry on (and it is tried again next time). --json keys: date, "
        "taken, already_taken, failed (counts) and kpis (kpi, title, owner, status, and value "
        "or reason)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programme", help="A programme's slug; every KPI when left out")
        parser.add_argument("--date", help="The period end, YYYY-MM-DD")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, programme=None, date=None, **options):
        end = self._day(date) if date else default_date(timezone.localdate())
        chosen = None
        if programme:
            chosen = Programme.objects.filter(slug=programme).first()
            if chosen is None:
                raise CommandError(f"No programme is called {programme!r}: give its slug.")
        quiet = options["json"]

        def progress(stage, done=None, total=None):
            if not quiet:
                self.stderr.write(f"[{done}/{total}] {stage}")

        summary = take_all(end, programme=chosen, progress=progress)
        if quiet:
            self.stdout.write(json.dumps(summary.as_json(), indent=1))
            return
        units = dict(Kpi.objects.values_list("pk", "unit"))
        for row in summary.failed:
            self.stdout.write(f"  failed: {row['owner']}: {row['title']}: {row['reason']}")
        for row in [*summary.taken, *summary.already_taken]:
            said = "already taken" if row["status"] == ALREADY else "taken"
            figure = shown(row["value"], units.get(row["kpi"], "count"))
            self.stdout.write(f"  {said}: {row['owner']}: {row['title']}: {figure}")
        words = (
            f"KPI snapshots for {end:%d %B %Y}: {len(summary.taken)} taken, "
            f"{len(summary.already_taken)} already taken, {len(summary.failed)} failed."
        )
        self.stdout.write(
            self.style.WARNING(words) if summary.failed else self.style.SUCCESS(words)
        )

    @staticmethod
    def _day(text: str):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(
                f"{text!r} is not a date: give it as YYYY-MM-DD, like 2026-03-31"
            ) from None
