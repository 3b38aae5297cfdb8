"""What a challenge allows, and to whom: the one definition. Pure rules over plain values; views,
the API and `access.py` (which reads the values from the database) call them.
`Challenge.objects.public()` and `Challenge.objects.managed_by()` apply the same rules in the
database, and a test checks that they agree for every status and role.

Who sees what:
- anyone sees a challenge once it is published (every status but draft);
- its owners manage it at every stage, and alone see it as a draft: coordinators, and the buyers of
  the owning anchor or of a co-owning anchor;
- a response is read by its own organisation and, once engagement has closed, by the panel members
  who declared no conflict of interest: nobody else, not other suppliers, not owners off the panel;
- scores are each panel member's own until the moderator agrees them.

What each stage allows (the roles themselves are each view's @allow, with the sets below):
- draft: the statement and criteria are written; publishing fixes both;
- engagement open, until its closing time: suppliers ask questions, show interest, respond;
- published to engagement closed: suppliers find consortium partners;
- any stage but the final ones: the owners add engagement events; members register for an event
  until it starts, while it has room;
- engagement closed, awarded, not awarded: the panel evaluates (responses are sealed until then);
- engagement closed, awarded, not awarded: the owners record the outcome (the proposals have
  been evaluated by then; an award goes to a supplier that sent one);
- published onwards, unless withdrawn: the UK2 notice can be downloaded (a withdrawn challenge's
  engagement leads to no procurement, so its notice is not offered as if it did);
- awarded: other anchors record that they adopted the solution.

`STAGES` is that list as data: for each action, the stages in which it is allowed. The pages offer
an action only where `allows` says so, and the views refuse it elsewhere (a test walks every stage
and every action). The moves between stages are `lifecycle.MOVES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from challenges.lifecycle import FINAL, PUBLIC, Status
from core.roles import Role

# Suppliers take part in engagement: ask, show interest, respond, find partners.
SUPPLIERS = frozenset({Role.SUPPLIER})
# An anchor's buyers own challenges and adopt others' solutions.
ANCHOR_BUYERS = frozenset({Role.BUYER, Role.ANCHOR_ADMIN})
EVALUATION_STAGES = frozenset({Status.ENGAGEMENT_CLOSED, Status.AWARDED, Status.NOT_AWARDED})

NOT_ON_PANEL = "Only the challenge's evaluation panel can do this."


class Action(StrEnum):
    """What can be done on a challenge, apart from moving it to another stage."""

    EDIT_STATEMENT = "edit_statement"
    EDIT_CRITERIA = "edit_criteria"
    ADD_EVENT = "add_event"
    TAKE_PART = "take_part"  # ask a question, express interest, write a proposal
    FIND_PARTNERS = "find_partners"
    EVALUATE = "evaluate"
    RECORD_OUTCOME = "record_outcome"
    DOWNLOAD_UK2 = "download_uk2"
    ADOPT = "adopt"


STAGES: dict[Action, frozenset[Status]] = {
    Action.EDIT_STATEMENT: frozenset({Status.DRAFT}),
    Action.EDIT_CRITERIA: frozenset({Status.DRAFT}),
    Action.ADD_EVENT: frozenset(set(Status) - FINAL),
    Action.TAKE_PART: frozenset({Status.ENGAGEMENT_OPEN}),  # and before its closing time
    Action.FIND_PARTNERS: frozenset(PUBLIC - FINAL),
    Action.EVALUATE: EVALUATION_STAGES,
    Action.RECORD_OUTCOME: EVALUATION_STAGES,
    Action.DOWNLOAD_UK2: frozenset(PUBLIC - {Status.WITHDRAWN}),
    Action.ADOPT: frozenset({Status.AWARDED}),
}


def allows(status: str, action: Action) -> bool:
    """Whether a challenge in this stage allows the action (who may do it is another rule)."""
    return Status(status) in STAGES[action]


def actions_in(status: str) -> frozenset[str]:
    """The actions a challenge in this stage allows, by name, as the pages ask."""
    return frozenset(action.value for action in Action if allows(status, action))


@dataclass(frozen=True)
class Viewer:
    role: Role
    user_id: int | None = None
    organisation_id: int | None = None


@dataclass(frozen=True)
class ChallengeFacts:
    status: str
    owner_ids: frozenset[int]  # the owning anchor and its co-owners


@dataclass(frozen=True)
class Seat:
    """A panel member's seat on a challenge."""

    declared: bool
    has_conflict: bool
    is_moderator: bool = False


# ---------------------------------------------------------------------------------------------
# Who sees what


def is_public(status: str) -> bool:
    return status in PUBLIC


def manages(challenge: ChallengeFacts, viewer: Viewer) -> bool:
    """Coordinators, and buyers of the owning anchor or a co-owner, manage a challenge."""
    if viewer.role is Role.COORDINATOR:
        return True
    return viewer.role in ANCHOR_BUYERS and viewer.organisation_id in challenge.owner_ids


def can_see(challenge: ChallengeFacts, viewer: Viewer) -> bool:
    return is_public(challenge.status) or manages(challenge, viewer)


def may_see_responses(seat: Seat) -> bool:
    """A panel member sees responses only after declaring no conflict of interest."""
    return seat.declared and not seat.has_conflict


def may_read_response(
    viewer: Viewer, lead_id: int, submitted: bool, status: str, seat: Seat | None
) -> bool:
    """The respondent's own organisation; or a panel member who declared no conflict, once the
    response is submitted and engagement has closed (`status` is the challenge's)."""
    if viewer.role is Role.SUPPLIER and viewer.organisation_id == lead_id:
        return True
    return seat is not None and may_see_responses(seat) and submitted and evaluation_open(status)


# ---------------------------------------------------------------------------------------------
# What each stage allows


def statement_editable(status: str) -> bool:
    """A published challenge's statement is fixed, so every supplier answers the same one."""
    return allows(status, Action.EDIT_STATEMENT)


def criteria_editable(status: str) -> bool:
    """Criteria and weights are fixed when the challenge is published."""
    return allows(status, Action.EDIT_CRITERIA)


def engagement_open(status: str, closes_at: datetime | None, now: datetime) -> bool:
    """Questions, interest and responses: while engagement is open and before its closing time."""
    return allows(status, Action.TAKE_PART) and (closes_at is None or now < closes_at)


def closed_message(status: str) -> str:
    """What a supplier is told when engagement is not open."""
    if status == Status.ENGAGEMENT_OPEN:
        return "Market engagement on this challenge has closed."
    return "Market engagement on this challenge is not open."


def events_may_be_added(status: str) -> bool:
    return allows(status, Action.ADD_EVENT)


def event_started(starts_at: datetime, now: datetime) -> bool:
    """Registration for an event closes when it starts."""
    return starts_at <= now


def event_full(capacity: int | None, registered: int) -> bool:
    """An event without a capacity is never full."""
    return capacity is not None and capacity > 0 and registered >= capacity


def partners_may_be_found(status: str) -> bool:
    """While a challenge is published and open: from publication until an outcome."""
    return allows(status, Action.FIND_PARTNERS)


def evaluation_open(status: str) -> bool:
    """Responses are sealed until engagement closes; the panel then reads and scores them."""
    return allows(status, Action.EVALUATE)


def evaluation_refusal(status: str, seat: Seat | None) -> str | None:
    """Why this user may not read and score the responses now; None when they may."""
    if seat is None:
        return NOT_ON_PANEL
    if not seat.declared:
        return "Declare any conflict of interest before you see the responses."
    if seat.has_conflict:
        return "You declared a conflict of interest, so you cannot see any response."
    if not evaluation_open(status):
        return "Responses can be evaluated once market engagement has closed."
    return None


def moderation_refusal(status: str, seat: Seat | None) -> str | None:
    """Why this user may not moderate the scores now; None when they may."""
    refusal = evaluation_refusal(status, seat)
    if refusal is None and seat is not None and not seat.is_moderator:
        return "Only the panel's moderator can do this."
    return refusal


def outcome_may_be_recorded(status: str) -> bool:
    return allows(status, Action.RECORD_OUTCOME)


def outcome_refusal(status: str) -> str | None:
    """Why no outcome can be recorded now; None when it can."""
    if allows(status, Action.RECORD_OUTCOME):
        return None
    if Status(status) is Status.WITHDRAWN:
        return "This challenge was withdrawn, so it has no outcome to record. Nothing was saved."
    return (
        "The outcome can be recorded once market engagement has closed and the proposals have "
        "been evaluated. Nothing was saved."
    )


def creation_refusal(role: Role) -> str | None:
    """Why this role may not describe a new challenge; None when it may. A challenge belongs to
    an anchor, so its buyers write it; the pages offer "Describe a challenge" only where this
    is None, and the create view refuses with its words."""
    if role in ANCHOR_BUYERS:
        return None
    if role is Role.COORDINATOR:
        return (
            "Challenges belong to an anchor: ask a buyer at the anchor to create it, then add "
            "yourself to its panel if needed."
        )
    return "Only the buyers of an anchor institution can describe a challenge."


def uk2_refusal(status: str) -> str | None:
    """Why the challenge's UK2 notice cannot be downloaded; None when it can."""
    if allows(status, Action.DOWNLOAD_UK2):
        return None
    if Status(status) is Status.WITHDRAWN:
        return (
            "This challenge was withdrawn, so no procurement follows its engagement and it has no "
            "UK2 notice to publish."
        )
    return "A draft challenge has no notice yet; publish it first."


class CanAdopt(StrEnum):
    YES = "yes"
    NOT_AN_ANCHOR_BUYER = "not_an_anchor_buyer"
    OWNS_IT = "owns_it"  # adoption is by other anchors
    NOT_AWARDED = "not_awarded"
    ALREADY_RECORDED = "already_recorded"


def can_adopt(challenge: ChallengeFacts, viewer: Viewer, adopted: bool) -> CanAdopt:
    """Whether the viewer's anchor may record that it adopted the solution (`adopted`: it has
    already recorded so), and if not, why not."""
    if viewer.role not in ANCHOR_BUYERS:
        return CanAdopt.NOT_AN_ANCHOR_BUYER
    if viewer.organisation_id in challenge.owner_ids:
        return CanAdopt.OWNS_IT
    if not allows(challenge.status, Action.ADOPT):
        return CanAdopt.NOT_AWARDED
    if adopted:
        return CanAdopt.ALREADY_RECORDED
    return CanAdopt.YES
