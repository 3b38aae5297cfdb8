"""Spend pages: upload a payment file, confirm its columns against a preview, see what each import
did with every row. Payment-level data is visible to the buyer's own organisation and coordinators."""

import csv
import secrets
from pathlib import Path

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from core.permissions import allow
from core.roles import BUYERS, Role, role_of
from spend.columns import REQUIRED, field_names, mapping_from_names
from spend.forms import MappingForm, UploadForm
from spend.importing import ImportProblem, SpendImporter, proposed_mapping
from spend.models import PendingUpload, SpendImport
from spend.reading import FileProblem, read_tables
from spend.rows import Rejected, read_payment

PREVIEW_ROWS = 10


def _visible(request, queryset):
    """A coordinator sees every anchor's; a buyer their own organisation's."""
    if role_of(request.user) is Role.COORDINATOR:
        return queryset
    return queryset.filter(buyer_id=request.user.organisation_id)


@allow(BUYERS)
def imports(request):
    records = _visible(request, SpendImport.objects.select_related("buyer", "imported_by"))
    page = Paginator(records, 25).get_page(request.GET.get("page"))
    return render(request, "spend/import_list.html", {"page": page, "query": ""})


@allow(BUYERS)
def upload(request):
    coordinator = role_of(request.user) is Role.COORDINATOR
    form = UploadForm(request.POST or None, request.FILES or None, choose_buyer=coordinator)
    if request.method == "POST" and form.is_valid():
        buyer = form.cleaned_data["buyer"] if coordinator else request.user.organisation
        pending = PendingUpload.objects.create(
            token=secrets.token_urlsafe(32),
            buyer=buyer,
            uploaded_by=request.user,
            file=form.cleaned_data["file"],
            original_name=form.cleaned_data["file"].name,
        )
        try:
            read_tables(Path(pending.file.path))
        except FileProblem as problem:
            _discard(pending)
            form.add_error("file", str(problem).split(": ", 1)[-1])
        else:
            return redirect("spend:confirm", token=pending.token)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Upload a payment file",
            "caption": "Spend",
            "back_url": "/spend/",
        },
    )


def _discard(pending: PendingUpload) -> None:
    pending.file.delete(save=False)
    pending.delete()


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
    pending = get_object_or_404(_visible(request, PendingUpload.objects.all()), token=token)
    path = Path(pending.file.path)
    try:
        table = read_tables(path)[0]
    except FileProblem as problem:
        _discard(pending)
        raise Http404(str(problem)) from None
    header_row, names, remembered = proposed_mapping(pending.buyer, table)
    header_row = header_row or 0
    if request.method == "POST":
        try:
            header_row = max(0, int(request.POST.get("header_row", "1")) - 1)
        except ValueError:
            header_row = 0
        header_row = min(header_row, max(len(table.rows) - 1, 0))
    headers = [cell.strip() for cell in table.rows[header_row]] if table.rows else []
    form = MappingForm(
        request.POST or None,
        headers=headers,
        header_row=header_row + 1,
        initial={name: column for name, column in names.items() if column in headers},
    )
    if request.method == "POST" and form.is_valid():
        importer = SpendImporter(
            pending.buyer, request.user, mapping=form.mapping(), header_row=header_row
        )
        try:
            with transaction.atomic():
                result = importer.import_files([path])
        except ImportProblem as problem:
            form.add_error(None, str(problem))
        else:
            _discard(pending)
            return redirect("spend:import", pk=result.imports[0])
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
        },
    )


@allow(BUYERS)
def import_detail(request, pk):
    record = get_object_or_404(
        _visible(request, SpendImport.objects.select_related("buyer")), pk=pk
    )
    rejected = Paginator(record.rejected_rows.all(), 50).get_page(request.GET.get("page"))
    labels = {name: spec["label"] for name, spec in field_names().items()}
    return render(
        request,
        "spend/import_detail.html",
        {
            "record": record,
            "page": rejected,
            "mapping": [(labels.get(k, k), v) for k, v in record.mapping.items()],
            "query": "",
        },
    )


@allow(BUYERS)
def rejected_csv(request, pk):
    record = get_object_or_404(_visible(request, SpendImport.objects.all()), pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rejected-rows-{record.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["row", "reason", "cells"])
    for row in record.rejected_rows.all():
        writer.writerow([row.row_number, row.reason, *row.cells])
    return response
