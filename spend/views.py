"""Spend pages of the ledger: one anchor's figures (its own buyers and coordinators), the network
comparison (every buyer) and published summaries (everyone). Payment files (upload, column check,
imports, withdrawal) are in views_imports.py."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.confirming import Confirmation, confirmation_page, confirmed
from core.downloads import table_download
from core.formatting import fy_label
from core.params import EARLIEST_DATE, LATEST_DATE, whole_number
from core.permissions import allow
from core.roles import ANCHOR_ADMINS, ANYONE, BUYERS, Role, role_of
from network.models import Organisation
from spend import comparison, dashboard
from spend.forms import Lm3Form
from spend.measures import MEASURES
from spend.models import Lm3Survey, Payment, PublishedSummary, SpendImport

# The ledger: figures for one anchor (its own buyers and coordinators), the network comparison
# (every buyer), and the summaries anchors publish (everyone).


def _anchor(request, slug) -> Organisation:
    """The anchor whose ledger this is, if the user may see its payment-level figures."""
    organisation = get_object_or_404(Organisation.objects.anchors(), slug=slug)
    if role_of(request.user) is Role.COORDINATOR:
        return organisation
    if request.user.organisation_id != organisation.pk:
        raise Http404("No such ledger")
    return organisation


def _year(request) -> int | None:
    """The financial year asked for (`?year=2025` for 2025-26), or None for the latest."""
    return whole_number(
        request.GET.get("year"),
        name="year",
        minimum=EARLIEST_DATE.year,
        maximum=LATEST_DATE.year - 1,
    )


@allow(BUYERS)
def ledger_home(request):
    if role_of(request.user) is not Role.COORDINATOR:
        return redirect("spend:ledger", slug=request.user.organisation.slug)
    anchors = (
        Organisation.objects.anchors().filter(payments__isnull=False).distinct().order_by("name")
    )
    return render(request, "spend/ledger_home.html", {"anchors": anchors})


@allow(BUYERS)
def ledger_view(request, slug, printable=False):
    organisation = _anchor(request, slug)
    result = dashboard.ledger(organisation, _year(request))
    published = PublishedSummary.objects.filter(
        buyer=organisation, financial_year=result.year
    ).first()
    return render(
        request,
        "spend/ledger_print.html" if printable else "spend/ledger.html",
        {
            "ledger": result,
            "organisation": organisation,
            "published": published,
            "can_publish": _can_publish(request, organisation),
            "fy_label": fy_label,
            "years": [(y, fy_label(y)) for y in result.years],
            "printable": printable,
            "sample_payments": _sample_payments(organisation, result.year),
            "download_base": "" if printable else reverse("spend:ledger", args=[slug]),
            "year_query": f"?year={result.year}" if result.year is not None else "",
        },
    )


def _sample_payments(organisation, year: int | None) -> bool:
    """Whether the year shown includes generated sample payments (a real file may sit beside
    them in another year)."""
    payments = Payment.objects.filter(buyer=organisation, spend_import__is_sample=True)
    if year is not None:
        payments = payments.filter(
            payment_date__gte=date(year, 4, 1), payment_date__lt=date(year + 1, 4, 1)
        )
    return payments.exists()


@allow(BUYERS)
def ledger_print(request, slug):
    return ledger_view(request, slug, printable=True)


@allow(BUYERS)
def ledger_download(request, slug, table, fmt):
    organisation = _anchor(request, slug)
    result = dashboard.ledger(organisation, _year(request))
    if table not in result.tables or fmt not in ("csv", "xlsx"):
        raise Http404("No such table")
    stem = f"{organisation.slug}-{result.year_label or 'all'}-{table}"
    return table_download(result.tables[table], stem, fmt)


def _can_publish(request, organisation) -> bool:
    role = role_of(request.user)
    return role is Role.COORDINATOR or (
        role is Role.ANCHOR_ADMIN and request.user.organisation_id == organisation.pk
    )


@allow(BUYERS)
def lm3(request, slug):
    organisation = _anchor(request, slug)
    year = _year(request)
    result = dashboard.ledger(organisation, year)
    if result.year is None:
        raise Http404("No payments yet: import payment files first")
    survey = result.lm3
    initial = (
        {
            "total_spend": survey.total_spend,
            "local_first_round": survey.local_first_round,
            "local_second_round": survey.local_second_round,
            "respondents": survey.respondents,
            "notes": survey.notes,
        }
        if survey
        else {"total_spend": round(result.figures.get("total_spend") or 0, 2) or None}
    )
    form = Lm3Form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        Lm3Survey.objects.update_or_create(
            buyer=organisation,
            financial_year=result.year,
            defaults={**form.cleaned_data, "entered_by": request.user},
        )
        messages.success(request, "The LM3 survey figures are saved.")
        return redirect(f"{reverse('spend:ledger', args=[slug])}?year={result.year}#lm3")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": f"LM3 survey figures for {result.year_label}",
            "caption": organisation.name,
            "back_url": f"{reverse('spend:ledger', args=[slug])}?year={result.year}",
        },
    )


@allow(ANCHOR_ADMINS)
def publish(request, slug):
    """Publish a year's summary, or stop publishing it, after a confirmation page (which a GET
    shows, `?year=2025&action=withdraw` for stopping)."""
    organisation = _anchor(request, slug)
    if not _can_publish(request, organisation):
        raise PermissionDenied("Only the anchor's administrators can publish its summary.")
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    result = dashboard.ledger(organisation, _year(request))
    if result.year is None:
        raise Http404("No payments yet: import payment files first")
    data = request.POST if request.method == "POST" else request.GET
    withdrawing = data.get("action") == "withdraw"
    published = PublishedSummary.objects.filter(buyer=organisation, financial_year=result.year)
    if not confirmed(request):
        return _confirm_publishing(request, organisation, result, withdrawing, published.exists())
    if withdrawing:
        published.delete()
        messages.success(request, f"The {result.year_label} summary is no longer public.")
    else:
        PublishedSummary.objects.update_or_create(
            buyer=organisation,
            financial_year=result.year,
            defaults={
                "summary": comparison.summary_snapshot(result),
                "published_by": request.user,
                "is_sample": SpendImport.objects.filter(
                    buyer=organisation, is_sample=True
                ).exists(),
            },
        )
        messages.success(request, f"The {result.year_label} summary is published.")
    return redirect(f"{reverse('spend:ledger', args=[slug])}?year={result.year}")


def _confirm_publishing(request, organisation, result, withdrawing: bool, published: bool):
    ledger_url = f"{reverse('spend:ledger', args=[organisation.slug])}?year={result.year}"
    action_url = f"{reverse('spend:publish', args=[organisation.slug])}?year={result.year}"
    if withdrawing:
        confirmation = Confirmation(
            heading=f"Stop publishing the {result.year_label} summary?",
            what_happens=(
                (
                    f"The public page of {organisation.name}'s local spend summary for "
                    f"{result.year_label} will be removed, with its downloads, and the anchor "
                    "leaves the public list of published summaries for that year. The ledger "
                    "itself does not change."
                ),
            ),
            warning="Anyone with a link to the summary will be told it cannot be found.",
            button="Yes, stop publishing the summary",
            destructive=True,
            cancel_url=ledger_url,
            fields={"action": "withdraw"},
            action_url=action_url,
            caption=organisation.name,
        )
    else:
        confirmation = Confirmation(
            heading=(
                f"Publish the {result.year_label} summary again with today's figures?"
                if published
                else f"Publish the {result.year_label} summary?"
            ),
            what_happens=(
                (
                    f"Anyone, without signing in, will be able to read {organisation.name}'s "
                    f"local spend summary for {result.year_label} and download its tables: the "
                    "headline figures, the split by supplier size and the trend, with how each "
                    "is calculated. Payment-level data is never published."
                ),
                *(
                    ("The summary published now will be replaced by today's figures.",)
                    if published
                    else ()
                ),
            ),
            warning=(
                "The figures are fixed as they are today and are public at once: later imports, "
                "withdrawals and corrections change them only when you publish again."
            ),
            button="Yes, publish the summary",
            cancel_url=ledger_url,
            fields={"action": "publish"},
            action_url=action_url,
            caption=organisation.name,
        )
    return confirmation_page(request, confirmation)


def _comparison(request) -> tuple[comparison.Comparison, str]:
    """The comparison asked for (`?year=2024&measure=uk_share`), and what was wrong with the
    measure asked for, if anything (the headline measure is shown instead)."""
    measure = request.GET.get("measure") or comparison.DEFAULT_MEASURE
    problem = ""
    if measure not in dict(comparison.choices()):
        problem = "Choose a measure from the list: that one is not a share the ledger measures."
        measure = comparison.DEFAULT_MEASURE
    return comparison.network(_year(request), measure), problem


@allow(BUYERS)
def network_view(request):
    result, problem = _comparison(request)
    return render(
        request,
        "spend/network.html",
        {
            "result": result,
            "table": result.table,
            "year": result.year,
            "year_label": result.year_label,
            "years": [(y, fy_label(y)) for y in result.years],
            "measures": comparison.choices(),
            "problem": problem,
            "how": [(mm.label, mm.how) for mm in MEASURES.values()],
        },
    )


@allow(BUYERS)
def network_download(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format")
    result, _problem = _comparison(request)
    if request.GET.get("table") == "rings" and result.rings is not None:
        return table_download(result.rings, f"network-{result.year_label or 'all'}-rings", fmt)
    stem = f"network-{result.year_label or 'all'}-{result.measure.name}"
    return table_download(result.table, stem, fmt)


@allow(ANYONE)
def published_list(request):
    summaries = PublishedSummary.objects.select_related("buyer")
    return render(request, "spend/published_list.html", {"summaries": summaries})


@allow(ANYONE)
def published_download(request, slug, year, table, fmt):
    summary = get_object_or_404(PublishedSummary, buyer__slug=slug, financial_year=year)
    tables = {t.name: t for t in comparison.published_tables(summary.summary)}
    tables["measures"] = comparison.published_measures_table(summary.summary)
    if table not in tables or fmt not in ("csv", "xlsx"):
        raise Http404("No such table")
    return table_download(tables[table], f"{slug}-{fy_label(year)}-{table}", fmt)


@allow(ANYONE)
def published_detail(request, slug, year):
    summary = get_object_or_404(
        PublishedSummary.objects.select_related("buyer"), buyer__slug=slug, financial_year=year
    )
    return render(
        request,
        "spend/published_detail.html",
        {
            "summary": summary,
            "year_label": fy_label(year),
            "measures": comparison.published_measures(summary.summary),
            "coverage": comparison.published_coverage(summary.summary),
            "tables": comparison.published_tables(summary.summary),
            "download_base": reverse("spend:published_detail", args=[slug, year]),
        },
    )
