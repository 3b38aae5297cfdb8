"""The payments table the ledger's measures read (spend/measures/): each payment with what is
known of its payee (who the buyer paid, as its files name them), judged against the buying
anchor's own local authority.

What is known of a payee, best source first, is judged in spend/payee_facts.py (pure) over what
spend/payee_sources.py reads: its sector, its place (supplier's network profile; its register
entry; Companies House; notices; a postcode given for it; the postcodes in the buyer's files), size,
VCSE status and deprivation at LSOA level. A person's decision on the payee page
(spend/payee_decisions.py) changes the Payee row, and this table reads Payee live: it shows at once.

The contract with the ledger's measures and pages: `payments_frame()` and `judge()` give one row
per group of payments alike in every column, with these columns:
- buyer_id (Int64), period (Date: first day of the quarter), financial_year (Int32),
  quarter (String, "2024-Q1" = April to June 2024), amount (Float64, summed), payments (Int64)
- is_redacted (Boolean); payee_id (Int64: the spend.Payee, link /suppliers/payees/<id>/)
- supplier_id (Int64 or null: the suppliers.Supplier the payee resolved to), supplier_key
  (String: the surviving supplier's id, else "entry:<register entry id>", else "name:<NAME>"),
  supplier (String: the supplier's, else the register entry's, else the payee's own name)
- category, directorate (String, "" without detail)
- registered_local, operational_local, in_combined_authority, in_region, in_uk (Boolean; null
  when the payee's place is not known, never false for want of a place; the two local flags are
  also null when the anchor's own authority is not known)
- is_sme, is_vcse (Boolean; null = not known), in_deprived_area (Boolean; null = not known,
  as always when only a local authority is known)
- sector (String: public, private, third or individual, registers.Sector; null = not known)
- deprivation_level (String: "LSOA" when deprivation is known, else null)
- place_source, size_source (String or null: which source placed or sized the payee)
- with `rings` (spend/rings.py), a Boolean column per ring that is not standard (`Ring.column`,
  such as in_area_east_birmingham or in_sites_5mi; spend/measures/rings.py says when a payee is
  in one); the standard rings' columns are the flags above

I/O lives here and in spend/payee_sources.py; the judging and measures are pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl
from django.conf import settings
from django.db.models import Count, DateField, QuerySet, Sum
from django.db.models.functions import Trunc

from network.models import Organisation
from reference.area_rules import Where
from reference.deprivation import IMD_FILE, deciles_frame, deciles_from
from reference.geography import areas
from registers import areas as area_places
from spend import payee_facts as pf
from spend import payee_sources
from spend.measures import FLAGS
from spend.measures import rings as ring_measures
from spend.models import Payee, Payment
from spend.query_frames import query_frame
from spend.rings import home_authorities

# Payments are read already summed by what the measures group on (PostgreSQL does the summing):
# a row per buyer, quarter, payee and redaction and, with detail, category and directorate;
# `payments` counts the payments in it. Every measure is a sum, so nothing is lost.
GROUPS = {
    "buyer_id": pl.Int64,
    "period": pl.Date,  # the first day of the payments' quarter
    "is_redacted": pl.Boolean,
    "payee_id": pl.Int64,  # who was paid, as the file names them
}
DETAIL = {"category": pl.String, "directorate": pl.String}
SUMS = {"total": pl.Float64, "payments": pl.Int64}
FACTS = pf.FACTS  # payee_facts() columns (spend/payee_facts.py)


def financial_year(day: date) -> int:
    """The year a UK public-sector financial year starts in (April to March)."""
    return day.year if day.month >= 4 else day.year - 1


def lsoa_deciles() -> dict[str, int]:
    """LSOA 2011 code → IMD 2019 decile, from the shared reference data; empty when absent (then
    deprivation is not known for anyone)."""
    path = settings.DATA_DIR.joinpath(*IMD_FILE)
    return deciles_from(path) if path.exists() else {}


def _payments(buyer: Organisation | None, year: int | None) -> QuerySet:
    payments = Payment.objects.all()
    if buyer is not None:
        payments = payments.filter(buyer=buyer)
    if year is not None:
        payments = payments.filter(
            payment_date__gte=date(year, 4, 1), payment_date__lt=date(year + 1, 4, 1)
        )
    return payments


@dataclass
class Homes:
    """Each anchor's own local authority, for the local measures."""

    by_buyer: dict[int, str | None]

    @classmethod
    def of(cls, buyer_ids) -> Homes:
        return cls(home_authorities(Organisation.objects.filter(pk__in=list(buyer_ids))))

    def frame(self) -> pl.DataFrame:
        return pl.DataFrame(
            {"buyer_id": list(self.by_buyer), "home_la": list(self.by_buyer.values())},
            schema={"buyer_id": pl.Int64, "home_la": pl.String},
        )


def payments_frame(
    buyer: Organisation | None = None,
    year: int | None = None,
    detail: bool = True,
    payments: QuerySet | None = None,
    facts: pl.DataFrame | None = None,
    rings: Sequence = (),
) -> pl.DataFrame:
    """The payments table (the module's docstring lists its columns). `payments` chooses the
    payments directly instead of `buyer` and `year`; `facts` are the payees' facts when already
    read (payee_facts(); a frame keyed by supplier, as supplier_facts() gives, is not enough and
    is read again by payee, as is one without the columns of `rings`)."""
    groups = GROUPS | (DETAIL if detail else {})
    chosen = _payments(buyer, year) if payments is None else payments
    summed = (
        chosen.annotate(period=Trunc("payment_date", "quarter", output_field=DateField()))
        .values(*groups)
        .annotate(total=Sum("amount"), payments=Count("pk"))
    )
    raw = query_frame(summed, groups | SUMS).rename({"total": "amount"})
    if not detail:
        raw = raw.with_columns(category=pl.lit(""), directorate=pl.lit(""))
    columns = ring_columns(rings)
    if facts is None or "payee_id" not in facts.columns or not set(columns) <= set(facts.columns):
        chosen_payees = None if payments is not None or buyer is None else buyer.payees.all()
        facts = payee_facts(chosen_payees, rings)
    homes = Homes.of(raw["buyer_id"].unique().to_list() if raw.height else [])
    return judge(raw, facts, homes.frame(), columns)


def ring_columns(rings: Sequence) -> list[str]:
    """The payments table's columns of the rings that are not standard."""
    return list(dict.fromkeys(ring.column for ring in rings if ring.column not in FLAGS))


def judge(
    raw: pl.DataFrame, facts: pl.DataFrame, homes: pl.DataFrame, rings: Sequence[str] = ()
) -> pl.DataFrame:
    """Payments (by payee_id) joined with their payees' facts (payee_facts()) and their buyers'
    home authorities (Homes.frame()), with the facts' ring columns named in `rings`. Pure; the
    columns are the module docstring's."""
    home = pl.col("home_la")
    placed = pl.col("registered_la").is_not_null() | (
        pl.col("operating_las").list.len().fill_null(0) > 0
    )
    judged = (
        raw.join(facts.drop("buyer_id", strict=False), on="payee_id", how="left")
        .join(homes, on="buyer_id", how="left")
        .with_columns(
            registered_local=pl.when(home.is_null() | ~placed)
            .then(None)
            .otherwise((pl.col("registered_la") == home).fill_null(False)),
            operational_local=pl.when(home.is_null() | ~placed)
            .then(None)
            .otherwise(
                (pl.col("registered_la") == home).fill_null(False)
                | pl.col("operating_las").list.contains(home).fill_null(False)
            ),
            financial_year=pl.col("period").dt.year()
            - (pl.col("period").dt.month() < 4).cast(pl.Int32),
            supplier_key=pl.coalesce(
                pl.col("register_id").cast(pl.String),
                pl.lit("entry:") + pl.col("entry_id").cast(pl.String),
                pl.lit("name:") + pl.col("payee_name").fill_null("").str.to_uppercase(),
            ),
            supplier=pl.coalesce("register_name", "entry_name", "payee_name").fill_null(""),
        )
        .with_columns(
            quarter=pl.format(
                "{}-Q{}",
                pl.col("financial_year"),
                ((pl.col("period").dt.month() + 8) % 12) // 3 + 1,
            )
        )
    )
    return judged.select(
        "buyer_id",
        "period",
        "financial_year",
        "quarter",
        "amount",
        "payments",
        "is_redacted",
        "payee_id",
        "supplier_id",
        "supplier_key",
        "supplier",
        "category",
        "directorate",
        *FLAGS,
        *rings,
        "sector",
        "deprivation_level",
        "place_source",
        "size_source",
    )


def _read_facts(payees: QuerySet | None) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, Where]]:
    """(payee facts, the payees' sites and files' postcodes, where their postcodes are)."""
    frames, wheres = payee_sources.read_places(payees)
    standard = areas()
    facts = pf.judge_payees(
        *frames,
        deciles_frame(lsoa_deciles()),
        set(standard["combined_authority"]["members"]),
        set(standard["region"]["members"]),
    )
    return facts, frames[2], wheres


def payee_facts(payees: QuerySet | None = None, rings: Sequence = ()) -> pl.DataFrame:
    """What is known of each payee (spend/payee_facts.FACTS), for every payee or those chosen: a
    few set-wise queries (spend/payee_sources.py) and one Polars pass; with a column per ring of
    `rings` that is not standard (payee_rings)."""
    facts, sites, wheres = _read_facts(payees)
    wanted = [ring for ring in rings if ring.column not in FLAGS]
    if not wanted:
        return facts
    return facts.join(payee_rings(facts, sites, wanted, wheres), on="payee_id", how="left")


def payee_places(payees: QuerySet | None = None) -> tuple[pl.DataFrame, dict[int, list[Where]]]:
    """(payee_facts(), each payee's places as the rings judge them: its registered postcode or
    only its authority, its profile's sites and the postcodes in its buyer's files; a postcode
    that cannot be read is a place not known). The areas' SME page uses it, so a payee is in an
    area there exactly when the ledger's ring says so."""
    facts, sites, wheres = _read_facts(payees)
    found = ring_measures.places_by_payee(
        _places_frame(facts, sites), wheres, facts["payee_id"].to_list()
    )
    return facts, found


def _places_frame(facts: pl.DataFrame, sites: pl.DataFrame) -> pl.DataFrame:
    return pl.concat(
        [
            facts.select("payee_id", "postcode", la="registered_la"),
            sites.select("payee_id", "postcode", la=pl.lit(None, dtype=pl.String)),
        ]
    ).filter(pl.col("postcode").is_not_null() | pl.col("la").is_not_null())


def payee_rings(
    facts: pl.DataFrame,
    sites: pl.DataFrame,
    rings: Sequence,
    wheres: Mapping[str, Where] | None = None,
) -> pl.DataFrame:
    """Whether each payee is in each ring (spend/measures/rings.payee_rings) from its known
    places: its registered postcode (or only its authority), its profile's sites and the
    postcodes in its buyer's files (`sites`, payee_sources.read), as written: one that cannot be
    read is a place not known. `wheres` are where the postcodes are, as payee_sources.read_places
    read them (else looked up here, once)."""
    places = _places_frame(facts, sites)
    if wheres is None:
        wheres = area_places.where(places["postcode"].drop_nulls().unique().to_list())
    definitions = {ring.column: ring.definition for ring in rings}
    return ring_measures.payee_rings(places, wheres, definitions, facts["payee_id"].to_list())


def supplier_facts(rings: Sequence = ()) -> pl.DataFrame:
    """What is known of each resolved supplier, one row per supplier_id: the facts of its payee
    placed by the best source (for analyses grouped by supplier, such as the local suppliers in a
    leaking category); with `rings`, a column per ring that is not standard, true when any of its
    payees is in it. The ledger itself judges payees (payee_facts)."""
    rank = {source: n for n, source in enumerate((*pf.PLACE_SOURCES, pf.FILES))}
    every = payee_facts(Payee.objects.filter(supplier__isnull=False), rings).filter(
        pl.col("supplier_id").is_not_null()
    )
    columns = ring_columns(rings)
    best = every.drop(columns)
    if columns:
        inside = every.group_by("supplier_id").agg(
            pl.when(pl.col(c).fill_null(False).any())
            .then(True)
            .when(pl.col(c).is_not_null().all())
            .then(False)
            .otherwise(None)
            .alias(c)
            for c in columns
        )
        best = best.join(inside, on="supplier_id", how="left")
    return (
        best.with_columns(
            _rank=pl.col("place_source").replace_strict(rank, default=99, return_dtype=pl.Int64)
        )
        .sort("supplier_id", "_rank", nulls_last=True)
        .unique("supplier_id", keep="first", maintain_order=True)
        # Not keyed by payee: payments_frame() given these reads the payees' own facts.
        .drop("_rank", "payee_id", "buyer_id", "payee_name")
    )
