"""Read OCDS releases from a file, streamed: release packages, record packages, JSON Lines of
releases or of packages, a JSON array of releases; plain or gzip. Memory does not grow with the file.

Yields one `Item` per release found, or per place the input could not be read (with the reason), so
that nothing is dropped silently. No database here.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ijson
import orjson

from core.archives import Budget, gunzip, setting

EXCERPT = 500
# A compressed file is read as a stream, but no further than this (setting
# OCDS_MAX_UNCOMPRESSED_BYTES): a full bulk download is a few GB; a bomb is refused by its ratio.
MAX_UNCOMPRESSED_BYTES = 20 * 1024**3


@dataclass
class Item:
    location: str  # where in the source: "releases[12]", "line 5", "records[3].releases[0]"
    release: dict | None = None
    error: str | None = None  # why it could not be read, when release is None
    excerpt: str = ""


def _open(path: Path) -> io.BufferedIOBase:
    with path.open("rb") as probe:
        compressed = probe.read(2) == b"\x1f\x8b"
    if not compressed:
        return path.open("rb")
    limit = setting("OCDS_MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES)
    return gunzip(path.open("rb"), path.name, Budget(path.name, limit), close_raw=True)


def _first_text(path: Path, size: int = 65536) -> bytes:
    with _open(path) as handle:
        return handle.read(size)


def read_releases(path: Path) -> Iterator[Item]:
    try:
        head = _first_text(path)
    except (OSError, EOFError) as error:
        yield Item("file", error=f"cannot read the file: {error}")
        return
    stripped = head.lstrip()
    if not stripped:
        yield Item("file", error="the file is empty")
        return
    if stripped[:1] == b"[":
        yield from _stream(path, "item", "[{n}]")
        return
    if stripped[:1] != b"{":
        yield Item(
            "file",
            error="not JSON: the file does not start with '{' or '['",
            excerpt=_text(head[:EXCERPT]),
        )
        return
    if _looks_like_json_lines(head):
        yield from _json_lines(path)
        return
    kind = _package_kind(path)
    if kind == "releases":
        yield from _stream(path, "releases.item", "releases[{n}]")
    elif kind == "records":
        yield from _records(path)
    elif kind == "release":
        yield from _single_release(path)
    else:
        yield Item("file", error=kind)


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _looks_like_json_lines(head: bytes) -> bool:
    lines = [line for line in head.split(b"\n") if line.strip()]
    if len(lines) < 2:
        return False
    try:
        first = orjson.loads(lines[0])
    except orjson.JSONDecodeError:
        return False
    return isinstance(first, dict)


def _package_kind(path: Path) -> str:
    """'releases', 'records', 'release', or an error message. Reads only until the answer is known."""
    try:
        with _open(path) as handle:
            for prefix, event, value in ijson.parse(handle):
                if prefix == "" and event == "map_key":
                    if value in ("releases", "records"):
                        return value
                    if value == "ocid":
                        return "release"
    except ijson.JSONError as error:
        return f"not valid JSON: {error}"
    return "a JSON object with neither 'releases' nor 'records': not an OCDS package or release"


def _stream(path: Path, prefix: str, where: str) -> Iterator[Item]:
    n = 0
    try:
        with _open(path) as handle:
            for value in ijson.items(handle, prefix, use_float=True):
                yield _as_release(value, where.format(n=n))
                n += 1
    except (ijson.JSONError, ValueError, EOFError, OSError) as error:
        yield Item(
            where.format(n=n),
            error=f"the file is not valid JSON from here on (truncated or malformed): {error}",
        )


def _records(path: Path) -> Iterator[Item]:
    n = -1
    try:
        with _open(path) as handle:
            for n, record in enumerate(ijson.items(handle, "records.item", use_float=True)):
                releases = record.get("releases") if isinstance(record, dict) else None
                if not isinstance(releases, list):
                    yield Item(
                        f"records[{n}]",
                        error="record has no 'releases' list",
                        excerpt=_excerpt(record),
                    )
                    continue
                for k, release in enumerate(releases):
                    where = f"records[{n}].releases[{k}]"
                    if isinstance(release, dict) and "url" in release and "id" not in release:
                        yield Item(
                            where,
                            error="linked release (only a URL): fetch the release package it points to",
                            excerpt=_excerpt(release),
                        )
                    else:
                        yield _as_release(release, where)
    except (ijson.JSONError, ValueError, EOFError, OSError) as error:
        yield Item(
            f"records[{n + 1}]",
            error=f"the file is not valid JSON from here on (truncated or malformed): {error}",
        )


def _single_release(path: Path) -> Iterator[Item]:
    try:
        with _open(path) as handle:
            value = orjson.loads(handle.read())
    except (orjson.JSONDecodeError, OSError, EOFError) as error:
        yield Item("file", error=f"not valid JSON: {error}")
        return
    yield _as_release(value, "release")


def _json_lines(path: Path) -> Iterator[Item]:
    with _open(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = orjson.loads(line)
            except orjson.JSONDecodeError as error:
                yield Item(
                    f"line {number}",
                    error=f"not valid JSON: {error}",
                    excerpt=_text(line[:EXCERPT]),
                )
                continue
            if isinstance(value, dict) and isinstance(value.get("releases"), list):
                for k, release in enumerate(value["releases"]):
                    yield _as_release(release, f"line {number}: releases[{k}]")
            elif isinstance(value, dict) and isinstance(value.get("records"), list):
                for k, record in enumerate(value["records"]):
                    for j, release in enumerate(record.get("releases") or []):
                        yield _as_release(release, f"line {number}: records[{k}].releases[{j}]")
            else:
                yield _as_release(value, f"line {number}")


def _as_release(value, location: str) -> Item:
    if not isinstance(value, dict):
        return Item(
            location,
            error=f"a release must be a JSON object, found {type(value).__name__}",
            excerpt=_excerpt(value),
        )
    return Item(location, release=value)


def _excerpt(value) -> str:
    try:
        return orjson.dumps(value)[:EXCERPT].decode("utf-8", errors="replace")
    except TypeError:
        return repr(value)[:EXCERPT]
