"""Who sees and changes an anchor's maturity self-assessments: the one definition. Pure rules over
plain values; views and the organisation page's panel call them.

- an anchor's assessments (drafts, results, history, downloads) are read by the anchor's own
  members (its buyers and administrators) and by coordinators; others get "not found", as the
  answers are the anchor's own candid view of itself;
- the anchor's administrators and coordinators start, answer and complete an assessment; the
  anchor's buyers read;
- a completed assessment is never changed: a new one is started to show change over time;
- the network's picture (counts of levels per question, no anchor named) is read by buyers of any
  anchor and by coordinators; not by suppliers, and not by the public, since the counts over a
  handful of anchors could point to one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.roles import Role

NETWORK_READERS = frozenset({Role.BUYER, Role.ANCHOR_ADMIN, Role.COORDINATOR})


@dataclass(frozen=True)
class Viewer:
    role: Role
    organisation_id: int | None = None


def can_see(viewer: Viewer, anchor_id: int) -> bool:
    if viewer.role is Role.COORDINATOR:
        return True
    return viewer.role in {Role.BUYER, Role.ANCHOR_ADMIN} and viewer.organisation_id == anchor_id


def can_assess(viewer: Viewer, anchor_id: int) -> bool:
    if viewer.role is Role.COORDINATOR:
        return True
    return viewer.role is Role.ANCHOR_ADMIN and viewer.organisation_id == anchor_id


def can_answer(viewer: Viewer, anchor_id: int, is_draft: bool) -> bool:
    return is_draft and can_assess(viewer, anchor_id)


def can_see_network(viewer: Viewer) -> bool:
    return viewer.role in NETWORK_READERS
