from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core.downloads import table_download
from core.permissions import BUYERS, MEMBERS, allow
from core.roles import Role, role_of
from socialvalue import access, measures, presenting, rules
from socialvalue.forms import CommitmentForm, ContractForm
from socialvalue.models import ContractKpiResult


def _progress(contracts):
    commitments, reports = access.facts(access.commitments_of(contracts))
    return measures.all_progress(commitments, reports, timezone.localdate())


def _tables(user):
    contracts = access.visible_contracts(user)
    urls = {c.pk: reverse("socialvalue:contract", kwargs={"pk": c.pk}) for c in contracts}
    return contracts, presenting.tables(_progress(contracts), urls)


@allow(MEMBERS)
def commitments(request):
    contracts, tables = _tables(request.user)
    role = role_of(request.user)
    return render(
        request,
        "socialvalue/commitments.html",
        {
            "contracts": contracts,
            "tables": [tables[name] for name in presenting.TABLES],
            "may_add": role in BUYERS,
            "is_supplier": role is Role.SUPPLIER,
            "grace_days": measures.GRACE_DAYS,
            "download_base": "/social-value/download/",
        },
    )


@allow(MEMBERS)
def download(request, table, fmt):
    if table not in presenting.TABLES or fmt not in {"csv", "xlsx"}:
        raise Http404("No such table")
    _contracts, tables = _tables(request.user)
    return table_download(tables[table], f"social-value-{table}", fmt)


@allow(MEMBERS)
def contract(request, pk):
    item = access.contract_or_404(request.user, pk)
    today = timezone.localdate()
    commitments, reports = access.facts(item.commitments.all())
    progress = {p.commitment.id: p for p in measures.all_progress(commitments, reports, today)}
    rows = []
    for commitment in item.commitments.prefetch_related("reports__evidence"):
        rows.append(
            {
                "commitment": commitment,
                "progress": progress[commitment.pk],
                "reports": list(commitment.reports.all()),
                "periods": [
                    {"period": p, "words": measures.STATE_WORDS[p.state]}
                    for p in progress[commitment.pk].periods
                ],
            }
        )
    kpis = ContractKpiResult.objects.none()
    if item.ocid:
        kpis = ContractKpiResult.objects.filter(ocid=item.ocid)
        if item.contract_id:
            kpis = kpis.filter(contract_id__in=[item.contract_id, ""])
    return render(
        request,
        "socialvalue/contract.html",
        {
            "contract": item,
            "rows": rows,
            "kpis": kpis,
            "may_manage": access.may_manage(request.user, item),
            "may_report": access.may_report(request.user, item),
            "is_buyer_staff": rules.is_buyer_staff(
                role_of(request.user), access.organisation_id(request.user), item.buyer_id
            ),
            "today": today,
        },
    )


@allow(BUYERS)
def contract_add(request):
    role = role_of(request.user)
    anchor = None if role is Role.COORDINATOR else request.user.organisation
    form = ContractForm(request.POST or None, anchor=anchor)
    if request.method == "POST" and form.is_valid():
        item = form.build(request.user)
        problem = form.buyer_problem(item)
        if problem:
            form.add_error("award" if item.award_id else "buyer", problem)
        else:
            item.save()
            messages.success(request, f"{item.title} recorded. Add its commitments.")
            return redirect("socialvalue:commitment_add", pk=item.pk)
    return render(
        request,
        "socialvalue/contract_form.html",
        {"form": form, "heading": "Record a contract with social-value commitments"},
    )


@allow(BUYERS)
def commitment_add(request, pk):
    item = access.contract_or_404(request.user, pk)
    if not access.may_manage(request.user, item):
        raise PermissionDenied("Only the buyer's staff and coordinators add commitments.")
    form = CommitmentForm(
        request.POST or None, metrics=access.metrics(), proxy_set=access.proxy_set()
    )
    if not request.POST and item.starts_on:
        form.fields["period_start"].initial = item.starts_on
        form.fields["period_end"].initial = item.ends_on
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            commitment = form.save(commit=False)
            commitment.contract = item
            commitment.created_by = request.user
            commitment.save()
        messages.success(request, f"Commitment saved: {commitment}.")
        return redirect(item)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Add a commitment",
            "caption": item.title,
            "back_url": item.get_absolute_url(),
        },
    )
