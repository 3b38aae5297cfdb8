"""Read OCDS releases from a file, streamed: release packages, record packages, JSON Lines of
releases or of packages, a JSON array of releases, packages one after another; plain or gzip.
Memory does not grow with the file, nor with how deeply the input is nested: a release nested
deeper than `MAX_DEPTH` is refused, with its place, before anything that deep is built, and the
rest of the file is read.

A number that does not fit a double or a 64-bit integer (Find a Tender's `1e9999` for "no limit")
does not stop the file: the file is read again from that release on, value by value, and such a
number is kept as its text ("1e9999", `opportunities.numbers`), noted on its release's `Item`.

Yields one `Item` per release found, or per place the input could not be read (with the reason), so
that nothing is dropped silently. No database here.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ijson
import orjson

from core.archives import Budget, DecompressionProblem, gunzip, setting
from opportunities.json_stream import (
    ENDS,
    INEXACT,
    STARTS,
    HugeNumber,
    Inexact,
    Nesting,
    Reader,
    TooDeep,
    deeper_than,
    left_out_under,
    values_at,
)

EXCERPT = 500
# Levels of objects and arrays in one release (the release itself is one). Real releases have at
# most 9 (tender.lots[].items[].additionalClassifications... in Find a Tender and Contracts Finder
# data). Far deeper is hostile or broken input: ijson's memory grows with the square of the depth
# (a 220 KB file nested 100,000 deep needed more than 23 GB) and orjson cannot write more than 254.
MAX_DEPTH = 64
# A compressed file cut short or damaged, or expanding beyond the limits (core/archives.py).
READ_ERRORS = (EOFError, OSError, zlib.error, DecompressionProblem)
# A compressed file is read as a stream, but no further than this (setting
# OCDS_MAX_UNCOMPRESSED_BYTES): a full bulk download is a few GB; a bomb is refused by its ratio.
MAX_UNCOMPRESSED_BYTES = 20 * 1024**3


@dataclass
class Item:
    location: str  # where in the source: "releases[12]", "line 5", "records[3].releases[0]"
    release: dict | None = None
    error: str | None = None  # why it could not be read, when release is None
    excerpt: str = ""
    # Numbers that did not fit, kept as their text: ((path in the release, "1e9999"), ...), the
    # path as validation gives it ("tender.lots.0.maximumLotsBidPerSupplier").
    numbers: tuple[tuple[str, str], ...] = ()


def _open(path: Path) -> io.BufferedIOBase:
    with path.open("rb") as probe:
        compressed = probe.read(2) == b"\x1f\x8b"
    if not compressed:
        return path.open("rb")
    limit = setting("OCDS_MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES)
    return gunzip(path.open("rb"), path.name, Budget(path.name, limit), close_raw=True)


def read_releases(path: Path) -> Iterator[Item]:
    try:
        head = _first_text(path)
    except READ_ERRORS as error:
        yield Item("file", error=_unreadable(error, "before any data"))
        return
    stripped = head.lstrip()
    if not stripped:
        yield Item("file", error="the file is empty")
        return
    if stripped[:1] == b"[":
        yield from _stream(path, (None,), "[{n}]")
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
        yield from _stream(path, ("releases", None), "releases[{n}]")
    elif kind == "records":
        yield from _records(path)
    elif kind == "release":
        yield from _single_release(path)
    else:
        yield Item("file", error=kind)


def read_page(body: bytes):
    """The top of one API page (a release package), its releases left unbuilt (None each): all of
    it is parsed, so a page cut short raises ValueError, however deeply it is nested."""
    try:
        values = list(values_at(Reader(io.BytesIO(body), numbers=True), (), limit=2))
    except (ijson.JSONError, HugeNumber) as error:
        raise ValueError(f"not valid JSON: {error}") from error
    if not values:
        raise ValueError("the page is empty")
    return values[0][0]


def _first_text(path: Path, size: int = 65536) -> bytes:
    """Up to `size` bytes from the start; of a compressed file cut short, what comes before the cut."""
    head = b""
    with _open(path) as handle:
        reader = Reader(handle)
        try:
            while len(head) < size and (chunk := reader.read(size - len(head))):
                head += chunk
        except READ_ERRORS:
            if not head:
                raise
    return head


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _looks_like_json_lines(head: bytes) -> bool:
    """Two or more lines, the first a whole JSON object (told by its brackets, so that a first line
    nested too deep is still read as a line of its own)."""
    first, _, rest = head.lstrip().partition(b"\n")
    if not first.startswith(b"{") or not rest or rest.isspace():
        return False
    nesting = Nesting()
    nesting.feed(first)
    return nesting.depth == 0 and not nesting.in_string


def _package_kind(path: Path) -> str:
    """'releases', 'records', 'release', or an error message. Reads only until the answer is known,
    without building anything (so however deep what comes first is)."""
    depth = 0
    try:
        with _open(path) as handle:
            for event, value in ijson.basic_parse(Reader(handle, numbers=True)):
                if event == "map_key" and depth == 1:
                    if value in ("releases", "records"):
                        return value
                    if value == "ocid":
                        return "release"
                elif event in STARTS:
                    depth += 1
                elif event in ENDS:
                    depth -= 1
    except (ijson.JSONError, HugeNumber) as error:
        return f"not valid JSON: {error}"
    except READ_ERRORS as error:
        return _unreadable(error, "the start of the file")
    return "a JSON object with neither 'releases' nor 'records': not an OCDS package or release"


def _stream(path: Path, prefix: tuple, where: str, around: int = 0, items=None) -> Iterator[Item]:
    """Each value at `prefix`, as `items(value, place, deep, numbers)` gives it (by default, a
    release). `around`: levels a value may have above its releases (a record: 2). With ijson's C
    builder while the file is no deeper than that allows and its numbers fit a double; from the
    first place deeper, or the first number that does not fit, again from the start, value by
    value with the depth bounded and numbers kept exactly (slower, for such files only)."""
    items = items or _release_items
    limit, n = MAX_DEPTH + around, 0
    try:
        with _open(path) as handle:
            reader = Reader(handle, limit=limit + len(prefix), rounding=True)
            for value in ijson.items(reader, _dotted(prefix), use_float=True, multiple_values=True):
                yield from items(value, where.format(n=n), _never, _no_numbers)
                n += 1
        return
    except (TooDeep, Inexact):
        pass
    except ijson.JSONError as error:
        if "overflow" not in str(error):  # not a number it cannot hold: the file is broken here
            yield _stopped(error, where, n)
            return
    except (ValueError, *READ_ERRORS) as error:
        yield _stopped(error, where, n)
        return
    done, n = n, 0
    try:
        with _open(path) as handle:
            reader = Reader(handle, numbers=True)
            for value, built in values_at(reader, prefix, limit, several=True):
                if n >= done:
                    place = where.format(n=n)
                    yield from items(
                        value, place, left_out_under(built.cut), _numbers(built.numbers)
                    )
                n += 1
    except (ijson.JSONError, ValueError, ArithmeticError, *READ_ERRORS) as error:
        yield _stopped(error, where, n)


def _stopped(error: Exception, where: str, n: int) -> Item:
    if isinstance(error, READ_ERRORS):
        return Item(where.format(n=n), error=_unreadable(error, _after(where, n)))
    if isinstance(error, HugeNumber):
        return Item(where.format(n=n), error=f"{error}: the file is not read from here on")
    return Item(
        where.format(n=n),
        error=f"the file is not valid JSON from here on (truncated or malformed): {error}",
    )


def _never(path: tuple, value) -> None:
    return None


def _no_numbers(path: tuple) -> tuple:
    return ()


def _numbers(found: dict[tuple, str]):
    """numbers(path): the numbers that did not fit under `path`, with their paths below it."""
    if not found:
        return _no_numbers

    def numbers(path: tuple) -> tuple[tuple[str, str], ...]:
        return tuple(
            (".".join(map(str, at[len(path) :])) or "release", text)
            for at, text in found.items()
            if at[: len(path)] == path
        )

    return numbers


def _release_items(value, place: str, deep, numbers=_no_numbers) -> Iterator[Item]:
    if (too_deep := deep((), value)) is not None:
        yield _too_deep(value, place, too_deep)
    else:
        yield _as_release(value, place, numbers(()))


def _records(path: Path) -> Iterator[Item]:
    """A record holds its releases two levels down (record, releases); each release too deep is
    refused at its own place."""
    yield from _stream(path, ("records", None), "records[{n}]", around=2, items=_record_items)


def _record_items(record, where: str, deep=_never, numbers=_no_numbers) -> Iterator[Item]:
    """`deep(path, release)`: where a release (at `path` in the record) is nested too deep, if it is."""
    releases = record.get("releases") if isinstance(record, dict) else None
    if not isinstance(releases, list):
        yield Item(where, error="record has no 'releases' list", excerpt=_excerpt(record))
        return
    for k, release in enumerate(releases):
        place = f"{where}.releases[{k}]"
        if (too_deep := deep(("releases", k), release)) is not None:
            yield _too_deep(release, place, too_deep)
        elif isinstance(release, dict) and "url" in release and "id" not in release:
            yield Item(
                place,
                error="linked release (only a URL): fetch the release package it points to",
                excerpt=_excerpt(release),
            )
        else:
            yield _as_release(release, place, numbers(("releases", k)))


def _single_release(path: Path) -> Iterator[Item]:
    try:
        with _open(path) as handle:
            data = handle.read()
    except READ_ERRORS as error:
        yield Item("file", error=_unreadable(error, "the start of the release"))
        return
    if _looks_like_json_lines(data):  # its first line is longer than the part read to tell
        yield from _json_lines(path)
        return
    nesting = Nesting()
    if nesting.feed(data) > MAX_DEPTH:
        yield _too_deep(None, "release", ())
        return
    value, numbers, fast_error = None, (), None
    if not INEXACT.search(data):
        try:
            value = orjson.loads(data)
        except orjson.JSONDecodeError as refused:
            fast_error = refused  # a number that does not fit a double, perhaps: read below
    if value is None:
        try:
            [(value, built)] = values_at(Reader(io.BytesIO(data), numbers=True), (), MAX_DEPTH)
        except (ijson.JSONError, ValueError, ArithmeticError) as refused:
            yield Item("file", error=f"not valid JSON: {fast_error or refused}")
            return
        numbers = _numbers(built.numbers)(())
    yield _as_release(value, "release", numbers)


def _json_lines(path: Path) -> Iterator[Item]:
    number = 0
    try:
        with _open(path) as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield from _line_items(line, number)
    except READ_ERRORS as error:
        yield Item(f"line {number + 1}", error=_unreadable(error, f"line {number}"))


def _line_items(line: bytes, number: int) -> Iterator[Item]:
    """The releases of one line: a release, a release package or a record package."""
    where = f"line {number}"
    nesting = Nesting()
    deep, numbers, error = _never, _no_numbers, None  # no release can be deeper than its line
    exact = nesting.feed(line) > MAX_DEPTH or bool(INEXACT.search(line))
    if not exact:
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as refused:
            error = refused  # a number that does not fit a double, perhaps: read below
    if exact or error is not None:
        # Built at most as deep as a release in a record package may be, then each release
        # checked; numbers kept exactly.
        try:
            [(value, built)] = values_at(Reader(io.BytesIO(line), numbers=True), (), MAX_DEPTH + 4)
        except (ijson.JSONError, ValueError, ArithmeticError) as refused:
            yield Item(
                where, error=f"not valid JSON: {error or refused}", excerpt=_text(line[:EXCERPT])
            )
            return
        under, numbers = left_out_under(built.cut), _numbers(built.numbers)

        def deep(path, value):
            found = under(path, value)
            return found if found is not None else deeper_than(value, MAX_DEPTH)

    if isinstance(value, dict) and isinstance(value.get("releases"), list):
        for k, release in enumerate(value["releases"]):
            yield from _release_items(
                release,
                f"{where}: releases[{k}]",
                lambda path, release, k=k: deep(("releases", k, *path), release),
                lambda path, k=k: numbers(("releases", k, *path)),
            )
    elif isinstance(value, dict) and isinstance(value.get("records"), list):
        for k, record in enumerate(value["records"]):
            yield from _record_items(
                record,
                f"{where}: records[{k}]",
                lambda path, release, k=k: deep(("records", k, *path), release),
                lambda path, k=k: numbers(("records", k, *path)),
            )
    else:
        yield from _release_items(value, where, deep, numbers)


def _dotted(prefix: tuple) -> str:
    return ".".join("item" if part is None else part for part in prefix)


def _after(where: str, n: int) -> str:
    return where.format(n=n - 1) if n else "the start of the file"


def _unreadable(error: Exception, after: str) -> str:
    if isinstance(error, DecompressionProblem):
        return f"{error.reason} (stopped after {after})"
    if isinstance(error, EOFError):
        return f"the compressed file ends early after {after}: it was cut short (fetch it again)"
    if isinstance(error, zlib.error | gzip.BadGzipFile):
        return f"the compressed data is damaged after {after}: {error}"
    return f"cannot read the file after {after}: {error}"


def _too_deep(value, location: str, path: tuple) -> Item:
    return Item(
        location,
        error=(
            f"nested more than {MAX_DEPTH} levels deep (at {_path_text(path)}): "
            "no OCDS release is anywhere near as deep, so this one is not read"
        ),
        excerpt=_excerpt(value) if value is not None else "",
    )


def _path_text(path: tuple, shown: int = 8) -> str:
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path[:shown])
    return ("release" + text + ("…" if len(path) > shown else "")) if path else "release"


def _as_release(value, location: str, numbers: tuple = ()) -> Item:
    if not isinstance(value, dict):
        return Item(
            location,
            error=f"a release must be a JSON object, found {type(value).__name__}",
            excerpt=_excerpt(value),
        )
    return Item(location, release=value, numbers=numbers)


def _excerpt(value) -> str:
    try:
        return orjson.dumps(value)[:EXCERPT].decode("utf-8", errors="replace")
    except TypeError:
        return repr(value)[:EXCERPT]
