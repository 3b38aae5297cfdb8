"""The registry of indicators: each one small pure function over the scorecard's tables
(`scorecard.notice_table.Tables`), registered by name with `@indicator`; its docstring is what
users read as "how this is calculated". Its bands (green / amber / red), source and wording are
data (`scorecard/data/indicators.json`). Pure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import polars as pl

from scorecard.notice_table import Tables

Unit = Literal["share", "days", "index", "count", "money", "yes_no"]
Band = Literal["green", "amber", "red"]


@dataclass(frozen=True)
class Figure:
    """One indicator's figure: `value` = numerator ÷ denominator for a share (None when the
    denominator is 0 or nothing was published); for a median or an index, `value` alone with the
    count it rests on as `denominator`. `behind` lists the rows the figure rests on (notices,
    lots, awards, payees), with a Boolean column `counted` for those in the numerator: the
    drill-down."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    behind: pl.DataFrame | None = None
    note: str = ""  # why there is no figure, in words ("no lot published bid statistics")

    def as_json(self, band: Band | None) -> dict:
        return {
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "band": band,
        }


def share(numerator: float, denominator: float, behind=None, note: str = "") -> Figure:
    """numerator ÷ denominator, or no figure (with `note`) when the denominator is 0."""
    if not denominator:
        return Figure(None, numerator, denominator, behind, note or "nothing to count")
    return Figure(numerator / denominator, numerator, denominator, behind)


@dataclass(frozen=True)
class Indicator:
    name: str
    label: str
    function: Callable[[Tables], Figure]
    unit: Unit = "share"
    table: str = "notices"  # what it reads: notices, lots, awards, compliance, payments
    better: Literal["higher", "lower", ""] = ""  # which way is better, for bands and trends
    do_not_call_in_templates = True

    @property
    def how(self) -> str:
        """How this is calculated, in the words shown to users."""
        return " ".join((self.function.__doc__ or "").split())

    def __call__(self, tables: Tables) -> Figure:
        return self.function(tables)


INDICATORS: dict[str, Indicator] = {}


def indicator(name: str, label: str, unit: Unit = "share", table: str = "notices", better=""):
    def register(function):
        INDICATORS[name] = Indicator(name, label, function, unit, table, better)
        return function

    return register


def band_of(value: float | None, bands: dict | None) -> Band | None:
    """green, amber or red for `value` by the indicator's published bands, else None. Bands are
    {"green": {"max": 0.1}, "amber": {"max": 0.2}, "red": {}} (or "min" for higher-is-better),
    read in that order: the first whose limit the value meets."""
    if value is None or not bands:
        return None
    colours: tuple[Band, ...] = ("green", "amber", "red")
    for colour in colours:
        limits = bands.get(colour)
        if limits is None:
            continue
        low, high = limits.get("min"), limits.get("max")
        if (low is None or value >= low) and (high is None or value <= high):
            return colour
    return None


def evaluate(tables: Tables) -> dict[str, Figure]:
    """Every registered indicator's figure over one buyer's tables."""
    return {name: item(tables) for name, item in INDICATORS.items()}
