"""Check one release against the OCDS release schema (with the UK extension) and our own limits.

Two kinds of finding (decision 0016):
- **unusable**: what stops a release being stored and found at all: no `ocid` or no `id` (each
  must be text: they are its key), no `date` that parses (it orders a process's releases), text
  longer than `MAX_STRING` anywhere. Such a release is quarantined.
- **warnings**: any other departure from the schema (`durationInDays` as text, `standstillPeriod`
  as an array, a number too large to be one): the release is genuine, so it is stored, compiled,
  searchable and shown with these warnings, each saying what is wrong and where, in plain English.

`usable_copy` gives what the compiler may rely on: the release without the values of the wrong
type (kept in the stored release as published). Pure: the schema is passed in.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import jsonschema_rs

from opportunities.numbers import is_no_limit, is_number_text

MAX_STRING = 100_000  # characters in any one field: more is an error in the source, not a notice
MAX_REASONS = 5  # reasons given for an unusable release
MAX_WARNINGS = 20  # warnings kept per release (then how many more there were)
KEYS = ("ocid", "id")


@dataclass
class Findings:
    unusable: list[str] = field(default_factory=list)  # empty: the release can be stored
    warnings: list[str] = field(default_factory=list)
    wrong_types: list[tuple] = field(default_factory=list)  # paths left out of `usable_copy`


class ReleaseChecker:
    """Structure (types, required fields) is checked strictly. String formats (uri, email) are not:
    publishers get them wrong often (Contracts Finder has "http://Contract Finder" as a URL) and a
    notice is still worth showing."""

    def __init__(self, schema: dict):
        self.validator = jsonschema_rs.Draft4Validator(schema, validate_formats=False)

    def check(
        self, release: dict, size: int | None = None, numbers: Iterable[tuple[str, str]] = ()
    ) -> Findings:
        """`size`: the release's JSON length, when known; no string can be longer than that.
        `numbers`: (path, text) of each number the reader kept as its text (it did not fit)."""
        found = Findings()
        for path, length in _oversized(release, "") if size is None or size > MAX_STRING else ():
            found.unusable.append(
                f"{path or 'release'}: text of {length:,} characters is over the limit of {MAX_STRING:,}"
            )
            if len(found.unusable) >= MAX_REASONS:
                return found
        for key in KEYS:
            value = release.get(key)
            if value is None:
                found.unusable.append(f'"{key}" is a required property')
            elif not isinstance(value, str) or not value.strip() or "\x00" in value:
                found.unusable.append(f"{key}: {_shown(value)} is not usable as a release's {key}")
        date = release.get("date")
        if date is None:
            found.unusable.append('"date" is a required property')
        elif not isinstance(date, str) or parse_date(date) is None:
            found.unusable.append(
                f"date: {date!r} is not a date and time (ISO 8601, e.g. 2025-01-23T14:59:07Z)"
            )
        if found.unusable:
            return found
        kept_as_text = dict(numbers)
        for path, text in kept_as_text.items():
            found.warnings.append(
                f"{path}: the number {text} is too large to store as a number; kept as the text "
                f'"{text}"' + (' and read as "no limit"' if is_no_limit(text) else "")
            )
        more = 0
        for error in self.validator.iter_errors(release):
            where = ".".join(str(part) for part in error.instance_path) or "release"
            wrong_type = bool(error.schema_path) and error.schema_path[-1] == "type"
            if wrong_type:
                found.wrong_types.append(tuple(error.instance_path))
                if where in kept_as_text:
                    continue  # said above
            if len(found.warnings) >= MAX_WARNINGS:
                more += 1
                continue
            found.warnings.append(_warning(where, error, wrong_type))
        if more:
            found.warnings.append(f"and {more:,} more departure{'s' * (more > 1)} from the schema")
        return found


def usable_copy(release: dict, wrong_types: Iterable[tuple]) -> dict:
    """The release without the values at `wrong_types` (a value of the wrong type is dropped, so
    the compiler sees only the shapes the schema promises), except a "no limit" (1e9999), which is
    kept for `numbers.is_no_limit`. The release itself is not changed."""
    paths = [path for path in wrong_types if path]
    if not paths:
        return release
    result = copy.deepcopy(release)
    # Deepest first, and within a list the highest index first, so earlier removals move nothing.
    for path in sorted(paths, key=lambda p: (len(p), p[-1] if isinstance(p[-1], int) else -1))[
        ::-1
    ]:
        parent: Any = result
        for step in path[:-1]:
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                parent = None
                break
        last = path[-1]
        present = (
            last in parent
            if isinstance(parent, dict)
            else isinstance(parent, list) and isinstance(last, int) and last < len(parent)
        )
        if present and not is_no_limit(parent[last]):
            del parent[last]
    return result


def without_nul(release: dict) -> tuple[dict, list[str]]:
    """The release with each NUL character (U+0000) in its text replaced by U+FFFD, which
    PostgreSQL cannot store in text or jsonb, and where they were; the release itself when it has
    none (as nearly every release)."""
    places: list[str] = []

    def clean(value, path: str):
        if isinstance(value, str):
            if "\x00" in value:
                places.append(path or "release")
                return value.replace("\x00", "\ufffd")
            return value
        if isinstance(value, dict):
            return {
                clean(key, path): clean(item, f"{path}.{key}" if path else str(key))
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [clean(item, f"{path}.{index}") for index, item in enumerate(value)]
        return value

    cleaned = clean(release, "")
    return (cleaned, places) if places else (release, [])


def nul_warnings(places: list[str]) -> list[str]:
    return [
        f"{place}: text with a NUL character (U+0000), which cannot be stored; kept with "
        "U+FFFD in its place"
        for place in dict.fromkeys(places)
    ][:MAX_WARNINGS]


def parse_date(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "an object",
    "array": "a list",
    "boolean": "true or false",
    "null": "empty",
}


def _warning(where: str, error, wrong_type: bool) -> str:
    if wrong_type:
        value = error.instance
        wanted = error.kind.types if hasattr(error.kind, "types") else []
        wanted = [t for t in (wanted if isinstance(wanted, list) else [wanted]) if t != "null"]
        expected = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in wanted) or "another type"
        if is_no_limit(value):
            return f'{where}: the text "{value}" where {expected} is expected; read as "no limit"'
        if is_number_text(value):
            return f'{where}: the text "{value}" where {expected} is expected'
        return f"{where}: {_kind(value)} where {expected} is expected ({_shown(value)})"
    return f"{where}: {_plain(error.message)}"


def _kind(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "empty"
    return "a number"


def _shown(value, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _plain(message: str) -> str:
    if len(message) > 300:
        return message[:300] + "…"
    return message


def _oversized(value, path: str) -> Iterator[tuple[str, str | int]]:
    if isinstance(value, str):
        if len(value) > MAX_STRING:
            yield path, len(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _oversized(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _oversized(item, f"{path}.{index}")
