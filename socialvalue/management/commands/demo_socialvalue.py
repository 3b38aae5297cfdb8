"""anchorhub demo_socialvalue: sample social-value commitments and delivery reports."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from challenges.models import Challenge
from network import sample_data
from network.models import Organisation
from opportunities.models import Award
from opportunities.ocid_prefixes import SAMPLE_PREFIX
from socialvalue import sample_commitments, taxonomy
from socialvalue.kpi_import import import_files
from socialvalue.models import Commitment, Contract, DeliveryReport, Evidence

PDF = b"%PDF-1.4\n% Sample data: evidence for the demonstration\n%%EOF\n"
UK9_PAGE = ("ocds", "find-a-tender", "2026-08-11", "page-004.json")


def _sample_title(title: str) -> str:
    """A sample contract's title, saying it is sample data once."""
    bare = title.removeprefix("Sample data: ").removeprefix("Sample: ")
    return f"Sample data: {bare}"


class Command(BaseCommand):
    help = (
        "Create sample social-value commitments (on the demo's awarded challenge, an awarded "
        "sample notice and one contract entered by hand) with delivery reports accepted, awaiting "
        "review and queried, and one reporting period overdue; import the real UK9 contract KPIs "
        "of the shared Find a Tender page when it is present. Replaces earlier sample contracts."
    )

    def handle(self, *args, **options):
        users = {
            u.email.split("@")[0]: u
            for u in User.objects.filter(email__endswith="@" + sample_data.EMAIL_DOMAIN)
        }
        if "buyer" not in users or "supplier" not in users:
            self.stderr.write("No sample accounts: run `anchorhub demo_data` first.")
            return
        today = timezone.localdate()
        metrics = taxonomy.all_metrics()
        made = 0
        with transaction.atomic():
            Contract.objects.filter(is_sample=True).delete()
            for spec in sample_commitments.plan(today):
                contract = self._contract(spec, users)
                if contract is None:
                    self.stderr.write(f"Left out the sample contract from a {spec['origin']}.")
                    continue
                made += 1
                for item in spec["commitments"]:
                    self._commitment(contract, item, metrics, users)
        kpis = self._kpis()
        self.stdout.write(
            self.style.SUCCESS(
                f"Sample social value ready: {made} contracts with commitments and delivery "
                f"reports (accepted, awaiting review, queried; one period overdue){kpis}."
            )
        )

    def _contract(self, spec, users):
        common = {"is_sample": True, "created_by": users["buyer"]}
        if spec["origin"] == "challenge":
            challenge = Challenge.objects.filter(is_sample=True, status="awarded").first()
            if challenge is None or challenge.awarded_to is None:
                return None
            return Contract.objects.create(
                origin=Contract.Origin.CHALLENGE,
                challenge=challenge,
                buyer=challenge.owner,
                supplier=challenge.awarded_to,
                supplier_name=challenge.awarded_to.name,
                title=f"Sample data: {challenge.title}",
                reference=challenge.reference,
                value=challenge.award_value,
                starts_on=challenge.award_date,
                ocid=challenge.ocid,
                **common,
            )
        if spec["origin"] == "notice":
            award = (
                Award.objects.filter(
                    process__ocid__startswith=SAMPLE_PREFIX,
                    process__phase="awarded",
                    process__buyer__isnull=False,
                )
                .select_related("process__buyer")
                .first()
            )
            if award is None:
                return None
            names = [s.get("name", "") for s in award.supplier_identifiers or []]
            name = ", ".join(n for n in names if n)
            supplier = Organisation.objects.filter(name__in=names).first()
            return Contract.objects.create(
                origin=Contract.Origin.NOTICE,
                award=award,
                buyer=award.process.buyer,
                supplier=supplier,
                supplier_name=supplier.name if supplier else name or "Not known",
                title=_sample_title(award.process.title or award.process.ocid),
                reference=award.process.ocid,
                value=award.value,
                ocid=award.process.ocid,
                **common,
            )
        buyer = Organisation.objects.filter(name=sample_commitments.HAND_BUYER).first()
        supplier = Organisation.objects.filter(name=sample_commitments.HAND_SUPPLIER).first()
        if buyer is None or supplier is None:
            return None
        return Contract.objects.create(
            origin=Contract.Origin.HAND,
            buyer=buyer,
            supplier=supplier,
            supplier_name=supplier.name,
            title=spec["title"],
            reference=spec["reference"],
            value=spec["value"],
            **common,
        )

    def _commitment(self, contract, item, metrics, users):
        metric = metrics[item["metric"]]
        commitment = Commitment.objects.create(
            contract=contract,
            metric=metric.key,
            metric_title=metric.title,
            quantity=item["quantity"],
            unit=item.get("unit") or metric.unit,
            period_start=item["start"],
            period_end=item["end"],
            report_every_months=item["every"],
            proxy_value=item["proxy"],
            proxy_source=sample_commitments.SAMPLE_NOTE if item["proxy"] is not None else "",
            notes="Sample data.",
            created_by=users["buyer"],
        )
        if contract.starts_on is None or contract.ends_on is None:
            contract.starts_on = min(contract.starts_on or item["start"], item["start"])
            contract.ends_on = contract.ends_on or item["end"]
            contract.save(update_fields=["starts_on", "ends_on"])
        reporter = (
            users["supplier"] if contract.supplier_id == users["supplier"].organisation_id else None
        )
        for number, quantity, state, narrative in item["reports"]:
            start, end = sample_commitments.period_of(
                item["start"], item["every"], number, item["end"]
            )
            report = DeliveryReport.objects.create(
                commitment=commitment,
                period_start=start,
                period_end=end,
                quantity=quantity,
                narrative=narrative,
                status=state,
                submitted_by=reporter,
                reviewed_by=users["buyer"] if state != "submitted" else None,
                reviewed_at=timezone.now() if state != "submitted" else None,
                reviewer_note="Sample data: please attach the meter readings for each centre."
                if state == "queried"
                else "",
            )
            evidence = Evidence(
                report=report,
                original_name="sample-evidence.pdf",
                content_type="application/pdf",
                size=len(PDF),
            )
            evidence.file.save("sample-evidence.pdf", ContentFile(PDF))

    def _kpis(self) -> str:
        path = settings.DATA_DIR.joinpath(*UK9_PAGE)
        if not path.is_file():
            return ""
        result = import_files([path])
        total = result.results_new + result.results_updated + result.results_unchanged
        return f"; {total} real contract KPIs from UK9 notices imported"
