"""The register rules (registers/data/register_rules.json) as small lookups. Pure."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from core import datafiles

RULES = Path(__file__).resolve().parent / "data" / "register_rules.json"


@cache
def rules() -> dict:
    return datafiles.load(RULES, cited=True)


def register_rule(register: str) -> dict:
    return rules()["registers"][register]


def rule_facts(register: str) -> dict:
    """What an entry's facts say of the rule that gave it its sector: the source, and a note to
    check when the rule is a judgement (U)."""
    rule = register_rule(register)
    out = {"sector_source": rule["source"]}
    if rule.get("status") == "U":
        out["rule_note"] = "Check before relying on this: " + rule.get("rule", "")
    return out


def charity_size(income: int | None) -> tuple[str, str]:
    """(size, basis) from a charity's latest income: 'sme', 'large' or '' (not known)."""
    rule = rules()["charity_income_size"]
    if income is None:
        return "", ""
    if income <= rule["sme_up_to"]:
        return "sme", f"income £{income:,} up to £{rule['sme_up_to']:,}"
    if income > rule["large_above"]:
        return "large", f"income £{income:,} above £{rule['large_above']:,}"
    return "", ""


def defaults(register: str) -> dict:
    """The Entry fields a register's rule fixes for all its entries (sector, is_vcse, size, kind)."""
    rule = register_rule(register)
    out = {}
    if rule.get("sector"):
        out["sector"] = rule["sector"]
    if "is_vcse" in rule:
        out["is_vcse"] = rule["is_vcse"]
    if rule.get("size"):
        out["size"] = rule["size"]
        out["size_basis"] = rule.get("size_rule", "public body")
    if rule.get("kind"):
        out["kind"] = rule["kind"]
    return out
