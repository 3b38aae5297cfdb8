"""The payments table the ledger's measures read (spend/measures.py): each payment with what is
known of its supplier's places and size, judged against the buying anchor's own local authority.

What is known of a supplier, best source first:
- places: its network profile (registered postcode and operating sites); its Companies House
  record (registered office, `anchorhub load_registers`); the address notices published for it
  (OCDS party address); and the postcodes buyers' payment files give for it (operating sites);
- size: its network profile; what notices published (SME or not); its Companies House accounts
  category; otherwise "not known", never counted as SME or as large;
- VCSE: its network profile; a charity number; its legal form at Companies House; notices.

I/O lives here; the measures and analyses are pure (spend/measures.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import polars as pl
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, DateField, QuerySet, Sum
from django.db.models.functions import Trunc

from network.models import OperatingSite, Organisation
from reference.geography import imd_deciles, locate
from registers.models import RegisterEntry
from spend.measures import FLAGS
from spend.models import Payee, Payment
from suppliers.companies import sme_from_accounts, vcse_from_category
from suppliers.models import Supplier

# Payments are read already summed by what the measures group on (PostgreSQL does the summing):
# a row per buyer, quarter, supplier (or unresolved name), redaction and, with detail, category and
# directorate; `payments` counts the payments in it. Every measure is a sum, so nothing is lost.
GROUPS = {
    "buyer_id": pl.Int64,
    "period": pl.Date,  # the first day of the payments' quarter
    "is_redacted": pl.Boolean,
    "payee_id": pl.Int64,  # who was paid, as the file names them
}
DETAIL = {"category": pl.String, "directorate": pl.String}
SUMS = {"total": pl.Float64, "payments": pl.Int64}
FACTS = {
    "supplier_id": pl.Int64,
    "register_id": pl.Int64,
    "register_name": pl.String,
    "registered_la": pl.String,
    "operating_las": pl.List(pl.String),
    "in_combined_authority": pl.Boolean,
    "in_region": pl.Boolean,
    "in_uk": pl.Boolean,
    "is_sme": pl.Boolean,
    "is_vcse": pl.Boolean,
    "in_deprived_area": pl.Boolean,
    "place_source": pl.String,
    "size_source": pl.String,
}


def financial_year(day: date) -> int:
    """The year a UK public-sector financial year starts in (April to March)."""
    return day.year if day.month >= 4 else day.year - 1


def _deciles() -> dict[str, int]:
    path = settings.DATA_DIR / "reference" / "imd" / "English IMD - Local Authorities.csv"
    return imd_deciles(path) if path.exists() else {}


def query_frame(queryset: QuerySet, columns: dict[str, pl.DataType]) -> pl.DataFrame:
    """A query's rows as a Polars frame: through COPY on PostgreSQL (a million rows in about a
    second), through the cursor elsewhere."""
    queryset = queryset.values_list(*columns).order_by()
    if connection.vendor == "postgresql":
        sql, params = queryset.query.sql_with_params()
        buffer = io.BytesIO()
        with transaction.atomic(), connection.cursor() as cursor:
            # Summing a million payments by hash wants more than the default 4 MB of memory.
            cursor.execute("SET LOCAL work_mem = '256MB'")
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params) as copy:
                for block in copy:
                    buffer.write(block)
        if not buffer.getbuffer().nbytes:
            return pl.DataFrame(schema=columns)
        # Booleans come as t/f and dates may come as timestamps (date_trunc): read as text.
        booleans = [name for name, kind in columns.items() if kind == pl.Boolean]
        dates = [name for name, kind in columns.items() if kind == pl.Date]
        frame = pl.read_csv(
            buffer.getvalue(),
            has_header=False,
            new_columns=list(columns),
            schema_overrides={
                n: (pl.String if n in booleans or n in dates else k) for n, k in columns.items()
            },
        )
        strings = [n for n, k in columns.items() if k == pl.String]
        return frame.with_columns(
            *(pl.col(n) == "t" for n in booleans),
            *(pl.col(n).str.slice(0, 10).str.to_date("%Y-%m-%d") for n in dates),
            *(pl.col(n).fill_null("") for n in strings),
        )
    return pl.DataFrame(list(queryset), schema=columns, orient="row")


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
        found = {}
        for org in Organisation.objects.filter(pk__in=list(buyer_ids)):
            place = locate(org.registered_postcode) if org.registered_postcode else None
            found[org.pk] = place.local_authority if place else None
        return cls(found)

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
) -> pl.DataFrame:
    """The payments table: amount and payments (how many), is_redacted, supplier_key and
    supplier (display name), the measures' flags, and buyer_id, financial_year, quarter, category
    and directorate for grouping (category and directorate left empty unless `detail`: the network
    comparison needs neither). Payments alike in all of these come summed in one row.
    `payments` chooses the payments directly instead of `buyer` and `year`; `facts` are the
    suppliers' facts when already read (supplier_facts)."""
    groups = GROUPS | (DETAIL if detail else {})
    chosen = _payments(buyer, year) if payments is None else payments
    summed = (
        chosen.annotate(period=Trunc("payment_date", "quarter", output_field=DateField()))
        .values(*groups)
        .annotate(total=Sum("amount"), payments=Count("pk"))
    )
    raw = query_frame(summed, groups | SUMS).rename({"total": "amount"})
    # Each payee's supplier, and its name as written for payees not yet resolved.
    payees = pl.DataFrame(
        list(Payee.objects.values_list("pk", "supplier_id", "supplier_name").order_by()),
        schema={"payee_id": pl.Int64, "supplier_id": pl.Int64, "supplier_name": pl.String},
        orient="row",
    ).with_columns(
        supplier_name=pl.when(pl.col("supplier_id").is_null())
        .then(pl.col("supplier_name"))
        .otherwise(pl.lit(""))
    )
    raw = (
        raw.join(payees, on="payee_id", how="left")
        .with_columns(pl.col("supplier_name").fill_null(""))
        .drop("payee_id")
    )
    if not detail:
        raw = raw.with_columns(category=pl.lit(""), directorate=pl.lit(""))
    facts = supplier_facts() if facts is None else facts
    homes = Homes.of(raw["buyer_id"].unique().to_list() if raw.height else [])
    return judge(raw, facts, homes.frame())


def judge(raw: pl.DataFrame, facts: pl.DataFrame, homes: pl.DataFrame) -> pl.DataFrame:
    """Payments joined with their suppliers' facts and their buyers' home authorities. Pure."""
    home = pl.col("home_la")
    placed = pl.col("registered_la").is_not_null() | (
        pl.col("operating_las").list.len().fill_null(0) > 0
    )
    judged = (
        raw.join(facts, on="supplier_id", how="left")
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
                pl.lit("name:") + pl.col("supplier_name").str.to_uppercase(),
            ),
            supplier=pl.coalesce(pl.col("register_name"), pl.col("supplier_name")),
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
        "supplier_id",
        "supplier_key",
        "supplier",
        "category",
        "directorate",
        *FLAGS,
        "place_source",
        "size_source",
    )


class _Row(NamedTuple):
    pk: int
    name: str
    scheme: str
    identifier: str
    scale: str
    is_vcse: bool | None
    postcode: str
    organisation_id: int | None
    merged_into_id: int | None


class _Company(NamedTuple):
    postcode: str
    category: str
    accounts_category: str


def supplier_facts() -> pl.DataFrame:
    """Supplier id → what is known of it (see the module's docstring), one row per register entry;
    entries merged into another read the surviving entry's facts and name."""
    deciles = _deciles()
    places: dict[str, object] = {}

    def place(postcode: str):
        if postcode not in places:
            places[postcode] = locate(postcode, deciles)
        return places[postcode]

    sites: dict[int, list[str]] = {}
    for org_id, postcode in OperatingSite.objects.values_list("organisation_id", "postcode"):
        sites.setdefault(org_id, []).append(postcode)
    paid_at: dict[int, set[str]] = {}
    for supplier_id, postcode in (
        Payment.objects.exclude(supplier_postcode="")
        .filter(payee__supplier__isnull=False)
        .values_list("payee__supplier_id", "supplier_postcode")
        .distinct()
    ):
        paid_at.setdefault(supplier_id, set()).add(postcode)
    companies = {
        number: _Company(postcode, facts.get("category", ""), facts.get("accounts_category", ""))
        for number, postcode, facts in RegisterEntry.objects.filter(
            register="companies-house",
            identifier__in=Supplier.objects.filter(scheme="GB-COH").values("identifier"),
        ).values_list("identifier", "postcode", "facts")
    }
    organisations = {
        o.pk: o for o in Organisation.objects.filter(supplier_records__isnull=False).distinct()
    }
    suppliers = {
        row[0]: _Row(*row) for row in Supplier.objects.values_list(*_Row._fields).order_by()
    }
    rows = {}
    for pk, supplier in suppliers.items():
        org = organisations.get(supplier.organisation_id)
        company = companies.get(supplier.identifier) if supplier.scheme == "GB-COH" else None
        rows[pk] = _facts(
            supplier,
            org,
            company,
            sites.get(org.pk, []) if org else [],
            paid_at.get(pk, ()),
            place,
        )
    flat = {name: kind for name, kind in FACTS.items() if name != "operating_las"}
    out = {name: [] for name in flat}
    sites_of = {"supplier_id": [], "la": []}
    for pk in rows:
        target = pk
        for _ in range(10):  # follow merges to the surviving entry
            if suppliers[target].merged_into_id not in rows:
                break
            target = suppliers[target].merged_into_id
        out["supplier_id"].append(pk)
        out["register_id"].append(target)
        out["register_name"].append(suppliers[target].name)
        for name, value in rows[target].items():
            if name == "operating_las":
                sites_of["supplier_id"] += [pk] * len(value)
                sites_of["la"] += value
            else:
                out[name].append(value)
    operating = (
        pl.DataFrame(sites_of, schema={"supplier_id": pl.Int64, "la": pl.String})
        .group_by("supplier_id")
        .agg(pl.col("la").alias("operating_las"))
    )
    return (
        pl.DataFrame(out, schema=flat)
        .join(operating, on="supplier_id", how="left")
        .with_columns(pl.col("operating_las").fill_null(pl.lit([], dtype=pl.List(pl.String))))
        .select(list(FACTS))
    )


def _facts(supplier, org, company, sites, paid_postcodes, place) -> dict:
    registered, place_source = None, None
    for postcode, source in (
        (org.registered_postcode if org else "", "network profile"),
        (company.postcode if company else "", "Companies House"),
        (supplier.postcode, "notices"),
    ):
        if postcode and (found := place(postcode)):
            registered, place_source = found, source
            break
    operating = [p for p in (place(pc) for pc in sites) if p]
    paid = [p for p in (place(pc) for pc in sorted(paid_postcodes)) if p]
    if paid and not place_source:
        place_source = "buyers' payment files"
    operating += paid
    every = [p for p in (registered, *operating) if p]
    is_sme, size_source = None, None
    for value, source in (
        (org.is_sme if org else None, "network profile"),
        ({"sme": True, "large": False}.get(supplier.scale.lower()), "notices"),
        (sme_from_accounts(company.accounts_category) if company else None, "Companies House"),
    ):
        if value is not None:
            is_sme, size_source = value, source
            break
    is_vcse = next(
        (
            value
            for value in (
                org.is_vcse if org else None,
                True if supplier.scheme == "GB-CHC" else None,
                vcse_from_category(company.category) if company else None,
                supplier.is_vcse,
            )
            if value is not None
        ),
        None,
    )
    known = [p.deprivation_decile for p in every if p.deprivation_decile]
    return {
        "registered_la": registered.local_authority if registered else None,
        "operating_las": [p.local_authority for p in operating],
        "in_combined_authority": any(p.in_combined_authority for p in every) if every else None,
        "in_region": any(p.in_region for p in every) if every else None,
        "in_uk": True if every else None,
        "is_sme": is_sme,
        "is_vcse": is_vcse,
        # Like the headline local measure, a site with substantive operations counts.
        "in_deprived_area": (min(known) == 1) if known else None,
        "place_source": place_source,
        "size_source": size_source,
    }
