"""JSON read as a stream within bounds, for files from anywhere: how deep it is nested, measured on
the bytes before the parser sees them; numbers the fast reader would round, or no parser can take,
caught first; values built at most so many levels deep, the deeper parts left out and said where,
every number exact. Pure (no database)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from itertools import accumulate

import ijson

from opportunities.numbers import fit

# Longest run of digits the value-by-value reader hands to the parser: Python converts no longer
# integer (sys.get_int_max_str_digits) and ijson's C backend crashes the process on one. Exponents
# longer than MAX_EXPONENT_DIGITS are beyond Decimal. Far past anything real: refused, with the place.
MAX_DIGITS = sys.get_int_max_str_digits() or 4300
MAX_EXPONENT_DIGITS = 15


_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_NOT_MARK = bytes(b for b in range(256) if b not in b'"[]{}')
_STEP = [1 if b in b"[{" else -1 if b in b"]}" else 0 for b in range(256)]
STARTS = ("start_map", "start_array")
ENDS = ("end_map", "end_array")


class TooDeep(Exception):
    """The input goes deeper than the reader's limit (raised before the parser sees that part)."""


class Inexact(Exception):
    """The fast reader would round a number here (1e-9999 to 0.0): the exact reader takes over."""


class HugeNumber(ValueError):
    """A run of digits longer than any number can be read (raised before the parser sees it)."""


_HUGE = re.compile(
    rb"[0-9]{%d}|[0-9.][eE][+-]?[0-9]{%d}" % (MAX_DIGITS + 1, MAX_EXPONENT_DIGITS + 1)
)
_HUGE_TAIL = MAX_DIGITS + MAX_EXPONENT_DIGITS + 4
# Digits orjson would read inexactly (integers beyond 64 bits become floats, 1e-9999 becomes 0.0)
# or not at all (1e9999): such input is read by the exact reader instead. Text that merely looks
# like them (a long reference number in a string) only costs that reader's speed.
INEXACT = re.compile(rb"[0-9]{20}|(?<![\w.-])-?[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]{3}")
# What ijson's fast reader rounds without a word (numbers it cannot hold stop it: that is caught).
# Not part of a word, so that an identifier in text ("c57b03ef-906e-471c") does not count.
_UNDERFLOW = re.compile(rb"(?<![\w.-])-?[0-9]+(?:\.[0-9]+)?[eE]-[0-9]{3}")


class Nesting:
    """How deep JSON is nested, fed a piece at a time (strings and escapes understood). Each piece
    costs a few whole-bytes operations, not a step per character."""

    def __init__(self):
        self.depth = 0
        self.deepest = 0
        self.in_string = False
        self._escape = False  # the last piece ended with the backslash of an escape

    def feed(self, data: bytes) -> int:
        """The deepest level so far."""
        if self._escape and data:
            data, self._escape = data[1:], False
        if b"\\" in data:
            data = _ESCAPE.sub(b"", data)
            if data.endswith(b"\\"):
                data, self._escape = data[:-1], True
        # Quotes and brackets only; "" anywhere can go (it does not change what is in a string).
        marks = data.translate(None, _NOT_MARK).replace(b'""', b"")
        if b'"' in marks:
            parts = marks.split(b'"')
            marks = b"".join(parts[1::2] if self.in_string else parts[0::2])
            self.in_string ^= len(parts) % 2 == 0
        elif self.in_string:
            marks = b""
        if marks:
            deepest = max(accumulate(map(_STEP.__getitem__, marks), initial=self.depth))
            self.deepest = max(self.deepest, deepest)
            self.depth += 2 * (marks.count(b"[") + marks.count(b"{")) - len(marks)
        return self.deepest


class Reader:
    """A file read for a parser: one read of the file per call (so that what came before a cut in
    a compressed file is handed on before the error), and, with `limit`, TooDeep as soon as the
    JSON goes deeper than that. With `rounding` (for ijson's fast reader), Inexact before a
    number it would round to 0 reaches it. With `numbers` (for a parser that builds every number
    exactly), HugeNumber before a run of digits longer than MAX_DIGITS (or an exponent longer than
    MAX_EXPONENT_DIGITS) reaches the parser; such a run in a string counts too."""

    def __init__(
        self, handle, limit: int | None = None, numbers: bool = False, rounding: bool = False
    ):
        self._read = getattr(handle, "read1", handle.read)
        self.limit = limit
        self.nesting = Nesting()
        self.numbers = numbers
        self.rounding = rounding
        self._tail = b""
        self.offset = 0
        self._huge: HugeNumber | None = None

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        if self._huge is not None:
            raise self._huge
        data = self._read(size if size > 0 else 65536)
        if self.limit is not None and self.nesting.feed(data) > self.limit:
            raise TooDeep
        if self.rounding:
            if _UNDERFLOW.search(self._tail + data):
                raise Inexact
            self._tail = data[-8:]
        elif self.numbers and data:
            window = self._tail + data
            if found := _HUGE.search(window):
                # What comes before it is handed on (its releases are read); then the error.
                at = self.offset - len(self._tail) + found.start()
                self._huge = HugeNumber(
                    f"a number of more than {MAX_DIGITS:,} digits (or with an exponent of more "
                    f"than {MAX_EXPONENT_DIGITS} digits) at byte {at:,} cannot be read"
                )
                data = data[: max(0, found.start() - len(self._tail))]
                if not data:
                    raise self._huge
            self._tail = window[-_HUGE_TAIL:]
            self.offset += len(data)
        return data


def values_at(
    handle, prefix: tuple, limit: int, several: bool = False
) -> Iterator[tuple[object, _Builder]]:
    """Each value at `prefix` (keys, None for every element of an array; () for the whole input;
    `several`: in each of several JSON documents one after another),
    built at most `limit` levels deep: each deeper part is left out (None in its place). With each
    value, where parts were left out: {first 4 steps of the path: the whole path}. Python speed,
    for input that needs it; memory bounded by one value however deep the input goes. Numbers are
    built exactly (ints, and Decimals made floats), those that do not fit a double or a 64-bit
    integer kept as their text (`numbers.fit`); `handle` should be a `Reader(..., numbers=True)`,
    which refuses digits no parser can take. Each value comes with its `_Builder`, whose `cut` and
    `numbers` say what was left out and what kept as text."""
    path: list = []  # per open container above the values: its current key or index
    builder = None
    for event, value in ijson.basic_parse(handle, use_float=False, multiple_values=several):
        if builder is not None:
            if builder.feed(event, value):
                yield builder.value, builder
                builder = None
                _next(path)
        elif event == "map_key":
            path[-1] = value
        elif event in ENDS:
            path.pop()
            _next(path)
        elif len(path) == len(prefix) and all(
            isinstance(at, int) if want is None else at == want
            for at, want in zip(path, prefix, strict=True)
        ):
            builder = _Builder(limit)
            if builder.feed(event, value):
                yield builder.value, builder
                builder = None
                _next(path)
        elif event == "start_map":
            path.append("")
        elif event == "start_array":
            path.append(0)
        else:
            _next(path)


def _next(path: list) -> None:
    if path and isinstance(path[-1], int):
        path[-1] += 1


class _Builder:
    """One value from parser events, at most `limit` levels deep."""

    def __init__(self, limit: int):
        self.limit = limit
        self.open: list = []  # containers being built, outermost first
        self.keys: list = []  # the key awaiting its value in each (None in arrays)
        self.skipping = 0  # levels into a part too deep, being left out
        self.cut: dict[tuple, tuple] = {}
        self.numbers: dict[tuple, str] = {}  # path: text, of each number kept as its text
        self.value = None

    def feed(self, event: str, value) -> bool:
        """True once the value is whole."""
        if self.skipping:
            if event in STARTS:
                self.skipping += 1
            elif event in ENDS:
                self.skipping -= 1
                if not self.skipping:
                    return self._add(None)
            return False
        if event in STARTS:
            if len(self.open) >= self.limit:
                path = self._path()
                self.cut.setdefault(path[:4], path)
                self.skipping = 1
                return False
            self.open.append({} if event == "start_map" else [])
            self.keys.append(None)
            return False
        if event == "map_key":
            self.keys[-1] = value
            return False
        if event in ENDS:
            self.keys.pop()
            return self._add(self.open.pop())
        if event == "number":
            value, unfit = fit(value)
            if unfit:
                self.numbers[self._path()] = value
        return self._add(value)

    def _path(self) -> tuple:
        """Where the next value goes."""
        return tuple(
            key if type(c) is dict else len(c) for c, key in zip(self.open, self.keys, strict=True)
        )

    def _add(self, value) -> bool:
        if not self.open:
            self.value = value
            return True
        if type(top := self.open[-1]) is dict:
            top[self.keys[-1]] = value
        else:
            top.append(value)
        return False


def left_out_under(cut: dict[tuple, tuple]):
    """deep(path, value): for a value built by `values_at`, where a part under `path` was left out."""

    def deep(path: tuple, value):
        for start, whole in cut.items():
            if start[: len(path)] == path:
                return whole[len(path) :]
        return None

    return deep


def deeper_than(value, limit: int) -> tuple | None:
    """Where `value` goes more than `limit` levels deep, if it does."""
    stack: list[tuple[object, tuple, int]] = [(value, (), 1)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > limit:
                return path
            items = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend((child, (*path, key), depth + 1) for key, child in items)
    return None
