"""A supplier's capabilities and the opportunities recommended from them."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from core.permissions import Role, allow, can_manage_organisation
from opportunities import capability_profile
from opportunities.forms import (
    CapabilitiesForm,
    SetupAreasForm,
    SetupCapacityForm,
    SetupSizeForm,
    SetupWorkForm,
)
from opportunities.matching import limit
from opportunities.models import SupplierProfile
from opportunities.recommend import recommendations


def profile_for(user) -> SupplierProfile | None:
    if user.organisation_id is None:
        return None
    return SupplierProfile.objects.filter(organisation_id=user.organisation_id).first()


@allow({Role.SUPPLIER})
def capabilities(request):
    organisation = request.user.organisation
    profile = profile_for(request.user) or SupplierProfile(organisation=organisation)
    if request.method == "POST" and not can_manage_organisation(request.user, organisation):
        raise PermissionDenied(
            "Only your organisation's administrators can change its capabilities."
        )
    initial = {
        "cpv_codes": ", ".join(profile.cpv_codes),
        "keywords": ", ".join(profile.keywords),
        "areas": ", ".join(profile.areas),
        "max_contract_value": profile.max_contract_value,
        "accreditations": ", ".join(profile.accreditations),
        "alerts_enabled": profile.alerts_enabled,
        "network_areas": [area.pk for area in profile.network_areas.all()] if profile.pk else [],
    }
    form = CapabilitiesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("network_areas")
        for name, value in data.items():
            setattr(profile, name, value)
        profile.save()
        profile.network_areas.set(chosen)
        messages.success(request, "Capabilities saved. Your recommendations are up to date.")
        return redirect("opportunities:recommended")
    return render(
        request,
        "opportunities/capabilities.html",
        {
            "form": form,
            "heading": f"What {organisation.name} can do",
            "can_edit": can_manage_organisation(request.user, organisation),
        },
    )


@allow({Role.SUPPLIER})
def recommended_list(request):
    profile = profile_for(request.user)
    found = recommendations(profile) if profile else None
    missing = (
        [step for step in steps_for(request.user.organisation)[1:] if not step.answered(profile)]
        if profile
        else []
    )
    return render(
        request,
        "opportunities/recommended.html",
        {
            "profile": profile,
            "matches": found.fitting[:50] if found else [],
            "too_large": found.too_large[:20] if found else [],
            "missing": missing,
            "stretch_ratio": limit("stretch_ratio"),
            "questions": len(steps_for(request.user.organisation)),
        },
    )


# The guided set-up: a new supplier answers a few short questions, one a page, and ends on its
# recommendations. Each answer is saved as it is given, so leaving half-way keeps what was said.


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[forms.Form]
    title: str  # the page's title, and how the recommendations page names a missing answer
    fields: tuple[str, ...]

    def answered(self, profile: SupplierProfile | None) -> bool:
        if profile is None:
            return False
        answers = capability_profile.of(profile, profile.organisation)
        return capability_profile.answered(answers, self.slug)


STEPS = [
    Step(capability_profile.WHAT_YOU_DO, SetupWorkForm, "What you do", ("keywords", "cpv_codes")),
    Step(
        capability_profile.LARGEST_CONTRACT,
        SetupCapacityForm,
        "The largest contract you could take on",
        ("max_contract_value",),
    ),
    Step(
        capability_profile.AREAS,
        SetupAreasForm,
        "Where you deliver work",
        ("areas", "network_areas"),
    ),
    Step(capability_profile.SIZE, SetupSizeForm, "How many people work for you", ("size_band",)),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}
MANY = {"network_areas"}  # many-to-many answers: set after the profile is saved


def steps_for(organisation, current: Step | None = None) -> list[Step]:
    """The questions to ask: not the size when registering gave the headcount it comes from
    (unless the supplier came to change it)."""
    if organisation.staff_headcount is None or current is STEP_BY_SLUG["size"]:
        return STEPS
    return [step for step in STEPS if step.slug != "size"]


def _initial(step: Step, profile: SupplierProfile | None, organisation) -> dict:
    if step.fields == ("size_band",):
        return {"size_band": organisation.size_band or None}
    if profile is None:
        return {}
    values = {name: getattr(profile, name) for name in step.fields if name not in MANY}
    initial = {
        name: ", ".join(value) if isinstance(value, list) else value
        for name, value in values.items()
    }
    if "network_areas" in step.fields:
        initial["network_areas"] = [area.pk for area in profile.network_areas.all()]
    return initial


@transaction.atomic
def _save(step: Step, data: dict, organisation) -> None:
    if step.fields == ("size_band",):
        organisation.size_band = data["size_band"]
        organisation.save(update_fields=["size_band"])
        return
    profile, _ = SupplierProfile.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    for name in step.fields:
        if name not in MANY:
            setattr(profile, name, data[name])
    profile.save()
    for name in MANY & set(step.fields):
        getattr(profile, name).set(data[name])


@allow({Role.SUPPLIER})
def capabilities_setup(request):
    """Where the set-up starts: its first question."""
    return redirect("opportunities:capabilities_setup_step", step=STEPS[0].slug)


@allow({Role.SUPPLIER})
def capabilities_setup_step(request, step: str):
    current = STEP_BY_SLUG.get(step)
    if current is None:
        raise Http404("There is no such step in setting up your capabilities.")
    organisation = request.user.organisation
    profile = profile_for(request.user)
    steps = steps_for(organisation, current)
    number = steps.index(current) + 1
    if profile is None and number > 1:  # what you do comes first: nothing matches without it
        return redirect("opportunities:capabilities_setup_step", step=STEPS[0].slug)
    can_edit = can_manage_organisation(request.user, organisation)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(
            "Only your organisation's administrators can set up its capabilities."
        )
    form = current.form(
        request.POST if request.method == "POST" else None,  # an empty answer is still one
        initial=_initial(current, profile, organisation),
        organisation_name=organisation.name,
    )
    if request.method == "POST" and form.is_valid():
        _save(current, form.cleaned_data, organisation)
        if number < len(steps):
            return redirect("opportunities:capabilities_setup_step", step=steps[number].slug)
        messages.success(
            request,
            "Your capabilities are set up. These are the opportunities that fit them; "
            "change them at any time from this page.",
        )
        return redirect("opportunities:recommended")
    back = (
        reverse("opportunities:capabilities_setup_step", kwargs={"step": steps[number - 2].slug})
        if number > 1
        else reverse("opportunities:recommended")
    )
    return render(
        request,
        "opportunities/capability_setup.html",
        {
            "form": form,
            "step": current,
            "number": number,
            "of": len(steps),
            "back_url": back,
            "can_edit": can_edit,
            "organisation": organisation,
        },
    )
