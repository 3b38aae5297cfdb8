"""An organisation's members and the people asking to join it: its administrators approve or
decline each request. Join requests are accounts' records; the pages keep their network URLs
(`network:members`, `network:join_request_decide`: accounts/membership_urls.py, mounted in the
network's namespace by core/urls.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import JoinRequest
from core.permissions import MEMBERS, allow
from network.managing import managed_organisation


@allow(MEMBERS)
def organisation_members(request, slug):
    organisation = managed_organisation(request, slug)
    return render(
        request,
        "accounts/organisation_members.html",
        {
            "organisation": organisation,
            "members": organisation.members.order_by("full_name"),
            "join_requests": organisation.join_requests.filter(
                status=JoinRequest.Status.PENDING
            ).select_related("user"),
        },
    )


@allow(MEMBERS)
@require_POST
def join_request_decide(request, slug, pk):
    organisation = managed_organisation(request, slug)
    join_request = get_object_or_404(
        JoinRequest, pk=pk, organisation=organisation, status=JoinRequest.Status.PENDING
    )
    decision = request.POST.get("decision")
    if decision not in {"approve", "decline"}:
        messages.error(request, "Choose whether to approve or decline the request.")
        return redirect("network:members", slug=slug)
    with transaction.atomic():
        join_request.status = (
            JoinRequest.Status.APPROVED if decision == "approve" else JoinRequest.Status.DECLINED
        )
        join_request.decided_at = timezone.now()
        join_request.decided_by = request.user
        join_request.save()
        if decision == "approve":
            user = join_request.user
            if user.organisation_id and user.organisation_id != organisation.pk:
                raise PermissionDenied("This person already belongs to another organisation.")
            user.organisation = organisation
            user.save(update_fields=["organisation"])
    messages.success(
        request,
        f"{join_request.user.full_name} "
        + ("is now a member." if decision == "approve" else "was not added."),
    )
    return redirect("network:members", slug=slug)
