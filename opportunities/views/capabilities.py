"""A supplier's capabilities and the opportunities recommended from them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from core.permissions import Role, allow, can_manage_organisation
from opportunities.forms import CapabilitiesForm
from opportunities.models import SupplierProfile
from opportunities.recommend import recommended


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
    }
    form = CapabilitiesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        for name, value in form.cleaned_data.items():
            setattr(profile, name, value)
        profile.save()
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
    matches = recommended(profile)[:50] if profile else []
    return render(
        request, "opportunities/recommended.html", {"profile": profile, "matches": matches}
    )
