"""Who sees and changes a programme: the one definition. Pure rules over plain values; views, the
API and `access.py` (which reads the values from the database) call them, and
`Programme.objects.visible_to()` applies the same rule in the database.

- anyone sees a programme once the coordinators publish it (funders and the public read its report);
- before that, coordinators and the members of its partner organisations see it;
- coordinators create a programme and manage every part of it;
- the administrators of a partner anchor contribute: their own organisation's commitments, and
  the parts the programme's pages open to contributors (risks, milestone updates, KPI results);
  a buyer of a partner anchor reads but does not change.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.roles import Role


@dataclass(frozen=True)
class Viewer:
    role: Role
    organisation_id: int | None = None
    is_organisation_admin: bool = False


@dataclass(frozen=True)
class ProgrammeFacts:
    is_published: bool
    partner_ids: frozenset[int]


def can_see(viewer: Viewer, programme: ProgrammeFacts) -> bool:
    if programme.is_published or viewer.role is Role.COORDINATOR:
        return True
    return viewer.organisation_id is not None and viewer.organisation_id in programme.partner_ids


def can_manage(viewer: Viewer, programme: ProgrammeFacts) -> bool:
    return viewer.role is Role.COORDINATOR


def can_contribute(viewer: Viewer, programme: ProgrammeFacts) -> bool:
    if viewer.role is Role.COORDINATOR:
        return True
    return (
        viewer.role is Role.ANCHOR_ADMIN
        and viewer.organisation_id is not None
        and viewer.organisation_id in programme.partner_ids
    )


def can_contribute_for(viewer: Viewer, programme: ProgrammeFacts, organisation_id: int) -> bool:
    """A partner's commitments: coordinators, or that partner's own anchor administrators."""
    if viewer.role is Role.COORDINATOR:
        return True
    return can_contribute(viewer, programme) and viewer.organisation_id == organisation_id
