import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programmes import report_files
from programmes.models import Programme
from programmes.report import gather
from programmes.report_pdf import PdfRefused
from programmes.report_views import pdf_of


class Command(BaseCommand):
    help = (
        "A programme's report for funders and boards (the same as its report page): prints each "
        "section and its tables; --pdf PATH writes the PDF and --xlsx PATH the workbook (a cover "
        "sheet and a sheet per table) for a board's pack. --json prints programme and sections "
        "[{key, title, failure, facts, tables [{key, title, headers, rows}]}]."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The programme's slug, as in its page's address")
        parser.add_argument("--pdf", metavar="PATH", help="Write the report as PDF to PATH")
        parser.add_argument("--xlsx", metavar="PATH", help="Write every table as XLSX to PATH")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, slug, pdf=None, xlsx=None, **options):
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            known = ", ".join(Programme.objects.values_list("slug", flat=True)[:10]) or "none yet"
            raise CommandError(f"No programme with the slug {slug!r} (programmes: {known}).")
        report = gather(programme)
        written = []
        if xlsx:
            Path(xlsx).write_bytes(report_files.xlsx(report))
            written.append(("XLSX", xlsx))
        if pdf:
            try:
                Path(pdf).write_bytes(pdf_of(report, programme))
            except PdfRefused as reason:
                raise CommandError(f"The PDF was not written: {reason}.") from None
            written.append(("PDF", pdf))
        if options["json"]:
            self.stdout.write(json.dumps(report_files.as_data(report), indent=2))
            return
        self.stdout.write(f"{report.title} ({report.slug}), generated on {report.generated_on}")
        for number, part in enumerate(report.parts, start=1):
            self.stdout.write(f"{number}. {part.title}")
            if part.failure:
                self.stdout.write(f"   Not produced: {part.failure} ({part.detail})")
                continue
            for table in part.section.tables:
                rows = len(table.rows)
                self.stdout.write(
                    f"   - {table.title}: {rows:,} {'row' if rows == 1 else 'rows'}, "
                    f"{len(table.headers)} columns"
                )
        tables = len(report.tables)
        self.stdout.write(
            f"{len(report.parts)} sections, {tables} {'table' if tables == 1 else 'tables'}, "
            f"{len(report.failures)} not produced."
        )
        for kind, path in written:
            self.stdout.write(f"{kind} written to {path}")
