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
from opportunities.recommend import candidate_of, capabilities_of, recommended
from opportunities.search import search_page
from opportunities.signals import how_judged, signals_for
from opportunities.summary import summary
from reference.models import CpvCode


@allow(ANYONE)
def opportunity_list(request):
    form = OpportunitySearchForm(request.GET or None)
    page = search_page(form.to_search(), request.GET.get("page", 1))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "opportunities/opportunity_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "now": timezone.now()},
    )


@allow(ANYONE)
def opportunity_detail(request, ocid):
    process = get_object_or_404(
        Process.objects.select_related("buyer").prefetch_related(
            "notices", "lots", "cpvs", "documents", "awards__suppliers"
        ),
        ocid=ocid,
    )
    process.notice_url = official_notice_url(process.notice_url)  # also for those stored before
    now = timezone.now()
    status = process.status
    codes = [cpv.code for cpv in process.cpvs.all()]
    descriptions = dict(CpvCode.objects.filter(code__in=codes).values_list("code", "description"))
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
            "summary": summary(process, status),
            "signals": signals_for(process, now),
            "how_judged": how_judged(),
            "cpvs": [(cpv, descriptions.get(cpv.code, "")) for cpv in process.cpvs.all()],
            "challenges": _public_challenges_for(process),
            "data_warnings": process.data_warnings if role in BUYERS else None,
        },
    )


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
