"""The network's interpretations of the Procurement Act: the list (by status), one
interpretation with its adoptions and versions, writing and editing (coordinators), changing the
status, and recording or withdrawing an anchor's adoption (its administrators, coordinators).
Drafts are read only by buyers and coordinators (scorecard/interpretations_rules.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.permissions import ANCHOR_ADMINS, ANYONE, COORDINATORS, Role, allow, role_of
from network.models import Organisation
from scorecard import interpretations
from scorecard import interpretations_rules as rules
from scorecard.forms_interpretations import AdoptionForm, InterpretationForm, StatusForm
from scorecard.models import Interpretation, InterpretationAdoption, InterpretationStatus

STATUS_LABELS = dict(InterpretationStatus.choices)


def _visible(request, slug) -> Interpretation:
    return get_object_or_404(
        interpretations.visible_to(request.user).select_related("superseded_by"), slug=slug
    )


@allow(ANYONE)
def interpretation_list(request):
    role = role_of(request.user)
    statuses = [s for s in rules.STATUSES if s in rules.visible_statuses(role)]
    chosen = request.GET.get("status", "")
    shown = interpretations.visible_to(request.user).order_by("status", "slug")
    if chosen in statuses:
        shown = shown.filter(status=chosen)
    else:
        chosen = ""
    return render(
        request,
        "scorecard/interpretation_list.html",
        {
            "interpretations": shown.prefetch_related("adoptions"),
            "statuses": [(s, STATUS_LABELS[s]) for s in statuses],
            "chosen": chosen,
            "can_edit": rules.can_edit(role),
        },
    )


def _history(interpretation: Interpretation) -> list[dict]:
    """Each version, newest first, with what it changed from the one before."""
    versions = list(interpretation.versions.select_related("changed_by").order_by("number"))
    out, before = [], None
    for version in versions:
        out.append({"version": version, "changes": rules.changes(before, version.snapshot)})
        before = version.snapshot
    return out[::-1]


@allow(ANYONE)
def interpretation_detail(request, slug):
    interpretation = _visible(request, slug)
    user, role = request.user, role_of(request.user)
    own = getattr(user, "organisation_id", None)
    adoptions = list(interpretation.adoptions.select_related("organisation"))
    route_names = dict(interpretations.route_names())
    guide_names = dict(interpretations.guide_names())
    newer = interpretation.superseded_by
    visible_newer = newer if newer is not None and rules.can_read(role, newer.status) else None
    older = [
        i for i in interpretation.supersedes.order_by("slug") if rules.can_read(role, i.status)
    ]
    can_adopt = rules.can_offer_adoption(
        role, interpretation.status, own, {a.organisation_id for a in adoptions}
    )
    return render(
        request,
        "scorecard/interpretation_detail.html",
        {
            "interpretation": interpretation,
            "paragraphs": [p for p in interpretation.reading.split("\n\n") if p.strip()],
            "adoptions": [
                {
                    "adoption": a,
                    "can_withdraw": rules.can_record_adoption(role, own, a.organisation_id),
                }
                for a in adoptions
            ],
            "routes": [(r, route_names.get(r, r)) for r in interpretation.routes or []],
            "guides": [(g, guide_names.get(g, g)) for g in interpretation.guides or []],
            "newer": visible_newer,
            "newer_hidden": newer is not None and visible_newer is None,
            "older": older,
            "history": _history(interpretation),
            "can_edit": rules.can_edit(role),
            "can_adopt": can_adopt,
        },
    )


@allow(COORDINATORS)
def interpretation_create(request):
    form = InterpretationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = form.apply()
        interpretations.save_version(made, request.user, form.cleaned_data["note"])
        messages.success(request, "Interpretation saved as a draft (version 1).")
        return redirect(made)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Write an interpretation",
            "back_url": reverse("scorecard:interpretations"),
        },
    )


@allow(COORDINATORS)
def interpretation_edit(request, slug):
    interpretation = get_object_or_404(Interpretation, slug=slug)
    form = InterpretationForm(request.POST or None, instance=interpretation)
    if request.method == "POST" and form.is_valid():
        changed = interpretations.save_version(
            form.apply(), request.user, form.cleaned_data["note"]
        )
        if changed is None:
            messages.info(request, "Nothing changed, so no new version was saved.")
        else:
            messages.success(request, f"Interpretation saved as version {changed.number}.")
        return redirect(interpretation)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Edit the interpretation",
            "caption": str(interpretation),
            "back_url": interpretation.get_absolute_url(),
        },
    )


@allow(COORDINATORS)
def interpretation_status(request, slug):
    interpretation = get_object_or_404(Interpretation, slug=slug)
    form = StatusForm(request.POST or None, interpretation=interpretation)
    if request.method == "POST" and form.is_valid():
        changed = interpretations.save_version(
            form.apply(), request.user, form.cleaned_data["note"]
        )
        if changed is None:
            messages.info(request, "The status is unchanged, so no new version was saved.")
        else:
            label = STATUS_LABELS[interpretation.status].lower()
            messages.success(request, f"Status changed to {label} (version {changed.number}).")
        return redirect(interpretation)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Change the status",
            "caption": str(interpretation),
            "back_url": interpretation.get_absolute_url(),
        },
    )


def _anchors_for(user):
    """The anchors whose adoptions `user` records: any network anchor for coordinators; an
    anchor administrator's own anchor."""
    anchors = Organisation.objects.anchors()
    if role_of(user) is Role.COORDINATOR:
        return anchors.filter(is_network_member=True).order_by("name")
    return anchors.filter(pk=user.organisation_id)


@allow(ANCHOR_ADMINS)
def interpretation_adopt(request, slug):
    interpretation = _visible(request, slug)
    if not rules.can_be_adopted(interpretation.status):
        raise Http404("Only an agreed interpretation can be adopted")
    form = AdoptionForm(request.POST or None, organisations=_anchors_for(request.user))
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        InterpretationAdoption.objects.update_or_create(
            interpretation=interpretation,
            organisation=organisation,
            defaults={"adopted_on": form.cleaned_data["adopted_on"], "recorded_by": request.user},
        )
        messages.success(request, f"{organisation.name}'s adoption is recorded.")
        return redirect(interpretation)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Record an anchor's adoption",
            "caption": str(interpretation),
            "back_url": interpretation.get_absolute_url(),
        },
    )


@allow(ANCHOR_ADMINS)
def interpretation_withdraw(request, slug, organisation):
    interpretation = _visible(request, slug)
    adoption = get_object_or_404(
        InterpretationAdoption.objects.select_related("organisation"),
        interpretation=interpretation,
        organisation__slug=organisation,
    )
    role = role_of(request.user)
    if not rules.can_record_adoption(role, request.user.organisation_id, adoption.organisation_id):
        raise PermissionDenied(
            "Only that anchor's administrators or a coordinator may withdraw it."
        )
    if request.method == "POST":
        adoption.delete()
        messages.success(request, f"{adoption.organisation.name}'s adoption is withdrawn.")
        return redirect(interpretation)
    return render(
        request,
        "scorecard/interpretation_withdraw.html",
        {"interpretation": interpretation, "adoption": adoption},
    )
