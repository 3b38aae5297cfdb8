"""What accounts add to the home page (core/panels.py), registered in AccountsConfig.ready():
an organisation's members, join requests and invitations, for its administrators and the
coordinator."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Invitation, JoinRequest, User
from core.panels import Item, Panel, counted
from core.roles import Role, role_of

SHOWN = 5


def home(user) -> list[Panel]:
    role = role_of(user)
    if role is Role.COORDINATOR:
        requests = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).select_related(
            "user", "organisation"
        )
        return [
            Panel(
                "Join requests waiting",
                items=[
                    Item(
                        f"{r.user.full_name or r.user.email} asks to join {r.organisation.name}",
                        reverse("network:members", args=[r.organisation.slug]),
                    )
                    for r in requests.order_by("pk")[:SHOWN]
                ],
                actions=[("Invitations", reverse("accounts:invitations"))],
                order=35,
            )
        ]
    if not (role in (Role.ANCHOR_ADMIN, Role.SUPPLIER) and user.is_organisation_admin):
        return []
    organisation = user.organisation
    members = reverse("network:members", args=[organisation.slug])
    requests = JoinRequest.objects.filter(
        organisation=organisation, status=JoinRequest.Status.PENDING
    )
    items = [
        Item(
            f"{r.user.full_name or r.user.email} asks to join",
            members,
            f"Asked {r.created_at:%-d %B %Y}",
        )
        for r in requests.select_related("user").order_by("pk")[:SHOWN]
    ]
    actions = [("Members", members)]
    summary = f"{counted(User.objects.filter(organisation=organisation).count(), 'member')}."
    if role is Role.ANCHOR_ADMIN:
        invited = Invitation.objects.open().filter(organisation=organisation).count()
        if invited:
            items.append(
                Item(
                    f"{counted(invited, 'invitation')} not accepted yet",
                    reverse("accounts:invitations"),
                )
            )
        actions.append(("Invite a colleague", reverse("accounts:invitations")))
    return [
        Panel(
            "Your organisation's people",
            summary=summary,
            items=items,
            actions=actions,
            empty="No join request or invitation waiting.",
            order=80,
        )
    ]
