"""Changing KPIs: adding and editing one (a programme's: coordinators; an anchor's: that anchor's
administrators and coordinators), entering a manual result with its evidence (a programme's
contributors; an anchor's buyers and administrators), downloading the evidence (whoever sees the
KPI), and taking a snapshot now (coordinators; POST, no confirmation: a snapshot already taken
for today is kept)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.permissions import ANCHOR_ADMINS, ANYONE, BUYERS, COORDINATORS, allow
from programmes import access, kpi_reading, kpi_rules, money
from programmes.kpi_forms import KpiForm, ManualResultForm
from programmes.kpi_sources import SOURCES
from programmes.kpi_taking import ALREADY, FAILED, take
from programmes.kpi_views.pages import anchor, visible_programme
from programmes.models import Kpi, ManualResult, ResultEvidence


def _kpi(request, pk) -> Kpi:
    kpi = get_object_or_404(Kpi.objects.select_related("programme", "organisation"), pk=pk)
    if not kpi_reading.can_see(request.user, kpi_reading.owner_of(kpi)):
        raise Http404("No KPI here")
    return kpi


def _posted(request):
    """The form's data when posted (even empty, so that an empty form shows its errors)."""
    return request.POST if request.method == "POST" else None


def _form_page(request, form, heading, caption, back):
    return render(
        request,
        "programmes/kpi_form.html",
        {"form": form, "heading": heading, "caption": caption, "back_url": back},
    )


def _add(request, owner, **owner_field):
    if not kpi_reading.can_manage(request.user, owner):
        raise PermissionDenied("Only those who manage these KPIs add them.")
    back = owner_field.get("back")
    form = KpiForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        kpi = form.save(commit=False)
        kpi.programme = owner_field.get("programme")
        kpi.organisation = owner_field.get("organisation")
        kpi.created_by = request.user
        kpi.position = (owner.kpis.count() + 1) * 10
        kpi.save()
        messages.success(request, f"KPI “{kpi.title}” added.")
        return redirect(kpi.page)
    return _form_page(request, form, "Add a KPI", str(owner), back)


@allow(COORDINATORS)
def programme_kpi_add(request, slug):
    programme = visible_programme(request, slug)
    return _add(request, programme, programme=programme, back=f"/programmes/{slug}/kpis/")


@allow(ANCHOR_ADMINS)
def anchor_kpi_add(request, slug):
    organisation = anchor(slug)
    return _add(
        request, organisation, organisation=organisation, back=f"/organisations/{slug}/kpis/"
    )


@allow(ANCHOR_ADMINS)
def kpi_edit(request, pk):
    kpi = _kpi(request, pk)
    if not kpi_reading.can_manage(request.user, kpi_reading.owner_of(kpi)):
        raise PermissionDenied("Only those who manage these KPIs change them.")
    form = KpiForm(_posted(request), instance=kpi)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"KPI “{kpi.title}” saved.")
        return redirect(kpi.page)
    return _form_page(request, form, f"Change the KPI: {kpi.title}", kpi.owner_name, kpi.page)


@allow(BUYERS)
def kpi_result_add(request, pk):
    kpi = _kpi(request, pk)
    if not kpi_reading.can_enter_results(request.user, kpi_reading.owner_of(kpi)):
        raise PermissionDenied("Only the KPI's contributors enter its results.")
    item = SOURCES.get(kpi.source)
    if item is None or not item.is_manual:
        raise Http404("This KPI is computed from the product's data: it takes no results")
    form = ManualResultForm(
        _posted(request), request.FILES if request.method == "POST" else None, unit=kpi.unit
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = ManualResult.objects.create(
            kpi=kpi,
            period_end=data["period_end"],
            value=form.stored_value(),
            evidence_link=data.get("evidence_link") or "",
            evidence_note=data["evidence_note"],
            entered_by=request.user,
        )
        upload = data.get("file")
        if upload:
            ResultEvidence.objects.create(
                result=result,
                file=upload,
                original_name=data["original_name"],
                content_type=data["content_type"],
                size=upload.size,
            )
        messages.success(request, f"Result saved for “{kpi.title}”.")
        return redirect(kpi.page)
    return _form_page(request, form, f"Enter a result: {kpi.title}", kpi.owner_name, kpi.page)


@allow(ANYONE)
def kpi_evidence(request, pk, file_pk):
    """Seen by whoever sees the KPI; the file opened only by the partners' members (a programme's
    KPI, as its contributions' evidence) or the anchor's own members (an anchor's), and by
    coordinators."""
    kpi = _kpi(request, pk)
    evidence = get_object_or_404(ResultEvidence, pk=file_pk, result__kpi=kpi)
    viewer = access.viewer_of(request.user)
    if kpi.programme_id:
        allowed = money.can_open_evidence(viewer, access.facts_of(kpi.programme))
    else:
        allowed = kpi_rules.can_open_anchor_evidence(viewer, kpi.organisation_id)
    if not allowed:
        raise PermissionDenied(
            "Evidence files are for the KPI's own organisations and coordinators."
        )
    return evidence.download()


@allow(COORDINATORS)
@require_POST
def kpi_snapshot(request, pk):
    kpi = _kpi(request, pk)
    item = SOURCES.get(kpi.source)
    if item is not None and item.is_manual:
        messages.error(request, "A manual KPI takes results, not snapshots: enter a result.")
        return redirect(kpi.page)
    today = timezone.localdate()
    status, snapshot = take(kpi, today)
    if status == FAILED:
        messages.error(request, f"The snapshot of “{kpi.title}” failed: {snapshot.error}")
    elif status == ALREADY:
        messages.info(request, f"Today's snapshot of “{kpi.title}” was already taken: it is kept.")
    else:
        messages.success(request, f"Snapshot of “{kpi.title}” taken for {today:%d %B %Y}.")
    return redirect(kpi.page)
