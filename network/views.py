from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core import panels
from core.permissions import (
    ANCHOR_ADMINS,
    ANYONE,
    COORDINATORS,
    MEMBERS,
    Role,
    allow,
    can_manage_organisation,
    role_of,
)
from network.forms import (
    ChampionForm,
    ChampionSearchForm,
    OperatingSiteForm,
    OrganisationForm,
    OrganisationSearchForm,
)
from network.managing import managed_organisation
from network.models import ANCHOR_KINDS, SUPPLIER_KINDS, Champion, OperatingSite, Organisation

PAGE_SIZE = 25


def _search_results(request, template, form, results):
    """A page of results; `query` keeps the filters for the pagination links."""
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})


@allow(ANYONE)
def organisation_list(request):
    form = OrganisationSearchForm(request.GET or None)
    organisations = Organisation.objects.prefetch_related("sectors").annotate(
        champion_count=Count("champions")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            organisations = organisations.filter(
                Q(name__icontains=data["q"]) | Q(description__icontains=data["q"])
            )
        if data["group"] == "anchors":
            organisations = organisations.anchors()
        elif data["group"] == "suppliers":
            organisations = organisations.suppliers()
        if data["sector"]:
            organisations = organisations.filter(sectors=data["sector"])
        if data["members_only"]:
            organisations = organisations.network_members()
    return _search_results(
        request, "network/organisation_list.html", form, organisations.order_by("name")
    )


@allow(ANYONE)
def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.prefetch_related("sectors", "sites", "champions__sectors"), slug=slug
    )
    context = {
        "organisation": organisation,
        "can_manage": can_manage_organisation(request.user, organisation),
        "cases": [],
    }
    # What apps above the network show here (the case library: published cases naming it).
    context |= panels.gather("organisation_page", request.user, organisation)
    return render(request, "network/organisation_detail.html", context)


@allow(COORDINATORS)
def organisation_create(request):
    form = OrganisationForm(request.POST or None, coordinator=True)
    form.helper.inputs[0].value = "Add organisation"
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, f"{organisation.name} has been added to the directory.")
        return redirect(organisation)
    return render(
        request, "network/organisation_form.html", {"form": form, "heading": "Add an organisation"}
    )


@allow(MEMBERS)
def organisation_edit(request, slug):
    organisation = managed_organisation(request, slug)
    # Nobody turns a supplier into an anchor or the reverse here; coordinators also set membership.
    form = OrganisationForm(
        request.POST or None,
        instance=organisation,
        kinds=ANCHOR_KINDS if organisation.is_anchor else SUPPLIER_KINDS,
        coordinator=role_of(request.user) is Role.COORDINATOR,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Organisation details saved.")
        return redirect(organisation)
    return render(
        request,
        "network/organisation_form.html",
        {"form": form, "organisation": organisation, "heading": f"Edit {organisation.name}"},
    )


@allow(MEMBERS)
def site_add(request, slug):
    organisation = managed_organisation(request, slug)
    form = OperatingSiteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        site = form.save(commit=False)
        site.organisation = organisation
        site.save()
        messages.success(request, f"Site {site.name} added.")
        return redirect(organisation)
    return render(
        request,
        "network/site_form.html",
        {"form": form, "organisation": organisation, "heading": "Add a site"},
    )


@allow(MEMBERS)
@require_POST
def site_delete(request, slug, pk):
    organisation = managed_organisation(request, slug)
    site = get_object_or_404(OperatingSite, pk=pk, organisation=organisation)
    site.delete()
    messages.success(request, f"Site {site.name} removed.")
    return redirect(organisation)


@allow(ANYONE)
def champion_list(request):
    form = ChampionSearchForm(request.GET or None)
    champions = Champion.objects.select_related("organisation").prefetch_related("sectors")
    if form.is_valid() and form.cleaned_data["sector"]:
        champions = champions.filter(sectors=form.cleaned_data["sector"])
    return _search_results(request, "network/champion_list.html", form, champions)


@allow(ANCHOR_ADMINS)
def champion_create(request, slug):
    organisation = managed_organisation(request, slug)
    if not organisation.is_anchor:
        raise PermissionDenied("Champions belong to anchor institutions.")
    form = ChampionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            champion = form.save(commit=False)
            champion.organisation = organisation
            champion.save()
            form.save_m2m()
        messages.success(request, f"{champion.name} is now listed as a champion.")
        return redirect(organisation)
    return render(
        request,
        "network/champion_form.html",
        {"form": form, "organisation": organisation, "heading": "Add a champion"},
    )


def _managed_champion(request, pk) -> Champion:
    champion = get_object_or_404(Champion.objects.select_related("organisation"), pk=pk)
    if not can_manage_organisation(request.user, champion.organisation):
        raise PermissionDenied("Only this anchor's administrators can change its champions.")
    return champion


@allow(ANCHOR_ADMINS)
def champion_edit(request, pk):
    champion = _managed_champion(request, pk)
    form = ChampionForm(request.POST or None, instance=champion)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Champion details saved.")
        return redirect(champion.organisation)
    return render(
        request,
        "network/champion_form.html",
        {
            "form": form,
            "organisation": champion.organisation,
            "champion": champion,
            "heading": "Change champion",
        },
    )


@allow(ANCHOR_ADMINS)
def champion_delete(request, pk):
    champion = _managed_champion(request, pk)
    if request.method == "POST":
        champion.delete()
        messages.success(request, f"{champion.name} is no longer listed as a champion.")
        return redirect(champion.organisation)
    return render(request, "network/champion_confirm_delete.html", {"champion": champion})
