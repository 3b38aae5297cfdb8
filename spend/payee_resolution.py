"""Payees resolved into the supplier register, over the database: gather every supplier name seen
in payments and notices, resolve them (the pure rules: suppliers/entity_resolution.py), and record
the outcome: one register entry per supplier, each name linked to it with a probability, payees
pointed at their supplier, and the uncertain pairs queued for a coordinator. Repeatable: a second run with nothing new changes nothing.
"""

from __future__ import annotations

import csv
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Count

from core.bulk import insert_objects
from core.maintenance import analyse
from network.models import SUPPLIER_KINDS, Organisation
from spend.models import Payee, Payment
from suppliers.entity_resolution import Observation, pair_key, resolve, rules
from suppliers.models import MatchReview, Supplier, SupplierName
from suppliers.names import normalise_name

SCHEME_FIELDS = {"GB-COH": "company_number", "GB-CHC": "charity_number"}
# Payees placed in a register with certainty (spend/payee_placing.py) or by a person: two names
# placed in the same entry are one supplier.
CERTAIN = ("matched", "confirmed")
# Payees to their supplier by joining the temporary table of resolved payees ({table} is the
# model's own table name, not input).
UPDATE_PAYEES = """
UPDATE {table} SET supplier_id = v.supplier
FROM resolved_payees AS v
WHERE {table}.id = v.payee
  AND ({table}.supplier_id IS NULL OR {table}.supplier_id <> v.supplier)
"""


@dataclass
class RunResult:
    names_in: int = 0
    suppliers_out: int = 0
    auto_merged: int = 0
    for_review: int = 0
    seconds: float = 0.0

    def as_json(self) -> dict:
        return {
            "names_in": self.names_in,
            "suppliers_out": self.suppliers_out,
            "auto_merged": self.auto_merged,
            "for_review": self.for_review,
            "seconds": round(self.seconds, 3),
        }


def _identifier(company: str, charity: str, buyer_ref: str) -> str:
    if company:
        return f"GB-COH-{company}"
    if charity:
        return f"GB-CHC-{charity}"
    return buyer_ref


def observations() -> tuple[list[Observation], dict[str, dict]]:
    """Every distinct supplier name (with identifiers) in payments and in the register."""
    found: list[Observation] = []
    facts: dict[str, dict] = {}
    rows = (
        Payee.objects.filter(is_redacted=False)
        .annotate(n=Count("payments"))
        .filter(n__gt=0)
        .values(
            "pk",
            "supplier_name",
            "company_number",
            "charity_number",
            "buyer_id",
            "supplier_ref",
            "register_entry_id",
            "match_status",
            "n",
        )
        .order_by()
    )
    for row in rows:
        buyer_ref = f"B{row['buyer_id']}:{row['supplier_ref']}" if row["supplier_ref"] else ""
        key = "p|" + "|".join(
            [
                row["supplier_name"],
                row["company_number"],
                row["charity_number"],
                str(row["buyer_id"]),
                row["supplier_ref"],
            ]
        )
        found.append(
            Observation(
                key,
                row["supplier_name"],
                company_number=row["company_number"],
                charity_number=row["charity_number"],
                buyer_ref=buyer_ref,
                weight=row["n"],
                register_entry=(
                    str(row["register_entry_id"])
                    if row["register_entry_id"] and row["match_status"] in CERTAIN
                    else ""
                ),
            )
        )
        facts[key] = {
            "name": row["supplier_name"],
            "identifier": _identifier(row["company_number"], row["charity_number"], buyer_ref),
            **{k: row[k] for k in ("supplier_name", "company_number", "charity_number")},
            "buyer_id": row["buyer_id"],
            "supplier_ref": row["supplier_ref"],
            "payee": row["pk"],
        }
    # Entries made by earlier runs are outcomes, not observations: only notices' suppliers count.
    for supplier in Supplier.objects.filter(source="notice", merged_into__isnull=True).annotate(
        n=Count("awards")
    ):
        key = f"s|{supplier.pk}"
        numbers = dict.fromkeys(SCHEME_FIELDS.values(), "")
        if supplier.scheme in SCHEME_FIELDS:
            numbers[SCHEME_FIELDS[supplier.scheme]] = supplier.identifier
        found.append(Observation(key, supplier.name, weight=max(supplier.n, 1), **numbers))
        identifier = f"{supplier.scheme}-{supplier.identifier}" if supplier.identifier else ""
        facts[key] = {"name": supplier.name, "identifier": identifier, "supplier": supplier}
    return found, facts


def decisions() -> dict[tuple[str, str], bool]:
    return {
        (a, b): status == MatchReview.SAME
        for a, b, status in MatchReview.objects.exclude(status=MatchReview.PENDING).values_list(
            "name_a", "name_b", "status"
        )
    }


@transaction.atomic
def run(progress=None) -> RunResult:
    started = time.perf_counter()
    say = progress or (lambda message: None)
    found, facts = observations()
    say(f"{len(found):,} supplier names from payments and notices")
    merging = rules()
    result = resolve(
        found,
        decisions(),
        auto=merging["auto_merge"]["value"],
        core_names=merging["core_names"]["value"],
    )
    members: dict[int, list[Observation]] = defaultdict(list)
    for o in found:
        members[result.cluster_of[o.key]].append(o)
    say(f"resolved into {len(members):,} suppliers; writing the register")
    supplier_of = _write_register(members, facts)
    _write_names(found, facts, supplier_of, result)
    _point_payees(found, facts, supplier_of, result)
    _queue_reviews(found, result)
    _link_organisations()
    analyse(Payment)
    return RunResult(
        names_in=len(found),
        suppliers_out=len(members),
        auto_merged=result.auto_merged,
        for_review=MatchReview.objects.filter(status=MatchReview.PENDING).count(),
        seconds=time.perf_counter() - started,
    )


def _write_register(members: dict[int, list[Observation]], facts) -> dict[int, int]:
    """cluster → supplier id: an existing register entry where the cluster has one (the one with
    an identifier first); others in the cluster are marked as merged into it; else a new entry."""
    supplier_of: dict[int, int] = {}
    new: list[tuple[int, Supplier]] = []
    previous = {
        (name, identifier): supplier_id
        for name, identifier, supplier_id in SupplierName.objects.values_list(
            "source_name", "source_identifier", "supplier_id"
        )
    }
    wanted_merge: dict[int, int | None] = {}  # supplier → the one it is merged into (or None)
    for cluster, group in members.items():
        existing = [facts[o.key]["supplier"] for o in group if "supplier" in facts[o.key]]
        earlier = Counter(
            previous[key]
            for o in group
            if (key := (o.name[:300], facts[o.key]["identifier"][:120])) in previous
        )
        if existing:
            existing.sort(key=lambda s: (not s.identifier, s.pk))
            keep = existing[0].pk
            others = {s.pk for s in existing[1:]} | set(earlier)
        elif earlier:
            keep = earlier.most_common(1)[0][0]
            others = set(earlier)
        else:
            keep = None
        if keep is not None:
            supplier_of[cluster] = keep
            wanted_merge[keep] = None
            for other in others - {keep}:
                wanted_merge[other] = keep
            continue
        names = Counter()
        for o in group:
            names[o.name] += o.weight
        name = names.most_common(1)[0][0]
        numbered = next((o for o in group if o.company_number), None)
        charity = next((o for o in group if o.charity_number), None)
        scheme, identifier = (
            ("GB-COH", numbered.company_number)
            if numbered
            else ("GB-CHC", charity.charity_number)
            if charity
            else ("", "")
        )
        new.append(
            (
                cluster,
                Supplier(
                    name=name[:300],
                    normalised_name=(normalise_name(name) or name.lower())[:300],
                    scheme=scheme,
                    identifier=identifier,
                    source="payments",
                ),
            )
        )
    # Entries found to be another supplier point at it (kept, so that a decision can be undone).
    current = dict(Supplier.objects.filter(pk__in=wanted_merge).values_list("pk", "merged_into_id"))
    changed = [
        Supplier(pk=pk, merged_into_id=target)
        for pk, target in wanted_merge.items()
        if pk in current and current[pk] != target
    ]
    Supplier.objects.bulk_update(changed, ["merged_into"], batch_size=1000)
    # A supplier already registered under the same identifier is reused, not duplicated.
    by_identifier = {
        (s, i): pk
        for s, i, pk in Supplier.objects.exclude(identifier="").values_list(
            "scheme", "identifier", "pk"
        )
    }
    to_create = []
    for cluster, supplier in new:
        known = by_identifier.get((supplier.scheme, supplier.identifier))
        if supplier.identifier and known:
            supplier_of[cluster] = known
        else:
            to_create.append((cluster, supplier))
    created = Supplier.objects.bulk_create([s for _, s in to_create], batch_size=1000)
    if created and created[0].pk is None:  # backends that do not return ids
        ids = Supplier.objects.order_by("-pk").values_list("pk", flat=True)[: len(created)]
        for supplier, pk in zip(created, reversed(list(ids)), strict=True):
            supplier.pk = pk
    for (cluster, _), supplier in zip(to_create, created, strict=True):
        supplier_of[cluster] = supplier.pk
    return supplier_of


def _write_names(found, facts, supplier_of, result) -> None:
    seen = Counter()
    for o in found:
        seen[(o.name[:300], facts[o.key]["identifier"][:120])] += o.weight
    target = {}
    for o in found:
        key = (o.name[:300], facts[o.key]["identifier"][:120])
        target[key] = (supplier_of[result.cluster_of[o.key]], result.probability[o.key])
    existing = {
        (n.source_name, n.source_identifier): n for n in SupplierName.objects.all().iterator()
    }
    changed, fresh = [], []
    for key, (supplier_id, probability) in target.items():
        name = existing.get(key)
        if name is None:
            fresh.append(
                SupplierName(
                    source_name=key[0],
                    source_identifier=key[1],
                    supplier_id=supplier_id,
                    match_probability=probability,
                    seen=seen[key],
                )
            )
        elif (name.supplier_id, name.match_probability, name.seen) != (
            supplier_id,
            probability,
            seen[key],
        ):
            name.supplier_id, name.match_probability, name.seen = (
                supplier_id,
                probability,
                seen[key],
            )
            changed.append(name)
    insert_objects(SupplierName, fresh)
    SupplierName.objects.bulk_update(
        changed, ["supplier", "match_probability", "seen"], batch_size=2000
    )


def _point_payees(found, facts, supplier_of, result) -> None:
    """Each payee (and so each of its payments) to the supplier its name was resolved to: the
    payees and their suppliers go into a temporary table, then one UPDATE joins it to the payees."""
    rows = [
        (facts[o.key]["payee"], supplier_of[result.cluster_of[o.key]])
        for o in found
        if o.key.startswith("p|")
    ]
    table = Payee._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE resolved_payees (payee bigint, supplier bigint)")
        try:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy("COPY resolved_payees FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany("INSERT INTO resolved_payees VALUES (%s, %s)", rows)
            cursor.execute(UPDATE_PAYEES.format(table=table))
        finally:
            cursor.execute("DROP TABLE resolved_payees")


def _queue_reviews(found, result) -> None:
    examples: dict[str, Counter] = defaultdict(Counter)
    for o in found:
        examples[normalise_name(o.name) or o.name.strip().lower()][o.name] += o.weight
    proposed = {pair_key(p.a, p.b): p for p in result.for_review}
    known = {(r.name_a, r.name_b): r for r in MatchReview.objects.all()}
    fresh, changed = [], []
    for key, pair in proposed.items():
        seen = sum(examples[key[0]].values()) + sum(examples[key[1]].values())
        review = known.get(key)
        if review is None:
            fresh.append(
                MatchReview(
                    name_a=key[0][:300],
                    name_b=key[1][:300],
                    example_a=examples[key[0]].most_common(1)[0][0][:300],
                    example_b=examples[key[1]].most_common(1)[0][0][:300],
                    probability=pair.probability,
                    seen=seen,
                )
            )
        elif review.status == MatchReview.PENDING and (review.probability, review.seen) != (
            pair.probability,
            seen,
        ):
            review.probability, review.seen = pair.probability, seen
            changed.append(review)
    insert_objects(MatchReview, fresh)
    MatchReview.objects.bulk_update(changed, ["probability", "seen"], batch_size=2000)
    stale = [
        r.pk for key, r in known.items() if r.status == MatchReview.PENDING and key not in proposed
    ]
    MatchReview.objects.filter(pk__in=stale).delete()


def _link_organisations() -> None:
    """Register entries to the network's supplier organisations (their profiles give places and
    size): by company or charity number, else by normalised name. Links made by people stay."""
    by_number, by_name = {}, {}
    for org in Organisation.objects.filter(kind__in=SUPPLIER_KINDS):
        for _label, value, scheme in org.identifiers:
            by_number[(scheme, value)] = org.pk
        by_name.setdefault(normalise_name(org.name), org.pk)
    changed = []
    for supplier in Supplier.objects.filter(organisation__isnull=True).only(
        "id", "scheme", "identifier", "normalised_name"
    ):
        found = by_number.get((supplier.scheme, supplier.identifier)) or by_name.get(
            supplier.normalised_name
        )
        if found:
            supplier.organisation_id = found
            changed.append(supplier)
    Supplier.objects.bulk_update(changed, ["organisation"], batch_size=1000)


def export(path: Path) -> int:
    """source_name,source_identifier,supplier_id,supplier_name,match_probability: one row per
    distinct name and identifier seen, with the supplier it was resolved to."""
    count = 0
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
                "source_name",
                "source_identifier",
                "supplier_id",
                "supplier_name",
                "match_probability",
            ]
        )
        for name in SupplierName.objects.select_related("supplier").order_by("source_name"):
            writer.writerow(
                [
                    name.source_name,
                    name.source_identifier,
                    name.supplier_id,
                    name.supplier.name,
                    f"{name.match_probability:.4f}",
                ]
            )
            count += 1
    return count
