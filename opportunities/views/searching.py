"""The search page and the forward pipeline of planned procurements."""

from django.db.models import F
from django.shortcuts import render
from django.utils import timezone

from core.permissions import ANYONE, allow
from opportunities import area_search
from opportunities.forms import OpportunitySearchForm
from opportunities.models import Phase, Process
from opportunities.search import area_filter, label_places, search_page
from opportunities.search import search as search_results
from opportunities.suggestions import suggestions
from reference import places


@allow(ANYONE)
def opportunity_list(request):
    form = OpportunitySearchForm(request.GET or None)
    search = form.to_search()  # the values that can be read: one bad value drops only itself
    now = timezone.now()
    page = search_page(search, request.GET.get("page", 1), now=now)
    label_places(search.location, page.object_list)
    area = area_filter(search, now) if search.area else None
    if area:
        area_search.label(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    nearby = []
    if not page.paginator.count and form.is_bound:
        explicit = _area_explicit(query, form, search)
        nearby = suggestions(search, explicit, lambda s: search_results(s, now).count())
    return render(
        request,
        "opportunities/opportunity_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "now": now,
            "ignored": form.ignored(),
            "place": places.resolve(search.location) if search.location else None,
            "suggestions": nearby,
            "area": area,
            "without_area": _without_area(query, form, search) if area else "",
        },
    )


def _area_explicit(query, form, search):
    """The search's parameters with its area as the area parameter, however it was asked for
    (its name as the place, or "in <its name>" in the words, which are then left out)."""
    source = getattr(form, "area_from", ("", ""))[0]
    if not source or not search.area:
        return query
    query = query.copy()
    query["area"] = search.area
    if source == "location":
        query.pop("location", None)
    if source == "q":
        query["q"] = search.text
    return query


def _without_area(query, form, search) -> str:
    """The search's parameters with its area taken away."""
    query = _area_explicit(query, form, search).copy()
    query.pop("area", None)
    return query.urlencode()


@allow(ANYONE)
def pipeline(request):
    processes = Process.objects.filter(phase=Phase.PLANNED).select_related("buyer")
    anchors_only = request.GET.get("anchors_only") == "on"
    if anchors_only:
        processes = processes.filter(buyer__is_network_member=True)
    months = {}
    for process in processes.order_by(F("expected_tender_date").asc(nulls_last=True), "title"):
        key = (
            process.expected_tender_date.strftime("%B %Y")
            if process.expected_tender_date
            else "Date not given"
        )
        months.setdefault(key, []).append(process)
    return render(
        request,
        "opportunities/pipeline.html",
        {"months": months, "anchors_only": anchors_only, "count": processes.count()},
    )
