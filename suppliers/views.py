"""The review queue: pairs of supplier names the model thinks may be one supplier. Coordinators
decide; resolve_suppliers applies the decisions on its next run and never asks again."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from core.confirming import Confirmation, confirmation_page, confirmed
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
    """Decide a pair. "Same supplier" merges the two names into one supplier across every
    anchor's ledger, so it is confirmed on a page first (which a GET shows); "Different" and
    "Undo" take effect at once."""
    review = get_object_or_404(MatchReview, pk=pk)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    decision = request.POST.get("decision") if request.method == "POST" else MatchReview.SAME
    if decision not in (MatchReview.SAME, MatchReview.DIFFERENT, MatchReview.PENDING):
        raise Http404("Unknown decision")
    if decision == MatchReview.SAME and not confirmed(request):
        return _confirm_merge(request, review)
    review.status = decision
    review.decided_by = request.user if decision != MatchReview.PENDING else None
    review.decided_at = timezone.now() if decision != MatchReview.PENDING else None
    review.save()
    if decision == MatchReview.SAME:
        messages.success(
            request,
            f"“{review.example_a}” and “{review.example_b}” will be one supplier from the next "
            "time suppliers are resolved.",
        )
    return redirect(f"{reverse('suppliers:review')}?status={MatchReview.PENDING}")


def _confirm_merge(request, review: MatchReview):
    if review.status == MatchReview.SAME:
        messages.info(request, "These names are already decided to be the same supplier.")
        return redirect(f"{reverse('suppliers:review')}?status={MatchReview.SAME}")
    return confirmation_page(
        request,
        Confirmation(
            heading="Merge these two names into one supplier?",
            caption="Supplier names to review",
            what_happens=(
                (
                    f"“{review.example_a}” and “{review.example_b}” will be one supplier from "
                    "the next time suppliers are resolved: their payments, in every anchor's "
                    "ledger, are counted together as one supplier's."
                ),
                (
                    f"{review.seen:,} payment{'s' if review.seen != 1 else ''} stand behind the "
                    "two names."
                ),
            ),
            warning=(
                "This changes every anchor's figures for these suppliers. Undoing the decision "
                "separates them again only at the next run after it, and a summary already "
                "published does not change until it is published again."
            ),
            button="Yes, they are the same supplier",
            cancel_url=f"{reverse('suppliers:review')}?status={MatchReview.PENDING}",
            cancel_label="Cancel: decide later",
            fields={"decision": MatchReview.SAME},
            action_url=reverse("suppliers:review_decide", args=[review.pk]),
        ),
    )
