"""The ONS LSOA (2021) → ward → local authority lookup once loaded (registers.SmallArea): the
ward of an LSOA 2021, the names of wards, the wards of an authority and the LSOAs of wards. Every
answer is empty when the lookup is not loaded. I/O: one query per thousand codes."""

from __future__ import annotations

from collections.abc import Iterable

from registers.models import SmallArea

BATCH = 1000
SOURCE = "ONS LSOA (2021) to ward lookup"


def loaded() -> bool:
    return SmallArea.objects.exists()


def _batches(codes: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted({c for c in codes if c})
    for start in range(0, len(ordered), BATCH):
        yield ordered[start : start + BATCH]


def wards_of_lsoas(lsoas: Iterable[str]) -> dict[str, str]:
    """LSOA 2021 code → its ward's code, for the codes in the lookup."""
    found: dict[str, str] = {}
    for batch in _batches(lsoas):
        found.update(SmallArea.objects.filter(lsoa21__in=batch).values_list("lsoa21", "ward_code"))
    return found


def ward_names(codes: Iterable[str]) -> dict[str, str]:
    """Ward code → name, for the codes in the lookup ("E05011127" → "Bordesley Green")."""
    found: dict[str, str] = {}
    for batch in _batches(codes):
        found.update(
            SmallArea.objects.filter(ward_code__in=batch)
            .values_list("ward_code", "ward_name")
            .distinct()
        )
    return found


def wards_of_authority(la: str) -> list[tuple[str, str]]:
    """(ward code, name) of every ward of a local authority (GSS code), by name."""
    return sorted(
        set(SmallArea.objects.filter(la_code=la).values_list("ward_code", "ward_name")),
        key=lambda pair: (pair[1], pair[0]),
    )


def lsoas_of_wards(codes: Iterable[str]) -> dict[str, list[str]]:
    """Ward code → its LSOA 2021 codes (sorted), for the wards in the lookup."""
    found: dict[str, list[str]] = {}
    for batch in _batches(codes):
        for lsoa, ward in SmallArea.objects.filter(ward_code__in=batch).values_list(
            "lsoa21", "ward_code"
        ):
            found.setdefault(ward, []).append(lsoa)
    return {ward: sorted(lsoas) for ward, lsoas in found.items()}
