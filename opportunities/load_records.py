"""What a load did, and releases on their way into the database: as read and checked (pure), and as
stored (keyed by ocid and release id; the digest of their canonical JSON says whether they changed)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

import orjson

from opportunities.ocds_input import Item
from opportunities.validation import ReleaseChecker, nul_warnings, usable_copy, without_nul


@dataclass
class LoadResult:
    files: int = 0
    releases_read: int = 0
    releases_new: int = 0
    releases_unchanged: int = 0
    releases_quarantined: int = 0
    processes_updated: int = 0
    seconds: float = 0.0
    quarantine_reasons: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "files": self.files,
            "releases_read": self.releases_read,
            "releases_new": self.releases_new,
            "releases_unchanged": self.releases_unchanged,
            "releases_quarantined": self.releases_quarantined,
            "processes_updated": self.processes_updated,
            "seconds": round(self.seconds, 3),
        }


@dataclass(slots=True)
class NewRelease:
    """A release on its way into the database (lighter than a model instance)."""

    ocid: str
    release_id: str
    date: datetime
    data: dict
    pk: int | None = None
    digest: str = ""
    location: str = ""
    raw: bytes = b""  # canonical JSON, for the compiler (without values of the wrong type)
    warnings: list[str] | tuple[str, ...] = ()


class Checked(NamedTuple):
    """A release as read, with its canonical JSON, why it cannot be used (`problems`), its digest,
    its data-quality warnings and the canonical JSON of what the compiler may rely on."""

    item: Item
    data: bytes = b""
    problems: tuple[str, ...] | list[str] = ()
    digest: str = ""
    warnings: tuple[str, ...] | list[str] = ()
    usable: bytes = b""


def canonical(release: dict) -> bytes:
    return orjson.dumps(release, option=orjson.OPT_SORT_KEYS)


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def data_warnings(releases: Iterable[NewRelease]) -> list[dict]:
    """A process's warnings: those of each of its releases (in date order), with the release id."""
    return [
        {"release_id": release.release_id, "warning": warning}
        for release in releases
        for warning in release.warnings
    ]


def checked_release(checker: ReleaseChecker, item: Item) -> Checked:
    """A release as read, checked: unusable, or stored with its warnings (NUL characters taken out)."""
    if item.release is None:
        return Checked(item)
    data = canonical(item.release)
    found = checker.check(item.release, size=len(data), numbers=item.numbers)
    if found.unusable:
        return Checked(item, data, found.unusable)
    if b"\\u0000" in data:  # orjson's spelling of NUL, which PostgreSQL cannot store
        release, places = without_nul(item.release)
        if places:
            item.release = release
            data = canonical(release)
            found.warnings[:0] = nul_warnings(places)
    return Checked(
        item, data, (), digest_of(data), found.warnings, usable_data(item.release, found, data)
    )


def usable_data(release: dict, found, data: bytes) -> bytes:
    """The canonical JSON the compiler may rely on: without values of the wrong type."""
    return canonical(usable_copy(release, found.wrong_types)) if found.wrong_types else data
