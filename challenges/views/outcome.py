"""Outcome and adoption: the owners record the route used, the award and the later notices'
ocid; other anchors record that they adopted the solution."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from challenges import access, rules, services
from challenges.forms import AdoptionForm, OutcomeForm
from core.permissions import BUYERS, allow

CanAdopt = rules.CanAdopt


@allow(BUYERS)
def outcome(request, reference):
    challenge = access.managed(request.user, reference)
    refusal = rules.outcome_refusal(challenge.status)
    if refusal:
        raise PermissionDenied(refusal)
    form = OutcomeForm(request.POST or None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Outcome saved.")
        return redirect(f"{challenge.get_absolute_url()}#outcome")
    return render(
        request,
        "challenges/outcome.html",
        {
            "form": form,
            "challenge": challenge,
            "heading": "Record the outcome",
            "candidates": services.candidate_processes(challenge),
        },
    )


@allow(rules.ANCHOR_BUYERS)
def adopt(request, reference):
    challenge = access.viewable(request.user, reference)
    organisation = request.user.organisation
    answer = access.can_adopt(request.user, challenge)
    if answer is CanAdopt.OWNS_IT:
        raise PermissionDenied("Your organisation owns this challenge; adoption is by others.")
    if answer is CanAdopt.NOT_AWARDED:
        messages.error(request, "A solution can be adopted once the challenge has been awarded.")
        return redirect(challenge)
    if answer is CanAdopt.ALREADY_RECORDED:
        messages.info(request, f"{organisation.name} has already recorded its adoption.")
        return redirect(f"{challenge.get_absolute_url()}#spread")
    if answer is not CanAdopt.YES:
        raise PermissionDenied("Adoption is recorded by the buyers of another anchor.")
    form = AdoptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        adoption = form.save(commit=False)
        adoption.challenge = challenge
        adoption.organisation = organisation
        adoption.recorded_by = request.user
        adoption.save()
        messages.success(request, f"Adoption by {organisation.name} recorded.")
        return redirect(f"{challenge.get_absolute_url()}#spread")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Record that you adopted this solution",
            "caption": challenge.title,
            "back_url": challenge.get_absolute_url(),
        },
    )
