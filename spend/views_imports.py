"""Spend pages for payment files: upload one, confirm its columns against a preview (with the
columns inferred from their values and a warning when the file names another publisher), see what
each import did with every row and follow the matching that comes after it, and withdraw an import.
Payment-level data is visible to the buyer's own organisation and coordinators; withdrawing is
for the buyer's anchor administrators and coordinators (as publishing its summary is)."""

import io
import secrets
from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from core import csvfile
from core.confirming import Confirmation, confirmation_page, confirmed
from core.downloads import attachment
from core.paging import page_of
from core.permissions import allow
from core.roles import ANCHOR_ADMINS, BUYERS, Role, role_of
from jobs.models import Job
from jobs.queue import QueueUnavailable, enqueue
from jobs.views import status as job_status
from spend.columns import REQUIRED, field_names, mapping_from_names, suggest
from spend.forms import MappingForm, UploadForm, WithdrawForm
from spend.importing import proposed_mapping
from spend.models import PendingUpload, SpendImport
from spend.publisher import named_publishers, other_publisher
from spend.publisher import warning as publisher_warning
from spend.publisher_lookup import buyer_identity
from spend.reading import Table
from spend.rows import Rejected, read_payment
from spend.tasks import discard as discard_pending
from spend.withdrawing import WithdrawalProblem, withdraw

PREVIEW_ROWS = 10


def _visible(request, queryset):
    """A coordinator sees every anchor's; a buyer their own organisation's."""
    if role_of(request.user) is Role.COORDINATOR:
        return queryset
    return queryset.filter(buyer_id=request.user.organisation_id)


@allow(BUYERS)
def imports(request):
    records = _visible(request, SpendImport.objects.select_related("buyer", "imported_by"))
    page = page_of(request, records, 25)
    # Uploads still being read or imported, or that failed lately, so that a page left is found.
    jobs = (
        _visible_jobs(request)
        .filter(
            kind__in=["spend.inspect", "spend.import"],
            created_at__gte=timezone.now() - timedelta(days=7),
        )
        .exclude(status=Job.Status.SUCCEEDED)[:10]
    )
    return render(request, "spend/import_list.html", {"page": page, "query": "", "jobs": jobs})


def _visible_jobs(request):
    if role_of(request.user) is Role.COORDINATOR:
        return Job.objects.all()
    return Job.objects.filter(organisation_id=request.user.organisation_id)


def _queue_problem(request, problem: QueueUnavailable) -> None:
    messages.error(
        request,
        "The background worker's queue cannot take the file just now, so nothing was saved. "
        f"Try again in a few minutes; if it goes on, tell the network coordinator. ({problem})",
    )


def _inspect(request, pending: PendingUpload) -> Job:
    return enqueue(
        "spend.inspect",
        title=f"Read {pending.original_name} for {pending.buyer.name}",
        params={"pending": pending.pk},
        user=request.user,
        organisation=pending.buyer,
        next_url=reverse("spend:confirm", args=[pending.token]),
    )


@allow(BUYERS)
def upload(request):
    """Keep the file (streamed to disk) and read it in the background: a large file is read by
    the worker, not in the request. The job's page shows progress, then the column check."""
    coordinator = role_of(request.user) is Role.COORDINATOR
    form = UploadForm(request.POST or None, request.FILES or None, choose_buyer=coordinator)
    if request.method == "POST" and form.is_valid():
        buyer = form.cleaned_data["buyer"] if coordinator else request.user.organisation
        upload_file = form.cleaned_data["file"]
        pending = None
        try:
            with transaction.atomic():
                pending = PendingUpload.objects.create(
                    token=secrets.token_urlsafe(32),
                    buyer=buyer,
                    uploaded_by=request.user,
                    file=upload_file,
                    original_name=upload_file.name,
                )
                job = _inspect(request, pending)
        except QueueUnavailable as problem:
            if pending is not None:
                pending.file.delete(save=False)
            _queue_problem(request, problem)
        else:
            return redirect(f"{reverse('jobs:detail', args=[job.pk])}?follow=1")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Upload a payment file",
            "caption": "Spend",
            "back_url": "/spend/imports/",
        },
    )


def _preview(rows, header_row: int, mapping: dict[str, int]) -> list[dict]:
    preview = []
    data = [r for r in rows[header_row + 1 :] if any(c.strip() for c in r)][:PREVIEW_ROWS]
    for number, cells in enumerate(data, start=header_row + 2):
        try:
            payment = read_payment(cells, mapping, number)
        except Rejected as reason:
            preview.append({"number": number, "problem": str(reason), "cells": cells})
        else:
            preview.append({"number": number, "payment": payment})
    return preview


@allow(BUYERS)
def confirm(request, token):
    """Check the recognised columns against the first rows (read by the upload's job), then
    import in the background."""
    pending = get_object_or_404(_visible(request, PendingUpload.objects.all()), token=token)
    if pending.rows_in_file is None:
        # Not read yet: its job is still running (or failed); that job's page says which.
        waiting = (
            Job.objects.filter(kind="spend.inspect", params__pending=pending.pk)
            .exclude(status=Job.Status.FAILED)
            .first()
        )
        if waiting is None:  # e.g. uploaded before files were read in the background
            try:
                waiting = _inspect(request, pending)
            except QueueUnavailable as problem:
                _queue_problem(request, problem)
                return redirect("spend:upload")
        return redirect(f"{reverse('jobs:detail', args=[waiting.pk])}?follow=1")
    table = Table(pending.table_name or pending.original_name, pending.head)
    header_row, names, remembered = proposed_mapping(pending.buyer, table)
    found = None if remembered else suggest(table.rows)
    header_row = header_row or 0
    if request.method == "POST":
        try:
            header_row = max(0, int(request.POST.get("header_row", "1")) - 1)
        except ValueError:
            header_row = 0
        header_row = min(header_row, max(len(table.rows) - 1, 0))
    headers = [cell.strip() for cell in table.rows[header_row]] if table.rows else []
    named = other_publisher(named_publishers(table.rows, header_row), buyer_identity(pending.buyer))
    warning = publisher_warning(named, pending.buyer.name) if named else ""
    form = MappingForm(
        request.POST or None,
        headers=headers,
        header_row=header_row + 1,
        initial={name: column for name, column in names.items() if column in headers},
        publisher_warning=warning,
        buyer_name=pending.buyer.name,
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = enqueue(
                "spend.import",
                title=f"Import {pending.original_name} for {pending.buyer.name}",
                params={
                    "pending": pending.pk,
                    "mapping": form.mapping(),
                    "header_row": header_row,
                    "publisher_confirmed": bool(form.cleaned_data.get("publisher_confirmed")),
                },
                user=request.user,
                organisation=pending.buyer,
                # Until it has imported, the way on is back to this page (to change the columns).
                next_url=reverse("spend:confirm", args=[pending.token]),
            )
        except QueueUnavailable as problem:
            form.add_error(
                None,
                "The background worker's queue cannot take the import just now; nothing was "
                f"imported. Try again in a few minutes. ({problem})",
            )
        else:
            return redirect(f"{reverse('jobs:detail', args=[job.pk])}?follow=1")
    if form.is_bound and form.is_valid():
        chosen = form.mapping()
    else:
        chosen = {name: column for name, column in names.items() if column in headers}
    shown = mapping_from_names(headers, chosen)
    return render(
        request,
        "spend/confirm.html",
        {
            "form": form,
            "pending": pending,
            "table": table,
            "preview": _preview(table.rows, header_row, shown)
            if set(REQUIRED) <= set(shown)
            else [],
            "labels": {name: spec["label"] for name, spec in field_names().items()},
            "remembered": remembered,
            "heading": "Check the columns",
            "publisher_warning": warning,
            "publisher_named": named.name if named else "",
            "publisher_where": named.where if named else "",
            "inferred": [
                (field_names()[name]["label"], found.headers[found.mapping[name]], why)
                for name, why in found.inferred.items()
            ]
            if found
            else [],
            "candidates": [
                (field_names()[name]["label"], columns)
                for name, columns in (found.candidates.items() if found else [])
            ],
        },
    )


@allow(BUYERS)
def discard(request, token):
    """Stop: the uploaded file is deleted and nothing is imported."""
    pending = get_object_or_404(_visible(request, PendingUpload.objects.all()), token=token)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    name = pending.original_name
    discard_pending(pending)
    messages.success(request, f"{name} was discarded: nothing was imported.")
    return redirect("spend:imports")


@allow(BUYERS)
def import_detail(request, pk):
    record = get_object_or_404(
        _visible(request, SpendImport.objects.select_related("buyer")), pk=pk
    )
    rejected = page_of(request, record.rejected_rows.all(), 50)
    labels = {name: spec["label"] for name, spec in field_names().items()}
    return render(
        request,
        "spend/import_detail.html",
        {
            "record": record,
            "page": rejected,
            "mapping": [(labels.get(k, k), v) for k, v in record.mapping.items()],
            "query": "",
            "followup": job_status(record.followup_job) if record.followup_job else None,
            "can_withdraw": _can_withdraw(request, record),
        },
    )


def _can_withdraw(request, record: SpendImport) -> bool:
    role = role_of(request.user)
    return record.withdrawn_at is None and (
        role is Role.COORDINATOR
        or (role is Role.ANCHOR_ADMIN and request.user.organisation_id == record.buyer_id)
    )


@allow(BUYERS)
def followup_status(request, pk):
    """The matching that follows an import, as the job page's script reads it (status.json),
    for whoever may see the import."""
    record = get_object_or_404(
        _visible(request, SpendImport.objects.select_related("followup_job")), pk=pk
    )
    if record.followup_job is None:
        state = {"status": "none", "status_label": "Not queued", "finished": True}
    else:
        state = job_status(record.followup_job)
        state["next_url"] = reverse("spend:ledger", args=[record.buyer.slug])
    response = JsonResponse(state)
    response["Cache-Control"] = "no-store"
    return response


@allow(ANCHOR_ADMINS)
def withdraw_import(request, pk):
    """Withdraw an import after a confirmation page with the reason. The buyer's anchor
    administrators and coordinators only: it changes the anchor's figures, as publishing does."""
    record = get_object_or_404(
        _visible(request, SpendImport.objects.select_related("buyer")), pk=pk
    )
    if not _can_withdraw(request, record):
        if record.withdrawn_at is not None:
            messages.info(request, "This import was already withdrawn.")
            return redirect("spend:import", pk=record.pk)
        raise Http404("No such import")
    # A POST from an older page, without the confirmation, is asked again with its reason.
    if confirmed(request):
        form = WithdrawForm(request.POST)
    else:
        form = WithdrawForm(initial={"reason": request.POST.get("reason", "")})
    if confirmed(request) and form.is_valid():
        try:
            done = withdraw(record, request.user, form.cleaned_data["reason"])
        except WithdrawalProblem as problem:
            form.add_error("reason", str(problem))
        else:
            messages.success(
                request,
                f"The import was withdrawn: {done.payments_removed:,} payments removed from "
                f"{record.buyer.name}'s ledger. The file can be imported again.",
            )
            return redirect("spend:import", pk=record.pk)
    buyer = record.buyer.name
    return confirmation_page(
        request,
        Confirmation(
            heading="Withdraw this import?",
            caption=f"{buyer}: {record.source_name}",
            what_happens=(
                (
                    f"Its {record.rows_imported:,} payments (£{record.total_amount:,.2f}) will be "
                    f"removed from {buyer}'s ledger, and payees paid only in this file will no "
                    "longer be counted."
                ),
                (
                    "The import's record stays in the list of payment files, marked as "
                    "withdrawn, with who withdrew it, when and why. The same file can then be "
                    "imported again."
                ),
            ),
            warning=(
                "The payments cannot be put back except by importing the file again. A summary "
                "already published is not changed until it is published again."
            ),
            button="Yes, withdraw the import",
            destructive=True,
            cancel_url=reverse("spend:import", args=[record.pk]),
            cancel_label="Cancel: keep the import",
        ),
        form=form,
    )


@allow(BUYERS)
def rejected_csv(request, pk):
    record = get_object_or_404(_visible(request, SpendImport.objects.all()), pk=pk)
    content = io.StringIO()
    writer = csvfile.Writer(content)
    writer.writerow(["row", "reason", "cells"])
    for row in record.rejected_rows.all():
        writer.writerow([row.row_number, row.reason, *row.cells])
    return attachment(content.getvalue(), f"rejected-rows-{record.pk}.csv")
