"""The Polars expressions the measures are built of: amounts, and a fact's share of spend over
analysed spend, over the spend where it is known and over addressable spend. Pure."""

from __future__ import annotations

import polars as pl

AMOUNT = pl.col("amount")
TOTAL = AMOUNT.sum()
# Addressable: payees not known to be public bodies (a payee of unknown sector stays in).
ADDRESSABLE = pl.col("sector").fill_null("") != "public"


def over(part: pl.Expr, whole: pl.Expr) -> pl.Expr:
    """part ÷ whole; null (not zero) when the whole is nothing."""
    return pl.when(whole != 0).then(part / whole).otherwise(None)


def ratio(part: pl.Expr) -> pl.Expr:
    """part ÷ analysed spend."""
    return over(part, TOTAL)


def true(flag: str) -> pl.Expr:
    return pl.col(flag).fill_null(False)


def share(flag: str) -> pl.Expr:
    """Spend with `flag` true ÷ analysed spend; no figure at all (rather than 0%) when the flag is
    known for none of the suppliers, as a share of nothing known would read as "none"."""
    return (
        pl.when(pl.col(flag).is_not_null().any())
        .then(ratio(AMOUNT.filter(true(flag)).sum()))
        .otherwise(None)
    )


def known_share(flag: str) -> pl.Expr:
    """Spend with `flag` true ÷ spend where `flag` is known."""
    return over(AMOUNT.filter(true(flag)).sum(), AMOUNT.filter(pl.col(flag).is_not_null()).sum())


def addressable_share(flag: str) -> pl.Expr:
    """Spend with `flag` true ÷ addressable spend; none when the flag is known for no
    addressable payee."""
    known_for_any = (pl.col(flag).is_not_null() & ADDRESSABLE).any()
    return (
        pl.when(known_for_any)
        .then(
            over(
                AMOUNT.filter(true(flag) & ADDRESSABLE).sum(),
                AMOUNT.filter(ADDRESSABLE).sum(),
            )
        )
        .otherwise(None)
    )


def unknown_share(flag: str) -> pl.Expr:
    """Spend where `flag` is not known ÷ analysed spend."""
    return ratio(AMOUNT.filter(pl.col(flag).is_null()).sum())


def known(column: str) -> pl.Expr:
    """Spend where `column` is known ÷ analysed spend."""
    return ratio(AMOUNT.filter(pl.col(column).is_not_null()).sum())
