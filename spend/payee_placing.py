"""Place payees in the public registers: read the payees nobody has decided and the register
entries, run the matcher (suppliers/matching.py), and record each payee's entry, probability,
evidence and status, with the candidates of uncertain ones queued for review
(suppliers.RegisterMatch). Set-wise writes; a second run with nothing new changes nothing.

Payees a person has decided (match_status confirmed or rejected) are never read or written, and
neither are decided candidates (accepted or turned down); an entry a person turned down for a
payee is never proposed for it again. Candidates are kept for payees to review ("suggested");
a payee matched with certainty keeps no pending candidates.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field

import polars as pl
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.bulk import insert_objects
from registers.models import RegisterAlias, RegisterEntry
from spend.models import Payee, Payment
from suppliers.matching import Candidate, decide, load_rules, match
from suppliers.models import RegisterMatch

DECIDED = ("confirmed", "rejected")
ENTRY_FIELDS = [
    "id",
    "register",
    "identifier",
    "scheme",
    "name",
    "normalised_name",
    "postcode",
    "sector",
    "kind",
    "is_active",
]
# Payees to their placement by joining the temporary table ({table} is the model's own table).
UPDATE_PAYEES = """
UPDATE {table} SET register_entry_id = v.entry, match_probability = v.probability,
  match_evidence = v.evidence, match_status = v.status, matched_at = v.at, matched_by_id = NULL
FROM placed_payees AS v
WHERE {table}.id = v.payee
"""


@dataclass
class PlacingResult:
    payees_in: int = 0
    matched: int = 0
    suggested: int = 0
    unmatched: int = 0
    changed: int = 0  # payees whose placement this run changed
    by_register: dict[str, int] = field(default_factory=dict)  # matched payees per register
    by_step: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_json(self) -> dict:
        return {
            "payees_in": self.payees_in,
            "matched": self.matched,
            "suggested": self.suggested,
            "unmatched": self.unmatched,
            "changed": self.changed,
            "by_register": dict(sorted(self.by_register.items())),
            "by_step": self.by_step,
            "seconds": round(self.seconds, 3),
        }


def payees_to_place(buyer_ids: list[int] | None = None):
    paid = Payment.objects.filter(payee=OuterRef("pk"))
    rows = (
        Payee.objects.filter(is_redacted=False)
        .filter(Exists(paid))
        .exclude(match_status__in=DECIDED)
    )
    if buyer_ids is not None:
        rows = rows.filter(buyer_id__in=buyer_ids)
    return rows


def entries_frame() -> pl.DataFrame:
    """Every register entry, as the matcher reads it. On PostgreSQL through COPY into a temporary
    CSV file (millions of rows without a Python object each); elsewhere by the cursor."""
    table = RegisterEntry._meta.db_table
    schema = {
        "id": pl.Int64,
        **dict.fromkeys(ENTRY_FIELDS[1:-1], pl.String),
        "is_active": pl.Boolean,
    }
    columns = ", ".join(ENTRY_FIELDS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with tempfile.NamedTemporaryFile(suffix=".csv") as stream:
                with cursor.cursor.copy(
                    f"COPY (SELECT {columns} FROM {table}) TO STDOUT WITH (FORMAT csv)"  # noqa: S608 (our names)
                ) as copy:
                    for block in copy:
                        stream.write(block)
                stream.flush()
                frame = pl.read_csv(
                    stream.name,
                    has_header=False,
                    schema=dict.fromkeys(ENTRY_FIELDS, pl.String),
                    empty_string_is_null=False,
                )
            return frame.with_columns(
                pl.col("id").cast(pl.Int64), (pl.col("is_active") == "t").alias("is_active")
            )
        cursor.execute(f"SELECT {columns} FROM {table}")  # noqa: S608 (our own names)
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=schema, orient="row")


def aliases_frame() -> pl.DataFrame:
    rows = list(RegisterAlias.objects.values_list("entry_id", "normalised_name", "name"))
    return pl.DataFrame(
        rows,
        schema={"entry_id": pl.Int64, "normalised_name": pl.String, "name": pl.String},
        orient="row",
    )


def run(buyer_ids: list[int] | None = None, progress=None) -> PlacingResult:
    started = time.perf_counter()
    say = progress or (lambda message: None)
    rules = load_rules()
    current = {
        row["pk"]: row
        for row in payees_to_place(buyer_ids).values(
            "pk",
            "buyer_id",
            "supplier_name",
            "company_number",
            "charity_number",
            "postcode",
            "register_entry_id",
            "match_probability",
            "match_evidence",
            "match_status",
        )
    }
    result = PlacingResult(payees_in=len(current))
    say(f"{len(current):,} payees to place")
    if not current:
        result.seconds = time.perf_counter() - started
        return result
    entries = entries_frame()
    say(f"{entries.height:,} register entries to match them against")
    payees = pl.DataFrame(
        [
            (
                pk,
                row["buyer_id"],
                row["supplier_name"],
                row["company_number"],
                row["charity_number"],
                row["postcode"],
            )
            for pk, row in current.items()
        ],
        schema={
            "payee_id": pl.Int64,
            "buyer_id": pl.Int64,
            "name": pl.String,
            "company_number": pl.String,
            "charity_number": pl.String,
            "postcode": pl.String,
        },
        orient="row",
    )
    matched = match(payees, entries, aliases_frame(), rules)
    placements, candidates = _without_turned_down(matched, rules, payees_to_place(buyer_ids))
    register_of = dict(
        entries.filter(
            pl.col("id").is_in([p.entry_id for p in placements if p.entry_id is not None])
        )
        .select("id", "register")
        .iter_rows()
    )
    counts, by_register = Counter(), Counter()
    for placement in placements:
        counts[placement.status] += 1
        if placement.status == "matched":
            by_register[register_of[placement.entry_id]] += 1
    result.matched, result.suggested = counts["matched"], counts["suggested"]
    result.unmatched = counts["unmatched"]
    result.by_register = dict(by_register)
    result.by_step = matched.steps
    say(
        f"{result.matched:,} matched, {result.suggested:,} to review, "
        f"{result.unmatched:,} not found; writing"
    )
    with transaction.atomic():
        result.changed = _write_payees(placements, current)
        _write_candidates(placements, candidates, payees_to_place(buyer_ids))
    result.seconds = time.perf_counter() - started
    return result


def _without_turned_down(matched, rules, payees):
    """Candidates a person turned down are dropped and the payee decided again without them."""
    turned_down = set(
        RegisterMatch.objects.filter(payee__in=payees, status=RegisterMatch.REJECTED).values_list(
            "payee_id", "entry_id"
        )
    )
    if not turned_down:
        return matched.placements, matched.candidates
    by_payee: dict[int, list[Candidate]] = {}
    for c in matched.candidates:
        if (c.payee_id, c.entry_id) not in turned_down:
            by_payee.setdefault(c.payee_id, []).append(c)
    placements = []
    for placement in matched.placements:
        if placement.entry_id is not None and (placement.payee_id, placement.entry_id) in (
            turned_down
        ):
            placement = decide(placement.payee_id, by_payee.get(placement.payee_id, []), rules)
        placements.append(placement)
    candidates = [
        Candidate(c.payee_id, c.entry_id, c.probability, c.evidence, rank)
        for cs in by_payee.values()
        for rank, c in enumerate(cs, start=1)
    ]
    return placements, candidates


def _write_payees(placements, current) -> int:
    now = timezone.now()
    rows = []
    for p in placements:
        old = current[p.payee_id]
        probability = round(p.probability, 6) if p.probability is not None else None
        old_probability = old["match_probability"]
        if old_probability is not None:
            old_probability = round(old_probability, 6)
        if (
            old["register_entry_id"],
            old_probability,
            old["match_evidence"],
            old["match_status"],
        ) != (
            p.entry_id,
            probability,
            p.evidence,
            p.status,
        ):
            rows.append((p.payee_id, p.entry_id, probability, p.evidence, p.status, now))
    if not rows:
        return 0
    table = Payee._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE placed_payees (payee bigint, entry bigint, "
            "probability double precision, evidence text, status varchar(10), "
            "at timestamp with time zone)"
        )
        try:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy("COPY placed_payees FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(
                    "INSERT INTO placed_payees VALUES (%s, %s, %s, %s, %s, %s)", rows
                )
            cursor.execute(UPDATE_PAYEES.format(table=table))
        finally:
            cursor.execute("DROP TABLE placed_payees")
    return len(rows)


def _write_candidates(placements, candidates, payees) -> None:
    """Pending candidates of the payees placed: those of payees to review, as the matcher ranked
    them; stale pending ones removed; decided ones never touched."""
    review = {p.payee_id for p in placements if p.status == "suggested"}
    wanted = {(c.payee_id, c.entry_id): c for c in candidates if c.payee_id in review}
    existing = {(m.payee_id, m.entry_id): m for m in RegisterMatch.objects.filter(payee__in=payees)}
    fresh, changed, stale = [], [], []
    for key, match_ in existing.items():
        if match_.status != RegisterMatch.PENDING:
            wanted.pop(key, None)  # decided: a person's word stands
        elif key not in wanted:
            stale.append(match_.pk)
    for key, c in wanted.items():
        probability = round(c.probability, 6)
        old = existing.get(key)
        if old is None:
            fresh.append(
                RegisterMatch(
                    payee_id=c.payee_id,
                    entry_id=c.entry_id,
                    probability=probability,
                    evidence=c.evidence,
                    rank=c.rank,
                )
            )
        elif (round(old.probability, 6), old.evidence, old.rank) != (
            probability,
            c.evidence,
            c.rank,
        ):
            old.probability, old.evidence, old.rank = probability, c.evidence, c.rank
            changed.append(old)
    for start in range(0, len(stale), 500):  # bounded: SQLite limits a query's parameters
        RegisterMatch.objects.filter(pk__in=stale[start : start + 500]).delete()
    insert_objects(RegisterMatch, fresh)
    RegisterMatch.objects.bulk_update(changed, ["probability", "evidence", "rank"], batch_size=2000)
