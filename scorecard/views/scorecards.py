"""An anchor's scorecard page (period chooser, notices by type, every registered indicator with
its band, how it is calculated and its source, the trend by quarter, the charter's progress), the
drill-down behind each figure, their CSV and XLSX, and publishing the scorecard to the public.

Who sees what is `scorecard/visibility.py`: an unpublished scorecard is not found for the public.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.confirming import Confirmation, confirmation_page, confirmed
from core.downloads import table_download
from core.paging import page_of
from core.permissions import ANCHOR_ADMINS, ANYONE, allow, role_of
from network.models import Organisation
from opportunities.models import Release
from scorecard import charter, presenting, visibility
from scorecard.forms_scorecards import PeriodForm
from scorecard.gathering import organisation_buyer, tables_for
from scorecard.indicators import INDICATORS
from scorecard.models import ScorecardPublication
from scorecard.periods import Period, financial_year_of
from scorecard.report import scorecard_of, with_rings
from scorecard.ring_tables import ring_awards_table

FORMATS = ("csv", "xlsx")
ROWS_PER_PAGE = 50


def published_ids() -> set[int]:
    """The anchors that have published their scorecards."""
    return set(
        ScorecardPublication.objects.filter(published=True).values_list(
            "organisation_id", flat=True
        )
    )


def visible_anchor(request, slug) -> tuple[Organisation, bool]:
    """The anchor and whether its scorecard is published; not found if the user may not see it."""
    organisation = get_object_or_404(Organisation.objects.anchors(), slug=slug)
    published = organisation.pk in published_ids()
    if not visibility.may_see(role_of(request.user), published):
        raise Http404("No such scorecard")
    return organisation, published


def release_years() -> list[int]:
    """The financial years in which any release was published, for the period chooser."""
    months = Release.objects.dates("date", "month")
    return sorted({financial_year_of(month) for month in months}, reverse=True)


def period_form(request) -> PeriodForm:
    data = request.GET if any(k in request.GET for k in PeriodForm.base_fields) else None
    form = PeriodForm(data, years=release_years())
    form.is_valid()
    return form


def period_or_400(request) -> Period:
    """The period of a download: a wrong one is a 400 saying what is wrong."""
    form = period_form(request)
    if form.errors:
        raise BadRequest("; ".join(message for _id, message in form.error_list()))
    return form.chosen


def card_for(organisation: Organisation, period: Period, rings: bool = True):
    """The anchor's scorecard over the period, with its awards to suppliers in each of its rings
    unless `rings` is False (a drill-down, which does not show them)."""
    buyer = organisation_buyer(organisation)
    tables = tables_for(buyer, period.since, period.until)
    card = scorecard_of(tables, buyer, period.since, period.until)
    return with_rings(card, organisation) if rings else card


def _stem(organisation: Organisation, period: Period, name: str) -> str:
    return f"scorecard-{organisation.slug}-{period.stem}-{name}"


@allow(ANYONE)
def scorecard_page(request, slug):
    organisation, published = visible_anchor(request, slug)
    form = period_form(request)
    role = role_of(request.user)
    context = {
        "organisation": organisation,
        "published": published,
        "can_publish": visibility.may_publish(
            role, getattr(request.user, "organisation_id", None), organisation.pk
        ),
        "form": form,
        "page_url": reverse("scorecard:scorecard", args=[slug]),
    }
    if not form.errors:
        period = form.chosen
        card = card_for(organisation, period)
        lines = presenting.lines(card)
        found = presenting.trend(card.tables, period)
        context |= {
            "period": period,
            "card": card,
            "lines": lines,
            "notices": presenting.notices_table(card.notices),
            "rings": ring_awards_table(card.ring_awards),
            "trend": presenting.trend_table(found),
            "trend_rows": [
                (quarter, [presenting.line(name, figures[name]) for name in figures])
                for quarter, figures in found
            ],
            "charter_progress": charter.progress_for(card),
            "sample": bool(card.tables.notices.filter("in_period")["sample"].any()),
            "query": period.query(),
        }
    return render(request, "scorecard/scorecard.html", context)


SCORECARD_TABLES = ("indicators", "notices", "rings", "trend")


@allow(ANYONE)
def scorecard_download(request, slug, table, fmt):
    organisation, _published = visible_anchor(request, slug)
    if table not in SCORECARD_TABLES or fmt not in FORMATS:
        raise Http404("No such table")
    period = period_or_400(request)
    card = card_for(organisation, period, rings=table == "rings")
    if table == "indicators":
        chosen = presenting.indicators_table(presenting.lines(card))
    elif table == "notices":
        chosen = presenting.notices_table(card.notices)
    elif table == "rings":
        chosen = ring_awards_table(card.ring_awards, period.label)
    else:
        chosen = presenting.trend_table(presenting.trend(card.tables, period))
    return table_download(chosen, _stem(organisation, period, table), fmt)


def _indicator(name: str) -> str:
    if name not in INDICATORS:
        raise Http404("No such indicator")
    return name


@allow(ANYONE)
def drilldown(request, slug, indicator):
    organisation, published = visible_anchor(request, slug)
    name = _indicator(indicator)
    form = period_form(request)
    context = {
        "organisation": organisation,
        "published": published,
        "form": form,
        "indicator": INDICATORS[name],
        "label": presenting.label_of(name),
        "page_url": reverse("scorecard:drilldown", args=[slug, name]),
        "scorecard_url": reverse("scorecard:scorecard", args=[slug]),
    }
    if not form.errors:
        period = form.chosen
        card = card_for(organisation, period, rings=False)
        line = presenting.line(name, card.figures[name])
        columns, rows = presenting.behind_rows(card.figures[name])
        page = page_of(request, rows, ROWS_PER_PAGE)
        found = presenting.trend(card.tables, period)
        context |= {
            "period": period,
            "line": line,
            "page": page,
            "rows": presenting.behind_table(name, columns, list(page.object_list), True),
            "total_rows": len(rows),
            "counted_rows": sum(1 for row in rows if row.get("counted")),
            "sample": bool(card.tables.notices.filter("in_period")["sample"].any()),
            "trend": presenting.indicator_trend_table(name, found),
            "query": period.query(),
            "page_query": period.query().lstrip("?"),
        }
    return render(request, "scorecard/drilldown.html", context)


@allow(ANYONE)
def drilldown_download(request, slug, indicator, table, fmt):
    organisation, _published = visible_anchor(request, slug)
    name = _indicator(indicator)
    if table not in ("rows", "trend") or fmt not in FORMATS:
        raise Http404("No such table")
    period = period_or_400(request)
    card = card_for(organisation, period, rings=False)
    if table == "rows":
        columns, rows = presenting.behind_rows(card.figures[name])
        chosen = presenting.behind_table(name, columns, rows, False)
    else:
        chosen = presenting.indicator_trend_table(name, presenting.trend(card.tables, period))
    return table_download(chosen, _stem(organisation, period, f"{name}-{table}"), fmt)


@allow(ANCHOR_ADMINS)
def publish(request, slug):
    """Publish the anchor's scorecard, or stop publishing it, after a confirmation page (which a
    GET shows, `?action=withdraw` for stopping)."""
    organisation = get_object_or_404(Organisation.objects.anchors(), slug=slug)
    if not visibility.may_publish(
        role_of(request.user), request.user.organisation_id, organisation.pk
    ):
        raise PermissionDenied("Only the anchor's administrators can publish its scorecard.")
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    data = request.POST if request.method == "POST" else request.GET
    publishing = data.get("action") != "withdraw"
    if not confirmed(request):
        return _confirm_publishing(request, organisation, publishing)
    ScorecardPublication.objects.update_or_create(
        organisation=organisation,
        defaults={"published": publishing, "changed_by": request.user},
    )
    if publishing:
        messages.success(
            request, f"{organisation.name}'s scorecard is published: anyone can read it."
        )
    else:
        messages.success(request, f"{organisation.name}'s scorecard is no longer public.")
    return redirect("scorecard:scorecard", slug=slug)


def _confirm_publishing(request, organisation, publishing: bool):
    name = organisation.name
    where = {
        "caption": "Procurement-practice scorecard",
        "cancel_url": reverse("scorecard:scorecard", args=[organisation.slug]),
        "action_url": reverse("scorecard:publish", args=[organisation.slug]),
    }
    if publishing:
        confirmation = Confirmation(
            heading=f"Publish {name}'s scorecard?",
            what_happens=(
                (
                    f"Anyone, without signing in, will be able to read {name}'s scorecard for "
                    "any period, with its drill-downs to the published notices behind each "
                    "figure, and its downloads and API."
                ),
                f"{name} will be shown by name in the public network comparison.",
            ),
            warning=(
                "The scorecard is public at once and stays public, updating as new notices "
                "arrive, until you stop publishing it."
            ),
            button="Yes, publish the scorecard",
            fields={"action": "publish"},
            **where,
        )
    else:
        confirmation = Confirmation(
            heading=f"Stop publishing {name}'s scorecard?",
            what_happens=(
                (
                    f"Only buyers of the network's anchors and its coordinators will read {name}'s "
                    "scorecard, and the public network comparison will leave it out."
                ),
            ),
            warning="Anyone with a link to the scorecard will be told it cannot be found.",
            button="Yes, stop publishing the scorecard",
            destructive=True,
            fields={"action": "withdraw"},
            **where,
        )
    return confirmation_page(request, confirmation)


def organisation_scorecard(user, organisation) -> dict:
    """The organisation page's link to the anchor's scorecard, where the user may read it."""
    if not organisation.is_anchor:
        return {}
    published = ScorecardPublication.objects.filter(
        organisation=organisation, published=True
    ).exists()
    if not visibility.may_see(role_of(user), published):
        return {}
    return {"scorecard_url": reverse("scorecard:scorecard", args=[organisation.slug])}
