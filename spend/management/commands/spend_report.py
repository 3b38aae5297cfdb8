import json

from django.core.management.base import BaseCommand, CommandError

from reference.geography import DEPRIVATION_LEVEL
from spend.dashboard import fy_label, leakage_for
from spend.importing import ImportProblem, find_buyer
from spend.ledger import payments_frame
from spend.measures import MEASURES, by, by_size, report, top_suppliers
from spend.models import Lm3Survey


class Command(BaseCommand):
    help = (
        "The local-wealth ledger for one anchor: local (operational and registered), WMCA, West "
        "Midlands, UK, SME, VCSE and deprived-area shares of its analysed spend, by quarter, "
        "financial year, category and directorate; supplier sizes, top suppliers, leakage and LM3, "
        "with how each is calculated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--buyer", required=True, help="The anchor's name (or slug)")
        parser.add_argument(
            "--year",
            type=int,
            help="Financial year by its first year: 2025 is April 2025 to March 2026",
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, buyer, year, **options):
        try:
            organisation = find_buyer(buyer)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None
        frame = payments_frame(organisation, year)
        survey = (
            Lm3Survey.objects.filter(buyer=organisation, financial_year=year).first()
            if year is not None
            else None
        )
        if frame.is_empty():
            raise CommandError(
                f"No payments for {organisation.name}"
                + (f" in the financial year {year}-{(year + 1) % 100:02d}" if year else "")
                + ": import its payment files first (anchorhub import_spend)."
            )
        result = {
            "buyer": organisation.name,
            "financial_year": year,
            "payments": int(frame["payments"].sum()),
            "measures": report(frame),
            "by_quarter": {str(k): v for k, v in sorted(by(frame, "quarter").items())},
            "by_financial_year": {
                fy_label(k): v for k, v in sorted(by(frame, "financial_year").items())
            },
            "by_category": by(frame, "category"),
            "by_directorate": by(frame, "directorate"),
            "size": by_size(frame),
            "top_suppliers": top_suppliers(frame, 25).to_dicts(),
            "leakage": leakage_for(organisation, frame),
            "lm3": survey.lm3 if survey else None,
            "deprivation_level": DEPRIVATION_LEVEL,
            "how_calculated": {name: m.how for name, m in MEASURES.items()},
        }
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(
            f"{organisation.name}"
            + (f", financial year {year}-{(year + 1) % 100:02d}" if year else "")
            + f": {int(frame['payments'].sum()):,} payments"
        )
        for name, value in result["measures"].items():
            label = MEASURES[name].label
            shown = (
                "not known"
                if value is None
                else f"£{value:,.2f}"
                if name == "total_spend"
                else f"{value:.1%}"
            )
            self.stdout.write(f"  {label:<52} {shown}")
