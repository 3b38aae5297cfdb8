"""Case library work touching the database: saving with versions and consent, search, similarity,
facets, exports. The sharing rules themselves are pure (sharing.py)."""

from __future__ import annotations

import io
import math
from collections import Counter

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from cases import sharing
from cases.models import Case, Consent, Outcome, Source, Version
from challenges.routefinder import route_names
from core import csvfile
from core.roles import role_of
from core.text import tokens, words


def viewer_of(user) -> sharing.Viewer:
    authenticated = getattr(user, "is_authenticated", False)
    return sharing.Viewer(
        role=role_of(user),
        user_id=user.pk if authenticated else None,
        organisation_id=getattr(user, "organisation_id", None) if authenticated else None,
    )


def facts_of(case: Case) -> sharing.CaseFacts:
    return sharing.CaseFacts(
        level=case.level,
        status=case.status,
        organisation_id=case.organisation_id,
        submitted_by_id=case.submitted_by_id,
        named_ids=frozenset(o.pk for o in case.named_organisations.all()),
    )


def can_edit(user, case: Case) -> bool:
    return sharing.can_edit(facts_of(case), viewer_of(user))


def snapshot(case: Case) -> dict:
    return {
        "title": case.title,
        "summary": case.summary,
        "problem": case.problem,
        "buyer_names": case.buyer_names,
        "buyer_type": case.buyer_type,
        "supplier_names": case.supplier_names,
        "supplier_is_sme": case.supplier_is_sme,
        "sectors": sorted(s.slug for s in case.sectors.all()),
        "place": case.place,
        "route": case.route,
        "route_details": case.route_details,
        "value": str(case.value) if case.value is not None else None,
        "value_note": case.value_note,
        "start_year": case.start_year,
        "end_year": case.end_year,
        "barriers": sorted(b.slug for b in case.barriers.all()),
        "barriers_overcome": case.barriers_overcome,
        "lessons": case.lessons,
        "contacts": case.contacts,
        "ocids": case.ocids,
        "level": case.level,
        "named_organisations": sorted(o.name for o in case.named_organisations.all()),
        "status": case.status,
        "outcomes": [
            {
                k: getattr(o, k)
                for k in ("measure", "baseline", "result", "unit", "kind", "is_claim")
            }
            for o in case.outcomes.all()
        ],
        "sources": [{"title": s.title, "url": s.url} for s in case.sources.all()],
    }


def record_version(case: Case, user, note: str) -> Version | None:
    """A new version when anything changed since the last one (saving the same again adds none)."""
    data = snapshot(case)
    last = case.versions.order_by("-number").first()
    if last is not None and last.snapshot == data:
        return None
    return Version.objects.create(
        case=case,
        number=(last.number + 1) if last else 1,
        snapshot=data,
        by=user if getattr(user, "is_authenticated", False) else None,
        note=note[:300],
    )


@transaction.atomic
def save_case(form, user, *, organisation=None, note="Saved", status=None, **extra) -> Case:
    """Save a validated CaseForm with its outcomes, sources, consent and a version."""
    case = form.save(commit=False)
    for key, value in extra.items():
        setattr(case, key, value)
    if case.pk is None:
        case.organisation = organisation
        case.submitted_by = user if getattr(user, "is_authenticated", False) else None
    if status:
        case.status = status
    case.ocids = form.cleaned_data.get("ocids_text", [])
    case.save()
    form.save_m2m()
    link_organisations(case)
    case.outcomes.all().delete()
    Outcome.objects.bulk_create(
        Outcome(case=case, **row) for row in form.cleaned_data.get("outcomes_text", [])
    )
    case.sources.all().delete()
    Source.objects.bulk_create(
        Source(case=case, **row) for row in form.cleaned_data.get("sources_text", [])
    )
    if form.cleaned_data.get("consent") and case.level != sharing.Level.PRIVATE:
        latest = case.consents.last()
        if latest is None or latest.level != case.level:
            org = getattr(user, "organisation", None) or organisation
            Consent.objects.create(
                case=case,
                level=case.level,
                organisation=org,
                organisation_name=org.name if org else "AnchorHub network coordination",
                agreed_by=user if getattr(user, "is_authenticated", False) else None,
                agreed_by_name=getattr(user, "full_name", "") or getattr(user, "email", ""),
            )
    record_version(case, user, note)
    return case


def link_organisations(case: Case) -> None:
    """Buyers and suppliers named in the case that are organisations in the network are linked
    to them (their pages list the case)."""
    from functools import reduce
    from operator import or_

    from django.db.models import Q

    from network.models import Organisation

    def named(text: str):
        names = {part.strip() for part in text.replace(";", ",").split(",") if part.strip()}
        if not names:
            return []
        return Organisation.objects.filter(reduce(or_, (Q(name__iexact=n) for n in names)))

    case.buyers.set(named(case.buyer_names))
    case.suppliers.set(named(case.supplier_names))


def visible(user):
    return (
        Case.objects.visible_to(user)
        .prefetch_related(
            "sectors",
            "barriers",
            Prefetch("outcomes", queryset=Outcome.objects.order_by("pk")),
        )
        .order_by("-published_at", "-updated_at", "pk")
    )


# ---------------------------------------------------------------------------------------------
# Search, facets, similarity: the library holds hundreds of cases, not millions, so these run
# over the cases a viewer may see, in Python, with the same word rules as the consortium finder.


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
    from cases.models import BuyerType, Outcome

    labels = {
        "sector": names["sector"],
        "barrier": names["barrier"],
        "route": routes,
        "buyer_type": dict(BuyerType.choices),
        "outcome": dict(Outcome._meta.get_field("kind").choices),
    }
    return {
        facet: [(value, labels[facet].get(value, value), n) for value, n in counter.most_common()]
        for facet, counter in counts.items()
    }


# ---------------------------------------------------------------------------------------------
# Exports


def as_dict(case: Case, absolute) -> dict:
    routes = dict(route_names())
    return {
        "slug": case.slug,
        "title": case.title,
        "summary": case.summary,
        "problem": case.problem,
        "buyers": case.buyer_names,
        "buyer_type": case.buyer_type,
        "suppliers": case.supplier_names,
        "supplier_is_sme": case.supplier_is_sme,
        "sectors": [s.slug for s in case.sectors.all()],
        "place": case.place,
        "route": case.route,
        "route_name": routes.get(case.route, case.route),
        "value": float(case.value) if case.value is not None else None,
        "value_note": case.value_note,
        "start_year": case.start_year,
        "end_year": case.end_year,
        "barriers": [b.slug for b in case.barriers.all()],
        "barriers_overcome": case.barriers_overcome,
        "lessons": case.lessons,
        "outcomes": [
            {
                k: getattr(o, k)
                for k in ("measure", "baseline", "result", "unit", "kind", "is_claim")
            }
            for o in case.outcomes.all()
        ],
        "sources": [{"title": s.title, "url": s.url} for s in case.sources.all()],
        "ocids": case.ocids,
        "sharing_level": case.level,
        "published_at": case.published_at.isoformat() if case.published_at else None,
        "url": absolute(case.get_absolute_url()),
    }


CSV_COLUMNS = [
    "slug",
    "title",
    "summary",
    "buyers",
    "buyer_type",
    "suppliers",
    "supplier_is_sme",
    "sectors",
    "place",
    "route_name",
    "value",
    "start_year",
    "end_year",
    "barriers",
    "lessons",
    "outcomes",
    "sources",
    "sharing_level",
    "url",
]


def as_csv(cases: list[Case], absolute) -> str:
    out = io.StringIO()
    writer = csvfile.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for case in cases:
        row = as_dict(case, absolute)
        row["sectors"] = "; ".join(row["sectors"])
        row["barriers"] = "; ".join(row["barriers"])
        row["outcomes"] = "; ".join(
            f"{o['measure']}: {o['baseline'] + ' to ' if o['baseline'] else ''}{o['result']} {o['unit']}".strip()
            for o in row["outcomes"]
        )
        row["sources"] = "; ".join(s["title"] for s in row["sources"])
        writer.writerow(row)
    return out.getvalue()


def publish(case: Case, user, note: str = "") -> None:
    case.status = sharing.Status.PUBLISHED
    case.published_at = case.published_at or timezone.now()
    case.review_note = note
    case.save()
    record_version(case, user, "Published" + (f": {note}" if note else ""))
