"""The review queue: pairs of supplier names the model thinks may be one supplier. Coordinators
decide; resolve_suppliers applies the decisions on its next run and never asks again."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from core.permissions import allow
from core.roles import COORDINATORS
from suppliers.models import MatchReview


@allow(COORDINATORS)
def review_list(request):
    status = request.GET.get("status", MatchReview.PENDING)
    if status not in dict(MatchReview.STATUSES):
        status = MatchReview.PENDING
    pairs = MatchReview.objects.filter(status=status)
    page = Paginator(pairs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "suppliers/review_list.html",
        {
            "page": page,
            "status": status,
            "statuses": MatchReview.STATUSES,
            "query": f"status={status}",
        },
    )


@allow(COORDINATORS)
def review_decide(request, pk):
    if request.method != "POST":
        raise Http404("Decide with the buttons on the review page")
    review = get_object_or_404(MatchReview, pk=pk)
    decision = request.POST.get("decision")
    if decision not in (MatchReview.SAME, MatchReview.DIFFERENT, MatchReview.PENDING):
        raise Http404("Unknown decision")
    review.status = decision
    review.decided_by = request.user if decision != MatchReview.PENDING else None
    review.decided_at = timezone.now() if decision != MatchReview.PENDING else None
    review.save()
    return redirect(f"/suppliers/review/?status={MatchReview.PENDING}")
