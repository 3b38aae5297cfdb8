"""What could not be loaded, and what was loaded with data-quality warnings, for buyers."""

from django.db.models import Count, Max, OuterRef, Subquery
from django.shortcuts import render

from core.paging import page_of
from core.permissions import BUYERS, allow
from opportunities.models import Process, QuarantinedRelease, Release


@allow(BUYERS)
def quarantine_list(request):
    """What could not be loaded (quarantine), and what was loaded with data-quality warnings:
    counted per buyer (the organisation a notice is about: whom a coordinator asks to correct
    it; the package publisher is the platform, the same for every notice) and listed."""
    view = "warnings" if request.GET.get("view") == "warnings" else "quarantine"
    source = request.GET.get("source", "").strip()
    buyer = request.GET.get("buyer", "").strip()
    entries = QuarantinedRelease.objects.all()
    warned = Release.objects.filter(has_warnings=True).annotate(
        buyer_name=Subquery(Process.objects.filter(ocid=OuterRef("ocid")).values("buyer_name")[:1])
    )
    if source:
        entries = entries.filter(source__icontains=source)
        warned = warned.filter(source__icontains=source)
    buyers = (
        warned.values("buyer_name")
        .annotate(releases=Count("id"), processes=Count("ocid", distinct=True), latest=Max("date"))
        .order_by("-releases", "buyer_name")
    )
    warned_count = warned.count()
    if buyer:
        warned = warned.filter(buyer_name=buyer)
    listed = (
        warned.order_by("-date", "ocid", "release_id").only(
            "ocid", "release_id", "date", "source", "location", "warnings"
        )
        if view == "warnings"
        else entries
    )
    page = page_of(request, listed, 50)
    query = request.GET.copy()
    query.pop("page", None)
    shown_buyers = list(buyers[:BUYERS_SHOWN])
    return render(
        request,
        "opportunities/quarantine_list.html",
        {
            "view": view,
            "page": page,
            "source": source,
            "buyer": buyer,
            "query": query.urlencode(),
            "quarantined": entries.count(),
            "warned": warned_count,
            "buyers": shown_buyers,
            "more_buyers": max(buyers.count() - len(shown_buyers), 0)
            if len(shown_buyers) == BUYERS_SHOWN
            else 0,
        },
    )


BUYERS_SHOWN = 50
