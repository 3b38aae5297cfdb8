import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from core.formatting import fy_label
from network.models import SUPPLIER_KINDS, Organisation
from spend.comparison import summary_snapshot
from spend.dashboard import ledger
from spend.importing import SpendImporter
from spend.models import Payment, PublishedSummary, SpendImport
from spend.sample_payments import ANCHORS, SEED, payment_file

YEARS = (2024, 2025)  # financial years: a trend needs two


class Command(BaseCommand):
    help = (
        "Import generated payment files (sample data) for a few of the real anchors, then resolve "
        "their suppliers. Replaces earlier sample payments; real imports are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=SEED)

    def handle(self, *args, seed, **options):
        suppliers = list(
            Organisation.objects.filter(is_sample=True, kind__in=SUPPLIER_KINDS).values_list(
                "name", flat=True
            )
        )
        anchors = list(Organisation.objects.filter(name__in=ANCHORS))
        if not suppliers or not anchors:
            self.stderr.write("No sample organisations: run `anchorhub demo_data` first.")
            return
        with tempfile.TemporaryDirectory() as folder, transaction.atomic():
            old = SpendImport.objects.filter(is_sample=True)
            Payment.objects.filter(spend_import__in=old).delete()
            old.delete()
            rows = 0
            for anchor in anchors:
                for year in YEARS:
                    path = Path(folder) / f"{anchor.slug}-payments-{fy_label(year)}-sample.csv"
                    path.write_text(
                        payment_file(anchor.name, sorted(suppliers), year=year, seed=seed + year)
                    )
                    result = SpendImporter(anchor).import_files([path])
                    SpendImport.objects.filter(pk__in=result.imports).update(is_sample=True)
                    rows += result.rows_imported
        call_command("resolve_suppliers", stdout=self.stdout)
        # One anchor publishes its latest summary, so the public page has an example.
        PublishedSummary.objects.filter(is_sample=True).delete()
        first = anchors[0]
        PublishedSummary.objects.create(
            buyer=first,
            financial_year=YEARS[-1],
            summary=summary_snapshot(ledger(first, YEARS[-1])),
            is_sample=True,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Sample payments ready: {rows:,} payments for {len(anchors)} anchors."
            )
        )
