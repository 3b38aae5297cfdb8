"""Postcode directories: the ONS Postcode Directory (ONSPD) and the National Statistics Postcode
Lookup (NSPL), whose column names have changed across issues (oslaua, laua, lad25cd; lsoa11,
lsoa21; osward, ward), and any smaller cut of them with a postcode and a local-authority column
(such as ../shared/data/reference/postcodes-west-midlands.csv: pcd, laua, oseast1m, osnrth1m)."""

from __future__ import annotations

import re

from registers.formats.base import Place, Rejected, key, read_postcode, register_format

_POSTCODE = ("pcds", "pcd", "pcd2", "pcd7", "pcd8", "postcode")
_LA = re.compile(r"^(oslaua|laua|lad\d\dcd|lad)$")
_WARD = re.compile(r"^(osward|ward|wd\d\dcd)$")
_GSS = re.compile(r"^[EWSNLM]\d{8}$")


def _columns(header):
    keys = [key(h) for h in header]
    postcode = next((keys.index(k) for k in _POSTCODE if k in keys), None)
    la = next((i for i, k in enumerate(keys) if _LA.match(k)), None)
    return keys, postcode, la


def _recognise(header, sample=()):
    _, postcode, la = _columns(header)
    return postcode is not None and la is not None


def _code(cells, index) -> str:
    if index is None or index >= len(cells):
        return ""
    value = cells[index].strip()
    return value if _GSS.match(value) and not value.endswith("99999999") else ""


def _grid(cells, index) -> int | None:
    if index is None or index >= len(cells):
        return None
    try:
        return int(cells[index].strip())
    except ValueError:
        return None


@register_format(
    "postcode-directory",
    "postcodes",
    "ONS Postcode Directory or NSPL: a postcode column (pcd, pcds) and a local-authority column "
    "(oslaua, laua, lad<yy>cd); lsoa11, lsoa21, oseast1m, osnrth1m, doterm when given",
    _recognise,
    priority=5,
)
def read(header, rows):
    keys, postcode_at, la_at = _columns(header)
    at = {k: i for i, k in enumerate(keys)}
    ward_at = next((i for i, k in enumerate(keys) if _WARD.match(k)), None)
    lsoa11_at, lsoa21_at = (
        at.get("lsoa11", at.get("lsoa11cd")),
        at.get("lsoa21", at.get("lsoa21cd")),
    )
    east_at, north_at = at.get("oseast1m"), at.get("osnrth1m")
    term_at = at.get("doterm")
    for number, cells in rows:
        raw = cells[postcode_at] if postcode_at < len(cells) else ""
        postcode = read_postcode(raw)
        if not postcode.postcode:
            yield number, cells, Rejected(f"{raw.strip()!r} is not a UK postcode")
            continue
        # Grid references of 0 or blank mean none (postcodes with no grid reference).
        easting, northing = _grid(cells, east_at), _grid(cells, north_at)
        if not easting and not northing:
            easting = northing = None
        yield (
            number,
            cells,
            Place(
                postcode=postcode.postcode,
                local_authority_code=_code(cells, la_at),
                ward_code=_code(cells, ward_at),
                lsoa11=_code(cells, lsoa11_at),
                lsoa21=_code(cells, lsoa21_at),
                easting=easting,
                northing=northing,
                terminated=(
                    cells[term_at].strip()[:6]
                    if term_at is not None and term_at < len(cells)
                    else ""
                ),
            ),
        )
