import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registers.download import DownloadProblem, download_companies_house
from registers.loading import load_paths
from registers.recognise import NotRecognised
from registers.tables import FileProblem


class Command(BaseCommand):
    help = (
        "Load public registers of who payees are, and where postcodes are: Companies House basic "
        "company data, charity registers, sports clubs, mutuals, councils and their name "
        "variants, NHS trusts, ICBs and GP practices (ODS), schools, academy trusts, "
        "social-housing providers, central-government bodies, the ONS Postcode Directory or "
        "NSPL, and the ONS LSOA (2021) to ward to local authority lookup. Each file is recognised by its header (NHS ODS files by their shape); a folder "
        "loads every file in it that is recognised and lists the others. One transaction per "
        "file; loading the same file again changes nothing; rows that cannot be read are kept "
        "with the reason. --download fetches this month's Companies House file first."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
        parser.add_argument(
            "--download",
            action="store_true",
            help="Download the current Companies House BasicCompanyDataAsOneFile zip (to "
            "REGISTERS_DOWNLOAD_DIR) and load it",
        )
        parser.add_argument("--json", action="store_true", help="One JSON document on stdout")

    def handle(self, *args, paths, download, **options):
        as_json = options["json"]

        def progress(line: str) -> None:
            (self.stderr if as_json else self.stdout).write(line)

        started = time.perf_counter()
        paths = list(paths)
        if download:
            try:
                paths.append(download_companies_house(progress=progress))
            except DownloadProblem as problem:
                raise CommandError(str(problem)) from None
        if not paths:
            raise CommandError("Give a file or folder to load, or --download.")
        try:
            report = load_paths(paths, progress)
        except (NotRecognised, FileProblem) as problem:
            raise CommandError(f"{problem}\nNothing was loaded from that file.") from None
        keys = ("rows_read", "new", "updated", "unchanged", "rejected")
        totals = {k: sum(getattr(o, k) for o in report.loaded) for k in keys}
        totals["files"] = len(report.loaded)
        totals["seconds"] = round(time.perf_counter() - started, 2)
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "files": [o.as_json() for o in report.loaded],
                        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
                        "totals": totals,
                    }
                )
            )
            return
        for skipped in report.skipped:
            self.stdout.write(f"Skipped {skipped.path}: {skipped.reason}")
        self.stdout.write(
            f"{totals['files']} table(s) loaded, {totals['rows_read']:,} rows: "
            f"{totals['new']:,} new, {totals['updated']:,} updated, {totals['unchanged']:,} "
            f"unchanged, {totals['rejected']:,} rejected (kept with their reasons) in "
            f"{totals['seconds']} s"
            + (f"; {len(report.skipped)} file(s) skipped" if report.skipped else "")
        )
