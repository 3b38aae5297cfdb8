"""The network's charter as data (`scorecard/data/charter.json`): each commitment as the database
keeps it, the number of days the tender-period commitment asks for, and the indicator names the
charter uses that the registry does not know. Pure: the data file in, plain values out."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from core import datafiles
from core.datafiles import DataFile

# A commitment's fields, as the database row and each of its versions keep them.
FIELDS = (
    "slug",
    "title",
    "description",
    "indicator",
    "target",
    "comparison",
    "source",
    "tender_days",
    "position",
    "is_active",
)


@cache
def charter_file() -> DataFile:
    return datafiles.read(("scorecard", "charter"))


def source_words(file: DataFile, entry: dict) -> str:
    """Where a commitment and its target come from, in words as readers see them (RULES.md's
    markers said in words: datafiles.for_readers)."""
    said = datafiles.for_readers(f"{file.cite(entry['source'])} [{entry['marker']}]")
    target = entry.get("target")
    if target:
        source = datafiles.for_readers(f"{file.cite(target['source'])} [{target['marker']}]")
        said += f". Target: {target['note']} ({source})"
    return said


def commitments(file: DataFile) -> list[dict]:
    """Each commitment of the data file with FIELDS as the database keeps them, in order."""
    found = []
    for position, entry in enumerate(file.content["commitments"]):
        target = entry.get("target") or {}
        found.append(
            {
                "slug": entry["slug"],
                "title": entry["title"],
                "description": entry["description"],
                "indicator": entry["indicator"],
                "target": float(target["value"]) if target else None,
                "comparison": target.get("comparison", "at_least"),
                "source": source_words(file, entry),
                "tender_days": entry.get("tender_days"),
                "position": position,
                "is_active": True,
            }
        )
    return found


def commitment_tender_days(data: dict) -> int | None:
    """The days of tender period the charter data commits to (the content of charter.json: the
    first commitment giving `tender_days`); None when no commitment gives one. The indicator
    tender_period_commitment_share reads the days the database keeps instead (synced from here,
    changed by coordinators: gathering.commitment_tender_days)."""
    for entry in data.get("commitments", []):
        if entry.get("tender_days") is not None:
            return int(entry["tender_days"])
    return None


def unregistered(data: dict, registered: Iterable[str]) -> list[str]:
    """The indicator names the charter's commitments give that are not in `registered`."""
    known = set(registered)
    return [
        entry["indicator"]
        for entry in data.get("commitments", [])
        if entry["indicator"] and entry["indicator"] not in known
    ]


def is_newer(version: str, than: str) -> bool:
    """Whether a data file's version (a date, YYYY-MM-DD or YYYY-MM, with an optional suffix for a
    second change in a day) is later than another; any version is newer than none ("")."""
    return version > than
