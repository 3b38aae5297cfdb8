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

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polars as pl

from core import datafiles
from suppliers.identifier_matching import by_identifier
from suppliers.name_matching import by_exact_name, by_likeness
from suppliers.register_candidates import Candidate

RULES = Path(__file__).resolve().parent / "data" / "matching.json"
PAYEE_COLUMNS = ("payee_id", "buyer_id", "name", "company_number", "charity_number", "postcode")
ENTRY_COLUMNS = ("id", "register", "identifier", "name", "normalised_name", "postcode", "sector")


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES) -> dict:
    return datafiles.load(path)


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


def _frame(table, columns) -> pl.DataFrame:
    frame = table if isinstance(table, pl.DataFrame) else pl.DataFrame(list(table))
    for column in columns:
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit("").alias(column))
    return frame


def plausibility(candidates: list[Candidate], step: str) -> float:
    """How likely it is that the payee is one of its candidates. An exact name's candidates share
    one name's weight (four entries of that name: a quarter each), and the payee is one of them:
    their sum, so that four or more same-named entries still reach a person. Elsewhere each pair
    is scored alone: the best."""
    if step == "exact":
        return sum(c.probability for c in candidates)
    return max((c.probability for c in candidates), default=0.0)


def decide(payee_id: int, candidates: list[Candidate], rules: dict, step: str = "") -> Placement:
    """The payee's placement from its candidates: the best one matched when at or above the
    certain threshold and clear of the next by the margin; to review from `review` up; else none."""
    limits = rules["thresholds"]
    ranked = sorted(candidates, key=lambda c: (-c.probability, c.entry_id))
    if not ranked or plausibility(ranked, step) < limits["review"]["value"]:
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
    notes: dict[int, str] = {}  # payee -> what was done to, or ignored in, its file's identifiers
    found: dict[int, tuple[str, list[Candidate]]] = {}  # payee -> (step, its candidates)
    for step, finder in (
        ("identifier", by_identifier),
        ("exact", by_exact_name),
        ("fuzzy", by_likeness),
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
        kept = [
            c
            for c in candidates
            if c.probability >= limit
            or (step == "exact" and plausibility(candidates, step) >= limit)
        ]
        ranked = sorted(kept, key=lambda c: (-c.probability, c.entry_id))
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
