"""The feasibility appraisal: options considered (one recommended, with why) and the decision
taken on it, recorded by coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect

from core.permissions import COORDINATORS, allow
from programmes.forms import DecisionForm, OptionForm
from programmes.models import AppraisalOption
from programmes.views.common import MANAGE, form_page, posted, programme_for


def _back(programme) -> str:
    return programme.get_absolute_url() + "#appraisal"


def _page(request, programme, form, heading):
    return form_page(request, programme, form, heading, _back(programme))


@allow(COORDINATORS)
def option_add(request, slug):
    programme = programme_for(request, slug, MANAGE)
    form = OptionForm(posted(request), programme=programme)
    if request.method == "POST" and form.is_valid():
        option = form.save()
        messages.success(request, f"The option “{option.name}” is added to the appraisal.")
        return redirect(_back(programme))
    return _page(request, programme, form, "Add an option to the appraisal")


@allow(COORDINATORS)
def option_edit(request, slug, pk):
    programme = programme_for(request, slug, MANAGE)
    option = get_object_or_404(AppraisalOption, pk=pk, programme=programme)
    form = OptionForm(posted(request), instance=option, programme=programme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"The option “{option.name}” is saved.")
        return redirect(_back(programme))
    return _page(request, programme, form, "Change an option")


@allow(COORDINATORS)
def decision(request, slug):
    programme = programme_for(request, slug, MANAGE)
    taken = getattr(programme, "decision", None)
    form = DecisionForm(posted(request), instance=taken, programme=programme)
    if request.method == "POST" and form.is_valid():
        made = form.save(commit=False)
        made.recorded_by = request.user
        made.save()
        messages.success(request, "The decision is recorded.")
        return redirect(_back(programme))
    return _page(request, programme, form, "Record the decision")
