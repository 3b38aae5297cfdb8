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
from datetime import date, datetime
from pathlib import Path

import ocdsmerge
import orjson
from django.db import transaction
from django.utils import timezone

from network.models import Organisation
from opportunities import search_index
from opportunities.bulk import insert_rows
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
PROCESS_FIELDS = [f.name for f in Process._meta.concrete_fields if f.name not in ("id", "ocid")]
PROCESS_ATTNAMES = [
    f.attname for f in Process._meta.concrete_fields if f.name not in ("id", "ocid")
]
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


@dataclass(slots=True)
class NewRelease:
    """A release on its way into the database (lighter than a model instance)."""

    ocid: str
    release_id: str
    date: datetime
    data: dict
    pk: int | None = None
    digest: str = ""
    location: str = ""


class ProcessRow:
    """A compiled process's column values, before they are written."""

    def __init__(self, ocid: str, pk: int | None, updated_at: datetime):
        self.ocid, self.pk, self.updated_at = ocid, pk, updated_at


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
        self._stored_ocids: set[str] = set()
        self.to_index: set[int] = set()

    def load(self, paths: Iterable[tuple[Path, str]]) -> LoadResult:
        """`paths`: (file on disk, name to record as its source)."""
        started = time.perf_counter()
        self.result = LoadResult()
        self.prepare()
        for path, source in paths:
            with transaction.atomic():
                self._load_file(path, source)
            self.index()
            self.result.files += 1
        self.result.seconds = time.perf_counter() - started
        return self.result

    def index(self) -> None:
        """Bring the search index up to date with the processes compiled (after the commit)."""
        if self.to_index:
            self.progress(f"indexing {len(self.to_index):,} processes for search")
            search_index.index_processes(self.to_index)
            self.to_index = set()

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
            data = canonical(release)
            problems = self.checker.problems(release, size=len(data))
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
                    NewRelease(
                        ocid,
                        release_id,
                        parse_date(release["date"]),
                        release,
                        digest=digest,
                        location=item.location[:200],
                    )
                )
        if new:
            now = timezone.now()
            insert_rows(
                Release,
                [
                    "ocid",
                    "release_id",
                    "date",
                    "tags",
                    "data",
                    "digest",
                    "source",
                    "location",
                    "loaded_at",
                ],
                [
                    (
                        r.ocid,
                        r.release_id,
                        r.date,
                        r.data.get("tag") or [],
                        r.data,
                        r.digest,
                        source[:500],
                        r.location,
                        now,
                    )
                    for r in new
                ],
            )
            ids = {
                (o, i): pk
                for o, i, pk in Release.objects.filter(ocid__in={r.ocid for r in new}).values_list(
                    "ocid", "release_id", "id"
                )
            }
            for release in new:
                release.pk = ids[(release.ocid, release.release_id)]
            self.result.releases_new += len(new)
            fresh = defaultdict(list)
            for release in new:
                fresh[release.ocid].append(release)
            # Processes whose every release is in this batch compile from memory; others re-read theirs.
            in_memory = {
                ocid: rows for ocid, rows in fresh.items() if ocid not in self._stored_ocids
            }
            self.compile(set(fresh), in_memory)

    def _existing_digests(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        ocids = {ocid for ocid, _ in keys}
        wanted = set(keys)
        rows = Release.objects.filter(ocid__in=ocids).values_list("ocid", "release_id", "digest")
        self._stored_ocids = set()
        found = {}
        for o, r, d in rows:
            self._stored_ocids.add(o)
            if (o, r) in wanted:
                found[(o, r)] = d
        return found

    def compile(
        self, ocids: set[str], in_memory: dict[str, list[NewRelease]] | None = None
    ) -> None:
        """Merge each process's releases, and store the processes and their parts set-wise."""
        releases_by_ocid = defaultdict(list, in_memory or {})
        to_read = set(ocids) - set(releases_by_ocid)
        if to_read:
            for pk, ocid, release_id, when, data in (
                Release.objects.filter(ocid__in=to_read)
                .order_by("ocid", "date", "id")
                .values_list("id", "ocid", "release_id", "date", "data")
            ):
                releases_by_ocid[ocid].append(NewRelease(ocid, release_id, when, data, pk))
        existing = dict(Process.objects.filter(ocid__in=ocids).values_list("ocid", "id"))
        now = timezone.now()
        compiled_processes = []
        for ocid, rows in releases_by_ocid.items():
            rows.sort(key=lambda row: row.date)
            datas = [row.data for row in rows]
            try:
                compiled = self.merger.create_compiled_release(datas)
            except ocdsmerge.exceptions.OCDSMergeError as error:
                logger.warning("cannot merge %s: %s", ocid, error)
                compiled = dict(datas[-1], tag=["compiled"])
            facts = process_facts(ocid, datas, compiled)
            process = ProcessRow(ocid=ocid, pk=existing.get(ocid), updated_at=now)
            self._fill(process, facts, compiled)
            compiled_processes.append((process, facts, {row.release_id: row for row in rows}))
        if not compiled_processes:
            return
        created = [process for process, _, _ in compiled_processes if process.pk is None]
        insert_rows(
            Process,
            ["ocid", *PROCESS_ATTNAMES],
            [(p.ocid, *(getattr(p, a) for a in PROCESS_ATTNAMES)) for p in created],
        )
        updated = [process for process, _, _ in compiled_processes if process.pk is not None]
        if updated:
            Process.objects.bulk_update(
                [
                    Process(pk=p.pk, ocid=p.ocid, **{a: getattr(p, a) for a in PROCESS_ATTNAMES})
                    for p in updated
                ],
                PROCESS_FIELDS,
                batch_size=100,
            )
        ids = (
            dict(
                Process.objects.filter(ocid__in={p.ocid for p in created}).values_list("ocid", "id")
            )
            if created
            else {}
        )
        for process in created:
            process.pk = ids[process.ocid]
        self._children(compiled_processes, replace={p.pk for p in updated})
        self.result.processes_updated += len(compiled_processes)
        self.to_index.update(process.pk for process, _, _ in compiled_processes)

    def _fill(self, process: ProcessRow, facts, compiled: dict) -> None:
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

    def _children(self, compiled_processes, replace: set[int]) -> None:
        """Write the parts of each process; those of `replace` (processes stored before) go first."""
        if replace:
            for model in (Notice, Lot, ProcessCpv, Document, Award):
                model.objects.filter(process_id__in=replace).delete()
        notices, lots, cpvs, documents, awards, award_suppliers = [], [], [], [], [], []
        for process, facts, releases in compiled_processes:
            pid = process.pk
            notices += [
                (
                    pid,
                    releases[n.release_id].pk,
                    n.notice_type[:40],
                    n.published,
                    n.title,
                    n.url[:500],
                )
                for n in facts.notices
                if n.release_id in releases
            ]
            lots += [
                (pid, lot.lot_id[:100], lot.title, lot.description, lot.value, lot.status[:30])
                for lot in facts.lots
            ]
            cpvs += [(pid, c.code, c.check_digit, c.is_main) for c in facts.cpvs]
            documents += [
                (
                    pid,
                    releases[d.release_id].pk,
                    d.document_id[:300],
                    d.document_type[:60],
                    d.notice_type[:10],
                    d.title,
                    d.url,
                    d.published,
                )
                for d in facts.documents
                if d.release_id in releases
            ]
            for award in facts.awards:
                if award.release_id in releases:
                    awards.append(
                        Award(
                            process_id=pid,
                            release_id=releases[award.release_id].pk,
                            award_id=award.award_id[:300],
                            status=award.status[:30],
                            date=award.date,
                            value=award.value,
                        )
                    )
                    award_suppliers.append([s for s in award.suppliers if s.name or s.identifier])
        insert_rows(
            Notice,
            ["process_id", "release_id", "notice_type", "published", "title", "url"],
            notices,
        )
        insert_rows(Lot, ["process_id", "lot_id", "title", "description", "value", "status"], lots)
        insert_rows(ProcessCpv, ["process_id", "code", "check_digit", "is_main"], cpvs)
        insert_rows(
            Document,
            [
                "process_id",
                "release_id",
                "document_id",
                "document_type",
                "notice_type",
                "title",
                "url",
                "published",
            ],
            documents,
        )
        if awards:
            Award.objects.bulk_create(awards, batch_size=1000)
            entries = [
                (s.name, s.scheme, s.identifier, s.scale, s.vcse)
                for group in award_suppliers
                for s in group
            ]
            supplier_ids = self.suppliers.resolve_many(entries) if entries else {}
            links = []
            for award, group in zip(awards, award_suppliers, strict=True):
                for s in group:
                    normalised = normalise_name(s.name) or s.name.strip().lower()
                    key = (
                        s.scheme[:40],
                        s.identifier[:100],
                        "" if s.identifier else normalised[:300],
                    )
                    if key in supplier_ids:
                        links.append(
                            Award.suppliers.through(
                                award_id=award.pk, supplier_id=supplier_ids[key]
                            )
                        )
            Award.suppliers.through.objects.bulk_create(
                links, batch_size=1000, ignore_conflicts=True
            )
