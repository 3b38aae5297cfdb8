"""What a register file's reader yields, and the registry of readers by name. Pure: no database.

A reader is given the table's header (stripped cells; for headerless files its first row) and its
rows as (row number, cells), and yields (row number, cells, item) where item is an `Entry`, a
`Place`, an `Lsoa` (a small area of the ONS lookup), a `Supplement` (more names or facts for an
entry another file loaded) or a `Rejected` reason. One bad row never stops the rest."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from reference.postcodes import normalise_postcode
from suppliers.names import normalise_name


@dataclass
class Entry:
    identifier: str
    name: str
    scheme: str = ""
    postcode: str = ""
    local_authority_code: str = ""
    sector: str = ""
    kind: str = ""
    size: str = ""
    size_basis: str = ""
    is_vcse: bool | None = None
    is_active: bool = True
    facts: dict = field(default_factory=dict)
    aliases: tuple[str, ...] = ()

    @property
    def normalised_name(self) -> str:
        return normalise_name(self.name)[:300]


@dataclass
class Place:
    postcode: str
    local_authority_code: str = ""
    ward_code: str = ""
    lsoa11: str = ""
    lsoa21: str = ""
    easting: int | None = None
    northing: int | None = None
    terminated: str = ""


@dataclass
class Lsoa:
    """One LSOA (2021) with the ward and local authority it lies in, from the ONS lookup."""

    lsoa21: str
    name: str = ""
    ward_code: str = ""
    ward_name: str = ""
    la_code: str = ""
    la_name: str = ""
    ward_year: int | None = None  # the year of the ward boundaries (WD22CD: 2022)


@dataclass
class Supplement:
    """More about an entry of `register` that another file loads: names it is also known by,
    facts to add. The entry must be loaded first; otherwise the row is rejected with that reason."""

    register: str
    identifier: str
    aliases: tuple[str, ...] = ()
    facts: dict = field(default_factory=dict)


@dataclass
class Rejected:
    reason: str


Item = Entry | Place | Lsoa | Supplement | Rejected
Rows = Iterable[tuple[int, list[str]]]


class Recogniser(Protocol):
    """recognise(header, sample=()): the header row, and up to 20 rows that follow it."""

    def __call__(self, header: list[str], sample: Sequence[list[str]] = (), /) -> bool: ...


@dataclass(frozen=True)
class Format:
    """One kind of file: `recognise(header, sample)` says whether a table's row `header` is this
    format's header (or, headerless, its first row of data) given up to 20 rows that follow it;
    `read(header, rows)` yields items."""

    name: str
    register: str  # the register its entries go to ("postcodes" for places)
    expects: str  # what its header (or shape) is, for the message when nothing recognises a file
    recognise: Recogniser
    read: Callable[[list[str], Rows], Iterator[tuple[int, list[str], Item]]]
    headerless: bool = False
    # Checked before the others (a more specific header that also satisfies a looser one).
    priority: int = 0


FORMATS: dict[str, Format] = {}


def register_format(
    name: str, register: str, expects: str, recognise, *, headerless=False, priority=0
):
    """Decorator: the reading function becomes the format `name`."""

    def wrap(read):
        FORMATS[name] = Format(name, register, expects, recognise, read, headerless, priority)
        return read

    return wrap


def has_columns(*names: str) -> Recogniser:
    """A recogniser: the header holds every one of `names` (case and spaces ignored)."""
    wanted = {_key(n) for n in names}

    def recognise(header: list[str], _sample: Sequence[list[str]] = ()) -> bool:
        return wanted <= {_key(h) for h in header}

    return recognise


def _key(text: str) -> str:
    return re.sub(r"[\s_\-.]+", "", text.lstrip("\ufeff")).lower()


def by_column(header: list[str]) -> Callable[[list[str]], dict[str, str]]:
    """cells → {column key: stripped value}, keys as `_key` makes them (e.g. 'regaddresspostcode');
    a short row gives blanks for its missing cells."""
    keys = [_key(h) for h in header]

    def row(cells: list[str]) -> dict[str, str]:
        return {k: (cells[i].strip() if i < len(cells) else "") for i, k in enumerate(keys)}

    return row


def key(text: str) -> str:
    return _key(text)


@dataclass(frozen=True)
class PostcodeReading:
    postcode: str  # normalised, or "" when absent or not a UK postcode
    flag: dict  # {} or {"postcode_as_given": raw, "postcode_problem": why}


_NO_POSTCODE = {"", "na", "n/a", "none", "no data", "-", "—", "unknown", "nan"}


@lru_cache(maxsize=65_536)  # registers repeat postcodes (one building, many companies)
def read_postcode(raw: str) -> PostcodeReading:
    """A register's postcode normalised; one that is not a UK postcode is kept in facts, flagged
    (the entry is loaded all the same, its place unknown). Placeholders ("NA", "No data", "—")
    count as none."""
    text = (raw or "").strip()
    if text.lower() in _NO_POSTCODE:
        return PostcodeReading("", {})
    try:
        return PostcodeReading(normalise_postcode(text), {})
    except ValueError:
        return PostcodeReading(
            "", {"postcode_as_given": text[:40], "postcode_problem": "not a UK postcode"}
        )


_TRAILING_POSTCODE = re.compile(r"([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\s*$", re.IGNORECASE)


def postcode_in_address(address: str) -> str:
    """The postcode at the end of a one-line address ("…, Belfast, BT14 7PJ"), or ""."""
    match = _TRAILING_POSTCODE.search((address or "").strip().rstrip(".,"))
    return match.group(1) if match else ""


def truthy(raw: str) -> bool | None:
    value = (raw or "").strip().lower()
    if value in {"true", "t", "yes", "y", "1"}:
        return True
    if value in {"false", "f", "no", "n", "0"}:
        return False
    return None


def whole_number(raw: str) -> int | None:
    """'2324869.0' → 2324869; '' or text → None."""
    try:
        value = float((raw or "").replace(",", "").replace("£", "").strip())
    except ValueError:
        return None
    return int(value) if value == value and abs(value) < 1e15 else None
