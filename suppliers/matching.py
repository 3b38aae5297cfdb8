"""Which register entry (company, charity, public body) each payee is, with a probability and the
evidence people read. Pure: tables in, placements out; no Django database (the probabilistic step
runs in an in-memory DuckDB of its own).

In order, each payee taking the first step that finds it:
1. Identifiers in the buyer's file: a company number (dropped leading zeros restored) or a charity
   number that is a register entry's. A value that cannot be one (a postcode in the number column)
   is ignored and the evidence says so.
2. Exact names: the payee's normalised name, then the forms the buyer's hints give (suppliers/
   hints.py: 't/a', store numbers, trailing codes), against entries' names and their aliases.
   When several entries share the name, a postcode that agrees, or a name that says it is a
   public body where one of them is, picks one; otherwise all go to review.
3. Probabilistic matching for the rest: candidate pairs blocked on the payee's two rarest words
   (each shared by at most `rare_word_limit` entries), scored by Fellegi-Sunter from Jaro-Winkler
   similarity, the share of words in common, the rarity of the rarest shared word and the postcode.
Thresholds and weights are versioned data in suppliers/data/matching.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import polars as pl

from core import datafiles
from suppliers.hints import file_charity_number, file_company_number, says_public, variants

RULES = Path(__file__).resolve().parent / "data" / "matching.json"
COMPANY_REGISTERS = frozenset({"companies-house"})
CHARITY_REGISTERS = frozenset({"charity-commission", "charities", "charity-commission-ni", "oscr"})
# Registers may write an identifier with its org-id scheme before it (GB-CHC-1123456).
CHARITY_PREFIXES = ("GB-CHC-", "GB-SC-", "GB-NIC-")
PAYEE_COLUMNS = ("payee_id", "buyer_id", "name", "company_number", "charity_number", "postcode")
ENTRY_COLUMNS = ("id", "register", "identifier", "name", "normalised_name", "postcode", "sector")


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES) -> dict:
    return datafiles.load(path)


@dataclass(frozen=True)
class Candidate:
    payee_id: int
    entry_id: int
    probability: float
    evidence: str
    rank: int = 1


@dataclass(frozen=True)
class Placement:
    payee_id: int
    status: str  # matched, suggested, unmatched
    entry_id: int | None
    probability: float | None
    evidence: str
    step: str = ""  # identifier, exact, fuzzy or ""


@dataclass
class MatchResult:
    placements: list[Placement] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)  # ranked, from `review` up
    steps: dict[str, int] = field(default_factory=dict)  # payees placed by each step


def describe(entry: dict) -> str:
    """An entry as the evidence names it: "Companies House's ACME LIMITED (01234567)",
    "the NHS trust RBK at WS2 9PS"."""
    register, postcode = entry.get("register", ""), entry.get("postcode") or ""
    at = f" at {postcode}" if postcode else ""
    if register in COMPANY_REGISTERS or (_is_company(entry) and not entry.get("kind")):
        return f"Companies House's {entry['name']} ({entry['identifier']}){at}"
    if register in CHARITY_REGISTERS or (_is_charity(entry) and not entry.get("kind")):
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


def _is_company(entry: dict) -> bool:
    return entry.get("scheme") == "GB-COH" or entry.get("register") in COMPANY_REGISTERS


def _is_charity(entry: dict) -> bool:
    return entry.get("scheme") in ("GB-CHC", "GB-SC", "GB-NIC") or (
        entry.get("register") in CHARITY_REGISTERS
    )


def _frame(table, columns) -> pl.DataFrame:
    frame = table if isinstance(table, pl.DataFrame) else pl.DataFrame(list(table))
    for column in columns:
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit("").alias(column))
    return frame


def decide(payee_id: int, candidates: list[Candidate], rules: dict, step: str = "") -> Placement:
    """The payee's placement from its candidates: the best one matched when at or above the
    certain threshold and clear of the next by the margin; to review from `review` up; else none."""
    limits = rules["thresholds"]
    ranked = sorted(candidates, key=lambda c: (-c.probability, c.entry_id))
    if not ranked or ranked[0].probability < limits["review"]["value"]:
        return Placement(payee_id, "unmatched", None, None, "no register entry is close enough")
    best = ranked[0]
    clear = (
        len(ranked) == 1 or best.probability - ranked[1].probability >= limits["margin"]["value"]
    )
    status = "matched" if best.probability >= limits["matched"]["value"] and clear else "suggested"
    return Placement(payee_id, status, best.entry_id, best.probability, best.evidence, step)


def match(payees, entries, aliases=None, rules: dict | None = None) -> MatchResult:
    """`payees`: rows or a Polars frame with PAYEE_COLUMNS; `entries`: ENTRY_COLUMNS, and
    optionally kind, scheme, is_active and `aliases` (a list of normalised names); `aliases`: an
    optional frame of (entry_id, normalised_name, name) for former names and name variants."""
    rules = rules or load_rules()
    payees = _frame(payees, PAYEE_COLUMNS)
    entries = _frame(entries, ENTRY_COLUMNS)
    if "is_active" not in entries.columns:
        entries = entries.with_columns(pl.lit(True).alias("is_active"))
    for column in ("kind", "scheme"):
        if column not in entries.columns:
            entries = entries.with_columns(pl.lit("").alias(column))
    names = _names(entries, aliases)
    result = MatchResult(steps={"identifier": 0, "exact": 0, "fuzzy": 0})
    notes, found = {}, {}
    for step, finder in (
        ("identifier", _by_identifier),
        ("exact", _by_exact_name),
        ("fuzzy", _by_likeness),
    ):
        left = payees.filter(~pl.col("payee_id").is_in(list(found)))
        if left.height == 0:
            break
        for payee_id, candidates in finder(left, entries, names, rules, notes).items():
            if candidates and payee_id not in found:
                found[payee_id] = (step, candidates)
    limit = rules["thresholds"]["review"]["value"]
    for payee_id in payees["payee_id"].to_list():
        step, candidates = found.get(payee_id, ("", []))
        note = notes.get(payee_id, "")
        if note:
            candidates = [
                Candidate(c.payee_id, c.entry_id, c.probability, f"{c.evidence}; {note}")
                for c in candidates
            ]
        placement = decide(payee_id, candidates, rules, step)
        if placement.status == "unmatched" and note:
            placement = Placement(
                payee_id, "unmatched", None, None, f"{placement.evidence}; {note}"
            )
        result.placements.append(placement)
        if placement.status != "unmatched":
            result.steps[step] += 1
        ranked = sorted(
            (c for c in candidates if c.probability >= limit),
            key=lambda c: (-c.probability, c.entry_id),
        )
        result.candidates.extend(
            Candidate(c.payee_id, c.entry_id, c.probability, c.evidence, rank)
            for rank, c in enumerate(ranked, start=1)
        )
    return result


def _names(entries: pl.DataFrame, aliases) -> pl.DataFrame:
    """(entry id, normalised name, alias name or '') for every name an entry is known by."""
    own = entries.select(pl.col("id"), pl.col("normalised_name"), pl.lit("").alias("alias")).filter(
        pl.col("normalised_name") != ""
    )
    parts = [own]
    if "aliases" in entries.columns:
        parts.append(
            entries.select("id", pl.col("aliases").alias("normalised_name"))
            .explode("normalised_name")
            .drop_nulls()
            .with_columns(pl.col("normalised_name").alias("alias"))
        )
    if aliases is not None:
        frame = _frame(aliases, ("entry_id", "normalised_name", "name"))
        parts.append(
            frame.select(
                pl.col("entry_id").alias("id"),
                "normalised_name",
                pl.when(pl.col("name") != "")
                .then(pl.col("name"))
                .otherwise(pl.col("normalised_name"))
                .alias("alias"),
            )
        )
    if len(parts) == 1:
        return own.cast({"id": pl.Int64})
    return pl.concat([p.cast({"id": pl.Int64}) for p in parts], how="vertical_relaxed")


def _rows(entries: pl.DataFrame, ids) -> dict[int, dict]:
    ids = list(set(ids))
    if not ids:
        return {}
    return {row["id"]: row for row in entries.filter(pl.col("id").is_in(ids)).iter_rows(named=True)}


def _agree(payee_name: str, entry: dict) -> bool:
    """Do the payee's and the entry's names share a word that is not a legal form?"""
    ours = {w for v in variants(payee_name) for w in v.normalised.split() if len(w) > 1}
    theirs = {w for w in (entry.get("normalised_name") or "").split() if len(w) > 1}
    return bool(ours & theirs)


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
                if _agree(name, entry):
                    evidence = f"the code {code} in the name is {describe(entry)}"
                    out.setdefault(payee_id, []).append(
                        Candidate(payee_id, entry["id"], value, evidence)
                    )
    return out


def _by_identifier(payees, entries, names, rules, notes) -> dict[int, list[Candidate]]:
    out = _by_numbers(payees, entries, rules, notes)
    for payee_id, candidates in _by_code(payees, entries, rules).items():
        out.setdefault(payee_id, candidates)
    return out


def _by_numbers(payees, entries, rules, notes) -> dict[int, list[Candidate]]:
    wanted: dict[int, tuple[str, str]] = {}
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
            (number, "company number", _is_company),
            (charity, "charity number", _is_charity),
        ):
            found = [e for e in hits.get(value, []) if test(e)] if value else []
            # One organisation in several registers (an academy trust is also a company): the
            # register that says more of it than Companies House does.
            found.sort(key=lambda e: (e["register"] in COMPANY_REGISTERS, e["id"]))
            for entry in found[:1]:
                agree = _agree(name, entry)
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


def _by_exact_name(payees, entries, names, rules, notes) -> dict[int, list[Candidate]]:
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
    detail = _rows(entries, joined["id"].to_list())
    postcodes = dict(zip(payees["payee_id"].to_list(), payees["postcode"].to_list(), strict=True))
    names_of = dict(zip(payees["payee_id"].to_list(), payees["name"].to_list(), strict=True))
    weights = rules["exact"]
    out: dict[int, list[Candidate]] = {}
    for (payee_id,), group in joined.group_by(["payee_id"], maintain_order=True):
        seen = {}
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
    elif len(set(registers)) == len(registers) and not any(_is_company(e) for e, _ in matched):
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


def _by_likeness(payees, entries, names, rules, notes) -> dict[int, list[Candidate]]:
    from suppliers.likeness import score

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
    detail = _rows(entries, scored["id"].to_list())
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
