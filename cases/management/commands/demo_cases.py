"""anchorhub demo_cases: the real starting cases plus sample cases at each sharing level."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases import services
from cases.models import Case, Consent, Outcome, Source
from cases.sharing import Level, Status
from network import sample_data
from network.models import Organisation, Sector

SAMPLES = [
    {
        "title": "Digital rota pilot for home care (sample)",
        "level": Level.NETWORK,
        "status": Status.PUBLISHED,
        "summary": "A six-month pilot in two wards let care coordinators see late visits as they "
        "happened and re-route the nearest worker.",
        "outcome": ("Late or missed visits", "5.1", "3.2", "%", "service"),
    },
    {
        "title": "Shared catering supplier list across three anchors (sample)",
        "level": Level.NAMED,
        "status": Status.PUBLISHED,
        "summary": "Three anchors pooled what they knew about local caterers; one moved two contracts "
        "to local firms.",
        "outcome": ("Catering spend with local firms", "12", "31", "%", "local"),
    },
    {
        "title": "Heat pump trial in a leisure centre (sample draft)",
        "level": Level.PRIVATE,
        "status": Status.DRAFT,
        "summary": "Early notes on a trial not yet ready to share.",
        "outcome": ("Gas use", "100", "58", "% of before", "carbon"),
    },
    {
        "title": "Open call for wellbeing apps for staff (sample, awaiting review)",
        "level": Level.PUBLIC,
        "status": Status.SUBMITTED,
        "summary": "Staff wellbeing apps chosen through an open call and a two-month trial.",
        "outcome": ("Staff using the app after two months", "", "38", "%", "health"),
    },
]


class Command(BaseCommand):
    help = (
        "Load the starting cases (real, public) and sample cases by a Birmingham buyer at each "
        "sharing level. Replaces earlier sample cases only."
    )

    def handle(self, *args, **options):
        call_command("import_cases", stdout=self.stdout)
        birmingham = Organisation.objects.filter(name="Birmingham City Council").first()
        coventry = Organisation.objects.filter(name="Coventry City Council").first()
        buyer = User.objects.filter(email=f"buyer@{sample_data.EMAIL_DOMAIN}").first()
        if not (birmingham and coventry and buyer):
            self.stderr.write("No sample network: run `anchorhub demo_data` first.")
            return
        social = Sector.objects.filter(slug="social-care").first()
        with transaction.atomic():
            Case.objects.filter(is_sample=True).delete()
            for spec in SAMPLES:
                case = Case.objects.create(
                    title=spec["title"],
                    summary=spec["summary"],
                    problem="Sample data generated for the demonstration.",
                    buyer_names="Birmingham City Council",
                    buyer_type="local_government",
                    route="challenge_led",
                    level=spec["level"],
                    status=spec["status"],
                    organisation=birmingham,
                    submitted_by=buyer,
                    published_at=timezone.now() if spec["status"] == Status.PUBLISHED else None,
                    start_year=timezone.localdate().year - 1,
                    is_sample=True,
                )
                case.buyers.add(birmingham)
                if social:
                    case.sectors.add(social)
                if spec["level"] == Level.NAMED:
                    case.named_organisations.add(coventry)
                measure, baseline, result, unit, kind = spec["outcome"]
                Outcome.objects.create(
                    case=case,
                    measure=measure,
                    baseline=baseline,
                    result=result,
                    unit=unit,
                    kind=kind,
                )
                Source.objects.create(case=case, title="Sample data: no real source")
                if spec["level"] != Level.PRIVATE:
                    Consent.objects.create(
                        case=case,
                        level=spec["level"],
                        organisation=birmingham,
                        organisation_name=birmingham.name,
                        agreed_by=buyer,
                        agreed_by_name=buyer.full_name,
                    )
                services.record_version(case, buyer, "Sample data")
        self.stdout.write(
            self.style.SUCCESS(f"Sample cases ready: {len(SAMPLES)} at different sharing levels.")
        )
