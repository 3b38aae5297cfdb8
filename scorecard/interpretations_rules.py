"""The rules of the network's interpretations of the Procurement Act, without the database: who
sees and changes what, what the data file's sync does with each seed, whether a status change is
complete, and how two versions differ. Pure: roles and plain values in, answers out; the
database side is scorecard/interpretations.py."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.roles import Role

DRAFT, AGREED, SUPERSEDED = "draft", "agreed", "superseded"
STATUSES = (DRAFT, AGREED, SUPERSEDED)

# Every field a version keeps, in the order the page shows them, with its label.
FIELDS: dict[str, str] = {
    "question": "Question",
    "reading": "Reading",
    "statute_reference": "Statute reference",
    "statute_url": "Link to the legislation",
    "status": "Status",
    "agreed_on": "Agreed on",
    "routes": "Route finder routes",
    "guides": "Guides",
    "superseded_by": "Superseded by",
}
# The fields a seed in the data file sets (a seed never supersedes another).
SEED_FIELDS = (
    "question",
    "reading",
    "statute_reference",
    "statute_url",
    "status",
    "agreed_on",
    "routes",
    "guides",
)

# Drafts are the network's work in progress: buyers of any anchor and coordinators read them;
# the public (and suppliers) read what the network agreed and what it later superseded.
DRAFT_READERS = frozenset({Role.BUYER, Role.ANCHOR_ADMIN, Role.COORDINATOR})


def visible_statuses(role: Role) -> frozenset[str]:
    if role in DRAFT_READERS:
        return frozenset(STATUSES)
    return frozenset({AGREED, SUPERSEDED})


def can_read(role: Role, status: str) -> bool:
    return status in visible_statuses(role)


def can_edit(role: Role) -> bool:
    """Write, edit and change the status of interpretations: coordinators only."""
    return role is Role.COORDINATOR


def can_record_adoption(role: Role, own_organisation_id: int | None, organisation_id: int) -> bool:
    """Coordinators record or withdraw any anchor's adoption; an anchor's administrators their
    own anchor's."""
    if role is Role.COORDINATOR:
        return True
    return role is Role.ANCHOR_ADMIN and own_organisation_id == organisation_id


def can_be_adopted(status: str) -> bool:
    """Only a reading the network agreed is adopted (not a draft, not a superseded one)."""
    return status == AGREED


def can_offer_adoption(
    role: Role, status: str, own_organisation_id: int | None, adopted: set[int]
) -> bool:
    """Whether the page offers to record an adoption: of an agreed reading, to a coordinator
    (any anchor), or to an anchor's administrator whose anchor has not yet adopted it."""
    if not can_be_adopted(status):
        return False
    if role is Role.COORDINATOR:
        return True
    return role is Role.ANCHOR_ADMIN and own_organisation_id not in adopted


def status_problems(
    status: str, agreed_on: Any, superseded_by: str | None, slug: str
) -> dict[str, str]:
    """What a status change lacks, field by field (empty when complete): an agreed reading has
    the day it was agreed; a superseded one names the newer interpretation, which is not itself;
    only a superseded one names a newer one."""
    found: dict[str, str] = {}
    if status not in STATUSES:
        found["status"] = "Choose draft, agreed or superseded"
    if status == AGREED and not agreed_on:
        found["agreed_on"] = "Enter the day the network agreed this reading"
    if status == SUPERSEDED and not superseded_by:
        found["superseded_by"] = "Choose the interpretation that supersedes this one"
    if superseded_by and superseded_by == slug:
        found["superseded_by"] = "An interpretation cannot supersede itself"
    if status != SUPERSEDED and superseded_by:
        found["superseded_by"] = "Only a superseded interpretation names the one that replaced it"
    return found


# What the sync does with one seed.
CREATE, UPDATE, KEEP = "create", "update", "keep"


def seed_action(
    exists: bool, edited_in_product: bool, stored_version: str, file_version: str
) -> str:
    """Create a missing seed; update one that nobody has edited in the product when the file is
    newer than the version it was loaded from; otherwise keep what the database holds. Versions
    are dates (YYYY-MM-DD with an optional suffix), so they compare as text."""
    if not exists:
        return CREATE
    if edited_in_product or not stored_version or file_version <= stored_version:
        return KEEP
    return UPDATE


def seed_values(seed: Mapping[str, Any]) -> dict[str, Any]:
    """A seed's fields as a version's snapshot keeps them (agreed_on as YYYY-MM-DD or None)."""
    return {
        "question": seed["question"],
        "reading": seed["reading"],
        "statute_reference": seed["statute_reference"],
        "statute_url": seed["statute_url"],
        "status": seed["status"],
        "agreed_on": seed.get("agreed_on"),
        "routes": list(seed["routes"]),
        "guides": list(seed["guides"]),
    }


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: Any
    after: Any
    words: list[tuple[str, str]] | None = None  # for text: ("same" | "added" | "removed", text)

    @property
    def before_text(self) -> str:
        return shown(self.before)

    @property
    def after_text(self) -> str:
        return shown(self.after)


def shown(value: Any) -> str:
    """A snapshot's value in words: a list joined with commas; nothing as an empty string."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The text of `after` against `before`, word by word: runs kept, added and removed, in
    reading order (spaces and line breaks kept, so paragraphs stay paragraphs)."""
    old, new = re.findall(r"\S+|\s+", before or ""), re.findall(r"\S+|\s+", after or "")
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("same", "".join(old[a1:a2])))
            continue
        if op in {"delete", "replace"}:
            out.append(("removed", "".join(old[a1:a2])))
        if op in {"insert", "replace"}:
            out.append(("added", "".join(new[b1:b2])))
    return out


LONG_TEXT = {"question", "reading"}


def changes(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> list[Change]:
    """How a version differs from the one before it, field by field in FIELDS order; for the
    first version (no `before`), every field that has a value."""
    out = []
    for field, label in FIELDS.items():
        old = None if before is None else before.get(field)
        new = after.get(field)
        if old == new or (before is None and new in (None, "", [])):
            continue
        words = None
        if field in LONG_TEXT and before is not None:
            words = word_diff(str(old or ""), str(new or ""))
        out.append(Change(field, label, old, new, words))
    return out
