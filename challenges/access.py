"""Who may do what on a challenge, for a signed-in user or a visitor: reads the plain facts the
rules need (the user's role and organisation, the challenge's owners, a panel seat) and asks
`rules.py`, where each rule is written once."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from challenges import rules
from challenges.models import Challenge, PanelMember, Response
from core.roles import Role, role_of


def viewer_of(user) -> rules.Viewer:
    role = role_of(user)
    if role is Role.ANONYMOUS:
        return rules.Viewer(role)
    return rules.Viewer(role, user.pk, user.organisation_id)


def facts_of(challenge) -> rules.ChallengeFacts:
    return rules.ChallengeFacts(
        status=challenge.status,
        owner_ids=frozenset({challenge.owner_id, *(o.pk for o in challenge.co_owners.all())}),
    )


def manages(user, challenge) -> bool:
    return rules.manages(facts_of(challenge), viewer_of(user))


def can_view(user, challenge) -> bool:
    return rules.can_see(facts_of(challenge), viewer_of(user))


def engagement_open_or_403(challenge) -> None:
    """Suppliers ask, show interest and respond only while engagement is open."""
    if not challenge.is_open_for_engagement():
        raise PermissionDenied(rules.closed_message(challenge.status))


def _by_reference(reference) -> Challenge:
    return get_object_or_404(
        Challenge.objects.select_related("owner", "awarded_to").prefetch_related("co_owners"),
        reference=reference,
    )


def viewable(user, reference) -> Challenge:
    """The challenge with this reference, if the user may see it; else 404."""
    challenge = _by_reference(reference)
    if not can_view(user, challenge):
        raise Http404("No such challenge")
    return challenge


def managed(user, reference) -> Challenge:
    """The challenge with this reference, if the user manages it; else 404: those who cannot
    manage a challenge learn nothing about it beyond what the public page says."""
    challenge = _by_reference(reference)
    if not manages(user, challenge):
        raise Http404("No such challenge")
    return challenge


def seat(user, challenge) -> PanelMember | None:
    """This user's panel seat on the challenge, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return challenge.panel.filter(user=user).first()


def seat_facts(panel_member: PanelMember | None) -> rules.Seat | None:
    return None if panel_member is None else panel_member.facts


def supplier_organisation(user):
    """The supplier organisation a signed-in supplier acts for, else None."""
    if role_of(user) is Role.SUPPLIER:
        return user.organisation
    return None


def adopted(user, challenge) -> bool:
    """Whether the user's organisation has recorded that it adopted the challenge's solution."""
    if not getattr(user, "organisation_id", None):
        return False
    return challenge.adoptions.filter(organisation_id=user.organisation_id).exists()


def can_adopt(user, challenge) -> rules.CanAdopt:
    return rules.can_adopt(facts_of(challenge), viewer_of(user), adopted(user, challenge))


def may_read_response(user, response: Response) -> bool:
    """The respondent's own organisation, or a cleared evaluator once engagement has closed."""
    viewer = viewer_of(user)
    panel_member = None
    if viewer.user_id is not None:
        panel_member = PanelMember.objects.filter(
            challenge=response.challenge_id, user=user
        ).first()
    return rules.may_read_response(
        viewer,
        lead_id=response.lead_id,
        submitted=response.status == Response.Status.SUBMITTED,
        status=response.challenge.status,
        seat=seat_facts(panel_member),
    )
