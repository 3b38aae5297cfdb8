"""What the Companies House basic company data says of a company's size and VCSE status:
versioned data (suppliers/data/company_facts.json, with sources). The file itself is read by
registers/formats/companies_house.py and loaded by `anchorhub load_registers`. Pure."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from core import datafiles

FACTS = Path(__file__).resolve().parent / "data" / "company_facts.json"


@cache
def facts() -> dict:
    return datafiles.load(FACTS)


def sme_from_accounts(accounts_category: str) -> bool | None:
    """True when the accounts regime a company files under is only open to SMEs; None when that
    says nothing of its size."""
    entry = facts()["accounts_category_size"].get(accounts_category.strip().upper())
    return entry["sme"] if entry else None


def vcse_from_category(category: str) -> bool | None:
    """True for the legal forms that are VCSEs by law; None (not known) otherwise."""
    return True if category.strip() in facts()["vcse_categories"] else None
