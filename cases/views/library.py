"""The library: the list with search and facets, a case's page, and cases across sectors."""

from __future__ import annotations

from django.shortcuts import render

from cases import search, services
from cases.forms import CaseSearchForm
from cases.models import Case
from cases.sharing import Status
from cases.views.access import visible_case
from challenges.routefinder import route_names
from core.paging import page_of
from core.permissions import ANYONE, MEMBERS, Role, allow, role_of
from network.models import Sector
from opportunities.models import Process


def found_cases(request):
    """The cases this viewer may see that match the search, and the facets over them."""
    form = CaseSearchForm(request.GET or None)
    cases = [c for c in services.visible(request.user) if c.status == Status.PUBLISHED]
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("q"):
        cases = search.rank(cases, filters["q"])
    found = [c for c in cases if search.matches(c, filters)]
    return form, filters, found


@allow(ANYONE)
def case_list(request):
    form, filters, found = found_cases(request)
    page = page_of(request, found, 20)
    query = request.GET.copy()
    query.pop("page", None)
    user = request.user
    mine = []
    if getattr(user, "is_authenticated", False):
        mine = [
            c
            for c in Case.objects.visible_to(user).exclude(status=Status.PUBLISHED)
            if services.can_edit(user, c)
        ]
    chosen = {k: v for k, v in filters.items() if v and k != "q"}
    return render(
        request,
        "cases/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "facets": search.facets(found),
            "chosen": chosen,
            "mine": mine,
            "routes": dict(route_names()),
            "can_submit": role_of(user) in MEMBERS,
        },
    )


@allow(ANYONE)
def case_detail(request, slug):
    case = visible_case(request, slug)
    candidates = list(services.visible(request.user).filter(status=Status.PUBLISHED))
    editor = services.can_edit(request.user, case)
    processes = list(Process.objects.filter(ocid__in=case.ocids))
    found = {p.ocid for p in processes}
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "route_name": dict(route_names()).get(case.route, case.route),
            "similar": search.similar(case, candidates),
            "editor": editor,
            "consents": case.consents.all()
            if editor or role_of(request.user) is Role.COORDINATOR
            else [],
            "processes": processes,
            "unmatched_ocids": [o for o in case.ocids if o not in found],
            "challenges": case.challenges.public(),
            "calculations": case.calculations.all(),
        },
    )


@allow(ANYONE)
def cross_sector(request):
    """'This worked in one sector: who tried the same route or met the same barriers in another?'"""
    sectors = Sector.objects.all()
    source = request.GET.get("from", "")
    target = request.GET.get("to", "")
    cases = [c for c in services.visible(request.user) if c.status == Status.PUBLISHED]
    pairs = []
    if source and target and source != target:
        left = [c for c in cases if source in {s.slug for s in c.sectors.all()}]
        right = [c for c in cases if target in {s.slug for s in c.sectors.all()}]
        routes = dict(route_names())
        for case in left:
            links = []
            for other in right:
                if other.pk == case.pk:
                    continue
                reasons = []
                if other.route == case.route:
                    reasons.append(f"same route: {routes.get(case.route, case.route)}")
                shared = {b.name for b in case.barriers.all()} & {
                    b.name for b in other.barriers.all()
                }
                if shared:
                    reasons.append("same barriers: " + ", ".join(sorted(shared)))
                if reasons:
                    links.append((other, reasons))
            pairs.append((case, links))
    return render(
        request,
        "cases/cross_sector.html",
        {"sectors": sectors, "source": source, "target": target, "pairs": pairs},
    )
