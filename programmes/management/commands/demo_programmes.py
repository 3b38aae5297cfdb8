"""anchorhub demo_programmes: the sample programme (sample data, labelled as such) with its
partners, milestones at every status, risks, and the appraisal with its decision. Idempotent:
running it again updates the same records."""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from challenges.models import Challenge
from network import sample_data
from network.models import Organisation, Sector
from programmes import sample_programme as sample
from programmes.models import AppraisalOption, Decision, Milestone, Partner, Programme, Risk


class Command(BaseCommand):
    help = (
        "Create or refresh the sample programme: a healthy homes innovation pilot with partners, "
        "milestones, risks, an appraisal and a decision. Needs `anchorhub demo_data` first."
    )

    def handle(self, *args, **options):
        if not Organisation.objects.filter(name="Birmingham City Council").exists():
            self.stderr.write("No sample network: run `anchorhub demo_data` first.")
            return
        with transaction.atomic():
            programme = create()
        self.stdout.write(
            self.style.SUCCESS(
                f"Sample programme ready: {programme.title} ({programme.partners.count()} "
                f"partners, {programme.milestones.count()} milestones, "
                f"{programme.risks.count()} risks, {programme.appraisal_options.count()} options "
                "and a decision)."
            )
        )


def create() -> Programme:
    spec = sample.PROGRAMME
    coordinator = User.objects.filter(
        email=f"coordinator@{sample_data.EMAIL_DOMAIN}", is_coordinator=True
    ).first()
    fields = {k: spec[k] for k in ("title", "summary", "aims", "stage", "starts_on", "ends_on")}
    programme, _ = Programme.objects.update_or_create(
        slug=spec["slug"],
        defaults=fields | {"is_sample": True, "is_published": True, "created_by": coordinator},
    )
    programme.sectors.set(Sector.objects.filter(slug__in=spec["sectors"]))
    programme.challenges.set(Challenge.objects.filter(title__in=spec["challenges"]))
    partners = {}
    for position, (organisation_name, name, kind, role, is_lead) in enumerate(sample.PARTNERS):
        defaults = {"kind": kind, "role": role, "is_lead": is_lead, "position": position}
        if organisation_name:
            organisation = Organisation.objects.filter(name=organisation_name).first()
            if organisation is None:
                continue
            partner, _ = Partner.objects.update_or_create(
                programme=programme, organisation=organisation, defaults=defaults
            )
            partners[organisation_name] = partner
        else:
            partner, _ = Partner.objects.update_or_create(
                programme=programme, organisation=None, name=name, defaults=defaults
            )
            partners[name] = partner
    for position, (title, due_on, status, done_on, notes) in enumerate(sample.MILESTONES):
        Milestone.objects.update_or_create(
            programme=programme,
            title=title,
            defaults={
                "due_on": due_on,
                "status": status,
                "done_on": done_on,
                "notes": notes,
                "position": position,
            },
        )
    for position, row in enumerate(sample.RISKS):
        title, description, likelihood, impact, owner_org, owner_name, mitigation, status = row
        owner = partners.get(owner_org or owner_name)
        Risk.objects.update_or_create(
            programme=programme,
            title=title,
            defaults={
                "description": description,
                "likelihood": likelihood,
                "impact": impact,
                "owner_partner": owner,
                "owner_name": "" if owner else owner_name,
                "mitigation": mitigation,
                "status": status,
                "position": position,
            },
        )
    options = {}
    for position, (name, description, costs_benefits, recommended, why) in enumerate(
        sample.OPTIONS
    ):
        options[name], _ = AppraisalOption.objects.update_or_create(
            programme=programme,
            name=name,
            defaults={
                "description": description,
                "costs_benefits": costs_benefits,
                "is_recommended": recommended,
                "why": why,
                "position": position,
            },
        )
    decision = sample.DECISION
    Decision.objects.update_or_create(
        programme=programme,
        defaults={
            "decision": decision["decision"],
            "decided_on": decision["decided_on"],
            "decided_by": decision["decided_by"],
            "chosen_option": options[decision["chosen_option"]],
            "recorded_by": coordinator,
        },
    )
    return programme
