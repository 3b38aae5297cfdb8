"""How deprived a small area is: the English Index of Multiple Deprivation 2019 decile of each
Lower Layer Super Output Area (LSOA), the finest level the indices are published at.

Pure: a file in, a table out; no database. The IMD 2019 is keyed by LSOA 2011 codes. A postcode
directory (ONSPD/NSPL) gives each postcode's LSOA 2011 and LSOA 2021: the 2011 code is used when
known; a 2021 code is used only when the same code is in the IMD file, because ONS kept the code of
every LSOA that did not change between the censuses, so an equal code is the same area. LSOAs that
were split or merged in 2021 have new codes and no IMD 2019 decile: their deprivation is not known
(the shared ONS lookup maps LSOA 2021 to wards and authorities, not back to LSOA 2011; in the seven
West Midlands districts 81 of 1,719 LSOA 2021 codes are such new codes).

A local authority alone never says whether a supplier is in a deprived area: the most deprived
tenth is a property of small areas, and every authority holds both kinds.
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import cache
from pathlib import Path

import polars as pl

IMD_FILE = ("reference", "imd", "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz")
LEVEL = "LSOA"  # the one level deprivation is judged at; null when no LSOA is known
MOST_DEPRIVED = 1  # decile 1: the most deprived tenth of LSOAs in England


class DeprivationFileProblem(Exception):
    """The file is not the IMD 2019 LSOA file (File 1) in a shape we can read."""


def _column(header: list[str], *words: str) -> int:
    for index, name in enumerate(header):
        folded = name.strip().lower()
        if all(word in folded for word in words):
            return index
    raise DeprivationFileProblem(
        f"No column naming {' and '.join(words)!r} in the header {header!r}: expected the IMD 2019 "
        "File 1 (LSOA code (2011) ... Index of Multiple Deprivation (IMD) Decile)"
    )


def read_deciles(stream: io.TextIOBase) -> dict[str, int]:
    """LSOA 2011 code → IMD 2019 decile (1 = most deprived tenth), from File 1 of the English
    Indices of Deprivation 2019. Columns are found by their names; a row without a code or with a
    decile outside 1-10 is skipped."""
    reader = csv.reader(stream)
    header = next(reader, None)
    if not header:
        raise DeprivationFileProblem("The deprivation file is empty")
    code = _column(header, "lsoa", "code")
    decile = _column(header, "(imd)", "decile")
    found = {}
    for row in reader:
        if len(row) <= max(code, decile):
            continue
        try:
            value = int(row[decile].strip())
        except ValueError:
            continue
        if row[code].strip() and 1 <= value <= 10:
            found[row[code].strip()] = value
    return found


@cache
def deciles_from(path: Path) -> dict[str, int]:
    """read_deciles of a file (.csv or .csv.gz), read once per process."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as stream:
        return read_deciles(stream)


def deciles_frame(deciles: dict[str, int]) -> pl.DataFrame:
    return pl.DataFrame(
        {"lsoa": list(deciles), "decile": list(deciles.values())},
        schema={"lsoa": pl.String, "decile": pl.Int64},
    )


def lsoa_decile(lsoa11: str | None, lsoa21: str | None, deciles: dict[str, int]):
    """(LSOA code used, its decile), or (None, None) when not known: the LSOA 2011 code first;
    else an LSOA 2021 code that is an unchanged 2011 one."""
    for code in (lsoa11, lsoa21):
        if code and code in deciles:
            return code, deciles[code]
    return None, None


UNCHANGED = "LSOA 2021 {}, unchanged since 2011"
CHANGED = "LSOA 2021 {} is new since 2011 (split or merged): it has no IMD 2019 decile"
WELSH = "LSOA {} is in Wales: the English IMD 2019 does not cover it"
NOT_IN_IMD = "LSOA 2011 {} is not in the IMD 2019 file"


def lsoa_basis(lsoa11: str | None, lsoa21: str | None, deciles: dict[str, int]) -> str | None:
    """What the decile of lsoa_decile is judged from, or why there is none, in words; None when
    no LSOA is known (or no IMD file is read)."""
    if not deciles:
        return None
    if lsoa11 and lsoa11 in deciles:
        return f"LSOA 2011 {lsoa11}"
    if lsoa21 and lsoa21 in deciles:
        return UNCHANGED.format(lsoa21)
    code = lsoa21 or lsoa11
    if not code:
        return None
    if code.startswith("W"):
        return WELSH.format(code)
    return CHANGED.format(code) if lsoa21 else NOT_IN_IMD.format(code)


def _basis() -> pl.Expr:
    """lsoa_basis as one expression over `lsoa11`, `lsoa21` and the joined `_d11`, `_d21`."""
    code = pl.coalesce(
        pl.when(pl.col("lsoa21") != "").then(pl.col("lsoa21")),
        pl.when(pl.col("lsoa11") != "").then(pl.col("lsoa11")),
    )
    has21 = pl.col("lsoa21").fill_null("") != ""

    def text(template: str, column) -> pl.Expr:
        before, after = template.split("{}")
        return pl.concat_str(pl.lit(before), column, pl.lit(after))

    return (
        pl.when(pl.col("_d11").is_not_null())
        .then(text("LSOA 2011 {}", pl.col("lsoa11")))
        .when(pl.col("_d21").is_not_null())
        .then(text(UNCHANGED, pl.col("lsoa21")))
        .when(code.is_null())
        .then(None)
        .when(code.str.starts_with("W"))
        .then(text(WELSH, code))
        .when(has21)
        .then(text(CHANGED, code))
        .otherwise(text(NOT_IN_IMD, code))
    )


def with_deciles(places: pl.DataFrame, deciles: pl.DataFrame) -> pl.DataFrame:
    """Places with `lsoa11` and `lsoa21` columns get `lsoa`, `decile` and `basis` (lsoa_decile
    and lsoa_basis, as one Polars join)."""
    by_code = deciles.select("lsoa", "decile")
    basis = _basis() if deciles.height else pl.lit(None, dtype=pl.String)
    return (
        places.join(by_code.rename({"lsoa": "lsoa11", "decile": "_d11"}), on="lsoa11", how="left")
        .join(by_code.rename({"lsoa": "lsoa21", "decile": "_d21"}), on="lsoa21", how="left")
        .with_columns(
            lsoa=pl.when(pl.col("_d11").is_not_null())
            .then(pl.col("lsoa11"))
            .when(pl.col("_d21").is_not_null())
            .then(pl.col("lsoa21")),
            decile=pl.coalesce("_d11", "_d21"),
            basis=basis,
        )
        .drop("_d11", "_d21")
    )
