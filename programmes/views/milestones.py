"""A programme's milestones: added and changed by coordinators; their status updated by
contributors too (the administrators of a partner anchor)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect

from core.permissions import ANCHOR_ADMINS, COORDINATORS, allow
from programmes.forms import MilestoneForm, MilestoneStatusForm
from programmes.models import Milestone
from programmes.views.common import CONTRIBUTE, MANAGE, form_page, posted, programme_for


def _back(programme) -> str:
    return programme.get_absolute_url() + "#milestones"


def _page(request, programme, form, heading):
    return form_page(request, programme, form, heading, _back(programme))


@allow(COORDINATORS)
def milestone_add(request, slug):
    programme = programme_for(request, slug, MANAGE)
    form = MilestoneForm(posted(request), programme=programme)
    if request.method == "POST" and form.is_valid():
        milestone = form.save()
        messages.success(request, f"The milestone “{milestone.title}” is added.")
        return redirect(_back(programme))
    return _page(request, programme, form, "Add a milestone")


@allow(COORDINATORS)
def milestone_edit(request, slug, pk):
    programme = programme_for(request, slug, MANAGE)
    milestone = get_object_or_404(Milestone, pk=pk, programme=programme)
    form = MilestoneForm(posted(request), instance=milestone, programme=programme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"The milestone “{milestone.title}” is saved.")
        return redirect(_back(programme))
    return _page(request, programme, form, "Change a milestone")


@allow(ANCHOR_ADMINS)
def milestone_status(request, slug, pk):
    programme = programme_for(request, slug, CONTRIBUTE)
    milestone = get_object_or_404(Milestone, pk=pk, programme=programme)
    form = MilestoneStatusForm(posted(request), instance=milestone)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, f"“{milestone.title}” is {milestone.get_status_display().lower()}."
        )
        return redirect(_back(programme))
    return _page(request, programme, form, f"Update “{milestone.title}”")
