"""Small register tables and payees for the register matcher's tests (suppliers/matching.py and its
steps: identifier_matching.py, name_matching.py, register_candidates.py)."""

import polars as pl

from suppliers import matching
from suppliers.matching import load_rules, match
from suppliers.names import normalise_name

RULES = load_rules()


def entry(id, register, identifier, name, **extra):
    return {
        "id": id,
        "register": register,
        "identifier": identifier,
        "name": name,
        "normalised_name": normalise_name(name),
        "postcode": extra.pop("postcode", ""),
        "sector": extra.pop("sector", "private" if register == "companies-house" else "public"),
        "kind": extra.pop("kind", ""),
        "is_active": extra.pop("is_active", True),
        **extra,
    }


ENTRIES = [
    entry(1, "companies-house", "05152563", "REDSPEED INTERNATIONAL LIMITED", postcode="WR9 9AS"),
    entry(
        2, "nhs-ods", "RBK", "WALSALL HEALTHCARE NHS TRUST", postcode="WS2 9PS", kind="NHS trust"
    ),
    entry(3, "companies-house", "01234567", "ACME WIDGETS LIMITED", postcode="B1 1AA"),
    entry(4, "local-authorities", "E08000030", "Walsall Council", kind="metropolitan district"),
    entry(5, "companies-house", "09999999", "WALSALL COUNCIL LIMITED"),
    entry(6, "companies-house", "07777777", "SMITH PLUMBING LTD"),
    entry(7, "companies-house", "08000001", "HILLTOP CATERING LIMITED", postcode="B2 2BB"),
    entry(8, "companies-house", "08000002", "HILLTOP CATERING LTD", postcode="CV1 1AA"),
    entry(9, "companies-house", "08000003", "RIVERSIDE CLEANING LIMITED", is_active=False),
    entry(10, "companies-house", "08000004", "RIVERSIDE CLEANING LTD"),
    entry(11, "charity-commission", "1123456", "Hope Foodbank", postcode="WS1 1AA"),
    entry(12, "companies-house", "08000005", "NORTHERN LIGHTS ELECTRICAL LIMITED"),
    entry(13, "companies-house", "08000006", "BRIGHT HORIZON NURSERIES LIMITED"),
]


def payee(id, name, number="", charity="", postcode=""):
    return {
        "payee_id": id,
        "buyer_id": 1,
        "name": name,
        "company_number": number,
        "charity_number": charity,
        "postcode": postcode,
    }


def placed(*payees, entries=ENTRIES, aliases=None, rules=None):
    result = match(list(payees), entries, aliases, rules)
    return {p.payee_id: p for p in result.placements}, result


def prepared(payees, entries=ENTRIES, aliases=None):
    """(payees, entries, names) as match() hands them to each step."""
    payees = matching._frame(payees, matching.PAYEE_COLUMNS)
    entries = matching._frame(entries, matching.ENTRY_COLUMNS)
    for column in ("kind", "scheme"):
        if column not in entries.columns:
            entries = entries.with_columns(pl.lit("").alias(column))
    return payees, entries, matching._names(entries, aliases)


def step(finder, *payees, entries=ENTRIES, aliases=None, rules=RULES):
    """What one step finds for the payees, and the notes it leaves: ({payee: candidates}, notes)."""
    notes: dict[int, str] = {}
    frames = prepared(list(payees), entries, aliases)
    return finder(*frames, rules, notes), notes
