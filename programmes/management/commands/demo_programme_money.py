"""The sample programme's money (programmes/sample_money.py): contributions, bids, a costed
budget with its allocations. Idempotent: records are found by what they are and brought to the
sample's state; only sample records are touched."""

import json

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from programmes import money, sample_money
from programmes.models import (
    BudgetAllocation,
    BudgetLine,
    BudgetLineYear,
    Contribution,
    ContributionYear,
    CostingSettings,
    FundingSource,
    PartnerKind,
    Programme,
)

DATED = {
    "proposed": ("proposed",),
    "committed": ("proposed", "committed"),
    "received": ("proposed", "committed", "received"),
    "identified": ("identified",),
    "applying": ("identified", "applying"),
    "awarded": ("identified", "applying", "awarded"),
    "declined": ("identified", "applying", "declined"),
}


def partner_places(programme) -> dict:
    """The lead anchor, another anchor, a university and an intermediary of the programme."""
    partners = list(programme.partners.select_related("organisation"))
    anchors = [p for p in partners if p.kind == PartnerKind.ANCHOR]
    lead = next((p for p in anchors if p.is_lead), anchors[0] if anchors else None)
    found = {
        "lead": lead,
        "anchor": next((p for p in anchors if p != lead), None),
        "university": next((p for p in partners if p.kind == PartnerKind.UNIVERSITY), None),
        "intermediary": next((p for p in partners if p.kind == PartnerKind.INTERMEDIARY), None),
    }
    return {place: partner for place, partner in found.items() if partner is not None}


class Command(BaseCommand):
    help = (
        "Add the sample programme's money (sample data): partners' contributions at each "
        "status, funding bids, and a two-year costed budget with a gap in its second year. "
        "Skipped when the sample programme is absent (demo_programmes creates it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON")

    def handle(self, *args, **options):
        programme = Programme.objects.filter(slug=sample_money.SLUG).first()
        if programme is None:
            self._say(
                options, {"skipped": f"No programme {sample_money.SLUG}: run demo_programmes"}
            )
            return
        start = programme.starts_on or timezone.localdate()
        data = sample_money.generate(money.financial_year_of(start))
        places = partner_places(programme)
        today = timezone.localdate()
        with transaction.atomic():
            contributions = {}
            for row in data["contributions"]:
                partner = places.get(row["partner"])
                if partner is None:
                    continue
                contributions[row["key"]] = self._contribution(programme, partner, row, today)
            bids = {row["key"]: self._bid(programme, row, today) for row in data["bids"]}
            lines = {}
            for position, row in enumerate(data["lines"]):
                line, _ = BudgetLine.objects.update_or_create(
                    programme=programme,
                    description=row["description"],
                    defaults={"category": row["category"], "position": position, "is_sample": True},
                )
                line.years.all().delete()
                BudgetLineYear.objects.bulk_create(
                    BudgetLineYear(line=line, financial_year=y, amount=a)
                    for y, a in row["years"].items()
                )
                lines[row["key"]] = line
            BudgetAllocation.objects.filter(line__in=lines.values()).delete()
            for line_key, year, source, amount in data["allocations"]:
                kind, key = source.split(":")
                found = (contributions if kind == "c" else bids).get(key)
                if found is None:
                    continue
                BudgetAllocation.objects.create(
                    line=lines[line_key],
                    financial_year=year,
                    contribution=found if kind == "c" else None,
                    funding_source=found if kind == "b" else None,
                    amount=amount,
                )
            CostingSettings.objects.update_or_create(programme=programme, defaults=data["settings"])
        self._say(
            options,
            {
                "programme": programme.slug,
                "contributions": len(contributions),
                "bids": len(bids),
                "budget_lines": len(lines),
                "allocations": BudgetAllocation.objects.filter(line__in=lines.values()).count(),
            },
        )

    def _contribution(self, programme, partner, row, today) -> Contribution:
        fields = {
            k: row.get(k, "")
            for k in ("kind", "in_kind_type", "unit", "valuation_method", "evidence_note")
        }
        dates = {f"{s}_on": today for s in DATED[row["status"]]}
        contribution, _ = Contribution.objects.update_or_create(
            programme=programme,
            partner=partner,
            description=row["description"],
            defaults=fields
            | dates
            | {"quantity": row.get("quantity"), "status": row["status"], "is_sample": True},
        )
        contribution.years.all().delete()
        ContributionYear.objects.bulk_create(
            ContributionYear(contribution=contribution, financial_year=y, amount=a)
            for y, a in row["years"].items()
        )
        return contribution

    def _bid(self, programme, row, today) -> FundingSource:
        fields = {k: v for k, v in row.items() if k not in {"key", "funder", "scheme"}}
        dates = {f"{s}_on": today for s in DATED[row["status"]]}
        bid, _ = FundingSource.objects.update_or_create(
            programme=programme,
            funder=row["funder"],
            scheme=row["scheme"],
            defaults=fields | dates | {"is_sample": True},
        )
        return bid

    def _say(self, options, summary: dict) -> None:
        if options.get("json"):
            self.stdout.write(json.dumps(summary))
        elif "skipped" in summary:
            self.stdout.write(f"Sample programme money skipped: {summary['skipped']}.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Sample programme money: {summary['contributions']} contributions, "
                    f"{summary['bids']} funding bids, {summary['budget_lines']} budget lines, "
                    f"{summary['allocations']} allocations."
                )
            )
