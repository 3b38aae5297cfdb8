"""The costing page: budget lines by year, their allocations to named sources, totals and gaps by
year, optimism bias and present value (the Green Book engine of the invest-to-save calculator);
downloads; budget lines, allocations and the settings changed by coordinators."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from cases import greenbook
from core.downloads import table_download
from core.formatting import pounds
from core.permissions import ANYONE, COORDINATORS, allow
from programmes import access, money
from programmes.models import (
    BidStatus,
    BudgetAllocation,
    BudgetLine,
    BudgetLineYear,
    Contribution,
    CostingSettings,
    FundingSource,
)
from programmes.money_forms import AllocationForm, BudgetLineForm, CostingSettingsForm
from programmes.money_views import figures, managed_programme, visible_programme


@allow(ANYONE)
def costing(request, slug):
    programme = visible_programme(request, slug)
    costed = figures.costing_of(programme)
    appraisal = costed.costing.appraisal
    return render(
        request,
        "programmes/costing.html",
        {
            "programme": programme,
            "costed": costed,
            "found": costed.costing,
            "appraisal": appraisal,
            "budget": figures.budget_table(costed),
            "gaps": figures.gaps_table(costed),
            "categories_table": figures.categories_table(costed),
            "allocations": [
                (
                    line,
                    [(a, figures.source_name(a), pounds(a.amount)) for a in line.allocations.all()],
                )
                for line in costed.lines
            ],
            "shown": {
                "undiscounted": pounds(appraisal.undiscounted),
                "secured": pounds(costed.costing.total_secured),
                "gap": pounds(costed.costing.total_gap),
                "with_bias": pounds(appraisal.with_optimism_bias),
                "present_value": pounds(appraisal.present_value),
                "bias": f"{Decimal(costed.settings.optimism_bias_percent).normalize():f}%",
            },
            "bounds": greenbook.optimism_bias_bounds(),
            "manages": access.can_manage(request.user, programme),
            "download_base": reverse("programmes:costing", args=[programme.slug]) + "download/",
        },
    )


@allow(ANYONE)
def costing_download(request, slug, table, fmt):
    programme = visible_programme(request, slug)
    if table not in figures.COSTING_TABLES or fmt not in ("csv", "xlsx"):
        raise Http404("No such table")
    chosen = figures.costing_tables(programme)[table]
    return table_download(chosen, f"{programme.slug}-costing-{table}", fmt)


def _years(programme, line=None) -> list[int]:
    existing = [y.financial_year for y in line.years.all()] if line else []
    return money.programme_years(
        programme.starts_on, programme.ends_on, timezone.localdate(), existing
    )


def _form_page(request, programme, form, heading, caption=None):
    return render(
        request,
        "programmes/costing_form.html",
        {
            "form": form,
            "heading": heading,
            "caption": caption or programme.title,
            "back_url": reverse("programmes:costing", args=[programme.slug]),
        },
    )


def _save_line(form, programme) -> BudgetLine:
    with transaction.atomic():
        line = form.save(commit=False)
        line.programme = programme
        if line.pk is None:
            line.position = programme.budget_lines.count()
        line.save()
        line.years.all().delete()
        BudgetLineYear.objects.bulk_create(
            BudgetLineYear(line=line, financial_year=y, amount=a)
            for y, a in form.year_amounts().items()
        )
    return line


@allow(COORDINATORS)
def line_add(request, slug):
    programme = managed_programme(request, slug)
    form = BudgetLineForm(
        request.POST if request.method == "POST" else None, years=_years(programme)
    )
    if request.method == "POST" and form.is_valid():
        line = _save_line(form, programme)
        messages.success(request, f"“{line.description}” is added to the budget.")
        return redirect("programmes:costing", programme.slug)
    return _form_page(request, programme, form, "Add a budget line")


@allow(COORDINATORS)
def line_edit(request, slug, pk):
    programme = managed_programme(request, slug)
    line = get_object_or_404(BudgetLine, pk=pk, programme=programme)
    form = BudgetLineForm(
        request.POST if request.method == "POST" else None,
        instance=line,
        years=_years(programme, line),
    )
    if request.method == "POST" and form.is_valid():
        _save_line(form, programme)
        messages.success(request, f"“{line.description}” is saved.")
        return redirect("programmes:costing", programme.slug)
    return _form_page(request, programme, form, "Change a budget line")


def _sources(programme) -> list[tuple[str, str]]:
    """Contributions of every status, and bids not declined, as named choices."""
    contributions = Contribution.objects.filter(programme=programme).select_related(
        "partner__organisation"
    )
    bids = FundingSource.objects.filter(programme=programme).exclude(status=BidStatus.DECLINED)
    return (
        [("", "Choose a source")]
        + [
            (
                f"c{c.pk}",
                f"{c.partner.display_name}: {c.description} ({c.get_status_display().lower()})",
            )
            for c in contributions
        ]
        + [(f"f{b.pk}", f"{b.funder}: {b.scheme} ({b.get_status_display().lower()})") for b in bids]
    )


@allow(COORDINATORS)
def allocation_add(request, slug, pk):
    programme = managed_programme(request, slug)
    line = get_object_or_404(BudgetLine, pk=pk, programme=programme)
    years = [y.financial_year for y in line.years.all()] or _years(programme)
    form = AllocationForm(
        request.POST if request.method == "POST" else None, years=years, sources=_sources(programme)
    )
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        BudgetAllocation.objects.create(
            line=line,
            financial_year=form.cleaned_data["financial_year"],
            contribution_id=int(source[1:]) if source.startswith("c") else None,
            funding_source_id=int(source[1:]) if source.startswith("f") else None,
            amount=form.cleaned_data["amount"],
        )
        messages.success(request, f"The allocation to “{line.description}” is added.")
        return redirect("programmes:costing", programme.slug)
    return _form_page(
        request, programme, form, "Fund part of a budget line", caption=line.description
    )


@allow(COORDINATORS)
@require_POST
def allocation_delete(request, slug, pk):
    programme = managed_programme(request, slug)
    found = get_object_or_404(BudgetAllocation, pk=pk, line__programme=programme)
    found.delete()
    messages.success(request, "The allocation is removed.")
    return redirect("programmes:costing", programme.slug)


@allow(COORDINATORS)
def costing_settings(request, slug):
    programme = managed_programme(request, slug)
    settings = CostingSettings.objects.filter(programme=programme).first() or CostingSettings(
        programme=programme
    )
    years = sorted(
        set(
            BudgetLineYear.objects.filter(line__programme=programme).values_list(
                "financial_year", flat=True
            )
        )
        | set(_years(programme))
    )
    form = CostingSettingsForm(
        request.POST if request.method == "POST" else None, instance=settings, years=years
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The optimism bias and year 0 are saved.")
        return redirect("programmes:costing", programme.slug)
    return _form_page(request, programme, form, "Optimism bias and discounting")
