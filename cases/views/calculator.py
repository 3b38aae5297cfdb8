"""The invest-to-save calculator's pages: the calculation (Green Book figures from greenbook.py)
with its chart and CSV download, and saving it (a `Calculation`) on its own, on a case or on a
challenge."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cases import greenbook, services
from cases.forms import CalculatorForm
from cases.models import Calculation, Case
from challenges.access import can_view
from challenges.models import Challenge
from core import csvfile
from core.downloads import attachment
from core.formatting import pounds
from core.params import LARGEST_ID, whole_number
from core.permissions import ANYONE, MEMBERS, allow


def _saved_targets(user):
    """Cases and challenges this user may attach a calculation to."""
    if not getattr(user, "is_authenticated", False):
        return [], []
    cases = [c for c in Case.objects.visible_to(user) if services.can_edit(user, c)]
    challenges = list(Challenge.objects.managed_by(user).select_related("owner"))
    return cases, challenges


@allow(ANYONE)
def calculator(request):
    saved = None
    calculation = whole_number(
        request.GET.get("calculation"), name="calculation", minimum=1, maximum=LARGEST_ID
    )
    if calculation:
        saved = get_object_or_404(Calculation, pk=calculation)
        if not _may_see_calculation(request.user, saved):
            raise Http404("No such calculation")
        form = CalculatorForm(
            CalculatorForm.data_from(saved.lines, saved.project_type, saved.name),
            rows=len(saved.lines) + 3,
        )
    else:
        rows = CalculatorForm.requested_rows(request.GET.get("rows"))
        form = CalculatorForm(request.GET or None, rows=rows)
    result = None
    if form.is_bound and form.is_valid():
        result = greenbook.calculate(form.cleaned_data["lines"], form.cleaned_data["project_type"])
        if request.GET.get("format") == "csv":
            return _calculation_csv(result)
    cases, challenges = _saved_targets(request.user)
    return render(
        request,
        "cases/calculator.html",
        {
            "form": form,
            "result": result,
            "chart": _chart(result) if result else None,
            "query": request.GET.urlencode(),
            "cases": cases,
            "challenges": challenges,
            "saved": saved,
            "kinds": greenbook.KINDS,
        },
    )


def _may_see_calculation(user, calculation) -> bool:
    if calculation.case_id:
        return Case.objects.visible_to(user).filter(pk=calculation.case_id).exists()
    if calculation.challenge_id:
        challenge = calculation.challenge
        return can_view(user, challenge)
    return getattr(user, "is_authenticated", False) and calculation.created_by_id == user.pk


@allow(MEMBERS)
@require_POST
def calculator_save(request):
    form = CalculatorForm(
        request.POST, rows=CalculatorForm.requested_rows(request.POST.get("rows"))
    )
    if not form.is_valid():
        messages.error(request, "The calculation has errors: correct them, then save.")
        return redirect(f"{reverse('cases:calculator')}?{_form_query(request.POST)}")
    target = request.POST.get("target", "")
    cases, challenges = _saved_targets(request.user)
    calculation = Calculation(
        name=form.cleaned_data.get("name") or "Invest-to-save calculation",
        project_type=form.cleaned_data["project_type"],
        lines=[
            {
                "holder": line.holder,
                "kind": line.kind,
                "year": line.year,
                "amount": str(line.amount),
            }
            for line in form.cleaned_data["lines"]
        ],
        created_by=request.user,
    )
    if target.startswith("case:"):
        calculation.case = next((c for c in cases if str(c.pk) == target[5:]), None)
        if calculation.case is None:
            raise PermissionDenied(
                "You can save calculations only to cases your organisation submitted."
            )
    elif target.startswith("challenge:"):
        calculation.challenge = next((c for c in challenges if str(c.pk) == target[10:]), None)
        if calculation.challenge is None:
            raise PermissionDenied("You can save calculations only to challenges you manage.")
    calculation.save()
    messages.success(request, f"Calculation “{calculation.name}” saved.")
    return redirect(f"{reverse('cases:calculator')}?calculation={calculation.pk}")


def _form_query(data) -> str:
    query = data.copy()
    query.pop("csrfmiddlewaretoken", None)
    query.pop("target", None)
    return query.urlencode()


def _calculation_csv(result: greenbook.Result) -> HttpResponse:
    out = io.StringIO()
    writer = csvfile.Writer(out)
    writer.writerow(
        [
            "Year",
            "Costs",
            "Costs with optimism bias",
            "Savings",
            "Net",
            "Discount factor",
            "Present value",
            "Cumulative present value",
        ]
    )
    for row in result.rows:
        writer.writerow(
            [
                row["year"],
                f"{row['costs']:.2f}",
                f"{row['costs_with_bias']:.2f}",
                f"{row['savings']:.2f}",
                f"{row['net']:.2f}",
                f"{row['discount_factor']:.4f}",
                f"{row['present_value']:.2f}",
                f"{row['cumulative_present_value']:.2f}",
            ]
        )
    writer.writerow([])
    writer.writerow(["Budget holder", "Present value of costs", "Present value of savings", "NPV"])
    for holder in result.holders:
        writer.writerow(
            [
                holder.holder,
                f"{holder.pv_costs:.2f}",
                f"{holder.pv_savings:.2f}",
                f"{holder.npv:.2f}",
            ]
        )
    writer.writerow(
        [
            "Whole public sector",
            f"{result.pv_costs:.2f}",
            f"{result.pv_savings:.2f}",
            f"{result.npv:.2f}",
        ]
    )
    writer.writerow([])
    writer.writerow(["Savings change", "NPV"])
    for point in result.sensitivity:
        writer.writerow([f"{point['savings_change']:+.0%}", f"{point['npv']:.2f}"])
    return attachment(out.getvalue(), "invest-to-save.csv")


def _chart(result: greenbook.Result) -> dict:
    """Bars of NPV by budget holder (the whole public sector last), drawn left of or right of a
    zero line, for an SVG hidden from screen readers with the table beside it."""
    bars = [(h.holder, h.npv) for h in result.holders] + [("Whole public sector", result.npv)]
    top = max((abs(v) for _, v in bars), default=0) or 1
    half = 200
    rows = []
    for i, (label, value) in enumerate(bars):
        width = round(half * abs(value) / top, 1)
        rows.append(
            {
                "label": label,
                "shown": pounds(value),
                "x": 260 + half if value >= 0 else 260 + half - width,
                "width": width,
                "negative": value < 0,
                "y": 28 * i,
                "value_x": 260 + half + (width + 6 if value >= 0 else 6),
            }
        )
    return {"rows": rows, "height": 28 * len(rows), "zero": 260 + half}
