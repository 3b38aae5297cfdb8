"""Merging a process's releases with ocdsmerge, taking out AnchorHub's facts and turning them into
the rows to store and the search document: pure work, so that large loads do it in worker processes
(one per core) while the loader reads, checks and writes.

No database here: releases come in as canonical JSON bytes with what is known of the network's
buyers; rows come out ready to write (the compiled release as JSON bytes), keyed by release id where
a row belongs to one release.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

import ocdsmerge
import orjson

from opportunities.fact_records import ProcessFacts
from opportunities.facts import process_facts
from opportunities.ocid_prefixes import SAMPLE_PREFIX
from opportunities.search_documents import fields, search_document
from reference.thresholds import threshold_test
from suppliers.names import normalise_name

logger = logging.getLogger(__name__)

# Older notices are judged against the first threshold table we hold (earlier ones differ little).
THRESHOLDS_START = date(2024, 1, 1)
FROM_FACTS = (
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
    "buyer_identifiers",
    "notice_type",
    "legal_basis",
    "legal_basis_id",
    "awarded_value",
    "awarded_value_gross",
)
# Process columns written by the loader, in order (a test checks these are the model's columns).
PROCESS_COLUMNS = (
    *FROM_FACTS,
    "buyer_id",
    "compiled",
    "lot_count",
    "search_text",
    "delivery_text",
    "reserved_for_sme_vcse",
    "threshold_estimated",
    "is_sample",
    "updated_at",
)
LIMITS = {
    "buyer_name": 300,
    "procedure_details": 300,
    "notice_url": 500,
    "notice_type": 10,
    "legal_basis": 20,
    "legal_basis_id": 40,
}


@dataclass
class Buyers:
    """The network's organisations, to link a notice's buyer: by identifier, else by name."""

    by_identifier: dict[tuple[str, str], int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    slugs: dict[int, str] = field(default_factory=dict)
    members: set[int] = field(default_factory=set)

    def find(self, scheme: str, identifier: str, name: str) -> int | None:
        if identifier:
            found = self.by_identifier.get((scheme.upper(), identifier.upper().replace(" ", "")))
            if found:
                return found
        return self.by_name.get(normalise_name(name)) if name else None


class Compiled(NamedTuple):
    ocid: str
    values: tuple  # in PROCESS_COLUMNS order
    facts: ProcessFacts
    search: dict  # the search index document, without the process id


def compile_group(
    merger: ocdsmerge.Merger, buyers: Buyers, now: datetime, ocid: str, releases: list[bytes]
) -> Compiled:
    datas = [orjson.loads(data) for data in releases]
    try:
        compiled = merger.create_compiled_release(datas)
    except ocdsmerge.exceptions.OCDSMergeError as error:
        logger.warning("cannot merge %s: %s", ocid, error)
        compiled = dict(datas[-1], tag=["compiled"])
    facts = process_facts(ocid, datas, compiled)
    row = {name: getattr(facts, name) for name in FROM_FACTS}
    for name, limit in LIMITS.items():
        row[name] = row[name][:limit]
    # Any identifier the network holds (PPON, Companies House number...) before the name.
    buyer_id = next(
        (
            found
            for scheme, identifier in [
                (facts.buyer_scheme, facts.buyer_identifier),
                *((i["scheme"], i["id"]) for i in facts.buyer_identifiers),
            ]
            if (found := buyers.find(scheme, identifier, ""))
        ),
        None,
    ) or buyers.find("", "", facts.buyer_name)
    row.update(
        buyer_id=buyer_id,
        compiled=orjson.dumps(compiled),
        lot_count=len(facts.lots),
        search_text=search_document(facts)["B"],
        delivery_text=" ".join(facts.delivery_regions + facts.delivery_postcodes),
        reserved_for_sme_vcse="smeVcse" in facts.reserved_participation,
        threshold_estimated=False,
        is_sample=ocid.startswith(SAMPLE_PREFIX),
        updated_at=now,
    )
    if facts.above_threshold is None:
        # Not published (Contracts Finder never says): work it out, and say it was worked out.
        when = facts.tender_start or facts.first_published
        test = when and threshold_test(
            facts.value,
            facts.value_gross,
            facts.main_category,
            buyers.kinds.get(buyer_id) if buyer_id is not None else None,
            max(when.date(), THRESHOLDS_START),
        )
        if test:
            row["above_threshold"], row["threshold_estimated"] = test.above, True
    row["buyer__slug"] = buyers.slugs.get(buyer_id, "") if buyer_id is not None else ""
    row["buyer__is_network_member"] = buyer_id in buyers.members
    document = fields(row, [c.code for c in facts.cpvs], [n.notice_type for n in facts.notices])
    return Compiled(ocid, tuple(row[name] for name in PROCESS_COLUMNS), facts, document)


_worker: tuple[ocdsmerge.Merger, Buyers] | None = None


def _start_worker(schema: dict, buyers: Buyers) -> None:
    global _worker  # noqa: PLW0603 (one merger per worker process)
    _worker = (ocdsmerge.Merger(schema), buyers)


def _compile_in_worker(now: datetime, groups: list[tuple[str, list[bytes]]]) -> list[Compiled]:
    if _worker is None:
        raise RuntimeError("_start_worker has not run in this worker process")
    merger, buyers = _worker
    return [compile_group(merger, buyers, now, ocid, releases) for ocid, releases in groups]


class _Done(Future):
    def __init__(self, value):
        super().__init__()
        self.set_result(value)


class _Joined:
    """The results of a batch's parts, in order."""

    def __init__(self, parts: list[Future]):
        self.parts = parts

    def result(self) -> list[Compiled]:
        return [compiled for part in self.parts for compiled in part.result()]


class Compiler:
    """Compiles batches of processes: in this process for small batches, else across worker
    processes (started on first need, one per core), so that the next batch is read meanwhile."""

    POOL_FROM = 200  # processes in a batch before worker processes are worth their start-up

    def __init__(self, schema: dict, buyers: Buyers, workers: int | None = None):
        self.schema = schema
        self.buyers = buyers
        self.merger = ocdsmerge.Merger(schema)
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, now: datetime, groups: list[tuple[str, list[bytes]]]):
        if self.workers < 2 or len(groups) < self.POOL_FROM:
            return _Done(
                [compile_group(self.merger, self.buyers, now, ocid, rel) for ocid, rel in groups]
            )
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=_start_worker,
                initargs=(self.schema, self.buyers),
            )
        size = -(-len(groups) // self.workers)
        return _Joined(
            [
                self._pool.submit(_compile_in_worker, now, groups[start : start + size])
                for start in range(0, len(groups), size)
            ]
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
