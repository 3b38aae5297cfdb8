"""Contract performance KPIs from UK9 notices into the database (ContractKpiResult), from OCDS
files or from the releases already stored by the notice loader. Idempotent (a result is keyed by
its release, contract, metric and place), one transaction per file; what cannot be read is kept
as a KpiReject with its reason."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import transaction

from opportunities.models import Release
from opportunities.ocds_input import read_releases
from socialvalue import uk9_metrics
from socialvalue.models import ContractKpiResult, KpiReject

STORED = "stored releases"


@dataclass
class ImportResult:
    files: int = 0
    releases_read: int = 0
    releases_with_metrics: int = 0
    results_new: int = 0
    results_updated: int = 0
    results_unchanged: int = 0
    flagged: int = 0
    rejects: int = 0
    reasons: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)


FIELDS = [
    "award_id",
    "title",
    "description",
    "observation_id",
    "period_start",
    "period_end",
    "measure",
    "value",
    "unit",
    "classification",
    "classification_text",
    "notice_url",
    "published",
    "extra",
    "flags",
]


def _store(rows: list[uk9_metrics.MetricRow], source: str, result: ImportResult) -> None:
    for row in rows:
        values = {name: getattr(row, name) for name in FIELDS}
        values["source"] = source
        found = ContractKpiResult.objects.filter(
            release_id=row.release_id,
            ocid=row.ocid,
            contract_id=row.contract_id,
            metric_id=row.metric_id,
            position=row.position,
        ).first()
        if row.flags:
            result.flagged += 1
        if found is None:
            ContractKpiResult.objects.create(
                release_id=row.release_id,
                ocid=row.ocid,
                contract_id=row.contract_id,
                metric_id=row.metric_id,
                position=row.position,
                **values,
            )
            result.results_new += 1
            continue
        changed = [
            name
            for name, value in values.items()
            if name != "source" and _differs(getattr(found, name), value)
        ]
        if changed:
            for name, value in values.items():
                setattr(found, name, value)
            found.save()
            result.results_updated += 1
        else:
            result.results_unchanged += 1


def _differs(stored, new) -> bool:
    if stored is None or new is None:
        return stored is not new
    return stored != new


def _reject(source: str, reject: uk9_metrics.Reject, result: ImportResult) -> None:
    KpiReject.objects.update_or_create(
        source=source,
        release_id=reject.release_id,
        location=reject.location,
        defaults={"ocid": reject.ocid, "reason": reject.reason, "excerpt": reject.excerpt},
    )
    result.rejects += 1
    if len(result.reasons) < 20:
        result.reasons.append(f"{reject.release_id or reject.location}: {reject.reason}")


def _take(releases: Iterable[tuple[str, dict | None, str]], source: str, result: ImportResult):
    """(location, release or None, error) items, each read and stored."""
    for location, release, error in releases:
        if release is None:
            _reject(source, uk9_metrics.Reject("", "", location, error or "unreadable"), result)
            continue
        result.releases_read += 1
        rows, rejects = uk9_metrics.read_release(release)
        if rows:
            result.releases_with_metrics += 1
        _store(rows, source, result)
        for reject in rejects:
            _reject(source, reject, result)


def import_files(
    paths: list[Path], progress: Callable[[str], None] = lambda message: None
) -> ImportResult:
    result = ImportResult()
    for path in paths:
        source = str(path)
        with transaction.atomic():
            items = (
                (item.location, item.release, item.error or "") for item in read_releases(path)
            )
            before = result.results_new + result.results_updated + result.results_unchanged
            _take(items, source, result)
        result.files += 1
        after = result.results_new + result.results_updated + result.results_unchanged
        progress(f"{path.name}: {after - before} KPI results")
    return result


def import_stored(progress: Callable[[str], None] = lambda message: None) -> ImportResult:
    """The KPIs of the releases the notice loader already stored (tag `implementation`, or any
    release whose contracts carry metrics)."""
    result = ImportResult(files=1)
    queryset = Release.objects.filter(data__contracts__isnull=False).order_by("pk")
    with transaction.atomic():
        count = 0
        for release in queryset.iterator(chunk_size=500):
            contracts = (release.data or {}).get("contracts") or []
            if not any(
                isinstance(c, dict) and (c.get("implementation") or {}).get("metrics")
                for c in contracts
                if isinstance(c, dict)
            ):
                continue
            _take([(f"release {release.pk}", release.data, "")], STORED, result)
            count += 1
            if count % 500 == 0:
                progress(f"{count} releases with KPIs read")
    progress(f"{count} stored releases with KPIs read")
    return result
