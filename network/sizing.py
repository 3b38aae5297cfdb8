"""Size bands of an enterprise (RULES.md section 6). Pure functions over the versioned rule file."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

from core import datafiles

RULES_FILE = Path(__file__).with_name("data") / "size_bands.json"
Band = Literal["micro", "small", "medium", "large"]
BANDS: tuple[Band, ...] = ("micro", "small", "medium", "large")


@cache
def load_rules(path: Path = RULES_FILE) -> dict:
    return datafiles.load(path, cited=True)


@dataclass(frozen=True)
class SizeAssessment:
    band: Band
    is_sme_pa2023: bool
    explanation: str
    uses_unverified_rate: bool


def _within(limit_staff, limit_turnover, limit_balance, staff, turnover, balance) -> bool:
    if staff >= limit_staff:
        return False
    checks = [
        v <= lim
        for v, lim in ((turnover, limit_turnover), (balance, limit_balance))
        if v is not None
    ]
    # With neither figure known, headcount alone decides (the usual self-declaration).
    return any(checks) if checks else True


def assess_size(
    staff: int,
    turnover_gbp: Decimal | None = None,
    balance_sheet_gbp: Decimal | None = None,
    rules: dict | None = None,
) -> SizeAssessment:
    """Classify by staff headcount (FTE) and, where known, annual turnover and balance sheet (GBP)."""
    if staff < 0:
        raise ValueError("Staff numbers cannot be negative")
    rules = rules or load_rules()
    eu = rules["eu_2003_361"]
    rate = Decimal(str(rules["gbp_per_eur"]["rate"]))

    def to_eur(v):
        return None if v is None else Decimal(v) / rate

    turnover_eur, balance_eur = to_eur(turnover_gbp), to_eur(balance_sheet_gbp)
    band = eu["otherwise"]
    for entry in eu["bands"]:
        if _within(
            entry["staff_below"],
            entry["turnover_max"],
            entry["balance_sheet_max"],
            staff,
            turnover_eur,
            balance_eur,
        ):
            band = entry["band"]
            break
    sme = rules["pa_2023_s123_sme"]
    is_sme = _within(
        sme["staff_below"],
        sme["turnover_max"],
        sme["balance_sheet_max"],
        staff,
        turnover_gbp,
        balance_sheet_gbp,
    )
    money_known = turnover_gbp is not None or balance_sheet_gbp is not None
    explanation = (
        f"{staff} staff"
        + (f", turnover £{turnover_gbp:,.0f}" if turnover_gbp is not None else "")
        + (f", balance sheet £{balance_sheet_gbp:,.0f}" if balance_sheet_gbp is not None else "")
        + f": {band} under EU Recommendation 2003/361; "
        + ("an SME" if is_sme else "not an SME")
        + " under Procurement Act 2023 s.123."
    )
    return SizeAssessment(
        band, is_sme, explanation, money_known and rules["gbp_per_eur"]["unverified"]
    )
