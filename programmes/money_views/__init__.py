"""The pages of a programme's money: funding (partners' contributions, the funding position,
bids and the leverage ratio) and costing (budget lines, allocations, gaps, optimism bias and
present value).

Who may do what (the rules of `programmes/rules.py`):
- a programme's money is read by whoever sees the programme (others get 404);
- a contribution is added, changed, moved on and given evidence by coordinators, and by the
  administrators of a partner anchor for their own organisation's contributions only; a partner
  without an organisation in the directory: coordinators only (others who see it get 403);
- an evidence file is opened by coordinators and members of the programme's partner
  organisations only (`money.can_open_evidence`), even when the programme is published;
- funding bids, budget lines, allocations and the costing's settings: coordinators.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from programmes import access
from programmes.models import Programme


def visible_programme(request, slug) -> Programme:
    programme = get_object_or_404(Programme.objects.prefetch_related("partners"), slug=slug)
    if not access.can_see(request.user, programme):
        raise Http404("No such programme")
    return programme


def managed_programme(request, slug) -> Programme:
    programme = visible_programme(request, slug)
    if not access.can_manage(request.user, programme):
        raise PermissionDenied("Only the network's coordinators change this.")
    return programme


def contributing_programme(request, slug) -> Programme:
    programme = visible_programme(request, slug)
    if not access.can_contribute(request.user, programme):
        raise PermissionDenied(
            "Only coordinators and the administrators of the programme's partner anchors "
            "record contributions."
        )
    return programme
