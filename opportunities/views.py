import urllib.parse

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.permissions import ANYONE, BUYERS, MEMBERS, Role, allow, can_manage_organisation, role_of
from opportunities.facts import official_notice_url
from opportunities.forms import (
    CapabilitiesForm,
    InterestForm,
    OpportunitySearchForm,
    SavedSearchForm,
)
from opportunities.matching import match
from opportunities.models import (
    Interest,
    Phase,
    Process,
    QuarantinedRelease,
    Release,
    SavedSearch,
    SupplierProfile,
)
from opportunities.notice_model import legal_basis_words
from opportunities.recommend import candidate_of, capabilities_of, recommended
from opportunities.responding import (
    changes_of,
    endings_of,
    identifiers_text,
    notice_label,
    outside_link,
    response_of,
    time_left,
)
from opportunities.search import label_places, search_page
from opportunities.search import search as search_results
from opportunities.sme_signals import how_judged, signals_for
from opportunities.suggestions import suggestions
from opportunities.summary import summary
from reference import places
from reference.cpv import split_cpv
from reference.models import CpvCode


@allow(ANYONE)
def opportunity_list(request):
    form = OpportunitySearchForm(request.GET or None)
    search = form.to_search()  # the values that can be read: one bad value drops only itself
    now = timezone.now()
    page = search_page(search, request.GET.get("page", 1), now=now)
    label_places(search.location, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    nearby = []
    if not page.paginator.count and form.is_bound:
        nearby = suggestions(search, query, lambda s: search_results(s, now).count())
    return render(
        request,
        "opportunities/opportunity_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "now": now,
            "ignored": form.ignored(),
            "place": places.resolve(search.location) if search.location else None,
            "suggestions": nearby,
        },
    )


@allow(ANYONE)
def opportunity_detail(request, ocid):
    process = get_object_or_404(
        Process.objects.select_related("buyer").prefetch_related(
            "notices", "lots", "cpvs", "documents", "awards__suppliers", "contracts"
        ),
        ocid=ocid,
    )
    process.notice_url = official_notice_url(process.notice_url)  # also for those stored before
    now = timezone.now()
    status = process.status
    lots = list(process.lots.all())
    codes = {cpv.code for cpv in process.cpvs.all()}
    lot_codes = {lot.pk: _cpv_codes(lot.cpv_codes) for lot in lots}
    codes.update(code for found in lot_codes.values() for code in found)
    descriptions = dict(CpvCode.objects.filter(code__in=codes).values_list("code", "description"))
    awards = list(process.awards.all())
    winners = [
        s.name
        for award in awards
        if award.status not in ("cancelled", "unsuccessful")
        for s in award.suppliers.all()
    ]
    role = role_of(request.user)
    profile = _profile_for(request.user) if role is Role.SUPPLIER else None
    fit = match(capabilities_of(profile), candidate_of(process)) if profile else None
    own_interest = (
        Interest.objects.filter(
            process=process, organisation_id=request.user.organisation_id
        ).first()
        if role is Role.SUPPLIER
        else None
    )
    sees_interest = role is Role.COORDINATOR or (
        role in (Role.BUYER, Role.ANCHOR_ADMIN) and process.buyer_id == request.user.organisation_id
    )
    return render(
        request,
        "opportunities/opportunity_detail.html",
        {
            "fit": fit,
            "role": role,
            "own_interest": own_interest,
            "interest_form": InterestForm(),
            "interests": process.interests.select_related("organisation", "user")
            if sees_interest
            else None,
            "process": process,
            "status": status,
            "summary": summary(process, status, winners),
            "response": response_of(process.compiled or {}),
            "deadline_left": time_left(process.deadline, now) if status == "open" else "",
            "deadline_closed": time_left(process.deadline, now) if status == "closed" else "",
            "enquiry_left": time_left(process.enquiry_end, now)
            if process.enquiry_end and process.enquiry_end > now
            else "",
            "legal_basis": legal_basis_words(process.legal_basis, process.legal_basis_id),
            "notice_label": notice_label(process.notice_type) if process.notice_type else "",
            "lots": [
                (lot, [(code, descriptions.get(code[:8], "")) for code in lot_codes[lot.pk]])
                for lot in lots
            ],
            "has_bids": any(
                lot.bids is not None or lot.final_stage_bids is not None for lot in lots
            ),
            "awards": [(award, _award_suppliers(award)) for award in awards],
            "contracts": list(process.contracts.all()),
            "changes": changes_of(process.compiled or {}),
            "endings": endings_of(process.compiled or {}),
            "documents": _documents(process),
            "buyer_identifiers": identifiers_text(process.buyer_identifiers),
            "signals": signals_for(process, now),
            "how_judged": how_judged(),
            "cpvs": [(cpv, descriptions.get(cpv.code, "")) for cpv in process.cpvs.all()],
            "challenges": _public_challenges_for(process),
            "data_warnings": process.data_warnings if role in BUYERS else None,
        },
    )


def _cpv_codes(codes: list[str]) -> list[str]:
    """A lot's CPV codes as published ("79411000"), whole and valid ones only."""
    found = []
    for code in codes:
        try:
            found.append("-".join(part for part in split_cpv(code) if part))
        except ValueError:
            continue
    return found


def _award_suppliers(award) -> list[tuple[str, str]]:
    """(name, "PPON ..., Companies House ...") of each supplier as the notice published it."""
    published = [
        (entry.get("name", ""), identifiers_text(entry.get("identifiers", [])))
        for entry in award.supplier_identifiers or []
        if isinstance(entry, dict)
    ]
    return published or [(s.name, "") for s in award.suppliers.all()]


def _documents(process) -> list[dict]:
    """Each document once (notices repeat earlier ones), newest first, with a link only when it
    is safe to follow: the official notice services, or the buyer's own web address."""
    seen, documents = set(), []
    for document in sorted(
        process.documents.all(), key=lambda d: d.published or process.first_published, reverse=True
    ):
        key = (document.document_id, document.url)
        if key in seen or document.document_type == "conflictOfInterest":
            continue
        seen.add(key)
        # A document that says it is a notice links only to the official services (it would
        # pass for the official notice); the buyer's own documents may link to its web address,
        # shown beside the link so that readers see where it goes.
        official = official_notice_url(document.url)
        is_notice = document.document_type.endswith("Notice") or bool(document.notice_type)
        link = official or ("" if is_notice else outside_link(document.url))
        documents.append(
            {
                "title": document.title or document.document_type or "Document",
                "kind": DOCUMENT_KINDS.get(document.document_type, document.document_type),
                "link": link,
                "host": "" if official or not link else urllib.parse.urlsplit(link).hostname,
                "text": "" if link or is_notice else document.url,
                "published": document.published,
                "notice_type": document.notice_type,
            }
        )
    return documents


DOCUMENT_KINDS = {
    "tenderNotice": "Tender notice",
    "biddingDocuments": "Tender documents",
    "technicalSpecifications": "Specification",
    "technicalSelectionCriteria": "Technical selection criteria",
    "economicSelectionCriteria": "Economic selection criteria",
    "awardNotice": "Award notice",
    "contractNotice": "Contract notice",
    "implementationNotice": "Performance notice",
    "planningNotice": "Planning notice",
    "tenderCancellationNotice": "Termination notice",
    "contractTerminationNotice": "Contract termination notice",
}


def _public_challenges_for(process):
    """Published challenges whose owners linked this process as their later procurement."""
    from challenges.lifecycle import PUBLIC
    from challenges.models import Challenge

    return Challenge.objects.filter(ocid=process.ocid, status__in=PUBLIC)


@allow(BUYERS)
def quarantine_list(request):
    """What could not be loaded (quarantine), and what was loaded with data-quality warnings:
    counted per buyer (the organisation a notice is about: whom a coordinator asks to correct
    it; the package publisher is the platform, the same for every notice) and listed."""
    view = "warnings" if request.GET.get("view") == "warnings" else "quarantine"
    source = request.GET.get("source", "").strip()
    buyer = request.GET.get("buyer", "").strip()
    entries = QuarantinedRelease.objects.all()
    warned = Release.objects.filter(has_warnings=True).annotate(
        buyer_name=Subquery(Process.objects.filter(ocid=OuterRef("ocid")).values("buyer_name")[:1])
    )
    if source:
        entries = entries.filter(source__icontains=source)
        warned = warned.filter(source__icontains=source)
    buyers = (
        warned.values("buyer_name")
        .annotate(releases=Count("id"), processes=Count("ocid", distinct=True), latest=Max("date"))
        .order_by("-releases", "buyer_name")
    )
    warned_count = warned.count()
    if buyer:
        warned = warned.filter(buyer_name=buyer)
    listed = (
        warned.order_by("-date", "ocid", "release_id").only(
            "ocid", "release_id", "date", "source", "location", "warnings"
        )
        if view == "warnings"
        else entries
    )
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    shown_buyers = list(buyers[:BUYERS_SHOWN])
    return render(
        request,
        "opportunities/quarantine_list.html",
        {
            "view": view,
            "page": page,
            "source": source,
            "buyer": buyer,
            "query": query.urlencode(),
            "quarantined": entries.count(),
            "warned": warned_count,
            "buyers": shown_buyers,
            "more_buyers": max(buyers.count() - len(shown_buyers), 0)
            if len(shown_buyers) == BUYERS_SHOWN
            else 0,
        },
    )


BUYERS_SHOWN = 50


def _profile_for(user) -> SupplierProfile | None:
    if user.organisation_id is None:
        return None
    return SupplierProfile.objects.filter(organisation_id=user.organisation_id).first()


@allow({Role.SUPPLIER})
def capabilities(request):
    organisation = request.user.organisation
    profile = _profile_for(request.user) or SupplierProfile(organisation=organisation)
    if request.method == "POST" and not can_manage_organisation(request.user, organisation):
        raise PermissionDenied(
            "Only your organisation's administrators can change its capabilities."
        )
    initial = {
        "cpv_codes": ", ".join(profile.cpv_codes),
        "keywords": ", ".join(profile.keywords),
        "areas": ", ".join(profile.areas),
        "max_contract_value": profile.max_contract_value,
        "accreditations": ", ".join(profile.accreditations),
        "alerts_enabled": profile.alerts_enabled,
    }
    form = CapabilitiesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        for name, value in form.cleaned_data.items():
            setattr(profile, name, value)
        profile.save()
        messages.success(request, "Capabilities saved. Your recommendations are up to date.")
        return redirect("opportunities:recommended")
    return render(
        request,
        "opportunities/capabilities.html",
        {
            "form": form,
            "heading": f"What {organisation.name} can do",
            "can_edit": can_manage_organisation(request.user, organisation),
        },
    )


@allow({Role.SUPPLIER})
def recommended_list(request):
    profile = _profile_for(request.user)
    matches = recommended(profile)[:50] if profile else []
    return render(
        request, "opportunities/recommended.html", {"profile": profile, "matches": matches}
    )


@allow(MEMBERS)
def saved_searches(request):
    form = SavedSearchForm(request.POST or None, initial={"query": request.GET.urlencode()})
    if request.method == "POST" and form.is_valid():
        SavedSearch.objects.create(
            user=request.user, name=form.cleaned_data["name"], query=form.cleaned_data["query"]
        )
        messages.success(
            request,
            f"Search '{form.cleaned_data['name']}' saved. New results will be in your email digest.",
        )
        return redirect("opportunities:saved_searches")
    return render(
        request,
        "opportunities/saved_searches.html",
        {
            "form": form,
            "searches": request.user.saved_searches.all(),
            "query": request.GET.urlencode(),
        },
    )


@allow(MEMBERS)
@require_POST
def saved_search_delete(request, pk):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved.delete()
    messages.success(request, f"Search '{saved.name}' deleted.")
    return redirect("opportunities:saved_searches")


@allow(ANYONE)
def pipeline(request):
    processes = Process.objects.filter(phase=Phase.PLANNED).select_related("buyer")
    anchors_only = request.GET.get("anchors_only") == "on"
    if anchors_only:
        processes = processes.filter(buyer__is_network_member=True)
    months = {}
    for process in processes.order_by(F("expected_tender_date").asc(nulls_last=True), "title"):
        key = (
            process.expected_tender_date.strftime("%B %Y")
            if process.expected_tender_date
            else "Date not given"
        )
        months.setdefault(key, []).append(process)
    return render(
        request,
        "opportunities/pipeline.html",
        {"months": months, "anchors_only": anchors_only, "count": processes.count()},
    )


@allow({Role.SUPPLIER})
@require_POST
def register_interest(request, ocid):
    process = get_object_or_404(Process, ocid=ocid)
    if request.POST.get("withdraw"):
        Interest.objects.filter(process=process, organisation=request.user.organisation).delete()
        messages.success(request, "Your interest has been withdrawn.")
        return redirect(process)
    if process.status not in ("planned", "open"):
        raise PermissionDenied(
            "Interest can be registered only while an opportunity is planned or open."
        )
    form = InterestForm(request.POST)
    if form.is_valid():
        Interest.objects.update_or_create(
            process=process,
            organisation=request.user.organisation,
            defaults={"user": request.user, "note": form.cleaned_data["note"]},
        )
        messages.success(
            request, f"The buyer can now see that {request.user.organisation.name} is interested."
        )
    else:
        messages.error(request, "Your note is too long: use 500 characters at most.")
    return redirect(process)


@allow(ANYONE)
@csrf_exempt  # RFC 8058 one-click unsubscribe: mail clients POST without a form; the token is the secret
def unsubscribe(request, token):
    profile = get_object_or_404(SupplierProfile, unsubscribe_token=token)
    if request.method == "POST":
        profile.alerts_enabled = False
        profile.save(update_fields=["alerts_enabled"])
        SavedSearch.objects.filter(user__organisation=profile.organisation).update(
            alerts_enabled=False
        )
        return render(request, "opportunities/unsubscribed.html", {"profile": profile})
    return render(request, "opportunities/unsubscribe.html", {"profile": profile})
