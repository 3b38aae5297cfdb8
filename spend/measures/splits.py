"""Spend split by the supplier's size and by the payee's sector, with "not known" as its own
category (never counted as either side). Pure."""

from __future__ import annotations

import polars as pl

from spend.measures.payments import Sector, analysed, conform

SECTORS: dict[Sector | None, str] = {
    "public": "Public sector",
    "private": "Private sector",
    "third": "Third sector (charities, social enterprises)",
    "individual": "Individual or name withheld",
    None: "Sector not known",
}
SIZES = {True: "SME", False: "Large", None: "Size not known"}


def by_size(payments: pl.DataFrame) -> list[dict]:
    """Analysed spend by supplier size: SME, large, and not known as its own category (never
    counted as either). Each with its share of total analysed spend."""
    return _split(analysed(payments), "is_sme", SIZES, "size")


def by_sector(payments: pl.DataFrame) -> list[dict]:
    """All spend by the payee's sector: public, private, third sector, individual or name withheld
    (payments whose payee's name is withheld count here, though left out of analysed spend), and
    not known as its own category. Each with its share of all spend."""
    frame = conform(payments).with_columns(
        sector=pl.when(pl.col("is_redacted")).then(pl.lit("individual")).otherwise("sector")
    )
    return _split(frame, "sector", SECTORS, "sector")


def _split(frame: pl.DataFrame, column: str, labels: dict, key: str) -> list[dict]:
    total = float(frame["amount"].sum() or 0.0)
    sums = {
        row[column]: (float(row["amount"]), row["suppliers"])
        for row in frame.group_by(column)
        .agg(pl.col("amount").sum(), pl.col("supplier_key").n_unique().alias("suppliers"))
        .iter_rows(named=True)
    }
    return [
        {
            key: label,
            "spend": sums.get(value, (0.0, 0))[0],
            "suppliers": sums.get(value, (0.0, 0))[1],
            "share": (sums.get(value, (0.0, 0))[0] / total) if total else None,
        }
        for value, label in labels.items()
    ]
