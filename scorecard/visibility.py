"""Who sees which scorecard, and who publishes one (issue 16, as with spend summaries): buyers of
any anchor and coordinators see every scorecard and the whole comparison; anyone else (the public,
suppliers, people not yet in an organisation) sees an anchor's scorecard once that anchor has
published it, and only published anchors in the comparison. An anchor's administrators and the
coordinators publish and withdraw it. Pure: roles and ids in, answers out; the views ask the
database which anchors have published (`ScorecardPublication`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from core.roles import BUYERS, Role

T = TypeVar("T")


def sees_every_scorecard(role: Role) -> bool:
    return role in BUYERS


def may_see(role: Role, published: bool) -> bool:
    """Whether someone with `role` sees an anchor's scorecard (published or not)."""
    return sees_every_scorecard(role) or published


def may_publish(role: Role, user_organisation_id: int | None, organisation_id: int) -> bool:
    """Coordinators publish any anchor's scorecard; an anchor's administrators their own."""
    return role is Role.COORDINATOR or (
        role is Role.ANCHOR_ADMIN and user_organisation_id == organisation_id
    )


def visible(
    role: Role, anchors: Iterable[T], published_ids: set[int], id_of=lambda a: a.pk
) -> list[T]:
    """The anchors whose scorecards `role` sees, in the order given."""
    return [a for a in anchors if may_see(role, id_of(a) in published_ids)]
