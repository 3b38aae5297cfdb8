"""Load OCDS releases into the database: check, quarantine, store, compile, index.

Each file is one transaction: a crash leaves nothing half-loaded, and loading a file again changes
nothing (releases are keyed by ocid and release id, quarantine entries by source, place and content).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import ocdsmerge
import orjson
from django.db import connection, transaction

from network.models import Organisation
from opportunities.facts import process_facts, search_document
from opportunities.models import (
    Award,
    Document,
    Lot,
    Notice,
    Process,
    ProcessCpv,
    QuarantinedRelease,
    Release,
)
from opportunities.ocds_input import Item, read_releases
from opportunities.sample_notices import SAMPLE_PREFIX
from opportunities.schema import release_schema
from opportunities.validation import ReleaseChecker, parse_date
from reference.thresholds import threshold_test
from suppliers.names import normalise_name
from suppliers.register import SupplierRegister

logger = logging.getLogger(__name__)
BATCH = 500
# Older notices are judged against the first table we hold (thresholds before 2024 differ little).
THRESHOLDS_START = date(2024, 1, 1)


@dataclass
class LoadResult:
    files: int = 0
    releases_read: int = 0
    releases_new: int = 0
    releases_unchanged: int = 0
    releases_quarantined: int = 0
    processes_updated: int = 0
    seconds: float = 0.0
    quarantine_reasons: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "files": self.files,
            "releases_read": self.releases_read,
            "releases_new": self.releases_new,
            "releases_unchanged": self.releases_unchanged,
            "releases_quarantined": self.releases_quarantined,
            "processes_updated": self.processes_updated,
            "seconds": round(self.seconds, 3),
        }


def canonical(release: dict) -> bytes:
    return orjson.dumps(release, option=orjson.OPT_SORT_KEYS)


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BuyerDirectory:
    """Links a notice's buyer to a network organisation: by identifier, else by normalised name."""

    SCHEMES = {"GB-COH": "companies_house_number", "GB-CHC": "charity_number", "GB-PPON": "ppon"}

    def __init__(self):
        self.by_identifier, self.by_name, self.kinds = {}, {}, {}
        for organisation in Organisation.objects.all().only(
            "id", "name", "kind", "companies_house_number", "charity_number", "ppon"
        ):
            self.kinds[organisation.pk] = organisation.kind
            for scheme, field_name in self.SCHEMES.items():
                value = getattr(organisation, field_name)
                if value:
                    self.by_identifier[(scheme, value.upper())] = organisation.pk
            self.by_name.setdefault(normalise_name(organisation.name), organisation.pk)

    def find(self, scheme: str, identifier: str, name: str) -> int | None:
        if identifier:
            found = self.by_identifier.get((scheme.upper(), identifier.upper().replace(" ", "")))
            if found:
                return found
        return self.by_name.get(normalise_name(name)) if name else None


class Loader:
    def __init__(self, progress: Callable[[str], None] | None = None):
        self.checker = ReleaseChecker(release_schema())
        self.merger = ocdsmerge.Merger(release_schema())
        self.progress = progress or (lambda message: None)
        self.result = LoadResult()

    def load(self, paths: Iterable[tuple[Path, str]]) -> LoadResult:
        """`paths`: (file on disk, name to record as its source)."""
        started = time.perf_counter()
        self.result = LoadResult()
        self.prepare()
        for path, source in paths:
            with transaction.atomic():
                self._load_file(path, source)
            self.result.files += 1
        self.result.seconds = time.perf_counter() - started
        return self.result

    def prepare(self) -> None:
        self.buyers = BuyerDirectory()
        self.suppliers = SupplierRegister()

    def _load_file(self, path: Path, source: str) -> None:
        batch: list[Item] = []
        read_before = self.result.releases_read
        for item in read_releases(path):
            self.result.releases_read += 1
            batch.append(item)
            if len(batch) >= BATCH:
                self._load_batch(batch, source)
                batch = []
                self.progress(
                    f"{source}: {self.result.releases_read - read_before:,} releases read"
                )
        if batch:
            self._load_batch(batch, source)
        self.progress(f"{source}: {self.result.releases_read - read_before:,} releases read")

    def _quarantine(self, source, location, reason, excerpt="", ocid="", release_id="") -> None:
        self.result.releases_quarantined += 1
        if len(self.result.quarantine_reasons) < 20:
            self.result.quarantine_reasons.append(f"{source} {location}: {reason}")
        QuarantinedRelease.objects.get_or_create(
            source=source[:500],
            location=location[:200],
            digest=digest_of(f"{reason}\n{excerpt}".encode()),
            defaults={
                "reason": reason,
                "excerpt": excerpt[:2000],
                "ocid": ocid[:200],
                "release_id": release_id[:300],
            },
        )

    def _load_batch(self, items: list[Item], source: str) -> None:
        accepted: dict[tuple[str, str], tuple[Item, bytes, str]] = {}
        for item in items:
            if item.release is None:
                self._quarantine(source, item.location, item.error or "unreadable", item.excerpt)
                continue
            release = item.release
            ocid, release_id = release.get("ocid"), release.get("id")
            problems = self.checker.problems(release)
            if problems:
                self._quarantine(
                    source,
                    item.location,
                    "; ".join(problems),
                    canonical(release)[:2000].decode("utf-8", "replace"),
                    ocid if isinstance(ocid, str) else "",
                    release_id if isinstance(release_id, str) else "",
                )
                continue
            data = canonical(release)
            digest = digest_of(data)
            key = (ocid, release_id)
            if key in accepted and accepted[key][2] != digest:
                self._quarantine(
                    source,
                    item.location,
                    f"duplicate release id {release_id!r} for {ocid}: another release in this file "
                    f"({accepted[key][0].location}) has the same id and different content",
                    data[:2000].decode("utf-8", "replace"),
                    ocid,
                    release_id,
                )
                continue
            accepted[key] = (item, data, digest)
        if not accepted:
            return
        existing = self._existing_digests(list(accepted))
        new = []
        for (ocid, release_id), (item, data, digest) in accepted.items():
            known = existing.get((ocid, release_id))
            if known == digest:
                self.result.releases_unchanged += 1
            elif known is not None:
                self._quarantine(
                    source,
                    item.location,
                    f"duplicate release id {release_id!r} for {ocid}: a different release with this id "
                    "was loaded before (release ids must not be reused)",
                    data[:2000].decode("utf-8", "replace"),
                    ocid,
                    release_id,
                )
            else:
                release = item.release
                new.append(
                    Release(
                        ocid=ocid,
                        release_id=release_id,
                        date=parse_date(release["date"]),
                        tags=release.get("tag") or [],
                        data=release,
                        digest=digest,
                        source=source[:500],
                        location=item.location[:200],
                    )
                )
        if new:
            Release.objects.bulk_create(new, batch_size=BATCH)
            self.result.releases_new += len(new)
            self.compile({release.ocid for release in new})

    def _existing_digests(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        ocids = {ocid for ocid, _ in keys}
        wanted = set(keys)
        rows = Release.objects.filter(ocid__in=ocids).values_list("ocid", "release_id", "digest")
        return {(o, r): d for o, r, d in rows if (o, r) in wanted}

    def compile(self, ocids: set[str]) -> None:
        releases_by_ocid = defaultdict(list)
        for release in Release.objects.filter(ocid__in=ocids).order_by("ocid", "date", "id"):
            releases_by_ocid[release.ocid].append(release)
        processes = {p.ocid: p for p in Process.objects.filter(ocid__in=ocids)}
        changed_ids = []
        for ocid, rows in releases_by_ocid.items():
            datas = [row.data for row in rows]
            try:
                compiled = self.merger.create_compiled_release(datas)
            except ocdsmerge.exceptions.OCDSMergeError as error:
                logger.warning("cannot merge %s: %s", ocid, error)
                compiled = dict(datas[-1], tag=["compiled"])
            facts = process_facts(ocid, datas, compiled)
            process = processes.get(ocid) or Process(ocid=ocid)
            self._fill(process, facts, compiled)
            process.save()
            self._children(process, facts, {row.release_id: row for row in rows})
            changed_ids.append(process.pk)
        self.result.processes_updated += len(changed_ids)
        index_for_search(changed_ids)

    def _fill(self, process: Process, facts, compiled: dict) -> None:
        for name in (
            "title",
            "description",
            "buyer_name",
            "buyer_scheme",
            "buyer_identifier",
            "buyer_postcode",
            "phase",
            "tender_status",
            "procedure",
            "procedure_details",
            "main_category",
            "value",
            "value_gross",
            "min_value",
            "currency",
            "tender_start",
            "deadline",
            "enquiry_end",
            "award_date",
            "contract_start",
            "contract_end",
            "expected_tender_date",
            "first_published",
            "last_updated",
            "sme_suitable",
            "vcse_suitable",
            "reserved_participation",
            "reserved_location",
            "above_threshold",
            "delivery_regions",
            "delivery_postcodes",
            "notice_url",
            "award_conflicts",
        ):
            setattr(process, name, getattr(facts, name))
        process.buyer_name = process.buyer_name[:300]
        process.procedure_details = process.procedure_details[:300]
        process.notice_url = process.notice_url[:500]
        process.compiled = compiled
        process.is_sample = process.ocid.startswith(SAMPLE_PREFIX)
        process.lot_count = len(facts.lots)
        process.reserved_for_sme_vcse = "smeVcse" in facts.reserved_participation
        process.delivery_text = " ".join(facts.delivery_regions + facts.delivery_postcodes)
        process.search_text = search_document(facts)["B"]
        process.buyer_id = self.buyers.find(
            facts.buyer_scheme, facts.buyer_identifier, facts.buyer_name
        )
        process.threshold_estimated = False
        if facts.above_threshold is None:
            # Not published (Contracts Finder never says): work it out, and say it was worked out.
            when = facts.tender_start or facts.first_published
            test = when and threshold_test(
                facts.value,
                facts.value_gross,
                facts.main_category,
                self.buyers.kinds.get(process.buyer_id),
                max(when.date(), THRESHOLDS_START),
            )
            if test:
                process.above_threshold, process.threshold_estimated = test.above, True

    def _children(self, process: Process, facts, releases: dict[str, Release]) -> None:
        for model in (Notice, Lot, ProcessCpv, Award, Document):
            model.objects.filter(process=process).delete()
        Notice.objects.bulk_create(
            Notice(
                process=process,
                release=releases[n.release_id],
                notice_type=n.notice_type[:40],
                published=n.published,
                title=n.title,
                url=n.url[:500],
            )
            for n in facts.notices
            if n.release_id in releases
        )
        Lot.objects.bulk_create(
            Lot(
                process=process,
                lot_id=lot.lot_id[:100],
                title=lot.title,
                description=lot.description,
                value=lot.value,
                status=lot.status[:30],
            )
            for lot in facts.lots
        )
        ProcessCpv.objects.bulk_create(
            ProcessCpv(process=process, code=c.code, check_digit=c.check_digit, is_main=c.is_main)
            for c in facts.cpvs
        )
        for award in facts.awards:
            if award.release_id not in releases:
                continue
            row = Award.objects.create(
                process=process,
                release=releases[award.release_id],
                award_id=award.award_id[:300],
                status=award.status[:30],
                date=award.date,
                value=award.value,
            )
            suppliers = [
                self.suppliers.find_or_add(s.name, s.scheme, s.identifier, s.scale, s.vcse)
                for s in award.suppliers
                if s.name or s.identifier
            ]
            if suppliers:
                row.suppliers.set(suppliers)
        Document.objects.bulk_create(
            Document(
                process=process,
                release=releases[d.release_id],
                document_id=d.document_id[:300],
                document_type=d.document_type[:60],
                notice_type=d.notice_type[:10],
                title=d.title,
                url=d.url,
                published=d.published,
            )
            for d in facts.documents
            if d.release_id in releases
        )


def index_for_search(process_ids: list[int]) -> None:
    """Weighted full-text vectors (PostgreSQL): A title, B buyer and lots, C description."""
    if not process_ids or connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE opportunities_process SET search_vector =
                setweight(to_tsvector('english', coalesce(title, '')), 'A')
                || setweight(to_tsvector('english', coalesce(search_text, '')), 'B')
                || setweight(to_tsvector('english', left(coalesce(description, ''), 100000)), 'C')
            WHERE id = ANY(%s)
            """,
            [process_ids],
        )
