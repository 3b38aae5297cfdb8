import json
import time

from django.core.management.base import BaseCommand

from opportunities.loading import Loader
from opportunities.models import Release

CHUNK = 500


class Command(BaseCommand):
    help = (
        "Compile processes again from the releases already stored (after AnchorHub's extraction rules "
        "change, or after organisations were added so buyers can be linked). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        started = time.perf_counter()
        loader = Loader()
        loader.prepare()
        ocids = list(Release.objects.order_by("ocid").values_list("ocid", flat=True).distinct())
        try:
            for start in range(0, len(ocids), CHUNK):
                loader.compile(set(ocids[start : start + CHUNK]))
                loader.index()
        finally:
            loader.compiler.close()
            if not options["json"]:
                self.stderr.write(
                    f"  {min(start + CHUNK, len(ocids)):,} of {len(ocids):,} processes"
                )
        result = {"processes": len(ocids), "seconds": round(time.perf_counter() - started, 2)}
        self.stdout.write(
            json.dumps(result)
            if options["json"]
            else f"Compiled {len(ocids):,} processes in {result['seconds']}s"
        )
