"""Agreement to share: who may see a case. Pure rules; `Case.objects.visible_to` applies the same
rules in the database, and a test checks the two agree for every level, status and role.

- Coordinators see every case (they review and publish).
- The organisation that submitted a case, and its submitter, see it at every stage.
- Anyone else sees only published cases, and only within their sharing level:
  public: everyone; network: signed-in members of any organisation on the platform;
  named organisations: members of those organisations; private draft: nobody else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.roles import Role


class Level(StrEnum):
    PUBLIC = "public"
    NETWORK = "network"
    NAMED = "named"
    PRIVATE = "private"

    @property
    def label(self) -> str:
        return LEVEL_NAMES[self]


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return STATUS_NAMES[self]


# Each level and status in words, as the pages show them (`label`, the models' choices).
LEVEL_NAMES = {
    Level.PUBLIC: "Public",
    Level.NETWORK: "Network members",
    Level.NAMED: "Named organisations",
    Level.PRIVATE: "Private draft",
}
STATUS_NAMES = {
    Status.DRAFT: "Draft",
    Status.SUBMITTED: "Submitted for review",
    Status.CHANGES_REQUESTED: "Changes requested",
    Status.PUBLISHED: "Published",
}

MEMBER_ROLES = frozenset({Role.SUPPLIER, Role.BUYER, Role.ANCHOR_ADMIN})
# How widely each level shares, narrowest first.
WIDTH = {Level.PRIVATE: 0, Level.NAMED: 1, Level.NETWORK: 2, Level.PUBLIC: 3}


def widens(old: str, new: str) -> bool:
    """Sharing a published case more widely goes back to a coordinator for review."""
    return WIDTH[Level(new)] > WIDTH[Level(old)]


@dataclass(frozen=True)
class Viewer:
    role: Role
    user_id: int | None = None
    organisation_id: int | None = None


@dataclass(frozen=True)
class CaseFacts:
    level: Level
    status: Status
    organisation_id: int | None  # who submitted it
    submitted_by_id: int | None
    named_ids: frozenset[int] = frozenset()


def can_see(case: CaseFacts, viewer: Viewer) -> bool:
    if viewer.role is Role.COORDINATOR:
        return True
    if viewer.user_id is not None and viewer.user_id == case.submitted_by_id:
        return True
    if viewer.organisation_id is not None and viewer.organisation_id == case.organisation_id:
        return True
    if case.status != Status.PUBLISHED:
        return False
    if case.level == Level.PUBLIC:
        return True
    if case.level == Level.NETWORK:
        return viewer.role in MEMBER_ROLES
    if case.level == Level.NAMED:
        return viewer.organisation_id is not None and viewer.organisation_id in case.named_ids
    return False


def can_edit(case: CaseFacts, viewer: Viewer) -> bool:
    """The submitting organisation edits its cases; coordinators edit all."""
    if viewer.role is Role.COORDINATOR:
        return True
    return (viewer.user_id is not None and viewer.user_id == case.submitted_by_id) or (
        viewer.organisation_id is not None and viewer.organisation_id == case.organisation_id
    )
