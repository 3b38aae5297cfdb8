"""What the registers know of a buyer's names and codes, for spend/publisher.py: its entry in the
local-authority register (loaded by `load_registers`) with the names it is also known by and its
codes (register code, GSS code, old ONS code), and every authority's code, so that a file giving
only "…/local-authority-district/00CY" is known to be Calderdale's. Without the register loaded,
names alone are compared."""

from __future__ import annotations

import re

from registers.models import RegisterEntry
from spend.publisher import Buyer, code_key, core_name

# The local-authority register (named either way while the loaders settle on one).
REGISTERS = ("local-authority", "local-authorities")
# The codes files give in organisation URIs: old ONS (00CY, also written 00-CY) and GSS codes.
_CODE = re.compile(r"^(?:[0-9]{2}-?[A-Z]{2}|[ENSW][0-9]{8})$")


def _strings(value) -> list[str]:
    """Every text in a fact: itself, a list's items, a mapping's values, comma-separated parts."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",")]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    return []


def _codes(entry: RegisterEntry) -> set[str]:
    """The entry's codes: its identifier, GSS code, and any fact shaped as an ONS or GSS code
    (GSS codes, former GSS codes, an old ONS code such as 00-CY when the register keeps it)."""
    found = [entry.local_authority_code, *_strings(entry.facts or {})]
    codes = {code_key(code) for code in found if code and _CODE.match(code.strip().upper())}
    return codes | {code_key(entry.identifier)}


def buyer_identity(organisation) -> Buyer:
    entries = list(RegisterEntry.objects.filter(register__in=REGISTERS).prefetch_related("aliases"))
    mine = core_name(organisation.name)
    names: list[str] = []
    codes: set[str] = set()
    known: dict[str, str] = {}
    for entry in entries:
        entry_names = [entry.name, *(alias.name for alias in entry.aliases.all())]
        entry_codes = _codes(entry)
        for code in entry_codes:
            known.setdefault(code, entry.name)
        if mine and mine in {core_name(name) for name in entry_names}:
            names += entry_names
            codes |= entry_codes
    return Buyer(organisation.name, names, codes, known)
