"""The payee facts export (`anchorhub supplier_facts --export`): one row per payee name with what
is known of it and where that came from. Pure apart from writing the file (core/csvfile.py, so
that no cell is run as a formula)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from core import csvfile

HEADER = (
    "source_name",
    "supplier_id",
    "supplier_name",
    "sector",
    "postcode",
    "local_authority_code",
    "local_authority",
    "place_source",
    "size",
    "size_source",
    "vcse",
    "match_probability",
)
NOT_KNOWN = "not known"


def rows(facts: pl.DataFrame, authority_names: dict[str, str]) -> list[list]:
    """Export rows from payee_facts() (spend/payee_facts.FACTS), ordered by name. The place is the
    registered one, else the first place the payee operates; unknown values say "not known"
    (sector, size, VCSE) or are left empty (place, identifiers, probability)."""
    out = []
    for row in facts.sort("payee_name", "payee_id").iter_rows(named=True):
        code = row["registered_la"] or next(iter(row["operating_las"] or []), None) or ""
        probability = row["match_probability"]
        out.append(
            [
                row["payee_name"] or "",
                row["register_id"] if row["register_id"] is not None else "",
                row["register_name"] or row["entry_name"] or "",
                row["sector"] or NOT_KNOWN,
                (row["postcode"] or "") if row["registered_la"] else "",
                code,
                authority_names.get(code, code) if code else "",
                row["place_source"] or "",
                {True: "SME", False: "large"}.get(row["is_sme"], NOT_KNOWN),
                row["size_source"] or "",
                {True: "yes", False: "no"}.get(row["is_vcse"], NOT_KNOWN),
                f"{probability:.3f}" if probability is not None else "",
            ]
        )
    return out


def write(path: Path, lines: list[list]) -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csvfile.Writer(stream)
        writer.writerow(HEADER)
        writer.writerows(lines)


def summary(facts: pl.DataFrame) -> dict:
    """How many payees are placed, sized and have a sector, and by which source."""

    def counts(column: str) -> dict[str, int]:
        return {
            (key if key is not None else NOT_KNOWN): n
            for key, n in facts.group_by(column).len().sort("len", descending=True).iter_rows()
        }

    placed = facts.filter(
        pl.col("registered_la").is_not_null() | (pl.col("operating_las").list.len() > 0)
    ).height
    return {
        "payees": facts.height,
        "placed": placed,
        "sized": facts.filter(pl.col("is_sme").is_not_null()).height,
        "sector_known": facts.filter(pl.col("sector").is_not_null()).height,
        "deprivation_known": facts.filter(pl.col("deprivation_level").is_not_null()).height,
        "by_place_source": counts("place_source"),
        "by_sector": counts("sector"),
        "by_size_source": counts("size_source"),
    }
