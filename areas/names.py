"""Names for the codes an area lists: wards and LSOAs from the ONS LSOA (2021) → ward (2022) →
local authority (2022) lookup in the shared data folder (settings.DATA_DIR) when it is there,
local authorities from the packaged reference data. A code with no name is shown as its code."""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from reference.places import local_authority_names

LOOKUP = (
    "reference",
    "geography",
    "Lower_Layer_Super_Output_Area_(2021)_to_Ward_(2022)_to_LAD_(2022)_Lookup_in_England_and_Wales_v3.csv.gz",
)
LOOKUP_SOURCE = "ONS LSOA (2021) to ward (2022) to local authority (2022) lookup, OGL v3"


@dataclass(frozen=True)
class Names:
    wards: dict[str, tuple[str, str]]  # ward code → (name, local authority code)
    lsoas: dict[str, tuple[str, str, str]]  # LSOA 2021 code → (name, ward code, LA code)
    source: str  # "" when the lookup is not at hand


@cache
def _read(path: Path) -> Names:
    if not path.exists():
        return Names({}, {}, "")
    wards: dict[str, tuple[str, str]] = {}
    lsoas: dict[str, tuple[str, str, str]] = {}
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            wards[row["WD22CD"]] = (row["WD22NM"], row["LAD22CD"])
            lsoas[row["LSOA21CD"]] = (row["LSOA21NM"], row["WD22CD"], row["LAD22CD"])
    return Names(wards, lsoas, LOOKUP_SOURCE)


def small_areas() -> Names:
    return _read(Path(settings.DATA_DIR).joinpath(*LOOKUP))


def authority(code: str) -> str:
    return local_authority_names().get(code, code)
