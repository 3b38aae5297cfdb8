"""The rings an anchor's ledger reports (issue 19): its administrators and coordinators choose
them; its buyers see the choice. Stored as spend.RingChoice rows, read by spend/rings.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse

from core.permissions import allow
from core.roles import BUYERS
from reference.area_rules import CHECKS
from registers import areas as area_places
from spend.dashboard import ring_words
from spend.models import RingChoice, RingKind
from spend.ring_forms import RingChoiceForm
from spend.rings import STANDARD, rings_for, site_postcodes, standard_ring
from spend.views import _anchor, _can_publish


def _sites(anchor) -> tuple[list[str], list[str]]:
    """The postcodes a distance is measured from, and those among them with no grid reference."""
    postcodes = site_postcodes(anchor)
    placed = area_places.radius(postcodes, 1)
    return postcodes, list(placed.unplaced_centres)


def _initial(anchor) -> dict:
    chosen = list(anchor.ring_choices.all())
    if not chosen:
        return {"standard": [str(kind) for kind in STANDARD]}
    return {
        "standard": [c.kind for c in chosen if c.kind in STANDARD],
        "areas": [c.area_id for c in chosen if c.kind == RingKind.AREA and c.area_id],
        "miles": next((c.miles for c in chosen if c.kind == RingKind.SITES), None),
    }


@allow(BUYERS)
def rings(request, slug):
    """The anchor's rings: the form for its administrators and coordinators, the choice for its
    buyers."""
    anchor = _anchor(request, slug)
    can_choose = _can_publish(request, anchor)
    if request.method == "POST" and not can_choose:
        raise PermissionDenied(
            "Only the anchor's administrators and coordinators choose its rings."
        )
    postcodes, unplaced = _sites(anchor)
    authority = standard_ring(RingKind.AUTHORITY, anchor).label
    form = None
    if can_choose:
        form = RingChoiceForm(
            request.POST if request.method == "POST" else None,
            initial=_initial(anchor),
            authority=authority,
            has_sites=bool(postcodes),
        )
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                anchor.ring_choices.all().delete()
                RingChoice.objects.bulk_create(
                    RingChoice(
                        anchor=anchor,
                        position=n,
                        kind=kind,
                        area=area,
                        miles=miles,
                        chosen_by=request.user,
                    )
                    for n, (kind, area, miles) in enumerate(form.rings())
                )
            messages.success(request, "The ledger's rings are saved.")
            return redirect(reverse("spend:ledger", args=[anchor.slug]) + "#rings")
    return render(
        request,
        "spend/rings.html",
        {
            "organisation": anchor,
            "form": form,
            "rings": [
                (ring, ring_words(ring), CHECKS.get(ring.confidence, ""))
                for ring in rings_for(anchor)
            ],
            "site_postcodes": postcodes,
            "unplaced": unplaced,
            "ledger_url": reverse("spend:ledger", args=[anchor.slug]),
        },
    )
