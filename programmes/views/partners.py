"""A programme's partners: added, changed and removed by coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from core.permissions import COORDINATORS, allow
from programmes.forms import PartnerForm
from programmes.models import Partner
from programmes.views.common import MANAGE, posted, programme_for


def _back(programme) -> str:
    return programme.get_absolute_url() + "#partners"


@allow(COORDINATORS)
def partner_add(request, slug):
    programme = programme_for(request, slug, MANAGE)
    form = PartnerForm(posted(request), programme=programme)
    if request.method == "POST" and form.is_valid():
        partner = form.save()
        messages.success(request, f"{partner.display_name} is a partner.")
        return redirect(_back(programme))
    return render(
        request,
        "programmes/programme_form.html",
        {
            "form": form,
            "heading": "Add a partner",
            "caption": programme.title,
            "back_url": _back(programme),
        },
    )


@allow(COORDINATORS)
def partner_edit(request, slug, pk):
    programme = programme_for(request, slug, MANAGE)
    partner = get_object_or_404(Partner, pk=pk, programme=programme)
    form = PartnerForm(posted(request), instance=partner, programme=programme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{partner.display_name}'s record is saved.")
        return redirect(_back(programme))
    return render(
        request,
        "programmes/programme_form.html",
        {
            "form": form,
            "heading": "Change a partner",
            "caption": programme.title,
            "back_url": _back(programme),
        },
    )


@allow(COORDINATORS)
def partner_remove(request, slug, pk):
    programme = programme_for(request, slug, MANAGE)
    partner = get_object_or_404(
        Partner.objects.select_related("organisation"), pk=pk, programme=programme
    )
    problem = ""
    if request.method == "POST":
        name = partner.display_name
        try:
            partner.delete()
        except ProtectedError:
            problem = (
                f"{name} has records in other parts of the programme (such as commitments): "
                "remove those first"
            )
        else:
            messages.success(request, f"{name} is no longer a partner.")
            return redirect(_back(programme))
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "programmes/partner_remove.html",
        {"programme": programme, "partner": partner, "problem": problem},
        status=409 if problem else 200,
    )
