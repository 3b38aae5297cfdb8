"""Who may read a sealed response."""

from __future__ import annotations

from challenges.models import PanelMember, Response
from challenges.services.moves import evaluation_open
from core.roles import Role, role_of


def may_read_response(user, response: Response) -> bool:
    """The respondent's own organisation; or a panel member who declared no conflict, once
    engagement has closed. Nobody else: not other suppliers, not owners off the panel."""
    if role_of(user) is Role.SUPPLIER and user.organisation_id == response.lead_id:
        return True
    seat = PanelMember.objects.filter(challenge=response.challenge_id, user=user).first()
    return bool(
        seat
        and seat.may_see_responses
        and response.status == Response.Status.SUBMITTED
        and evaluation_open(response.challenge)
    )
