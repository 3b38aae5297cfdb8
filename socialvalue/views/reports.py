from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.permissions import BUYERS, MEMBERS, allow
from core.roles import Role
from core.uploads import MAX_ATTACHMENTS, AttachmentForm
from socialvalue import access
from socialvalue.forms import DeliveryReportForm, ReviewForm
from socialvalue.models import Commitment, DeliveryReport, Evidence

SUPPLIERS = frozenset({Role.SUPPLIER})


def _commitment(user, pk) -> Commitment:
    commitment = get_object_or_404(Commitment.objects.select_related("contract"), pk=pk)
    access.contract_or_404(user, commitment.contract_id)
    return commitment


def _report(user, pk) -> DeliveryReport:
    report = get_object_or_404(DeliveryReport.objects.select_related("commitment__contract"), pk=pk)
    access.contract_or_404(user, report.commitment.contract_id)
    return report


def _attach(report, form) -> None:
    upload = form.cleaned_data["file"]
    Evidence.objects.create(
        report=report,
        file=upload,
        original_name=form.cleaned_data["original_name"],
        content_type=form.cleaned_data["content_type"],
        size=upload.size,
    )


@allow(SUPPLIERS)
def report_add(request, pk):
    commitment = _commitment(request.user, pk)
    if not access.may_report(request.user, commitment.contract):
        raise PermissionDenied("Only the supplier's members report delivery.")
    form = DeliveryReportForm(request.POST or None, commitment=commitment)
    form.helper.form_tag = False
    form.helper.inputs = []
    has_file = request.method == "POST" and bool(request.FILES.get("file"))
    # Bound only when a file is sent: the evidence is optional.
    evidence = AttachmentForm(request.POST, request.FILES) if has_file else AttachmentForm()
    evidence.fields["file"].required = False
    evidence.fields["file"].label = "Evidence (optional)"
    evidence.helper.form_tag = False
    evidence.helper.inputs = []
    if request.method == "POST":
        evidence_ok = evidence.is_valid() if has_file else True
        if form.is_valid() and evidence_ok:
            with transaction.atomic():
                report = form.save(commit=False)
                report.commitment = commitment
                report.submitted_by = request.user
                report.save()
                if has_file:
                    _attach(report, evidence)
            messages.success(request, "Report submitted. The buyer will review it.")
            return redirect(commitment.contract)
    return render(
        request,
        "socialvalue/report_form.html",
        {
            "form": form,
            "evidence": evidence,
            "commitment": commitment,
            "max_files": MAX_ATTACHMENTS,
        },
    )


@allow(SUPPLIERS)
@require_POST
def evidence_add(request, pk):
    report = _report(request.user, pk)
    if not access.may_report(request.user, report.commitment.contract):
        raise PermissionDenied("Only the supplier's members add evidence.")
    if report.status == DeliveryReport.Status.ACCEPTED:
        messages.error(request, "The report is accepted: evidence can no longer be added")
        return redirect(report.commitment.contract)
    form = AttachmentForm(request.POST, request.FILES, existing=report.evidence.count())
    if form.is_valid():
        _attach(report, form)
        if report.status == DeliveryReport.Status.QUERIED:
            report.status = DeliveryReport.Status.SUBMITTED
            report.save(update_fields=["status"])
        messages.success(request, f"{form.cleaned_data['original_name']} attached.")
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect(report.commitment.contract)


@allow(MEMBERS)
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("report__commitment"), pk=pk)
    access.contract_or_404(request.user, evidence.report.commitment.contract_id)
    return evidence.download()


@allow(BUYERS)
def report_review(request, pk):
    report = _report(request.user, pk)
    if not access.may_review(request.user, report):
        raise PermissionDenied("Only the buyer's staff review a report awaiting review.")
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                "socialvalue/review_confirm.html",
                {"report": report, "decision": decision, "note": note},
            )
        with transaction.atomic():
            report.status = decision
            report.reviewer_note = note
            report.reviewed_by = request.user
            report.reviewed_at = timezone.now()
            report.save()
        words = "accepted" if decision == "accepted" else "queried"
        messages.success(request, f"Report {words}.")
        return redirect(report.commitment.contract)
    return render(
        request,
        "socialvalue/review_form.html",
        {"form": form, "report": report, "heading": "Review the delivery report"},
    )
