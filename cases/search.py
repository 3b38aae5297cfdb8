"""Search, facets and similar cases. The library holds hundreds of cases, not millions, so these
run over the cases a viewer may see (services.visible), in Python, with the same word rules as the
consortium finder (core/text.py)."""

from __future__ import annotations

import math
from collections import Counter

from django.utils import timezone

from cases.lines import OUTCOME_KINDS
from cases.models import BuyerType, Case
from challenges.routefinder import route_names
from core.text import tokens, words


def document(case: Case) -> str:
    return " ".join(
        [
            case.title,
            case.title,
            case.summary,
            case.problem,
            case.lessons,
            case.barriers_overcome,
            case.buyer_names,
            case.supplier_names,
            case.place,
            " ".join(o.measure for o in case.outcomes.all()),
        ]
    )


def rank(cases: list[Case], query: str) -> list[Case]:
    """TF-IDF over the cases at hand: every query word must appear; best match first."""
    terms = words(query)
    if not terms:
        return cases
    docs = {case.pk: Counter(tokens(document(case))) for case in cases}
    total = len(cases) or 1
    df = Counter(term for counts in docs.values() for term in set(counts))
    scored = []
    for case in cases:
        counts = docs[case.pk]
        if not all(counts.get(term) for term in terms):
            continue
        score = sum((1 + math.log(counts[term])) * math.log(1 + total / df[term]) for term in terms)
        scored.append((score, case))
    scored.sort(key=lambda pair: -pair[0])
    return [case for _, case in scored]


def similar(case: Case, candidates: list[Case], limit: int = 4) -> list[tuple[Case, list[str]]]:
    """Cases most like this one: shared route, barriers and sectors count, then shared words."""
    mine = set(words(document(case)))
    sectors = {s.pk for s in case.sectors.all()}
    barriers = {b.pk for b in case.barriers.all()}
    scored = []
    for other in candidates:
        if other.pk == case.pk:
            continue
        reasons, score = [], 0.0
        if other.route == case.route:
            score += 3
            reasons.append("same route")
        shared_barriers = barriers & {b.pk for b in other.barriers.all()}
        if shared_barriers:
            score += 2 * len(shared_barriers)
            reasons.append(
                f"{len(shared_barriers)} barrier{'s' if len(shared_barriers) > 1 else ''} in common"
            )
        shared_sectors = sectors & {s.pk for s in other.sectors.all()}
        if shared_sectors:
            score += 1.5
            reasons.append("same sector")
        theirs = set(words(document(other)))
        overlap = len(mine & theirs) / (len(mine | theirs) or 1)
        score += 10 * overlap
        if score >= 3:
            scored.append((score, other, reasons))
    scored.sort(key=lambda item: -item[0])
    return [(other, reasons) for _, other, reasons in scored[:limit]]


VALUE_BANDS = {
    "under-100k": (0, 100_000),
    "100k-1m": (100_000, 1_000_000),
    "1m-10m": (1_000_000, 10_000_000),
    "over-10m": (10_000_000, None),
}


def matches(case: Case, filters: dict) -> bool:
    if filters.get("sector") and filters["sector"] not in {s.slug for s in case.sectors.all()}:
        return False
    if filters.get("route") and case.route != filters["route"]:
        return False
    if filters.get("barrier") and filters["barrier"] not in {b.slug for b in case.barriers.all()}:
        return False
    if filters.get("buyer_type") and case.buyer_type != filters["buyer_type"]:
        return False
    if filters.get("value"):
        low, high = VALUE_BANDS[filters["value"]]
        if case.value is None or case.value < low or (high is not None and case.value >= high):
            return False
    if filters.get("year"):
        start = case.start_year or case.end_year
        # A case with a start and no end is still running.
        end = case.end_year or (timezone.localdate().year if case.start_year else None)
        if start is None or not start <= filters["year"] <= end:
            return False
    return not (
        filters.get("outcome") and filters["outcome"] not in {o.kind for o in case.outcomes.all()}
    )


def facets(cases: list[Case]) -> dict:
    """Counts for each facet value over the cases found."""
    routes = dict(route_names())
    counts = {
        "sector": Counter(),
        "route": Counter(),
        "barrier": Counter(),
        "buyer_type": Counter(),
        "outcome": Counter(),
    }
    names = {"sector": {}, "barrier": {}}
    for case in cases:
        for sector in case.sectors.all():
            counts["sector"][sector.slug] += 1
            names["sector"][sector.slug] = sector.name
        for barrier in case.barriers.all():
            counts["barrier"][barrier.slug] += 1
            names["barrier"][barrier.slug] = barrier.name
        counts["route"][case.route] += 1
        counts["buyer_type"][case.buyer_type] += 1
        for kind in {o.kind for o in case.outcomes.all()}:
            counts["outcome"][kind] += 1
    labels = {
        "sector": names["sector"],
        "barrier": names["barrier"],
        "route": routes,
        "buyer_type": dict(BuyerType.choices),
        "outcome": OUTCOME_KINDS,
    }
    return {
        facet: [(value, labels[facet].get(value, value), n) for value, n in counter.most_common()]
        for facet, counter in counts.items()
    }
