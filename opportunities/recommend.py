"""Recommended opportunities for a supplier: candidates from the database, scored by matching."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from opportunities.matching import RECOMMEND_FROM, Candidate, Capabilities, Match, match
from opportunities.models import Phase, Process, ProcessCpv, SupplierProfile
from reference.cpv import significant_prefix

CANDIDATE_LIMIT = 2000


def capabilities_of(profile: SupplierProfile) -> Capabilities:
    return Capabilities(
        cpv_codes=list(profile.cpv_codes),
        keywords=list(profile.keywords),
        areas=list(profile.areas),
        max_contract_value=profile.max_contract_value,
    )


def candidate_of(process: Process) -> Candidate:
    return Candidate(
        title=process.title,
        description=process.description,
        buyer_name=process.buyer_name,
        cpv_codes=[c.code for c in process.cpvs.all()],
        lots=[f"{lot.title} {lot.description}" for lot in process.lots.all()],
        delivery=process.delivery_text,
        value=process.value if process.value is not None else process.value_gross,
    )


def live(now: datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    return Process.objects.filter(
        Q(phase=Phase.PLANNED)
        | Q(phase=Phase.TENDER, deadline__gte=now)
        | Q(phase=Phase.TENDER, deadline__isnull=True)
    )


def candidates(capabilities: Capabilities, processes: QuerySet) -> QuerySet:
    """Processes with any evidence at all: a CPV in the same branch, a keyword, or an area."""
    evidence = Q(pk__in=[])
    prefixes = {significant_prefix(code)[:2] for code in capabilities.cpv_codes}
    if prefixes:
        branch = Q()
        for prefix in prefixes:
            branch |= Q(code__startswith=prefix)
        evidence |= Q(pk__in=ProcessCpv.objects.filter(branch).values("process_id"))
    for word in capabilities.keywords:
        if word.strip():
            evidence |= (
                Q(title__icontains=word)
                | Q(search_text__icontains=word)
                | Q(description__icontains=word)
            )
    for area in capabilities.areas:
        if area.strip():
            evidence |= Q(delivery_text__icontains=area) | Q(buyer_name__icontains=area)
    return processes.filter(evidence).prefetch_related("cpvs", "lots")[:CANDIDATE_LIMIT]


def recommended(
    profile: SupplierProfile, processes: QuerySet | None = None, minimum: int = RECOMMEND_FROM
) -> list[tuple[Process, Match]]:
    capabilities = capabilities_of(profile)
    scored = []
    for process in candidates(capabilities, processes if processes is not None else live()):
        result = match(capabilities, candidate_of(process))
        if result.score >= minimum:
            scored.append((process, result))
    scored.sort(key=lambda pair: (-pair[1].score, pair[0].deadline or timezone.now()))
    return scored
