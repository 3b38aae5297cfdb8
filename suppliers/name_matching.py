"""Register matching's second and third steps (suppliers/matching.py): exact names, with the forms
the buyer's hints give, against entries' names and aliases; then probabilistic likeness for the
rest (suppliers/likeness.py). Pure."""

from __future__ import annotations

import re
from dataclasses import replace

import polars as pl

from suppliers.hints import says_public, variants
from suppliers.likeness import score
from suppliers.register_candidates import (
    COMPANY_REGISTERS,
    Candidate,
    describe,
    entry_rows,
    is_company,
)


def by_exact_name(payees, entries, names, rules, notes) -> dict[int, list[Candidate]]:
    rows = []
    for row in payees.iter_rows(named=True):
        for order, variant in enumerate(variants(row["name"] or "")):
            rows.append((row["payee_id"], variant.normalised, variant.hint, order))
    if not rows:
        return {}
    wanted = pl.DataFrame(
        rows, schema=["payee_id", "normalised_name", "hint", "order"], orient="row"
    ).cast({"payee_id": pl.Int64})
    # The few register names wanted first (a scan), so the join never hashes millions of names.
    present = names.filter(pl.col("normalised_name").is_in(wanted["normalised_name"].unique()))
    joined = wanted.join(present, on="normalised_name", how="inner")
    if joined.height == 0:
        return {}
    # The earliest form that finds anything (the name as written before any hint).
    joined = joined.filter(pl.col("order") == pl.col("order").min().over("payee_id"))
    detail = entry_rows(entries, joined["id"].to_list())
    postcodes = dict(zip(payees["payee_id"].to_list(), payees["postcode"].to_list(), strict=True))
    names_of = dict(zip(payees["payee_id"].to_list(), payees["name"].to_list(), strict=True))
    weights = rules["exact"]
    out: dict[int, list[Candidate]] = {}
    for (payee_id,), group in joined.group_by(["payee_id"], maintain_order=True):
        seen: dict[int, dict] = {}  # entry id -> its first row
        for row in group.iter_rows(named=True):
            seen.setdefault(row["id"], row)
        matched = [(detail[i], seen[i]) for i in seen if i in detail]
        chosen = _choose(payee_id, matched, postcodes.get(payee_id) or "", weights)
        out[payee_id] = _company_form_checked(names_of.get(payee_id) or "", chosen, detail, weights)
    return out


COMPANY_FORM = re.compile(r"\b(ltd|limited|plc|llp)\.?$", re.IGNORECASE)


def _company_form_checked(name: str, chosen: list[Candidate], detail, weights) -> list[Candidate]:
    """A name in a company's legal form found only as a public body's name (one that is not in a
    company's form itself) goes to a person."""
    if not COMPANY_FORM.search(name.strip()):
        return chosen
    cap = weights["company_form_public_entry"]["value"]
    return [
        replace(
            c,
            probability=min(c.probability, cap),
            evidence=f"{c.evidence}; but the payee's name is a company's and this is a public body",
        )
        if detail.get(c.entry_id, {}).get("sector") == "public"
        and detail.get(c.entry_id, {}).get("register") not in COMPANY_REGISTERS
        # A public corporation registered as a company (Wolverhampton Homes Ltd) is one.
        and not COMPANY_FORM.search((detail.get(c.entry_id, {}).get("name") or "").strip())
        else c
        for c in chosen
    ]


def _phrase(entry: dict, row: dict) -> str:
    evidence = f"name matches {describe(entry)}"
    if row["alias"]:
        evidence += f" (the name it is also known by: {row['alias']})"
    if row["hint"]:
        evidence += f" after {row['hint']}"
    return evidence


def _preference(register: str, preferred: list[str]) -> int:
    return preferred.index(register) if register in preferred else len(preferred)


def _choose(payee_id, matched, postcode, weights) -> list[Candidate]:
    """One candidate per entry having the payee's name; when several, the evidence that picks one."""
    hint = matched[0][1]["hint"]
    if len(matched) == 1:
        entry, row = matched[0]
        key = "hint" if hint else "name"
        if hint and len(row["normalised_name"].split()) == 1:
            key = "hint_one_word"
        return [Candidate(payee_id, entry["id"], weights[key]["value"], _phrase(entry, row))]
    by_postcode = [m for m in matched if postcode and m[0]["postcode"] == postcode]
    word = says_public(matched[0][1]["normalised_name"])
    public = [m for m in matched if m[0]["sector"] == "public"]
    active = [m for m in matched if m[0]["is_active"]]
    others = f"{len(matched)} register entries have this name"
    registers = [e["register"] for e, _ in matched]
    preferred = weights["one_organisation"]["registers"]
    if len(by_postcode) == 1:
        pick, key, why = (
            by_postcode[0],
            "postcode_agrees",
            f"the payee's postcode {postcode} is its",
        )
    elif len(set(registers)) == len(registers) and not any(is_company(e) for e, _ in matched):
        # One organisation in several registers (a council in the councils' register and in the
        # ONS classification): the register that says most of it.
        pick = min(matched, key=lambda m: _preference(m[0]["register"], preferred))
        key, why = "one_organisation", "each is in another register"
    elif word and len(public) == 1:
        pick, key, why = public[0], "public_word", f"the name says it is a public body ('{word}')"
    elif len(active) == 1:
        pick, key, why = active[0], "only_active", "it is the only one still active"
    else:
        share = weights["name"]["value"] / len(matched)
        return [
            Candidate(payee_id, e["id"], share, f"{_phrase(e, r)}; {others}") for e, r in matched
        ]
    rest = (1 - weights[key]["value"]) / (len(matched) - 1)
    return [
        Candidate(
            payee_id,
            e["id"],
            weights[key]["value"] if e["id"] == pick[0]["id"] else rest,
            f"{_phrase(e, r)}; {others}" + (f", and {why}" if e["id"] == pick[0]["id"] else ""),
        )
        for e, r in matched
    ]


def by_likeness(payees, entries, names, rules, notes) -> dict[int, list[Candidate]]:
    rows = []
    for row in payees.iter_rows(named=True):
        for variant in variants(row["name"] or ""):
            rows.append((row["payee_id"], variant.normalised, variant.hint, row["postcode"] or ""))
    if not rows:
        return {}
    queries = pl.DataFrame(
        rows, schema=["payee_id", "normalised_name", "hint", "postcode"], orient="row"
    ).cast({"payee_id": pl.Int64})
    scored = score(queries, names, entries, rules["fuzzy"])
    detail = entry_rows(entries, scored["id"].to_list())
    out: dict[int, list[Candidate]] = {}
    for row in scored.iter_rows(named=True):
        entry = detail.get(row["id"])
        if entry is None:
            continue
        words = f"{row['shared']} of {row['words']} words alike"
        evidence = (
            f"name is close to {describe(entry)}: spelling {row['jw']:.2f} alike, {words}"
            + (f", the rare word '{row['rare']}' in common" if row["rare_n"] <= 50 else "")
            + (f", after {row['hint']}" if row["hint"] else "")
        )
        out.setdefault(row["payee_id"], []).append(
            Candidate(row["payee_id"], row["id"], row["probability"], evidence)
        )
    return out
