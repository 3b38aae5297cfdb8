import json
import shutil
import tempfile
import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opportunities.loading import Loader
from opportunities.schema import SchemaUnavailable


class Command(BaseCommand):
    help = (
        "Load OCDS 1.1 data: release packages, record packages, JSON Lines of releases or packages, "
        "plain or gzip, from paths or URLs. Invalid releases are quarantined with the reason; loading "
        "the same input twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object with the counts"
        )

    def handle(self, *args, sources, **options):
        as_json = options["json"]
        progress = (
            (lambda message: None)
            if as_json
            else (lambda message: self.stderr.write(f"  {message}"))
        )
        with tempfile.TemporaryDirectory(prefix="anchorhub-ocds-") as folder:
            inputs = [self._local(source, Path(folder)) for source in sources]
            try:
                result = Loader(progress=progress).load(inputs)
            except SchemaUnavailable as error:
                raise CommandError(str(error)) from error
        if as_json:
            self.stdout.write(json.dumps(result.as_json()))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.files} file(s): {result.releases_read:,} releases read, {result.releases_new:,} new, "
                f"{result.releases_unchanged:,} unchanged, {result.releases_quarantined:,} quarantined; "
                f"{result.processes_updated:,} processes updated in {result.seconds:.1f}s"
            )
        )
        for reason in result.quarantine_reasons[:10]:
            self.stdout.write(f"  quarantined: {reason}")

    def _local(self, source: str, folder: Path) -> tuple[Path, str]:
        if source.startswith(("http://", "https://")):
            target = folder / f"download-{len(list(folder.iterdir()))}"
            try:
                response = urllib.request.urlopen(source, timeout=120)  # noqa: S310 (http/https only)
                with response, target.open("wb") as out:
                    shutil.copyfileobj(response, out)
            except OSError as error:
                raise CommandError(f"Could not download {source}: {error}") from error
            return target, source
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"No file at {path}")
        return path, str(path.resolve())
