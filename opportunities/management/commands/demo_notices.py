import json
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from network.models import SUPPLIER_KINDS, Organisation
from opportunities.loading import Loader
from opportunities.models import Process, Release, SupplierProfile
from opportunities.sample_notices import SAMPLE_PREFIX, SEED, generate, sample_capabilities


class Command(BaseCommand):
    help = (
        "Create sample notices for the demonstration (planned, open, closing, awarded), dated around "
        "today, for the real anchors. They replace earlier sample notices and are marked as sample data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=SEED)

    def handle(self, *args, seed, **options):
        package = generate(timezone.localdate(), seed)
        with tempfile.TemporaryDirectory() as folder, transaction.atomic():
            path = Path(folder) / "sample-notices.json"
            path.write_text(json.dumps(package))
            Process.objects.filter(ocid__startswith=SAMPLE_PREFIX).delete()
            Release.objects.filter(ocid__startswith=SAMPLE_PREFIX).delete()
            result = Loader().load([(path, "AnchorHub sample notices")])
            for organisation in Organisation.objects.filter(
                is_sample=True, kind__in=SUPPLIER_KINDS
            ):
                SupplierProfile.objects.update_or_create(
                    organisation=organisation, defaults=sample_capabilities(organisation)
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Sample notices ready: {result.releases_new} releases, {result.processes_updated} opportunities "
                f"({result.releases_quarantined} quarantined)."
            )
        )
