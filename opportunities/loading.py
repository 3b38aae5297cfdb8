"""Load OCDS releases into the database: check, quarantine, store, compile, index.

A release that cannot be used (no ocid, id or date; unreadable) is quarantined; one that departs
from the schema in other ways is stored as published with its data-quality warnings
(`Release.warnings`), compiled from its usable parts, and its process carries the warnings of all
its releases (`Process.data_warnings`). Every release read is counted once: new, unchanged or
quarantined.

Each file is one transaction: a crash leaves nothing half-loaded, and loading a file again changes
nothing (releases are keyed by ocid and release id, quarantine entries by source, place and content).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import orjson
from django.db import transaction
from django.utils import timezone

from core.bulk import insert_rows
from opportunities import search_index
from opportunities.compiling import PROCESS_COLUMNS, Compiled, Compiler
from opportunities.load_queries import network_buyers, select_in
from opportunities.load_records import (
    Checked,
    LoadResult,
    NewRelease,
    checked_release,
    data_warnings,
    digest_of,
    usable_data,
)
from opportunities.models import (
    Process,
    QuarantinedRelease,
    Release,
)
from opportunities.ocds_input import read_releases
from opportunities.process_parts import write_parts
from opportunities.schema import release_schema
from opportunities.search_documents import as_json
from opportunities.validation import (
    ReleaseChecker,
    parse_date,
)
from suppliers.register import SupplierRegister

logger = logging.getLogger(__name__)


BATCH = 500


# Process columns the loader writes: the compiler's, and the warnings of the process's releases.
PROCESS_WRITES = (*PROCESS_COLUMNS, "data_warnings")


# The columns a stored release is written with, in the order of the rows given (COPY on PostgreSQL).
RELEASE_COLUMNS = (
    "ocid",
    "release_id",
    "date",
    "tags",
    "data",
    "digest",
    "source",
    "location",
    "loaded_at",
    "warnings",
    "has_warnings",
)


class Loader:
    def __init__(self, progress: Callable[[str], None] | None = None):
        self.schema = release_schema()
        self.checker = ReleaseChecker(self.schema)
        self.progress = progress or (lambda message: None)
        self.result = LoadResult()
        self._stored_ocids: set[str] = set()
        self.to_index: set[int] = set()
        self.index_writer = None
        self.compiler: Compiler | None = None

    def load(self, paths: Iterable[tuple[Path, str]]) -> LoadResult:
        """`paths`: (file on disk, name to record as its source). The search index is written as
        the processes are, and committed when each file's transaction has committed."""
        started = time.perf_counter()
        self.result = LoadResult()
        self.prepare()
        try:
            with search_index.open_writer() as writer:
                self.index_writer = writer
                for path, source in paths:
                    with transaction.atomic():
                        self._load_file(path, source)
                    writer.commit()
                    self.result.files += 1
        finally:
            self.index_writer = None
            self.compiler.close()
        self.result.seconds = time.perf_counter() - started
        return self.result

    def index(self) -> None:
        """Index the processes compiled outside `load` (compile_processes), from the database."""
        if self.to_index:
            self.progress(f"indexing {len(self.to_index):,} processes for search")
            search_index.index_processes(self.to_index)
            self.to_index = set()

    def prepare(self) -> None:
        self.compiler = Compiler(self.schema, network_buyers())
        self.suppliers = SupplierRegister()

    def _load_file(self, path: Path, source: str) -> None:
        """Batches of releases flow through three stages at once: a reader thread parses and checks
        the next batch, this thread stores a batch's releases and writes the previous batch's
        processes, and worker processes compile (for large batches) in between."""
        pending = None
        read_before = self.result.releases_read
        for batch in self._checked_batches(path):
            self.result.releases_read += len(batch)
            job = self._load_batch(batch, source)
            if pending is not None:
                self._write(*pending)
            pending = job
            self.progress(f"{source}: {self.result.releases_read - read_before:,} releases read")
        if pending is not None:
            self._write(*pending)

    def _checked_batches(self, path: Path) -> Iterator[list[Checked]]:
        """Read and check releases in a thread of their own (no database there), BATCH at a time,
        so that the reading goes on while this thread waits for the database."""
        batches: queue.Queue = queue.Queue(maxsize=2)
        stop = threading.Event()

        def put(value) -> bool:
            while not stop.is_set():
                try:
                    batches.put(value, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def read() -> None:
            try:
                batch = []
                for item in read_releases(path):
                    batch.append(checked_release(self.checker, item))
                    if len(batch) >= BATCH:
                        if not put(batch):
                            return
                        batch = []
                put(batch)
                put(None)
            except BaseException as error:  # noqa: BLE001 (handed to the loading thread, which raises it)
                put(error)

        reader = threading.Thread(target=read, name=f"read {path.name}", daemon=True)
        reader.start()
        try:
            while True:
                batch = batches.get()
                if batch is None:
                    return
                if isinstance(batch, BaseException):
                    raise batch
                if batch:
                    yield batch
        finally:
            stop.set()
            reader.join()

    def _quarantine(self, source, location, reason, excerpt="", ocid="", release_id="") -> None:
        self.result.releases_quarantined += 1
        if len(self.result.quarantine_reasons) < 20:
            self.result.quarantine_reasons.append(f"{source} {location}: {reason}")
        reason, excerpt, ocid, release_id = (
            text.replace("\x00", "\ufffd") for text in (reason, excerpt, ocid, release_id)
        )  # PostgreSQL stores no NUL in text
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

    def _load_batch(self, checked: list[Checked], source: str):
        accepted: dict[tuple[str, str], Checked] = {}
        for one in checked:
            item, data, problems, digest = one.item, one.data, one.problems, one.digest
            if item.release is None:
                self._quarantine(source, item.location, item.error or "unreadable", item.excerpt)
                continue
            release = item.release
            ocid, release_id = release.get("ocid"), release.get("id")
            if problems:
                self._quarantine(
                    source,
                    item.location,
                    "; ".join(problems),
                    data[:2000].decode("utf-8", "replace"),
                    ocid if isinstance(ocid, str) else "",
                    release_id if isinstance(release_id, str) else "",
                )
                continue
            key = (ocid, release_id)
            if key in accepted:
                if accepted[key].digest == digest:
                    self.result.releases_unchanged += 1  # the same release again: counted once
                    continue
                self._quarantine(
                    source,
                    item.location,
                    f"duplicate release id {release_id!r} for {ocid}: another release in this file "
                    f"({accepted[key].item.location}) has the same id and different content",
                    data[:2000].decode("utf-8", "replace"),
                    ocid,
                    release_id,
                )
                continue
            accepted[key] = one
        if not accepted:
            return None
        existing = self._existing_digests(list(accepted))
        new = []
        for (ocid, release_id), one in accepted.items():
            item, data, digest = one.item, one.data, one.digest
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
                        raw=one.usable,
                        warnings=list(one.warnings),
                    )
                )
        if new:
            now = timezone.now()
            data_of = {key: one.data for key, one in accepted.items()}  # as published
            insert_rows(
                Release,
                RELEASE_COLUMNS,
                [
                    (
                        r.ocid,
                        r.release_id,
                        r.date,
                        r.data.get("tag") or [],
                        data_of[(r.ocid, r.release_id)],
                        r.digest,
                        source[:500],
                        r.location,
                        now,
                        orjson.dumps(list(r.warnings)),
                        bool(r.warnings),
                    )
                    for r in new
                ],
            )
            ids = {
                (o, i): pk
                for o, i, pk in select_in(
                    "SELECT ocid, release_id, id FROM opportunities_release WHERE {condition}",
                    "ocid",
                    {r.ocid for r in new},
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
            return self._submit(set(fresh), in_memory)
        return None

    def _existing_digests(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        ocids = {ocid for ocid, _ in keys}
        wanted = set(keys)
        rows = select_in(
            "SELECT ocid, release_id, digest FROM opportunities_release WHERE {condition}",
            "ocid",
            ocids,
        )
        self._stored_ocids = set()
        found = {}
        for o, r, d in rows:
            self._stored_ocids.add(o)
            if (o, r) in wanted:
                found[(o, r)] = d
        return found

    def _submit(self, ocids: set[str], in_memory: dict[str, list[NewRelease]] | None = None):
        """Start compiling these processes; `in_memory`: those whose releases are all at hand."""
        releases_by_ocid = defaultdict(list, in_memory or {})
        to_read = set(ocids) - set(releases_by_ocid)
        if to_read:
            for pk, ocid, release_id, when, data, warnings in (
                Release.objects.filter(ocid__in=to_read)
                .order_by("ocid", "date", "id")
                .values_list("id", "ocid", "release_id", "date", "data", "warnings")
            ):
                raw = orjson.dumps(data)
                if warnings:  # what the compiler may rely on, as when it was loaded
                    raw = usable_data(data, self.checker.check(data), raw)
                releases_by_ocid[ocid].append(
                    NewRelease(ocid, release_id, when, data, pk, raw=raw, warnings=warnings)
                )
        groups, context = [], {}
        for ocid, rows in releases_by_ocid.items():
            rows.sort(key=lambda row: row.date)
            groups.append((ocid, [row.raw for row in rows]))
            context[ocid] = {row.release_id: row for row in rows}
        return self.compiler.submit(timezone.now(), groups), context

    def compile(
        self, ocids: set[str], in_memory: dict[str, list[NewRelease]] | None = None
    ) -> None:
        """Merge each process's releases, and store the processes and their parts set-wise."""
        self._write(*self._submit(ocids, in_memory))

    def _write(self, job, context: dict[str, dict[str, NewRelease]]) -> None:
        results: list[Compiled] = job.result()
        if not results:
            return
        existing = dict(
            select_in(
                "SELECT ocid, id FROM opportunities_process WHERE {condition}",
                "ocid",
                [c.ocid for c in results],
            )
        )
        created = [c for c in results if c.ocid not in existing]
        updated = [c for c in results if c.ocid in existing]
        warnings = {c.ocid: data_warnings(context[c.ocid].values()) for c in results}
        insert_rows(
            Process,
            ["ocid", *PROCESS_WRITES],
            [(c.ocid, *c.values, orjson.dumps(warnings[c.ocid])) for c in created],
        )
        if updated:
            Process.objects.bulk_update(
                [self._process(existing[c.ocid], c, warnings[c.ocid]) for c in updated],
                [name.removesuffix("_id") for name in PROCESS_WRITES],
                batch_size=100,
            )
        ids = dict(existing)
        ids.update(
            select_in(
                "SELECT ocid, id FROM opportunities_process WHERE {condition}",
                "ocid",
                [c.ocid for c in created],
            )
        )
        processes = [(ids[c.ocid], c, context[c.ocid]) for c in results]
        self._children(processes, replace={existing[c.ocid] for c in updated})
        self.result.processes_updated += len(results)
        if self.index_writer is None:
            self.to_index.update(ids.values())
        else:
            for c in updated:
                self.index_writer.delete_documents_by_term("id", ids[c.ocid])
            for c in results:
                self.index_writer.add_json(as_json(ids[c.ocid], c.search))

    @staticmethod
    def _process(pk: int, compiled: Compiled, warnings: list[dict]) -> Process:
        values = dict(zip(PROCESS_COLUMNS, compiled.values, strict=True))
        values["compiled"] = orjson.loads(values["compiled"])
        return Process(pk=pk, ocid=compiled.ocid, data_warnings=warnings, **values)

    def _children(self, processes, replace: set[int]) -> None:
        write_parts(processes, replace, self.suppliers)
