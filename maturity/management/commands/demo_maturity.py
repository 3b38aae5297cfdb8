import json
from datetime import datetime, time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from maturity import questions, scoring
from maturity.models import Answer, Assessment, Status
from maturity.sample_assessments import ASSESSMENTS, EVIDENCE, anchors
from network.models import Organisation


class Command(BaseCommand):
    help = (
        "Load sample maturity self-assessments: two completed a year apart for Birmingham City "
        "Council, one each for two other anchors and a draft, labelled as sample data. Replaces "
        "earlier sample self-assessments; real ones are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON")

    def handle(self, *args, **options):
        found = {o.name: o for o in Organisation.objects.filter(name__in=anchors())}
        question_set = questions.current()
        written = []
        with transaction.atomic():
            Assessment.objects.filter(is_sample=True).delete()
            for item in ASSESSMENTS:
                anchor = found.get(item["anchor"])
                if anchor is None:
                    continue
                done = item["completed_on"]
                if (
                    done is None
                    and Assessment.objects.drafts().filter(organisation=anchor).exists()
                ):
                    continue  # someone's real draft: leave it
                assessment = Assessment.objects.create(
                    organisation=anchor,
                    version=question_set.version,
                    status=Status.COMPLETED if done else Status.DRAFT,
                    completed_at=timezone.make_aware(datetime.combine(done, time(12)))
                    if done
                    else None,
                    is_sample=True,
                )
                Answer.objects.bulk_create(
                    Answer(assessment=assessment, question=key, level=level, evidence=EVIDENCE)
                    for key, level in item["answers"].items()
                )
                overall = scoring.score(question_set, item["answers"]).overall
                written.append((anchor.name, done, overall))
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "anchor": name,
                            "completed_on": done.isoformat() if done else None,
                            "overall_score": str(overall.score),
                        }
                        for name, done, overall in written
                    ]
                )
            )
            return
        for name, done, overall in written:
            when = f"completed {done:%-d %B %Y}" if done else "draft"
            self.stdout.write(f"  {name}: {when}, overall score {overall.score}")
        missing = sorted(set(anchors()) - set(found))
        if missing:
            self.stdout.write(f"Anchors not in the database, left out: {', '.join(missing)}")
        self.stdout.write(
            self.style.SUCCESS(f"Sample self-assessments ready: {len(written)} written.")
        )
