"""The case a request may see or change, or the answer that it may not (404, 403)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cases import services
from cases.models import Case


def visible_case(request, slug) -> Case:
    case = Case.objects.visible_to(request.user).filter(slug=slug).first()
    if case is None:
        raise Http404("No such case")
    return case


def editable_case(request, slug) -> Case:
    case = visible_case(request, slug)
    if not services.can_edit(request.user, case):
        raise PermissionDenied("Only the organisation that submitted this case can change it.")
    return case
