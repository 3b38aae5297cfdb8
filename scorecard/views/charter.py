"""The network's charter of commitments: read by everyone; commitments added, changed, retired
and reactivated by coordinators (each change a new version); adoptions recorded and withdrawn by
an anchor's administrators for their own anchor and by coordinators for any; each anchor's
progress on a commitment; the network's adoption picture, with its downloads."""

from __future__ import annotations

from functools import cached_property

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.downloads import table_download
from core.forms import GovukForm
from core.params import DateParameterField
from core.permissions import ANCHOR_ADMINS, ANYONE, BUYERS, COORDINATORS, allow, role_of
from core.roles import Role
from network.models import Organisation
from scorecard import charter
from scorecard.charter_progress import target_words
from scorecard.forms_charter import AdoptionForm, CommitmentForm, StatusForm
from scorecard.indicators import INDICATORS
from scorecard.models import Commitment, CommitmentAdoption


def _commitment(slug) -> Commitment:
    return get_object_or_404(Commitment, slug=slug)


def _unit(commitment: Commitment) -> str:
    item = INDICATORS.get(commitment.indicator)
    return item.unit if item else "share"


def _described(commitment: Commitment) -> dict:
    item = INDICATORS.get(commitment.indicator)
    return {
        "commitment": commitment,
        "indicator": item,
        "target": target_words(commitment.target, commitment.comparison, _unit(commitment)),
    }


def _may_adopt_for(user) -> list[Organisation] | None:
    """The anchors whose adoptions the user records: every network anchor for a coordinator,
    their own anchor for its administrators; None for anyone else."""
    role = role_of(user)
    if role is Role.COORDINATOR:
        return charter.network_anchors()
    if role is Role.ANCHOR_ADMIN and user.organisation.is_network_member:
        return [user.organisation]
    return None


@allow(ANYONE)
def charter_list(request):
    commitments = Commitment.objects.all()
    adopting = {}
    for commitment_id in CommitmentAdoption.objects.values_list("commitment_id", flat=True):
        adopting[commitment_id] = adopting.get(commitment_id, 0) + 1
    rows = [{**_described(c), "adopted": adopting.get(c.pk, 0)} for c in commitments if c.is_active]
    retired = [_described(c) for c in commitments if not c.is_active]
    return render(
        request,
        "scorecard/charter.html",
        {
            "rows": rows,
            "retired": retired,
            "is_coordinator": role_of(request.user) is Role.COORDINATOR,
        },
    )


@allow(ANYONE)
def commitment_detail(request, slug):
    commitment = _commitment(slug)
    anchors = _may_adopt_for(request.user) or []
    managed = {organisation.pk for organisation in anchors}
    adoptions = list(commitment.adoptions.select_related("organisation", "recorded_by"))
    versions = []
    for version in commitment.versions.select_related("changed_by"):
        snap = version.snapshot
        item = INDICATORS.get(snap.get("indicator") or "")
        versions.append(
            {
                "version": version,
                "snapshot": snap,
                "indicator_label": item.label if item else (snap.get("indicator") or ""),
                "target": target_words(
                    snap.get("target"),
                    snap.get("comparison") or "at_least",
                    item.unit if item else "share",
                ),
            }
        )
    return render(
        request,
        "scorecard/charter_commitment.html",
        {
            **_described(commitment),
            "adoptions": [(a, a.organisation_id in managed) for a in adoptions],
            "versions": versions,
            "may_adopt": bool(anchors) and commitment.is_active,
            "is_coordinator": role_of(request.user) is Role.COORDINATOR,
        },
    )


class PeriodForm(GovukForm):
    """The period of notices progress is measured over; the page gives its own GET form tag."""

    submit_label = "Show"
    error_names = {"since": "the date from", "until": "the date to"}
    since = DateParameterField(label="From", required=False)
    until = DateParameterField(label="To", required=False)

    @cached_property
    def helper(self):
        helper = super().helper
        helper.form_tag = False
        helper.form_method = "get"
        helper.disable_csrf = True
        return helper

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError("The start of the period must be before its end")
        return data


@allow(ANYONE)
def commitment_progress(request, slug):
    """Every anchor's figure on the commitment's indicator against its target. Buyers and
    coordinators see every anchor; others see the anchors that publish their scorecard."""
    commitment = _commitment(slug)
    period = PeriodForm(request.GET or None)
    since = until = None
    if period.is_bound and period.is_valid():
        since, until = period.cleaned_data["since"], period.cleaned_data["until"]
    anchors = charter.network_anchors()
    sees_all = role_of(request.user) in BUYERS
    if not sees_all:
        published = charter.published_anchor_ids()
        anchors = [organisation for organisation in anchors if organisation.pk in published]
    rows = [] if period.errors else charter.anchors_progress(commitment, anchors, since, until)
    return render(
        request,
        "scorecard/charter_progress.html",
        {
            **_described(commitment),
            "period": period,
            "rows": rows,
            "sees_all": sees_all,
            "since": since,
            "until": until,
        },
    )


@allow(COORDINATORS)
def commitment_create(request):
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        commitment = form.save(commit=False)
        charter.save_version(commitment, request.user, form.cleaned_data["note"] or "Added")
        messages.success(request, f"“{commitment.title}” is added to the charter.")
        return redirect("scorecard:charter_commitment", commitment.slug)
    return render(
        request,
        "scorecard/charter_form.html",
        {"form": form, "heading": "Add a commitment", "back_url": reverse("scorecard:charter")},
    )


@allow(COORDINATORS)
def commitment_edit(request, slug):
    commitment = _commitment(slug)
    form = CommitmentForm(request.POST or None, instance=commitment)
    if request.method == "POST" and form.is_valid():
        if not form.has_changed() or form.changed_data == ["note"]:
            form.add_error(None, "Nothing has changed: change a field to save a new version")
        else:
            charter.save_version(form.save(commit=False), request.user, form.cleaned_data["note"])
            messages.success(request, f"Version {commitment.version} is saved.")
            return redirect("scorecard:charter_commitment", commitment.slug)
    return render(
        request,
        "scorecard/charter_form.html",
        {
            "form": form,
            "heading": "Change a commitment",
            "caption": commitment.title,
            "back_url": reverse("scorecard:charter_commitment", args=[commitment.slug]),
        },
    )


@allow(COORDINATORS)
def commitment_status(request, slug):
    """Retire an active commitment, or reactivate a retired one: a new version either way."""
    commitment = _commitment(slug)
    retiring = commitment.is_active
    form = StatusForm(request.POST or None, retiring=retiring)
    if request.method == "POST" and form.is_valid():
        commitment.is_active = not retiring
        charter.save_version(commitment, request.user, form.cleaned_data["note"])
        messages.success(
            request,
            f"“{commitment.title}” is {'retired' if retiring else 'active again'}.",
        )
        return redirect("scorecard:charter_commitment", commitment.slug)
    return render(
        request,
        "scorecard/charter_status.html",
        {
            "form": form,
            "commitment": commitment,
            "retiring": retiring,
            "heading": f"{'Retire' if retiring else 'Reactivate'} “{commitment.title}”",
            "back_url": reverse("scorecard:charter_commitment", args=[commitment.slug]),
        },
    )


@allow(ANCHOR_ADMINS)
def adoption_record(request, slug):
    """Record (or correct the date of) an anchor's adoption of a commitment."""
    commitment = _commitment(slug)
    anchors = _may_adopt_for(request.user)
    if not anchors:
        raise PermissionDenied("Only a network anchor's administrators record its adoptions.")
    if not commitment.is_active:
        raise PermissionDenied("A retired commitment cannot be adopted.")
    choose = role_of(request.user) is Role.COORDINATOR
    chosen = Organisation.objects.filter(pk__in=[o.pk for o in anchors]).order_by("name")
    form = AdoptionForm(request.POST or None, anchors=chosen if choose else None)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"] if choose else anchors[0]
        CommitmentAdoption.objects.update_or_create(
            commitment=commitment,
            organisation=organisation,
            defaults={"adopted_on": form.cleaned_data["adopted_on"], "recorded_by": request.user},
        )
        messages.success(request, f"{organisation.name} adopted “{commitment.title}”.")
        return redirect("scorecard:charter_commitment", commitment.slug)
    return render(
        request,
        "scorecard/charter_form.html",
        {
            "form": form,
            "heading": "Record an adoption",
            "caption": commitment.title,
            "anchor": None if choose else anchors[0],
            "back_url": reverse("scorecard:charter_commitment", args=[commitment.slug]),
        },
    )


@allow(ANCHOR_ADMINS)
def adoption_withdraw(request, slug, pk):
    commitment = _commitment(slug)
    adoption = get_object_or_404(
        CommitmentAdoption.objects.select_related("organisation"), pk=pk, commitment=commitment
    )
    anchors = _may_adopt_for(request.user) or []
    if adoption.organisation_id not in {organisation.pk for organisation in anchors}:
        raise PermissionDenied("Only the anchor's administrators can withdraw its adoption.")
    if request.method == "POST":
        adoption.delete()
        messages.success(
            request,
            f"{adoption.organisation.name} no longer adopts “{commitment.title}”.",
        )
        return redirect("scorecard:charter_commitment", commitment.slug)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "scorecard/charter_withdraw.html",
        {"commitment": commitment, "adoption": adoption},
    )


@allow(ANYONE)
def adoption_picture(request):
    table, by_anchor = charter.adoption_pictures()
    return render(
        request, "scorecard/charter_adoption.html", {"table": table, "by_anchor": by_anchor}
    )


@allow(ANYONE)
def adoption_download(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format")
    return table_download(charter.adoption_picture(), "charter-adoption", fmt)
