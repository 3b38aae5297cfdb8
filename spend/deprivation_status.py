"""What the ledger's "most deprived areas" measure is judged from, in the words shown beside it:
at LSOA level (IMD 2019) when payees are placed in LSOAs; otherwise why it is not known — no
postcode directory with LSOAs loaded, no IMD 2019 file, or no payee's postcode in an LSOA with a
decile. It never falls back to whole local authorities (reference/deprivation.py says why)."""

from __future__ import annotations

from django.conf import settings

from reference.deprivation import IMD_FILE, LEVEL
from registers.models import PostcodePlace

MEASURE = "deprived_area_share"
JUDGED = (
    "Judged at LSOA level: the IMD 2019 decile of the LSOA of the supplier's postcode (the LSOA "
    "2011, or an LSOA 2021 unchanged since 2011), from the loaded postcode directory."
)
NO_DIRECTORY = (
    "Not known: no postcode directory with LSOAs is loaded — load the ONSPD or NSPL with "
    "load_registers. Whole local authorities are never used."
)
NO_IMD = (
    "Not known: the IMD 2019 file by LSOA (File 1 of the English Indices of Deprivation) is not "
    "in the data folder (reference/imd/)."
)
NONE_PLACED = (
    "Not known: no supplier of these payments has a postcode in an LSOA with an IMD 2019 decile "
    "in the loaded postcode directory."
)


def directory_has_lsoas() -> bool:
    """Whether a loaded postcode directory gives any postcode's LSOA (2011 or 2021)."""
    return PostcodePlace.objects.exclude(lsoa11="", lsoa21="").exists()


def imd_present() -> bool:
    return settings.DATA_DIR.joinpath(*IMD_FILE).exists()


def note(level: str | None) -> str:
    """The words beside the measure, for the level it was judged at ("LSOA", or None)."""
    if level == LEVEL:
        return JUDGED
    if not directory_has_lsoas():
        return NO_DIRECTORY
    if not imd_present():
        return NO_IMD
    return NONE_PLACED


def annotate(rows: list[dict], level: str | None) -> list[dict]:
    """Headline rows (spend/ledger_tables.headline_rows) with the measure's note set."""
    for row in rows:
        if row.get("name") == MEASURE:
            row["note"] = note(level)
    return rows
