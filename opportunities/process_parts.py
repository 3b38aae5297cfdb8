"""Writing the parts of compiled processes set-wise (COPY on PostgreSQL): notices, lots, CPV
codes, contracts, documents, awards and their suppliers, linked through the shared register."""

from __future__ import annotations

from collections.abc import Iterable

from core.bulk import insert_rows
from opportunities.compiling import Compiled
from opportunities.load_records import NewRelease
from opportunities.models import Award, Contract, Document, Lot, Notice, ProcessCpv
from suppliers.names import normalise_name
from suppliers.register import SupplierRegister


def write_parts(
    processes: Iterable[tuple[int, Compiled, dict[str, NewRelease]]],
    replace: set[int],
    suppliers: SupplierRegister,
) -> None:
    """Write the parts of each process; those of `replace` (processes stored before) go first."""
    if replace:
        for model in (Notice, Lot, ProcessCpv, Document, Award, Contract):
            model.objects.filter(process_id__in=replace).delete()
    notices, lots, cpvs, documents, awards, award_suppliers = [], [], [], [], [], []
    contracts = []
    for pid, compiled, releases in processes:
        facts = compiled.facts
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
            (
                pid,
                lot.lot_id[:100],
                lot.title,
                lot.description,
                lot.value,
                lot.status[:30],
                lot.value_gross,
                lot.cpvs,
                lot.statistic("bids"),
                lot.statistic("finalStageBids"),
                lot.statistic("smeFinalStageBids"),
                lot.statistic("vcseFinalStageBids"),
                lot.bid_statistics,
            )
            for lot in facts.lots
        ]
        contracts += [
            (
                pid,
                releases[c.release_id].pk,
                c.contract_id[:300],
                c.award_id[:300],
                c.title,
                c.status[:30],
                c.value,
                c.value_gross,
                c.final_value,
                c.final_value_gross,
                c.currency[:3],
                c.start,
                c.end,
                c.date_signed,
                c.metrics,
            )
            for c in facts.contracts
            if c.release_id in releases
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
                        value_gross=award.value_gross,
                        title=award.title,
                        lots=award.lots,
                        supplier_identifiers=[
                            {"name": s.name, "identifiers": s.identifiers} for s in award.suppliers
                        ],
                    )
                )
                award_suppliers.append([s for s in award.suppliers if s.name or s.identifier])
    insert_rows(
        Notice,
        ["process_id", "release_id", "notice_type", "published", "title", "url"],
        notices,
    )
    insert_rows(
        Lot,
        [
            "process_id",
            "lot_id",
            "title",
            "description",
            "value",
            "status",
            "value_gross",
            "cpv_codes",
            "bids",
            "final_stage_bids",
            "sme_final_stage_bids",
            "vcse_final_stage_bids",
            "bid_statistics",
        ],
        lots,
    )
    insert_rows(
        Contract,
        [
            "process_id",
            "release_id",
            "contract_id",
            "award_id",
            "title",
            "status",
            "value",
            "value_gross",
            "final_value",
            "final_value_gross",
            "currency",
            "start",
            "end",
            "date_signed",
            "metrics",
        ],
        contracts,
    )
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
            (s.name, s.scheme, s.identifier, s.scale, s.vcse, s.postcode)
            for group in award_suppliers
            for s in group
        ]
        supplier_ids = suppliers.resolve_many(entries) if entries else {}
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
                        Award.suppliers.through(award_id=award.pk, supplier_id=supplier_ids[key])
                    )
        Award.suppliers.through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
