import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from core.formatting import fy_label
from network.models import SUPPLIER_KINDS, Organisation
from reference.models import Area
from spend.comparison import summary_snapshot
from spend.dashboard import ledger
from spend.importing import SpendImporter
from spend.models import Payment, PublishedSummary, RingChoice, RingKind, SpendImport
from spend.sample_payments import ANCHORS, SAMPLE_RINGS, SEED, payment_file

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
        for anchor in anchors:
            choose_sample_rings(anchor)
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


def choose_sample_rings(anchor: Organisation) -> None:
    """The sample rings (SAMPLE_RINGS) for an anchor that has chosen none; an area not synced
    is left out."""
    if anchor.ring_choices.exists():
        return
    choices = []
    for key in SAMPLE_RINGS:
        kind, _, rest = key.partition(":")
        if kind == RingKind.AREA:
            area = Area.objects.filter(slug=rest).first()
            if area is None:
                continue
            choices.append(RingChoice(kind=kind, area=area))
        elif kind == RingKind.SITES:
            choices.append(RingChoice(kind=kind, miles=rest))
        else:
            choices.append(RingChoice(kind=kind))
    for position, choice in enumerate(choices):
        choice.anchor, choice.position = anchor, position
    RingChoice.objects.bulk_create(choices)
