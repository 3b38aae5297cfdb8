"""The registry of measures: each one small function registered by name with `@measure`, its
docstring what users read as "how this is calculated"; and every registered measure at once, over
one set of payments or grouped by a column, in one Polars pass. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import polars as pl

from spend.measures.expressions import addressable_share, known_share, unknown_share
from spend.measures.payments import analysed

Kind = Literal["share", "money"]
# What must be known for a measure: "" when nothing in particular.
Basis = Literal["", "place", "size", "sector", "deprivation", "vcse"]


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    function: Callable[[], pl.Expr]
    kind: Kind = "share"
    flag: str | None = None  # for a share of spend: the fact it counts
    stem: str = ""  # the stem of its variants' names: uk → uk_known_share
    basis: Basis = ""
    do_not_call_in_templates = True  # a template reads its name and label

    @property
    def how(self) -> str:
        """How this is calculated, in the words shown to users."""
        return " ".join((self.function.__doc__ or "").split())

    @property
    def is_share(self) -> bool:
        return self.kind == "share"

    def variants(self) -> dict[str, str]:
        """The names of the same share over other bases: {"known": ..., "addressable": ...,
        "unknown": ...}; none for a measure that is not a share of spend with a fact."""
        if not self.flag:
            return {}
        return {
            "known": f"{self.stem}_known_share",
            "addressable": f"{self.stem}_addressable_share",
            "unknown": f"{self.stem}_unknown_share",
        }

    def expressions(self) -> list[pl.Expr]:
        """The measure and its variants as Polars aggregations over analysed payments."""
        out = [self.function().alias(self.name)]
        if self.flag:
            names = self.variants()
            out += [
                known_share(self.flag).alias(names["known"]),
                addressable_share(self.flag).alias(names["addressable"]),
                unknown_share(self.flag).alias(names["unknown"]),
            ]
        return out

    def __call__(self, payments: pl.DataFrame) -> float | None:
        return analysed(payments).select(self.function()).item()


MEASURES: dict[str, Measure] = {}


def measure(
    name: str,
    label: str,
    kind: Kind = "share",
    flag: str | None = None,
    stem: str = "",
    basis: Basis = "",
):
    def register(function):
        MEASURES[name] = Measure(name, label, function, kind, flag, stem, basis)
        return function

    return register


def names(extra: Iterable[Measure] = ()) -> list[str]:
    """Every figure the measures give: each measure and each share's variants (and those of
    `extra` measures, such as an anchor's rings: spend/measures/rings.py)."""
    every = [*MEASURES.values(), *extra]
    return [n for m in every for n in (m.name, *m.variants().values())]


def _expressions(extra: Iterable[Measure] = ()) -> list[pl.Expr]:
    return [e for m in (*MEASURES.values(), *extra) for e in m.expressions()]


def report(payments: pl.DataFrame, extra: Iterable[Measure] = ()) -> dict[str, float | None]:
    """Every measure (and every share's variants) for one set of payments, with `extra`'s."""
    return analysed(payments).select(_expressions(extra)).row(0, named=True)


def table(payments: pl.DataFrame, column: str, extra: Iterable[Measure] = ()) -> pl.DataFrame:
    """Every measure (with `extra`'s) for each value of `column` (anchor, financial year,
    quarter, category...), one row per value with its payments, largest analysed spend first."""
    return (
        analysed(payments)
        .group_by(column)
        .agg(pl.col("payments").sum(), *_expressions(extra))
        .sort(["total_spend", column], descending=[True, False], nulls_last=True)
    )


def by(
    payments: pl.DataFrame, column: str, extra: Iterable[Measure] = ()
) -> dict[object, dict[str, float | None]]:
    """Every measure (with `extra`'s) for each value of `column`, as {value: {measure: figure}}."""
    extra = list(extra)
    wanted = names(extra)
    return {
        row.pop(column): {name: row[name] for name in wanted}
        for row in table(payments, column, extra).iter_rows(named=True)
    }
