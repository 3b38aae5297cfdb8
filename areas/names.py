"""Names for the codes an area lists: wards and LSOAs from the ONS LSOA (2021) → ward → local
authority lookup once loaded with load_registers (registers.SmallArea), local authorities from
the packaged reference data. A code with no name is shown as its code."""

from __future__ import annotations

from dataclasses import dataclass

from reference.places import local_authority_names
from registers.models import SmallArea
from registers.small_areas import SOURCE, loaded


@dataclass(frozen=True)
class Names:
    wards: dict[str, tuple[str, str]]  # ward code → (name, local authority code)
    lsoas: dict[str, tuple[str, str, str]]  # LSOA 2021 code → (name, ward code, LA code)
    source: str  # "" when the lookup is not loaded


def small_areas() -> Names:
    """Every LSOA and ward of the loaded lookup (about 36,000 rows for England and Wales)."""
    wards: dict[str, tuple[str, str]] = {}
    lsoas: dict[str, tuple[str, str, str]] = {}
    for lsoa, name, ward, ward_name, la in SmallArea.objects.values_list(
        "lsoa21", "name", "ward_code", "ward_name", "la_code"
    ).iterator(chunk_size=5000):
        wards[ward] = (ward_name, la)
        lsoas[lsoa] = (name, ward, la)
    return Names(wards, lsoas, f"{SOURCE}, loaded" if lsoas else "")


def source() -> str:
    """Where the names come from ("" when the lookup is not loaded), without reading it all."""
    return f"{SOURCE}, loaded" if loaded() else ""


def authority(code: str) -> str:
    return local_authority_names().get(code, code)
