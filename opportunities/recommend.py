"""Recommended opportunities for a supplier: candidates from the database, scored by matching."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from opportunities.area_search import place_postcodes
from opportunities.matching import Candidate, CandidateLot, Capabilities, Match, limit, match
from opportunities.models import Phase, Process, ProcessCpv, SupplierProfile
from reference.area_rules import Where
from reference.cpv import significant_prefix
from reference.postcodes import normalise_postcode
from registers import areas as register_areas

CANDIDATE_LIMIT = 2000


def capabilities_of(profile: SupplierProfile) -> Capabilities:
    chosen = list(profile.network_areas.all()) if profile.pk else []
    return Capabilities(
        cpv_codes=list(profile.cpv_codes),
        keywords=list(profile.keywords),
        areas=list(profile.areas),
        max_contract_value=profile.max_contract_value,
        size_band=profile.organisation.size_band,
        network_areas=[(area.name, register_areas.definition(area)) for area in chosen],
    )


def _placing(process: Process) -> list[str]:
    return place_postcodes(
        process.delivery_regions, process.delivery_postcodes, process.buyer_postcode
    )[0]


def places_of(processes) -> dict[int, list[Where]]:
    """Process id → where the postcodes that place it are (registers/areas.where, one look-up)."""
    placing = {process.pk: _placing(process) for process in processes}
    wheres = register_areas.where(code for codes in placing.values() for code in codes)
    found = {}
    for pk, codes in placing.items():
        normal = [_normal(code) for code in codes]
        found[pk] = [wheres[code] for code in normal if code in wheres]
    return found


def _normal(postcode: str) -> str:
    try:
        return normalise_postcode(postcode)
    except ValueError:
        return ""


def candidate_of(process: Process, places: list[Where] | None = None) -> Candidate:
    return Candidate(
        places=places or [],
        title=process.title,
        description=process.description,
        buyer_name=process.buyer_name,
        cpv_codes=[c.code for c in process.cpvs.all()],
        lots=[
            CandidateLot(
                f"{lot.title} {lot.description}",
                lot.value if lot.value is not None else lot.value_gross,
            )
            for lot in process.lots.all()
        ],
        delivery=process.delivery_text,
        value=process.value if process.value is not None else process.value_gross,
        above_threshold=process.above_threshold,
        sme_suitable=process.sme_suitable,
        reserved_for_sme_vcse=process.reserved_for_sme_vcse,
        delivery_regions=list(process.delivery_regions),
        delivery_postcodes=list(process.delivery_postcodes),
        buyer_postcode=process.buyer_postcode,
    )


def live(now: datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    return Process.objects.filter(
        Q(phase=Phase.PLANNED)
        | Q(phase=Phase.TENDER, deadline__gte=now)
        | Q(phase=Phase.TENDER, deadline__isnull=True)
    )


def candidates(capabilities: Capabilities, processes: QuerySet) -> QuerySet:
    """Processes with any evidence at all: a CPV in the same branch, a keyword, or an area; at most
    CANDIDATE_LIMIT, those closing soonest first, then the newest published."""
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
    # Cut at CANDIDATE_LIMIT in a stated order, so the same ones are kept every time: what closes
    # soonest (a supplier must act on it first), then the newest published.
    return (
        processes.filter(evidence)
        .order_by(
            F("deadline").asc(nulls_last=True), F("first_published").desc(nulls_last=True), "-pk"
        )
        .prefetch_related("cpvs", "lots")[:CANDIDATE_LIMIT]
    )


@dataclass
class Recommendations:
    """What fits, best first; and what would fit but is too large for the supplier now, apart."""

    fitting: list[tuple[Process, Match]]
    too_large: list[tuple[Process, Match]]


def recommendations(
    profile: SupplierProfile, processes: QuerySet | None = None, minimum: int | None = None
) -> Recommendations:
    minimum = limit("recommend_from") if minimum is None else minimum
    capabilities = capabilities_of(profile)
    fitting, too_large = [], []
    found = list(candidates(capabilities, processes if processes is not None else live()))
    places = places_of(found) if capabilities.network_areas else {}
    for process in found:
        result = match(capabilities, candidate_of(process, places.get(process.pk)))
        if result.too_large:
            if result.relevance >= minimum:
                too_large.append((process, result))
        elif result.score >= minimum:
            fitting.append((process, result))
    fitting.sort(key=lambda pair: (-pair[1].score, _soonest(pair[0])))
    too_large.sort(key=lambda pair: (-pair[1].relevance, _soonest(pair[0])))
    return Recommendations(fitting, too_large)


def _soonest(process: Process) -> datetime:
    return process.deadline or timezone.now()


def recommended(
    profile: SupplierProfile, processes: QuerySet | None = None, minimum: int | None = None
) -> list[tuple[Process, Match]]:
    """What fits the supplier, best first (the page and the email digest): never work too large
    for it."""
    return recommendations(profile, processes, minimum).fitting
