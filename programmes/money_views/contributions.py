"""A partner's contribution: added and changed, moved on (proposed → committed → received, each
move confirmed and dated), and its evidence uploaded and opened. Who: see the package's
docstring."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.permissions import ANCHOR_ADMINS, MEMBERS, allow
from core.uploads import AttachmentForm
from programmes import access, money
from programmes.models import Contribution, ContributionEvidence, ContributionYear, Partner
from programmes.money_forms import STATUS_LABELS, ContributionForm, MoveForm
from programmes.money_views import contributing_programme, visible_programme


def _years(programme, contribution=None) -> list[int]:
    existing = [y.financial_year for y in contribution.years.all()] if contribution else []
    return money.programme_years(
        programme.starts_on, programme.ends_on, timezone.localdate(), existing
    )


def _partners_for(user, programme):
    allowed = [
        p.pk
        for p in programme.partners.all()
        if access.can_contribute_for(user, programme, p.organisation_id)
    ]
    return Partner.objects.filter(pk__in=allowed).select_related("organisation")


def _changeable(request, slug, pk) -> tuple:
    programme = contributing_programme(request, slug)
    contribution = get_object_or_404(
        Contribution.objects.select_related("partner"), pk=pk, programme=programme
    )
    if not access.can_contribute_for(request.user, programme, contribution.partner.organisation_id):
        raise PermissionDenied(
            "Only coordinators and the partner's own administrators change its contributions."
        )
    return programme, contribution


def _save(form, programme, user) -> Contribution:
    with transaction.atomic():
        contribution = form.save(commit=False)
        contribution.programme = programme
        if contribution.pk is None:
            contribution.created_by = user
            contribution.proposed_on = timezone.localdate()
        contribution.save()
        contribution.years.all().delete()
        ContributionYear.objects.bulk_create(
            ContributionYear(contribution=contribution, financial_year=y, amount=a)
            for y, a in form.year_amounts().items()
        )
    return contribution


def _form_page(request, programme, form, heading):
    return render(
        request,
        "programmes/funding_form.html",
        {
            "form": form,
            "heading": heading,
            "caption": programme.title,
            "back_url": reverse("programmes:funding", args=[programme.slug]),
        },
    )


@allow(ANCHOR_ADMINS)
def contribution_add(request, slug):
    programme = contributing_programme(request, slug)
    partners = _partners_for(request.user, programme)
    if not partners.exists():
        raise PermissionDenied("None of the programme's partners is yours to record for.")
    form = ContributionForm(
        request.POST if request.method == "POST" else None,
        partners=partners,
        years=_years(programme),
    )
    if request.method == "POST" and form.is_valid():
        contribution = _save(form, programme, request.user)
        messages.success(request, f"{contribution.partner}'s contribution is added as proposed.")
        return redirect("programmes:funding", programme.slug)
    return _form_page(request, programme, form, "Add a contribution")


@allow(ANCHOR_ADMINS)
def contribution_edit(request, slug, pk):
    programme, contribution = _changeable(request, slug, pk)
    form = ContributionForm(
        request.POST if request.method == "POST" else None,
        instance=contribution,
        partners=_partners_for(request.user, programme),
        years=_years(programme, contribution),
    )
    if request.method == "POST" and form.is_valid():
        _save(form, programme, request.user)
        messages.success(request, "The contribution is saved.")
        return redirect("programmes:funding", programme.slug)
    return _form_page(request, programme, form, "Change a contribution")


@allow(ANCHOR_ADMINS)
def contribution_move(request, slug, pk):
    """Confirm the next status (committed, then received) and the day it happened."""
    programme, contribution = _changeable(request, slug, pk)
    following = money.next_statuses(money.CONTRIBUTION_MOVES, contribution.status)
    if not following:
        raise PermissionDenied("This contribution is received: there is no later status.")
    to = following[0]
    form = MoveForm(
        request.POST if request.method == "POST" else None,
        to_label=STATUS_LABELS[to],
        not_before=getattr(contribution, f"{contribution.status}_on", None),
    )
    if request.method == "POST" and form.is_valid():
        contribution.status = to
        setattr(contribution, f"{to}_on", form.cleaned_data["on"])
        contribution.save(update_fields=["status", f"{to}_on", "updated_at"])
        messages.success(request, f"The contribution is {STATUS_LABELS[to].lower()}.")
        return redirect("programmes:funding", programme.slug)
    return render(
        request,
        "programmes/funding_move.html",
        {
            "form": form,
            "programme": programme,
            "what": f"{contribution.partner}: {contribution.description}",
            "now": contribution.get_status_display(),
            "to": STATUS_LABELS[to],
            "explain": "Committed contributions count in the funding position and, for cash, "
            "in the leverage ratio; received ones are also shown as received.",
        },
    )


@allow(ANCHOR_ADMINS)
def contribution_evidence(request, slug, pk):
    """The contribution's evidence files: the list and the upload form (POST uploads)."""
    programme, contribution = _changeable(request, slug, pk)
    files = list(contribution.evidence_files.all())
    form = AttachmentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        existing=len(files),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        ContributionEvidence.objects.create(
            contribution=contribution,
            file=upload,
            original_name=form.cleaned_data["original_name"],
            content_type=form.cleaned_data["content_type"],
            size=upload.size,
        )
        messages.success(request, f"{form.cleaned_data['original_name']} is attached.")
        return redirect("programmes:contribution_evidence", programme.slug, contribution.pk)
    form.helper.form_tag = False
    return render(
        request,
        "programmes/funding_evidence.html",
        {"form": form, "programme": programme, "contribution": contribution, "files": files},
    )


@allow(ANCHOR_ADMINS)
@require_POST
def contribution_evidence_delete(request, slug, pk, file_pk):
    programme, contribution = _changeable(request, slug, pk)
    found = get_object_or_404(ContributionEvidence, pk=file_pk, contribution=contribution)
    found.file.delete(save=False)
    found.delete()
    messages.success(request, "The file is removed.")
    return redirect("programmes:contribution_evidence", programme.slug, contribution.pk)


@allow(MEMBERS)
def contribution_evidence_file(request, slug, pk, file_pk):
    """Opened by coordinators and members of the partner organisations (money.can_open_evidence)."""
    programme = visible_programme(request, slug)
    found = get_object_or_404(
        ContributionEvidence, pk=file_pk, contribution__pk=pk, contribution__programme=programme
    )
    if not money.can_open_evidence(access.viewer_of(request.user), access.facts_of(programme)):
        raise PermissionDenied("Evidence files are for the programme's partners and coordinators.")
    if not found.file:
        raise Http404("The file is missing")
    return found.download()
