import json
import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from network.models import Organisation
from opportunities import search_index
from opportunities.loading import Loader
from opportunities.models import Process, Release
from scorecard.interpretations import save_version
from scorecard.models import (
    Commitment,
    CommitmentAdoption,
    Interpretation,
    InterpretationAdoption,
    ScorecardPublication,
)
from scorecard.sample_notices import (
    PROFILES,
    SCORECARD_PREFIX,
    SEED,
    generate,
    network_suppliers,
)
from spend.sample_payments import LARGE_FIRMS

SAMPLE_READING = "sample-agreed-reading"  # the demo's one agreed interpretation

PUBLISHED = PROFILES[0].name  # the anchor whose scorecard the public sees


def sample_suppliers() -> list[dict]:
    """Who the sample notices award: the sample network's suppliers and the larger firms the
    sample payment files pay (with their company numbers, as those files give them)."""
    return network_suppliers() + [
        {"name": name, "company_number": number, "scale": "large", "vcse": False, "postcode": ""}
        for name, number in LARGE_FIRMS
    ]


class Command(BaseCommand):
    help = (
        "Load sample contracting processes for the scorecard (pipeline, engagement, planned, "
        "tender, direct award, award, contract and payments compliance notices over the last six "
        "quarters) for five of the real anchors, through the OCDS loader; publish one anchor's "
        "scorecard and record sample adoptions of the charter and interpretations. Replaces "
        "earlier sample scorecard notices; real notices are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=SEED)

    def handle(self, *args, seed, **options):
        names = [profile.name for profile in PROFILES]
        anchors = {o.name: o for o in Organisation.objects.filter(name__in=names)}
        if len(anchors) < len(names):
            self.stderr.write("No sample anchors: run `anchorhub demo_data` first.")
            return
        today = timezone.localdate()
        package = generate(today, sample_suppliers(), seed)
        with tempfile.TemporaryDirectory() as folder, transaction.atomic():
            path = Path(folder) / "sample-scorecard-notices.json"
            path.write_text(json.dumps(package))
            old = Process.objects.filter(ocid__startswith=SCORECARD_PREFIX)
            search_index.remove_processes(list(old.values_list("pk", flat=True)))
            old.delete()
            Release.objects.filter(ocid__startswith=SCORECARD_PREFIX).delete()
            result = Loader().load([(path, "AnchorHub sample scorecard notices")])
            ScorecardPublication.objects.update_or_create(
                organisation=anchors[PUBLISHED], defaults={"published": True}
            )
            self._sample_reading(today)
            adopted = self._adoptions([anchors[name] for name in names], today)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sample scorecard ready: {result.releases_new} releases, "
                f"{result.processes_updated} processes for {len(names)} anchors "
                f"({result.releases_quarantined} quarantined); {PUBLISHED}'s scorecard published; "
                f"{adopted} sample adoptions."
            )
        )

    @staticmethod
    def _sample_reading(today) -> None:
        """One agreed interpretation, made up and labelled as sample data, so that the demo shows
        what an agreed reading looks like to the public (the network's own are drafts)."""
        found, _ = Interpretation.objects.get_or_create(slug=SAMPLE_READING)
        found.question = (
            "Sample data: may a below-threshold competition ask for no more than the supplier's "
            "basic details before tenders are opened?"
        )
        found.reading = (
            "Sample data made up by AnchorHub's demo to show an agreed interpretation: not a "
            "reading the network has agreed, and not legal advice.\n\nBelow the threshold a "
            "buyer may not shortlist suppliers on their suitability before tenders (s.85): it "
            "asks only for what identifies the supplier, and checks conditions on the supplier "
            "chosen."
        )
        found.statute_reference = "Procurement Act 2023 s.85"
        found.statute_url = "https://www.legislation.gov.uk/ukpga/2023/54/section/85"
        found.status = "agreed"
        found.agreed_on = today - timedelta(days=60)
        found.routes = ["below_threshold_competition"]
        found.guides = ["local-reservation-below-threshold"]
        save_version(found, None, "Sample data for the demo")

    @staticmethod
    def _adoptions(anchors: list[Organisation], today) -> int:
        """Each anchor adopts some of the charter's commitments and interpretations (whatever
        the tables hold: none when they are empty), on dates over the past year. An adoption
        already recorded keeps its date."""
        count = 0
        for kind, items, model in (
            ("commitment", Commitment.objects.order_by("pk"), CommitmentAdoption),
            # only an agreed reading can be adopted (scorecard/interpretations_rules.py)
            (
                "interpretation",
                Interpretation.objects.filter(status="agreed").order_by("pk"),
                InterpretationAdoption,
            ),
        ):
            for number, anchor in enumerate(anchors):
                for position, item in enumerate(items):
                    if (position + number) % 3 == 0:
                        continue  # each anchor adopts about two in three, not the same ones
                    model.objects.get_or_create(
                        **{kind: item, "organisation": anchor},
                        defaults={"adopted_on": today - timedelta(days=30 + 45 * position)},
                    )
                    count += 1
        return count
