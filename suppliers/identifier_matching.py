"""Register matching's first step (suppliers/matching.py): identifiers in the buyer's file (a
company or charity number that is a register entry's) and an NHS organisation's code in brackets in
its name. Pure."""

from __future__ import annotations

import re

import polars as pl

from suppliers.hints import file_charity_number, file_company_number
from suppliers.register_candidates import (
    COMPANY_REGISTERS,
    Candidate,
    describe,
    is_charity,
    is_company,
    names_agree,
)

# Registers may write an identifier with its org-id scheme before it (GB-CHC-1123456).
CHARITY_PREFIXES = ("GB-CHC-", "GB-SC-", "GB-NIC-")


_CODE = re.compile(r"\(([A-Z0-9]{3,6})\)")
CODED_SCHEMES = ("GB-NHS",)
CODED_REGISTERS = ("nhs-trusts", "nhs-icbs", "gp-practices")


def _by_code(payees, entries, rules) -> dict[int, list[Candidate]]:
    """An NHS organisation's ODS code in brackets in the name ('NHS Coventry & Warwickshire ICB
    (QWU)'), when the register's entry of that code has a name that agrees."""
    codes = {
        row["payee_id"]: (found, row["name"])
        for row in payees.iter_rows(named=True)
        if (found := _CODE.findall(row["name"] or ""))
    }
    wanted = {code for found, _ in codes.values() for code in found}
    if not wanted:
        return {}
    hits: dict[str, list[dict]] = {}
    for row in entries.filter(
        pl.col("identifier").is_in(list(wanted))
        & (
            pl.col("scheme").is_in(list(CODED_SCHEMES))
            | pl.col("register").is_in(list(CODED_REGISTERS))
        )
    ).iter_rows(named=True):
        hits.setdefault(row["identifier"], []).append(row)
    value = rules["identifier"]["names_agree"]["value"]
    out: dict[int, list[Candidate]] = {}
    for payee_id, (found, name) in codes.items():
        for code in found:
            for entry in hits.get(code, []):
                if names_agree(name, entry):
                    evidence = f"the code {code} in the name is {describe(entry)}"
                    out.setdefault(payee_id, []).append(
                        Candidate(payee_id, entry["id"], value, evidence)
                    )
    return out


def by_identifier(payees, entries, names, rules, notes) -> dict[int, list[Candidate]]:
    out = _by_numbers(payees, entries, rules, notes)
    for payee_id, candidates in _by_code(payees, entries, rules).items():
        out.setdefault(payee_id, candidates)
    return out


def _by_numbers(payees, entries, rules, notes) -> dict[int, list[Candidate]]:
    wanted: dict[int, tuple[str, str, str, str]] = {}  # payee -> (number, charity, note, name)
    for row in payees.iter_rows(named=True):
        number, note = file_company_number(row["company_number"] or "")
        charity, charity_note = file_charity_number(row["charity_number"] or "")
        if not number and note:
            notes[row["payee_id"]] = note
        if not charity and charity_note:
            notes[row["payee_id"]] = "; ".join(
                filter(None, [notes.get(row["payee_id"]), charity_note])
            )
        if number or charity:
            wanted[row["payee_id"]] = (number, charity, note, row["name"])
    forms: dict[str, str] = {}  # identifier as a register may write it -> the number
    for number, charity, _note, _name in wanted.values():
        for value, prefixes in ((number, ("GB-COH-",)), (charity, CHARITY_PREFIXES)):
            if value:
                forms[value] = value
                for prefix in prefixes:
                    forms[prefix + value] = value
    if not forms:
        return {}
    hits: dict[str, list[dict]] = {}
    for row in entries.filter(pl.col("identifier").is_in(list(forms))).iter_rows(named=True):
        hits.setdefault(forms[row["identifier"]], []).append(row)
    out = {}
    weights = rules["identifier"]
    for payee_id, (number, charity, note, name) in wanted.items():
        candidates = []
        for value, label, test in (
            (number, "company number", is_company),
            (charity, "charity number", is_charity),
        ):
            found = [e for e in hits.get(value, []) if test(e)] if value else []
            # One organisation in several registers (an academy trust is also a company): the
            # register that says more of it than Companies House does.
            found.sort(key=lambda e: (e["register"] in COMPANY_REGISTERS, e["id"]))
            for entry in found[:1]:
                agree = names_agree(name, entry)
                evidence = f"{label} {value} in the buyer's file is {describe(entry)}"
                if not agree:
                    evidence += ", whose name differs"
                if note and label == "company number":
                    evidence += f"; {note}"
                key = "names_agree" if agree else "names_differ"
                candidates.append(Candidate(payee_id, entry["id"], weights[key]["value"], evidence))
            if value and not found and label == "company number":
                notes[payee_id] = (
                    f"company number {value} in the buyer's file is in no register loaded"
                )
        if candidates:
            out[payee_id] = candidates
    return out
