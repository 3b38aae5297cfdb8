"""A challenge's life cycle: states, the moves between them and what each move needs. Pure logic."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from challenges import uk2


class Status(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ENGAGEMENT_OPEN = "engagement_open"
    ENGAGEMENT_CLOSED = "engagement_closed"
    AWARDED = "awarded"
    NOT_AWARDED = "not_awarded"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATUS_NAMES[self]


# Each status in words, as the pages show it (`label`, the model's choices).
STATUS_NAMES = {
    Status.DRAFT: "Draft",
    Status.PUBLISHED: "Published",
    Status.ENGAGEMENT_OPEN: "Engagement open",
    Status.ENGAGEMENT_CLOSED: "Engagement closed",
    Status.AWARDED: "Awarded",
    Status.NOT_AWARDED: "Not awarded",
    Status.WITHDRAWN: "Withdrawn",
}
STATUS_CHOICES = [(status.value, name) for status, name in STATUS_NAMES.items()]


PUBLIC = frozenset(set(Status) - {Status.DRAFT})
FINAL = frozenset({Status.AWARDED, Status.NOT_AWARDED, Status.WITHDRAWN})

MOVES = {
    Status.DRAFT: [Status.PUBLISHED, Status.WITHDRAWN],
    Status.PUBLISHED: [Status.ENGAGEMENT_OPEN, Status.WITHDRAWN],
    Status.ENGAGEMENT_OPEN: [Status.ENGAGEMENT_CLOSED, Status.WITHDRAWN],
    Status.ENGAGEMENT_CLOSED: [Status.AWARDED, Status.NOT_AWARDED, Status.WITHDRAWN],
    Status.AWARDED: [],
    Status.NOT_AWARDED: [],
    Status.WITHDRAWN: [],
}

# The words on the button that makes each move.
ACTIONS = {
    Status.PUBLISHED: "Publish the challenge",
    Status.ENGAGEMENT_OPEN: "Open market engagement",
    Status.ENGAGEMENT_CLOSED: "Close market engagement",
    Status.AWARDED: "Record an award",
    Status.NOT_AWARDED: "Close without an award",
    Status.WITHDRAWN: "Withdraw the challenge",
}


@dataclass(frozen=True)
class MoveWords:
    """The confirmation page before a move: none of the moves can be undone."""

    heading: str
    what_happens: tuple[str, ...]
    cannot_be_undone: str
    button: str
    destructive: bool = False


CONFIRMATIONS = {
    Status.PUBLISHED: MoveWords(
        "Publish this challenge?",
        (
            (
                "Anyone, without signing in, will be able to read the challenge: its statement and "
                "its evaluation criteria with their weights."
            ),
            (
                "Suppliers can find partners for it; they can ask questions, express interest and "
                "write proposals once you open market engagement."
            ),
        ),
        "Publishing fixes the statement and the evaluation criteria for good, so that every "
        "supplier answers the same challenge: you cannot change them afterwards.",
        "Yes, publish the challenge",
    ),
    Status.ENGAGEMENT_OPEN: MoveWords(
        "Open market engagement?",
        (
            (
                "Suppliers will be able to ask clarification questions, express interest and submit "
                "proposals until engagement closes."
            ),
        ),
        "Once engagement is open, the challenge cannot go back to being only published.",
        "Yes, open market engagement",
    ),
    Status.ENGAGEMENT_CLOSED: MoveWords(
        "Close market engagement?",
        (
            (
                "Suppliers will no longer be able to ask questions, express interest or submit "
                "proposals. Submitted proposals are opened to the evaluation panel's members who "
                "declared no conflict of interest."
            ),
        ),
        "Engagement cannot be opened again once it is closed.",
        "Yes, close market engagement",
    ),
    Status.AWARDED: MoveWords(
        "Record the award?",
        (
            (
                "The challenge will show who was awarded the contract, its value and its date, and "
                "other anchors can record that they adopted the solution."
            ),
        ),
        "An awarded challenge is finished: its stage cannot change again.",
        "Yes, record the award",
    ),
    Status.NOT_AWARDED: MoveWords(
        "Close this challenge without an award?",
        (
            (
                "The challenge will show everyone that it closed without an award. Its proposals, "
                "scores and feedback stay on record."
            ),
        ),
        "This is final: the challenge cannot be reopened or awarded afterwards.",
        "Yes, close without an award",
        destructive=True,
    ),
    Status.WITHDRAWN: MoveWords(
        "Withdraw this challenge?",
        (
            (
                "The challenge will show as withdrawn. Suppliers can no longer take part in it, and "
                "no outcome can be recorded for it."
            ),
        ),
        "Withdrawing is final: the challenge cannot be published, reopened or awarded afterwards.",
        "Yes, withdraw the challenge",
        destructive=True,
    ),
}


def confirmation(target: str, above_threshold: bool | None = None) -> MoveWords:
    """The confirmation page's words before moving to `target`. Publishing says whether a UK2
    notice is required from the challenge's route (`above_threshold`, None while unknown), in the
    words the challenge's page uses (`uk2.requirement`)."""
    words = CONFIRMATIONS[Status(target)]
    if Status(target) is not Status.PUBLISHED:
        return words
    notice = (
        "Its UK2 preliminary market engagement notice can then be downloaded from its page. "
        + uk2.requirement(above_threshold)
    )
    return replace(words, what_happens=(words.what_happens[0], notice, *words.what_happens[1:]))


@dataclass(frozen=True)
class Facts:
    """What the moves depend on, read from a challenge by the caller."""

    status: str
    criteria_weights: tuple[int, ...]
    engagement_closes_at: datetime | None
    now: datetime
    has_award: bool = False
    has_cpv: bool = True


def problems_with_move(facts: Facts, target: str) -> list[str]:
    """Why the challenge cannot move to `target` now; empty when it can."""
    current = Status(facts.status)
    target = Status(target)
    if target not in MOVES[current]:
        return [
            f"A challenge that is {current.label.lower()} cannot become {target.label.lower()}."
        ]
    problems = []
    if target is Status.PUBLISHED:
        if not facts.criteria_weights:
            problems.append("Add the evaluation criteria before publishing: they are fixed then.")
        elif sum(facts.criteria_weights) != 100:
            problems.append(
                f"The criteria's weights add up to {sum(facts.criteria_weights)}%; they must add up "
                "to 100%."
            )
        if facts.engagement_closes_at is None:
            problems.append("Set when market engagement closes.")
        elif facts.engagement_closes_at <= facts.now:
            problems.append("The engagement closing date must be in the future.")
        if not facts.has_cpv:
            problems.append("Add at least one CPV code, so suppliers can find the challenge.")
    if target is Status.ENGAGEMENT_OPEN and (
        facts.engagement_closes_at is not None and facts.engagement_closes_at <= facts.now
    ):
        problems.append("The engagement closing date has passed; set a later one first.")
    if target is Status.AWARDED and not facts.has_award:
        problems.append("Record who was awarded the contract, its value and date first.")
    return problems
