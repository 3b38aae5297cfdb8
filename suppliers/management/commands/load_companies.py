from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Deprecated: use `anchorhub load_registers PATH`, which loads this file and every other "
        "register. Loads a Companies House basic company data file (CSV, or the zip Companies "
        "House publishes) into the companies-house register, exactly as load_registers does."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, paths, **options):
        self.stderr.write("load_companies is deprecated: use anchorhub load_registers PATH")
        call_command(
            "load_registers", *paths, json=options["json"], stdout=self.stdout, stderr=self.stderr
        )
