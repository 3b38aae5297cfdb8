from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from network.models import Organisation
from programmes import sample_kpis as sample
from programmes.kpi_progress import shown
from programmes.kpi_sources import SOURCES
from programmes.kpi_taking import ALREADY, FAILED, take
from programmes.models import Kpi, ManualResult, Programme


class Command(BaseCommand):
    help = (
        "Sample KPIs (sample data): the sample programme's (partners' local spend share, "
        "challenges published and awarded, spread, one manual KPI with a result) and "
        "Birmingham City Council's own spend shares, with baselines and targets fed by the demo's "
        "ledger, and snapshots for each quarter end of the ledger's years. Idempotent; skips what "
        "is absent (run demo_programmes and demo_payments first)."
    )

    def handle(self, *args, **options):
        self.recent = sample.recent_month_ends(timezone.localdate())
        programme = Programme.objects.filter(slug=sample.PROGRAMME).first()
        anchor = Organisation.objects.filter(name=sample.ANCHOR).first()
        made = []
        if programme is None:
            self.stdout.write(f"No programme {sample.PROGRAMME!r}: its sample KPIs are left out.")
        else:
            made += [self._kpi(spec, programme=programme) for spec in sample.PROGRAMME_KPIS]
        if anchor is None:
            self.stdout.write(f"No anchor {sample.ANCHOR!r}: its sample KPIs are left out.")
        else:
            made += [self._kpi(spec, organisation=anchor) for spec in sample.ANCHOR_KPIS]
        taken = failed = 0
        for kpi, spec in made:
            if SOURCES[kpi.source].is_manual:
                continue
            dates = self.recent if spec.get("recent") else sample.SNAPSHOT_DATES
            for day in dates:
                status, snapshot = take(kpi, day, is_sample=True)
                taken += status != ALREADY
                failed += status == FAILED
                if status == FAILED:
                    self.stderr.write(f"  {kpi.title} on {day}: {snapshot.error}")
            self._baseline(kpi, spec)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sample KPIs ready: {len(made)} KPIs, {taken} snapshots taken"
                + (f", {failed} failed" if failed else "")
                + "."
            )
        )

    @transaction.atomic
    def _kpi(self, spec: dict, **owner) -> tuple[Kpi, dict]:
        item = SOURCES[spec["source"]]
        kpi, _ = Kpi.objects.update_or_create(
            **owner,
            source=spec["source"],
            title=spec["title"],
            defaults={
                "unit": spec.get("unit", item.unit),
                "window": spec.get("window", item.window),
                "direction": "higher",
                "baseline_date": self.recent[0] if spec.get("recent") else sample.BASELINE_DATE,
                "target_date": sample.TARGET_DATE,
                "notes": sample.NOTE,
                "is_sample": True,
                "position": 10 * (1 + len(Kpi.objects.filter(**owner))),
            }
            | {k: spec[k] for k in ("baseline_value", "target_value") if k in spec},
        )
        result = spec.get("result")
        if result:
            ManualResult.objects.update_or_create(
                kpi=kpi,
                period_end=result["period_end"],
                defaults={
                    "value": result["value"],
                    "evidence_link": result["evidence_link"],
                    "evidence_note": result["evidence_note"],
                    "is_sample": True,
                },
            )
        return kpi, spec

    def _baseline(self, kpi: Kpi, spec: dict) -> None:
        """A computed KPI's baseline is its figure at the baseline date; its target from it."""
        if "gain" not in spec:
            return
        at_baseline = kpi.snapshots.filter(taken_on=sample.BASELINE_DATE, error="").first()
        if at_baseline is None or at_baseline.value is None:
            return
        kpi.baseline_value = round(at_baseline.value, 3)
        kpi.target_value = round(min(at_baseline.value + spec["gain"], 1.0), 3)
        kpi.save(update_fields=["baseline_value", "target_value", "updated_at"])
        self.stdout.write(
            f"  {kpi.owner_name}: {kpi.title}: baseline {shown(kpi.baseline_value, kpi.unit)}, "
            f"target {shown(kpi.target_value, kpi.unit)}"
        )
