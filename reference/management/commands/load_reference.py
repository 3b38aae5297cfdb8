import io
import json
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reference.cpv import depth, read_cpv_list, significant_prefix
from reference.models import CpvCode


def open_text(source: str):
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=60) as response:  # noqa: S310 (http/https only)
            return io.StringIO(response.read().decode("utf-8-sig"))
    path = Path(source)
    if not path.exists():
        raise CommandError(f"No file at {path}")
    return path.open(encoding="utf-8-sig", newline="")


class Command(BaseCommand):
    help = (
        "Load reference lists: the CPV 2008 codes with their hierarchy. Reads the pipe-delimited list "
        "in ../shared/data/reference (default) or the official CSV export (columns CODE, EN), from a "
        "path or a URL. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cpv", help="Path or URL of the CPV list (default: the data folder's CpvCodes.csv)"
        )
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object with the counts"
        )

    def handle(self, *args, cpv=None, **options):
        started = time.perf_counter()
        source = cpv or str(settings.DATA_DIR / "reference" / "CpvCodes.csv")
        try:
            with open_text(source) as handle:
                entries = list(read_cpv_list(handle))
        except ValueError as error:
            raise CommandError(f"{source}: {error}") from error
        known = set(CpvCode.objects.values_list("code", flat=True))
        with transaction.atomic():
            CpvCode.objects.bulk_create(
                [
                    CpvCode(
                        code=e.code,
                        check_digit=e.check_digit,
                        description=e.description,
                        prefix=significant_prefix(e.code),
                        depth=depth(e.code),
                    )
                    for e in entries
                ],
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["check_digit", "description", "prefix", "depth"],
                batch_size=2000,
            )
            codes = {e.code for e in entries}
            parents = [
                CpvCode(code=e.code, parent_id=e.parent if e.parent in codes else None)
                for e in entries
            ]
            CpvCode.objects.bulk_update(parents, ["parent"], batch_size=2000)
        result = {
            "source": source,
            "cpv_codes": len(entries),
            "cpv_new": len(codes - known),
            "seconds": round(time.perf_counter() - started, 2),
        }
        if options["json"]:
            self.stdout.write(json.dumps(result))
        else:
            self.stdout.write(
                f"CPV: {result['cpv_codes']} codes read from {source}, {result['cpv_new']} new ({result['seconds']}s)"
            )
