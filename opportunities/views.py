from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.permissions import ANYONE, BUYERS, allow
from opportunities.forms import OpportunitySearchForm
from opportunities.models import Process, QuarantinedRelease
from opportunities.search import search_page
from opportunities.signals import how_judged, signals_for
from opportunities.summary import summary
from reference.models import CpvCode


@allow(ANYONE)
def opportunity_list(request):
    form = OpportunitySearchForm(request.GET or None)
    page = search_page(form.to_search(), request.GET.get("page", 1))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "opportunities/opportunity_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "now": timezone.now()},
    )


@allow(ANYONE)
def opportunity_detail(request, ocid):
    process = get_object_or_404(
        Process.objects.select_related("buyer").prefetch_related(
            "notices", "lots", "cpvs", "documents", "awards__suppliers"
        ),
        ocid=ocid,
    )
    now = timezone.now()
    status = process.status
    codes = [cpv.code for cpv in process.cpvs.all()]
    descriptions = dict(CpvCode.objects.filter(code__in=codes).values_list("code", "description"))
    return render(
        request,
        "opportunities/opportunity_detail.html",
        {
            "process": process,
            "status": status,
            "summary": summary(process, status),
            "signals": signals_for(process, now),
            "how_judged": how_judged(),
            "cpvs": [(cpv, descriptions.get(cpv.code, "")) for cpv in process.cpvs.all()],
        },
    )


@allow(BUYERS)
def quarantine_list(request):
    entries = QuarantinedRelease.objects.all()
    source = request.GET.get("source", "").strip()
    if source:
        entries = entries.filter(source__icontains=source)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "opportunities/quarantine_list.html",
        {"page": page, "source": source, "query": query.urlencode()},
    )
