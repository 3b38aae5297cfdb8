"""Case library work touching the database: who may edit, saving with versions and consent,
organisations linked, publishing, and the cases a viewer may see. The sharing rules themselves are
pure (sharing.py); search and facets are in search.py, exports in exports.py."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from cases import sharing
from cases.models import Case, Consent, Outcome, Source, Version
from core.roles import role_of
from network.models import Organisation


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


def publish(case: Case, user, note: str = "") -> None:
    case.status = sharing.Status.PUBLISHED
    case.published_at = case.published_at or timezone.now()
    case.review_note = note
    case.save()
    record_version(case, user, "Published" + (f": {note}" if note else ""))
