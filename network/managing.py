"""The organisation a request is managing: found by its slug, or refused unless the user is one of
its administrators (or a coordinator; `core.permissions.can_manage_organisation`). Shared by the
network's pages and accounts' members page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from core.permissions import can_manage_organisation
from network.models import Organisation


def managed_organisation(request, slug) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_manage_organisation(request.user, organisation):
        raise PermissionDenied("Only this organisation's administrators can do this.")
    return organisation
