"""A programme's risk register: risks added and changed by contributors (coordinators and the
administrators of a partner anchor)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from core.permissions import ANCHOR_ADMINS, allow
from programmes import record_rules
from programmes.forms import RiskForm
from programmes.models import Risk
from programmes.views.common import CONTRIBUTE, posted, programme_for


def _back(programme) -> str:
    return programme.get_absolute_url() + "#risks"


def _page(request, programme, form, heading):
    return render(
        request,
        "programmes/risk_form.html",
        {
            "form": form,
            "heading": heading,
            "caption": programme.title,
            "back_url": _back(programme),
            "bands": record_rules.risk_bands(),
        },
    )


@allow(ANCHOR_ADMINS)
def risk_add(request, slug):
    programme = programme_for(request, slug, CONTRIBUTE)
    form = RiskForm(posted(request), programme=programme)
    if request.method == "POST" and form.is_valid():
        risk = form.save()
        messages.success(
            request, f"The risk “{risk.title}” is added: score {risk.score}, {risk.band.label}."
        )
        return redirect(_back(programme))
    return _page(request, programme, form, "Add a risk")


@allow(ANCHOR_ADMINS)
def risk_edit(request, slug, pk):
    programme = programme_for(request, slug, CONTRIBUTE)
    risk = get_object_or_404(Risk, pk=pk, programme=programme)
    form = RiskForm(posted(request), instance=risk, programme=programme)
    if request.method == "POST" and form.is_valid():
        risk = form.save()
        messages.success(
            request, f"The risk “{risk.title}” is saved: score {risk.score}, {risk.band.label}."
        )
        return redirect(_back(programme))
    return _page(request, programme, form, "Change a risk")
