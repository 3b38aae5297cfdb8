"""Check one release against the OCDS release schema (with the UK extension) and our own limits.
Returns the reasons a release cannot be accepted, each saying what is wrong and where. Pure: the
schema is passed in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import jsonschema_rs

MAX_STRING = 100_000  # characters in any one field: more is an error in the source, not a notice
MAX_REASONS = 5


class ReleaseChecker:
    """Structure (types, required fields) is checked strictly. String formats (uri, email) are not:
    publishers get them wrong often (Contracts Finder has "http://Contract Finder" as a URL) and a
    notice is still worth showing. The release date, which orders the releases, must parse."""

    def __init__(self, schema: dict):
        self.validator = jsonschema_rs.Draft4Validator(schema, validate_formats=False)

    def problems(self, release: dict, size: int | None = None) -> list[str]:
        """`size`: the release's JSON length, when known; no string can be longer than that."""
        reasons = []
        for path, length in _oversized(release, "") if size is None or size > MAX_STRING else ():
            reasons.append(
                f"{path or 'release'}: text of {length:,} characters is over the limit of {MAX_STRING:,}"
            )
            if len(reasons) >= MAX_REASONS:
                return reasons
        date = release.get("date")
        if isinstance(date, str) and parse_date(date) is None:
            reasons.append(
                f"date: {date!r} is not a date and time (ISO 8601, e.g. 2025-01-23T14:59:07Z)"
            )
        for error in self.validator.iter_errors(release):
            where = ".".join(str(part) for part in error.instance_path) or "release"
            reasons.append(f"{where}: {_plain(error.message)}")
            if len(reasons) >= MAX_REASONS:
                break
        return reasons


def parse_date(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _plain(message: str) -> str:
    if len(message) > 300:
        return message[:300] + "…"
    return message


def _oversized(value, path: str) -> Iterator[tuple[str, int]]:
    if isinstance(value, str):
        if len(value) > MAX_STRING:
            yield path, len(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _oversized(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _oversized(item, f"{path}.{index}")
