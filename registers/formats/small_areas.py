"""The ONS lookup of LSOAs (2021) to wards and local authorities ("Lower Layer Super Output Area
(2021) to Ward (2022) to LAD (2022) Lookup in England and Wales", and the same product of other
years: LSOA21CD, LSOA21NM, WD<yy>CD, WD<yy>NM, LAD<yy>CD, LAD<yy>NM; Welsh names and ObjectId
ignored). A table with a postcode column is a postcode directory, not this. Pure."""

from __future__ import annotations

import re

from registers.formats.base import Lsoa, Rejected, key, register_format

_LSOA = re.compile(r"^lsoa21cd$")
_LSOA_NAME = re.compile(r"^lsoa21nm$")
_WARD = re.compile(r"^wd(\d\d)cd$")
_WARD_NAME = re.compile(r"^wd(\d\d)nm$")
_LA = re.compile(r"^lad(\d\d)cd$")
_LA_NAME = re.compile(r"^lad(\d\d)nm$")
_POSTCODE = {"pcds", "pcd", "pcd2", "pcd7", "pcd8", "postcode"}
_LSOA_CODE = re.compile(r"^[EW]01\d{6}$")
_WARD_CODE = re.compile(r"^[EW]05\d{6}$")
_LA_CODE = re.compile(r"^[EW](06|07|08|09)\d{6}$")


def _at(keys: list[str], pattern: re.Pattern) -> int | None:
    return next((i for i, k in enumerate(keys) if pattern.match(k)), None)


def _recognise(header, sample=()):
    keys = [key(h) for h in header]
    if _POSTCODE & set(keys):
        return False
    return _at(keys, _LSOA) is not None and _at(keys, _WARD) is not None


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


@register_format(
    "ons-lsoa-ward-lookup",
    "small-areas",
    "ONS LSOA (2021) to ward to local authority lookup: LSOA21CD, WD<yy>CD (and LSOA21NM, "
    "WD<yy>NM, LAD<yy>CD, LAD<yy>NM when given)",
    _recognise,
    priority=6,
)
def read(header, rows):
    keys = [key(h) for h in header]
    lsoa_at, lsoa_name_at = _at(keys, _LSOA), _at(keys, _LSOA_NAME)
    ward_at, ward_name_at = _at(keys, _WARD), _at(keys, _WARD_NAME)
    la_at, la_name_at = _at(keys, _LA), _at(keys, _LA_NAME)
    year = _WARD.match(keys[ward_at]).group(1)  # type: ignore[union-attr,index]
    for number, cells in rows:
        lsoa, ward, la = _cell(cells, lsoa_at), _cell(cells, ward_at), _cell(cells, la_at)
        if not _LSOA_CODE.match(lsoa):
            yield number, cells, Rejected(f"{lsoa[:40]!r} is not an LSOA code like E01009332")
            continue
        if not _WARD_CODE.match(ward):
            yield number, cells, Rejected(f"{ward[:40]!r} is not a ward code like E05011127")
            continue
        if la and not _LA_CODE.match(la):
            yield (
                number,
                cells,
                Rejected(f"{la[:40]!r} is not a local authority code like E08000025"),
            )
            continue
        yield (
            number,
            cells,
            Lsoa(
                lsoa21=lsoa,
                name=_cell(cells, lsoa_name_at)[:100],
                ward_code=ward,
                ward_name=_cell(cells, ward_name_at)[:100],
                la_code=la,
                la_name=_cell(cells, la_name_at)[:100],
                ward_year=2000 + int(year),
            ),
        )
