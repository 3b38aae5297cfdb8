"""What the record's pages share: the programme a request names, asked of the rules (404 when
the viewer may not see it, 403 when they see it but may not do this)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from programmes import access
from programmes.models import Programme

SEE, CONTRIBUTE, MANAGE = "see", "contribute", "manage"

_RULES = {SEE: access.can_see, CONTRIBUTE: access.can_contribute, MANAGE: access.can_manage}
_REFUSALS = {
    CONTRIBUTE: "Only coordinators and the administrators of a partner anchor can change this.",
    MANAGE: "Only the network's coordinators can change this.",
}


def programme_for(request, slug: str, need: str = SEE) -> Programme:
    programme = get_object_or_404(
        Programme.objects.prefetch_related("partners__organisation"), slug=slug
    )
    if not access.can_see(request.user, programme):
        raise Http404("No such programme")
    if need != SEE and not _RULES[need](request.user, programme):
        raise PermissionDenied(_REFUSALS[need])
    return programme


def posted(request):
    """The form data of a POST (even an empty one, so that its errors show), else None."""
    return request.POST if request.method == "POST" else None


def form_page(request, programme, form, heading: str, back_url: str):
    """A part's form on the programme's form page, with the way back to that part."""
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "heading": heading, "caption": programme.title, "back_url": back_url},
    )
