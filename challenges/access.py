"""Who may do what on a challenge. Thin helpers over the user, the challenge and its panel."""

from __future__ import annotations

from django.http import Http404

from core.roles import Role, role_of


def manages(user, challenge) -> bool:
    """Coordinators, and buyers of the owning anchor or a co-owner, manage a challenge."""
    role = role_of(user)
    if role is Role.COORDINATOR:
        return True
    if role not in {Role.BUYER, Role.ANCHOR_ADMIN}:
        return False
    return (
        user.organisation_id == challenge.owner_id
        or challenge.co_owners.filter(pk=user.organisation_id).exists()
    )


def can_view(user, challenge) -> bool:
    return challenge.is_public or manages(user, challenge)


def viewable_or_404(user, challenge):
    if not can_view(user, challenge):
        raise Http404("No such challenge")
    return challenge


def managed_or_404(user, challenge):
    """Those who cannot manage a challenge learn nothing about it beyond what the public page says."""
    if not manages(user, challenge):
        raise Http404("No such challenge")
    return challenge


def seat(user, challenge):
    """This user's panel seat on the challenge, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return challenge.panel.filter(user=user).first()


def supplier_organisation(user):
    """The supplier organisation a signed-in supplier acts for, else None."""
    if role_of(user) is Role.SUPPLIER:
        return user.organisation
    return None
