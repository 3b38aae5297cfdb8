"""A register entry a payee may be, as the register matcher (suppliers/matching.py) proposes it, and
how its evidence names the entry for people. Pure."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from suppliers.hints import variants

COMPANY_REGISTERS = frozenset({"companies-house"})
CHARITY_REGISTERS = frozenset({"charity-commission", "charities", "charity-commission-ni", "oscr"})


@dataclass(frozen=True)
class Candidate:
    payee_id: int
    entry_id: int
    probability: float
    evidence: str
    rank: int = 1


def describe(entry: dict) -> str:
    """An entry as the evidence names it: "Companies House's ACME LIMITED (01234567)",
    "the NHS trust RBK at WS2 9PS"."""
    register, postcode = entry.get("register", ""), entry.get("postcode") or ""
    at = f" at {postcode}" if postcode else ""
    if register in COMPANY_REGISTERS or (is_company(entry) and not entry.get("kind")):
        return f"Companies House's {entry['name']} ({entry['identifier']}){at}"
    if register in CHARITY_REGISTERS or (is_charity(entry) and not entry.get("kind")):
        return f"the charity {entry['name']} ({entry['identifier']}){at}"
    kind = " ".join(
        word if word.isupper() and len(word) > 1 else word.lower()
        for word in (entry.get("kind") or register.replace("-", " ")).split()
    )
    if entry.get("sector") == "public" and not entry["identifier"].startswith("sha1:"):
        return f"the {kind} {entry['identifier']}{at}"
    if entry["identifier"].startswith("sha1:"):  # a register without identifiers of its own
        return f"the {kind} {entry['name']}{at}"
    return f"the {kind} {entry['name']} ({entry['identifier']}){at}"


def is_company(entry: dict) -> bool:
    return entry.get("scheme") == "GB-COH" or entry.get("register") in COMPANY_REGISTERS


def is_charity(entry: dict) -> bool:
    return entry.get("scheme") in ("GB-CHC", "GB-SC", "GB-NIC") or (
        entry.get("register") in CHARITY_REGISTERS
    )


def entry_rows(entries: pl.DataFrame, ids) -> dict[int, dict]:
    ids = list(set(ids))
    if not ids:
        return {}
    return {row["id"]: row for row in entries.filter(pl.col("id").is_in(ids)).iter_rows(named=True)}


def names_agree(payee_name: str, entry: dict) -> bool:
    """Do the payee's and the entry's names share a word that is not a legal form?"""
    ours = {w for v in variants(payee_name) for w in v.normalised.split() if len(w) > 1}
    theirs = {w for w in (entry.get("normalised_name") or "").split() if len(w) > 1}
    return bool(ours & theirs)
