"""Funding bids for match and levered funding: added, changed and moved on (identified →
applying → awarded or declined, each move confirmed and dated) by coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from core.permissions import COORDINATORS, allow
from programmes import money
from programmes.models import BidStatus, FundingSource
from programmes.money_forms import STATUS_LABELS, AwardForm, FundingSourceForm, MoveForm
from programmes.money_views import managed_programme


def _form_page(request, programme, form, heading):
    return render(
        request,
        "programmes/funding_form.html",
        {
            "form": form,
            "heading": heading,
            "caption": programme.title,
            "back_url": reverse("programmes:funding", args=[programme.slug]) + "#bids",
        },
    )


@allow(COORDINATORS)
def bid_add(request, slug):
    programme = managed_programme(request, slug)
    form = FundingSourceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        bid = form.save(commit=False)
        bid.programme = programme
        bid.identified_on = timezone.localdate()
        bid.save()
        messages.success(request, f"{bid} is added as identified.")
        return redirect("programmes:funding", programme.slug)
    return _form_page(request, programme, form, "Add a funding source")


@allow(COORDINATORS)
def bid_edit(request, slug, pk):
    programme = managed_programme(request, slug)
    bid = get_object_or_404(FundingSource, pk=pk, programme=programme)
    form = FundingSourceForm(request.POST if request.method == "POST" else None, instance=bid)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{bid} is saved.")
        return redirect("programmes:funding", programme.slug)
    return _form_page(request, programme, form, "Change a funding source")


@allow(COORDINATORS)
def bid_move(request, slug, pk):
    """`?to=` the next status (the first one when not given); awarded asks the amount."""
    programme = managed_programme(request, slug)
    bid = get_object_or_404(FundingSource, pk=pk, programme=programme)
    following = money.next_statuses(money.BID_MOVES, bid.status)
    if not following:
        raise PermissionDenied(f"This bid is {bid.get_status_display().lower()}: it is final.")
    to = request.GET.get("to") or following[0]
    if to not in following:
        to = following[0]
    form_class = AwardForm if to == BidStatus.AWARDED else MoveForm
    extra = {"largest": bid.amount_max} if to == BidStatus.AWARDED else {}
    form = form_class(
        request.POST if request.method == "POST" else None,
        to_label=STATUS_LABELS[to],
        not_before=getattr(bid, f"{bid.status}_on", None),
        **extra,
    )
    if request.method == "POST" and form.is_valid():
        bid.status = to
        setattr(bid, f"{to}_on", form.cleaned_data["on"])
        if to == BidStatus.AWARDED:
            bid.amount_awarded = form.cleaned_data["amount"]
        bid.save()
        messages.success(request, f"{bid} is {STATUS_LABELS[to].lower()}.")
        return redirect("programmes:funding", programme.slug)
    return render(
        request,
        "programmes/funding_move.html",
        {
            "form": form,
            "programme": programme,
            "what": str(bid),
            "now": bid.get_status_display(),
            "to": STATUS_LABELS[to],
            "explain": "Awarded funding counts as external funding secured in the funding "
            "position and the leverage ratio; a declined bid counts towards nothing.",
        },
    )
