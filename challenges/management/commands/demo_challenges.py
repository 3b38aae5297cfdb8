"""anchorhub demo_challenges: sample challenges at every stage (sample data, labelled as such)."""

from django.core.management.base import BaseCommand

from accounts.models import User
from challenges import sample_challenges
from network import sample_data
from network.models import SUPPLIER_KINDS, Organisation, Sector


class Command(BaseCommand):
    help = (
        "Create sample challenges at each stage, with questions, events, interest, responses, a "
        "consortium, an evaluation and an adoption. Replaces earlier sample challenges only."
    )

    def handle(self, *args, **options):
        anchors = {o.name: o for o in Organisation.objects.anchors()}
        if "Birmingham City Council" not in anchors or "Coventry City Council" not in anchors:
            self.stderr.write("No sample network: run `anchorhub demo_data` first.")
            return
        users = {
            u.email.split("@")[0]: u
            for u in User.objects.filter(email__endswith="@" + sample_data.EMAIL_DOMAIN)
        }
        suppliers = list(
            Organisation.objects.filter(is_sample=True, kind__in=SUPPLIER_KINDS).order_by("name")
        )
        if "buyer" not in users or len(suppliers) < 4:
            self.stderr.write("No sample accounts or suppliers: run `anchorhub demo_data` first.")
            return
        sectors = {s.slug: s for s in Sector.objects.all()}
        made = sample_challenges.create(anchors, users, suppliers, sectors)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sample challenges ready: {len(made)} (one at each stage), with questions, an "
                "event, responses, a consortium, an evaluation and an adoption."
            )
        )
