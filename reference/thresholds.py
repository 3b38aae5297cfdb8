"""Procurement thresholds as versioned data (reference/data/thresholds.json). Pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from core import datafiles

FILE = Path(__file__).with_name("data") / "thresholds.json"
CENTRAL_KINDS = {"nhs_trust"}  # PA 2023 Schedule 1: central government includes NHS trusts


@cache
def load(path: Path = FILE) -> dict:
    return datafiles.load(path, cited=True)


def table_for(on: date, data: dict | None = None) -> dict:
    data = data or load()
    for table in data["tables"]:
        start = date.fromisoformat(table["effective_from"])
        end = date.fromisoformat(table["effective_to"]) if table["effective_to"] else date.max
        if start <= on <= end:
            return table
    raise ValueError(f"No threshold table covers {on:%d %B %Y}")


@dataclass(frozen=True)
class ThresholdTest:
    above: bool
    threshold: Decimal
    value_incl_vat: Decimal
    kind: str
    estimated: bool  # True when VAT was added by us or the buyer type was assumed
    source: str


def threshold_test(
    value_excl_vat: Decimal | None,
    value_incl_vat: Decimal | None,
    category: str,
    buyer_kind: str | None,
    on: date,
    data: dict | None = None,
) -> ThresholdTest | None:
    """Is the estimated value incl. VAT not less than the threshold in force `on`?"""
    data = data or load()
    estimated = False
    if value_incl_vat is None:
        if value_excl_vat is None:
            return None
        value_incl_vat = (value_excl_vat * (1 + Decimal(str(data["vat_rate"]["rate"])))).quantize(
            Decimal("0.01")
        )
        estimated = True
    table = table_for(on, data)
    if category == "works":
        kind = "works"
    else:
        if buyer_kind is None:
            estimated = True
        kind = (
            "goods_services_central"
            if buyer_kind in CENTRAL_KINDS
            else "goods_services_sub_central"
        )
    threshold = Decimal(table["thresholds"][kind])
    return ThresholdTest(
        value_incl_vat >= threshold, threshold, value_incl_vat, kind, estimated, table["source"]
    )
