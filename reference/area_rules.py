"""Places that matter to the network, defined as data (issue 19): an area is a set of postcode
districts or sectors ("B8", "B9 4"), of wards or of LSOAs (by ONS GSS code), of local authorities,
or a radius around points (site postcodes' grid references). Whether a place is in an area is
answered from what is known of the place: true, false, or None when the place lacks what the
definition needs (no ward known for a ward-defined area, no grid reference for a radius). Unknown
is never counted as outside. Pure: no database; the callers look the places up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from reference.postcodes import normalise_postcode

POSTCODES, WARDS, LSOAS, AUTHORITIES, RADIUS = (
    "postcodes",
    "wards",
    "lsoas",
    "local_authorities",
    "radius",
)
KINDS = {
    POSTCODES: "Postcode districts or sectors",
    WARDS: "Wards",
    LSOAS: "Lower layer super output areas (LSOAs)",
    AUTHORITIES: "Local authorities",
    RADIUS: "Within a distance of a point",
}
# What a place must carry for each kind of area to say whether it is inside.
NEEDS = {
    POSTCODES: "a postcode",
    WARDS: "a ward (from a loaded postcode directory, or its LSOA 2021 through the ONS lookup)",
    LSOAS: "an LSOA (from a loaded postcode directory)",
    AUTHORITIES: "a local authority",
    RADIUS: "a grid reference (from the postcode directory)",
}
METRES_PER_MILE = 1609.344
MAX_MILES = 100
MAX_MEMBERS = 2000
MAX_CENTRES = 50
CHECKS = {
    "V": "Verified against the primary source",
    "S": "From a secondary source",
    "U": "Check before relying on this: the boundary could not be read from a primary source",
}

_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_SECTOR = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?) ?([0-9])$")
_GSS = re.compile(r"^[EWSN][0-9]{8}$")
_WARD = re.compile(r"^[EWSN]05[0-9]{6}$")
_LSOA = re.compile(r"^[EW]01[0-9]{6}$")
_AUTHORITY = re.compile(r"^[EWSN](06|07|08|09|10|12)[0-9]{6}$")


@dataclass(frozen=True)
class Where:
    """What is known of where one place (a postcode) is; "" or None when not known."""

    postcode: str = ""  # normalised, e.g. "B9 4AA"
    la: str = ""  # local authority GSS code
    ward: str = ""  # ward GSS code (2022 wards when from the ONS lookup)
    lsoa11: str = ""
    lsoa21: str = ""
    easting: int | None = None  # OS National Grid, metres
    northing: int | None = None
    ward_basis: str = ""  # how the ward is known (WARD_FROM_DIRECTORY, WARD_FROM_LSOA...), or ""


# How a place's ward is known (Where.ward_basis).
WARD_FROM_DIRECTORY = "ward from the postcode directory"
WARD_FROM_LSOA = "ward from its LSOA 2021 (ONS lookup)"
WARD_FROM_LSOA11 = "ward from its LSOA 2011 code, unchanged in 2021 (ONS lookup)"


@dataclass(frozen=True)
class Definition:
    """One area's definition. `members` are normalised codes: "B8", "B9 4", or GSS codes.
    A radius has `centres` (grid references, resolved from its centre postcodes) and `miles`."""

    kind: str
    members: tuple[str, ...] = ()
    centres: tuple[tuple[int, int], ...] = ()
    miles: float | None = None
    unplaced_centres: tuple[str, ...] = field(default=())  # centre postcodes with no grid reference


def outward(postcode: str) -> str:
    return postcode.split(" ", maxsplit=1)[0] if postcode else ""


def sector(postcode: str) -> str:
    """ "B9 4AA" → "B9 4"."""
    if not postcode or " " not in postcode:
        return ""
    out, inward = postcode.split(" ", 1)
    return f"{out} {inward[:1]}"


def contains(definition: Definition, where: Where) -> bool | None:
    """Whether the place is in the area: True, False, or None when not known."""
    kind = definition.kind
    members = definition.members
    if kind == POSTCODES:
        if not where.postcode:
            return None
        return outward(where.postcode) in members or sector(where.postcode) in members
    if kind == WARDS:
        return (where.ward in members) if where.ward else None
    if kind == LSOAS:
        if not where.lsoa11 and not where.lsoa21:
            return None
        return where.lsoa21 in members or where.lsoa11 in members
    if kind == AUTHORITIES:
        return (where.la in members) if where.la else None
    if kind == RADIUS:
        if where.easting is None or where.northing is None:
            return None
        if not definition.centres or not definition.miles:
            return None
        return any(
            distance_miles((where.easting, where.northing), centre) <= definition.miles
            for centre in definition.centres
        )
    raise ValueError(f"Unknown kind of area {kind!r}")


def any_inside(definition: Definition, places: Iterable[Where]) -> bool | None:
    """Over all of a supplier's places: True when one is inside, False when every one is known
    to be outside, None when none is inside and one is not known (or there are no places)."""
    answers = [contains(definition, where) for where in places]
    if any(answer is True for answer in answers):
        return True
    if answers and all(answer is False for answer in answers):
        return False
    return None


def normal_postcode(raw: str | None) -> str | None:
    """A postcode as written → its normal form ("b94rl" → "B9 4RL"); "" when none is written;
    None when one is written that cannot be read (kept as a place not known, never dropped)."""
    if not raw or not raw.strip():
        return ""
    try:
        return normalise_postcode(raw)
    except ValueError:
        return None


def places_of(
    postcodes: Iterable[str | None], wheres: Mapping[str, Where], la: str = ""
) -> list[Where]:
    """The places of one payee or supplier: each postcode written for it (its registered
    address, its sites, the postcodes in a buyer's files or its notices) as `wheres` places it
    (keyed by normal form; a postcode it lacks is known only by itself). A postcode that cannot
    be read is kept as a place not known (`Where(la=la)`: so any_inside answers None, not
    False, when its other places are outside). With no postcode at all, a local authority `la`
    alone is its place."""
    found: list[Where] = []
    for raw in dict.fromkeys(postcodes):
        normal = normal_postcode(raw)
        if normal == "":
            continue
        if normal is None:
            found.append(Where(la=la))
        else:
            found.append(wheres.get(normal) or Where(postcode=normal, la=la))
    if not found and la:
        found.append(Where(la=la))
    return found


def unreadable(postcodes: Iterable[str | None]) -> int:
    """How many of the postcodes written cannot be read as UK postcodes."""
    return sum(1 for raw in postcodes if normal_postcode(raw) is None)


def distance_miles(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Straight-line distance between two OS National Grid references (metres), in miles. The
    grid is a flat projection: within a region its error is far below a postcode's own spread."""
    return math.hypot(a[0] - b[0], a[1] - b[1]) / METRES_PER_MILE


def normalise_member(kind: str, raw: str) -> str:
    """One member as written → its normal form; ValueError with a message fit to show a user."""
    value = re.sub(r"\s+", " ", (raw or "").strip().upper())
    if not value:
        raise ValueError("is empty")
    if kind == POSTCODES:
        if _DISTRICT.match(value.replace(" ", "")) and " " not in value:
            return value
        match = _SECTOR.match(value)
        if match:
            return f"{match.group(1)} {match.group(2)}"
        raise ValueError(
            f"“{raw.strip()}” is not a postcode district or sector: write a district like B8 or "
            "a sector like B9 4"
        )
    patterns = {
        WARDS: (_WARD, "a ward code like E05011130"),
        LSOAS: (_LSOA, "an LSOA code like E01009001"),
        AUTHORITIES: (_AUTHORITY, "a local authority code like E08000025"),
    }
    if kind in patterns:
        pattern, example = patterns[kind]
        code = value.replace(" ", "")
        if pattern.match(code):
            return code
        raise ValueError(f"“{raw.strip()}” is not {example}")
    raise ValueError(f"Unknown kind of area {kind!r}")


def split_members(text: str) -> list[str]:
    """Members as a person types them: one per line, or separated by commas or semicolons."""
    return [part for part in re.split(r"[\n,;]+", text or "") if part.strip()]


def parse_members(kind: str, text: str) -> tuple[tuple[str, ...], list[str]]:
    """(normalised members in the order given, without repeats; the problems, one per member)."""
    members: list[str] = []
    problems: list[str] = []
    for raw in split_members(text):
        try:
            value = normalise_member(kind, raw)
        except ValueError as problem:
            problems.append(str(problem))
            continue
        if value not in members:
            members.append(value)
    if len(members) > MAX_MEMBERS:
        problems.append(f"An area can list at most {MAX_MEMBERS:,} members")
    return tuple(members), problems


def parse_centres(text: str) -> tuple[tuple[str, ...], list[str]]:
    """Centre postcodes of a radius: (normalised postcodes, problems)."""
    postcodes: list[str] = []
    problems: list[str] = []
    for raw in split_members(text):
        try:
            value = normalise_postcode(raw)
        except ValueError:
            problems.append(f"“{raw.strip()}” is not a UK postcode, like B9 5SS")
            continue
        if value not in postcodes:
            postcodes.append(value)
    if len(postcodes) > MAX_CENTRES:
        problems.append(f"An area can have at most {MAX_CENTRES} centre postcodes")
    return tuple(postcodes), problems


def check_miles(miles: float | None) -> str | None:
    """A problem with a radius in miles, or None."""
    if miles is None:
        return "Enter the distance in miles, like 5"
    if not 0 < miles <= MAX_MILES:
        return f"The distance must be more than 0 and at most {MAX_MILES} miles"
    return None


def describe(definition: Definition, names: dict[str, str] | None = None) -> str:
    """The definition in words: "postcode districts B8, B9 4" or "within 5 miles of 2 points"."""
    names = names or {}
    if definition.kind == RADIUS:
        points = len(definition.centres) + len(definition.unplaced_centres)
        miles = f"{definition.miles:g}" if definition.miles else "?"
        return f"within {miles} miles of {points} point{'s' if points != 1 else ''}"
    shown = [names.get(member, member) for member in definition.members]
    return f"{KINDS[definition.kind].lower()}: {', '.join(shown)}"
