"""Bounded decompression of the .zip and .gz files users and publishers send: every reader of a
compressed input goes through here. The bytes actually produced are counted as they are read (a
zip's declared sizes are not trusted), against a total for the whole input and against the ratio
to the compressed bytes behind them, so a small bomb is refused with a clear message before memory
or disk grows. No database.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Real files compress at most about 22 to 1 (the public spend and register files in the shared
# data); a file of zeros compresses about 1,000 to 1. A hundred leaves room for very repetitive
# tables and still refuses a bomb after a few megabytes.
MAX_RATIO = 100
# Below this many bytes out the ratio is not judged: a tiny, very repetitive file is harmless.
RATIO_GRACE_BYTES = 4 * 1024 * 1024
CHUNK = 1024 * 1024
STEP = 64 * 1024


class DecompressionProblem(ValueError):
    """The compressed input expands beyond what AnchorHub reads; the message says by how much."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.reason = reason


# The limits set for this process: core/apps.py hands over Django's settings of these names at
# start-up and again whenever one changes (tests make them small); a name not handed over keeps
# its default, so that the readers work outside Django too. No settings are imported here.
LIMIT_SETTINGS = (
    "DECOMPRESSION_MAX_RATIO",
    "SPREADSHEET_MAX_ROWS",
    "SPREADSHEET_MAX_COLUMNS",
    "SPREADSHEET_MAX_CELLS",
    "SPREADSHEET_MAX_BYTES",
    "SPEND_MAX_UNCOMPRESSED_BYTES",
    "OCDS_MAX_UNCOMPRESSED_BYTES",
    "REGISTERS_MAX_UNCOMPRESSED_BYTES",
)
_limits: dict[str, int] = {}


def configure(values: dict[str, int]) -> None:
    """Set the limits (a name absent keeps its default)."""
    _limits.clear()
    _limits.update(values)


def setting(name: str, default: int) -> int:
    """A named limit as configured, else the default."""
    return _limits.get(name, default)


@dataclass
class Budget:
    """How much one input (a .gz, or every member of a .zip together) may expand to."""

    label: str  # the input's name, for the messages
    max_bytes: int
    max_ratio: int = 0  # 0: from the DECOMPRESSION_MAX_RATIO setting
    used: int = 0

    def __post_init__(self):
        if not self.max_ratio:
            self.max_ratio = setting("DECOMPRESSION_MAX_RATIO", MAX_RATIO)

    def spend(self, name: str, produced: int, consumed: int, count: int) -> None:
        self.used += count
        if self.used > self.max_bytes:
            raise DecompressionProblem(
                self.label,
                f"it expands to more than {self.max_bytes:,} bytes when "
                f"decompressed; AnchorHub reads at most {self.max_bytes:,}. Split it into smaller "
                "files.",
            )
        if produced > RATIO_GRACE_BYTES and produced > self.max_ratio * max(consumed, 1):
            raise DecompressionProblem(
                name,
                f"it expands more than {self.max_ratio} times its compressed size "
                f"({consumed:,} bytes became more than {produced:,}); real data files do not "
                "compress that well, so it is refused as a possible zip bomb",
            )


class _Counted(io.RawIOBase):
    """A decompressing stream whose output is charged to a budget as it is read."""

    def __init__(self, stream, name: str, budget: Budget, consumed: Callable[[], int], owned=()):
        self._stream = stream
        self._owned = owned
        self._name = name
        self._budget = budget
        self._consumed = consumed
        self._produced = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        # Small reads, so that the compressed bytes behind them are known closely; one read of
        # the stream below at a time, so what came before a damaged or cut-short end is given.
        data = self._stream.read1(min(len(buffer), STEP))
        count = len(data)
        buffer[:count] = data
        self._produced += count
        self._budget.spend(self._name, self._produced, self._consumed(), count)
        return count

    def close(self) -> None:
        self._stream.close()
        for resource in self._owned:
            resource.close()
        super().close()


def gunzip(
    raw: io.BufferedIOBase, name: str, budget: Budget, close_raw: bool = False
) -> io.BufferedReader:
    """The decompressed bytes of a gzip stream (`raw` positioned at its start), counted; closing
    it closes `raw` too when asked."""
    start = raw.tell()
    stream = gzip.GzipFile(fileobj=raw, mode="rb")
    counted = _Counted(
        stream, name, budget, lambda: raw.tell() - start, (raw,) if close_raw else ()
    )
    return io.BufferedReader(counted, CHUNK)


def zip_members(
    archive: zipfile.ZipFile, budget: Budget, wanted: Callable[[zipfile.ZipInfo], bool]
) -> Iterator[tuple[zipfile.ZipInfo, io.BufferedReader]]:
    """Each wanted file of a zip, opened in turn, its output counted against one budget for the
    whole archive; the ratio is judged against the compressed bytes read so far."""
    for info in archive.infolist():
        if info.is_dir() or not wanted(info):
            continue
        name = f"{budget.label}: {info.filename}"
        with archive.open(info) as stream:
            yield (
                info,
                io.BufferedReader(_Counted(stream, name, budget, _consumed(stream, info)), CHUNK),
            )


def _consumed(stream, info: zipfile.ZipInfo) -> Callable[[], int]:
    """The compressed bytes a zip member's decompressor has read so far, from what CPython's
    reader has left to read; else its whole compressed size, which bounds them."""
    if hasattr(stream, "_compress_left"):
        return lambda: info.compress_size - stream._compress_left
    return lambda: info.compress_size


def read_all(stream: io.BufferedIOBase) -> bytes:
    """Everything a counted stream gives, read in chunks so the budget is checked as it grows."""
    out = io.BytesIO()
    while chunk := stream.read(CHUNK):
        out.write(chunk)
    return out.getvalue()
