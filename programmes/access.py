"""The rules of `rules.py` asked of database records."""

from __future__ import annotations

from core.roles import role_of
from programmes import rules


def viewer_of(user) -> rules.Viewer:
    role = role_of(user)
    organisation_id = getattr(user, "organisation_id", None) if user.is_authenticated else None
    return rules.Viewer(
        role=role,
        organisation_id=organisation_id,
        is_organisation_admin=bool(getattr(user, "is_organisation_admin", False)),
    )


def facts_of(programme) -> rules.ProgrammeFacts:
    return rules.ProgrammeFacts(
        is_published=programme.is_published,
        partner_ids=frozenset(
            p.organisation_id for p in programme.partners.all() if p.organisation_id
        ),
    )


def can_see(user, programme) -> bool:
    return rules.can_see(viewer_of(user), facts_of(programme))


def can_manage(user, programme) -> bool:
    return rules.can_manage(viewer_of(user), facts_of(programme))


def can_contribute(user, programme) -> bool:
    return rules.can_contribute(viewer_of(user), facts_of(programme))


def can_contribute_for(user, programme, organisation_id: int) -> bool:
    return rules.can_contribute_for(viewer_of(user), facts_of(programme), organisation_id)
