"""The scorecard's inputs read from the database: which buyers the notices name, and one buyer's
releases (with the period marked), awards' suppliers as the ledger knows them, and payments.

The ledger's side (network organisations only): one row per payment of the buyer, what the
ledger knows of each supplier register entry (SME, VCSE, local to the buyer's home authority), and
each award's supplier linked to the register (Award.suppliers, after merges), all read set-wise.

A buyer is the buyer of a contracting process as compiled (`opportunities.Process`): linked to a
network organisation by identifier first, then by name, when loading (opportunities/compiling.py);
else known by its first published identifier (a PPON, say), else by its name. Every release of a
process counts for that process's buyer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from functools import cache

import polars as pl
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from core import datafiles
from network.identifiers import normalise_company_number
from network.models import Organisation
from opportunities.models import Award, Process, Release
from opportunities.ocid_prefixes import SAMPLE_PREFIX
from reference.geography import locate
from reference.thresholds import CENTRAL_KINDS
from scorecard import notice_table
from scorecard.models import Commitment
from scorecard.notice_table import PAYMENTS, SUPPLIERS, Tables
from scorecard.remembering import remembered
from spend.ledger import Homes, financial_year, payee_facts, query_frame, supplier_facts
from spend.models import Payee, Payment
from suppliers.models import Supplier
from suppliers.names import normalise_name


@dataclass(frozen=True)
class Buyer:
    """A buyer as the scorecard knows it: `key` org:<pk>, <SCHEME>:<id> or name:<normalised>."""

    key: str
    name: str
    organisation_id: int | None = None
    organisation_slug: str = ""

    @property
    def is_network(self) -> bool:
        return self.organisation_id is not None


def buyer_of(process: dict, organisations: dict[int, tuple[str, str]]) -> Buyer:
    """The buyer of one process (a dict of Process's buyer fields)."""
    if process["buyer_id"] is not None and process["buyer_id"] in organisations:
        name, slug = organisations[process["buyer_id"]]
        return Buyer(f"org:{process['buyer_id']}", name, process["buyer_id"], slug)
    if process["buyer_scheme"] and process["buyer_identifier"]:
        key = f"{process['buyer_scheme'].upper()}:{process['buyer_identifier'].upper()}"
        return Buyer(key, process["buyer_name"] or key)
    name = process["buyer_name"] or "Buyer not named"
    return Buyer(f"name:{normalise_name(name) or name.lower()}", name)


BUYER_FIELDS = ("ocid", "buyer_id", "buyer_scheme", "buyer_identifier", "buyer_name")


def _organisations() -> dict[int, tuple[str, str]]:
    return {
        pk: (name, slug)
        for pk, name, slug in Organisation.objects.values_list("pk", "name", "slug")
    }


def process_buyers(processes=None) -> dict[str, Buyer]:
    """{ocid: Buyer} for every process (or those chosen)."""
    organisations = _organisations()
    chosen = Process.objects.all() if processes is None else processes
    return {row["ocid"]: buyer_of(row, organisations) for row in chosen.values(*BUYER_FIELDS)}


def buyers() -> list[Buyer]:
    """Every buyer the notices name, network organisations first, then by name."""
    found = {buyer.key: buyer for buyer in process_buyers().values()}
    return sorted(found.values(), key=lambda b: (not b.is_network, b.name.lower(), b.key))


def find_buyer(text: str) -> Buyer | None:
    """The buyer a person names: a network organisation by slug or name (exact, then contained),
    else a buyer in the notices by its key or name."""
    text = text.strip()
    if not text:
        return None
    organisation = (
        Organisation.objects.filter(Q(slug=text) | Q(name__iexact=text)).first()
        or Organisation.objects.anchors().filter(name__icontains=text).order_by("name").first()
    )
    if organisation is not None:
        return Buyer(
            f"org:{organisation.pk}", organisation.name, organisation.pk, organisation.slug
        )
    wanted = normalise_name(text)
    for buyer in buyers():
        if buyer.key.upper() == text.upper() or normalise_name(buyer.name) == wanted:
            return buyer
    return None


def organisation_buyer(organisation: Organisation) -> Buyer:
    return Buyer(f"org:{organisation.pk}", organisation.name, organisation.pk, organisation.slug)


def _bounds(since: date | None, until: date | None) -> tuple[datetime | None, datetime | None]:
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(since, time.min), zone) if since else None
    end = timezone.make_aware(datetime.combine(until, time.max), zone) if until else None
    return start, end


def releases_of(
    buyer: Buyer | None, since: date | None, until: date | None
) -> Iterator[tuple[dict, str, str, bool, bool]]:
    """(release data, buyer key, buyer name, in period, sample) for every release of the buyer's
    processes (every buyer's when `buyer` is None) dated up to `until`; those before `since` are
    given with in_period False, for look-backs (a UK2 before the UK4, suppliers new to the buyer)."""
    owners = process_buyers()
    wanted = {ocid for ocid, owner in owners.items() if buyer is None or owner.key == buyer.key}
    start, end = _bounds(since, until)
    chosen = Release.objects.all()
    if end is not None:
        chosen = chosen.filter(date__lte=end)
    if buyer is not None:
        chosen = chosen.filter(ocid__in=wanted)
    for ocid, data, when in (
        chosen.order_by("date", "pk").values_list("ocid", "data", "date").iterator(chunk_size=500)
    ):
        owner = owners.get(ocid)
        if owner is None:
            continue
        yield (
            data,
            owner.key,
            owner.name,
            start is None or when >= start,
            ocid.startswith(SAMPLE_PREFIX),
        )


def tables_for(buyer: Buyer | None, since: date | None, until: date | None) -> Tables:
    """The scorecard's tables for one buyer (every buyer when None) over the period: its
    releases, and for a network organisation its ledger's payments and supplier facts. Kept for a
    short while and while the data is unchanged (scorecard/remembering.py)."""
    return remembered(
        ("tables", buyer.key if buyer else None, since, until),
        data_state,
        lambda: read_tables(buyer, since, until),
    )


def data_state() -> tuple:
    """What the tables are read from, in a few numbers: when one changes, they are read again."""
    counted = (Release, Process, Payment, Payee, Organisation, Award, Supplier)
    sizes = [
        tuple(model.objects.aggregate(n=Count("pk"), top=Max("pk")).values()) for model in counted
    ]
    return (
        *sizes,
        Process.objects.aggregate(at=Max("updated_at"))["at"],
        Commitment.objects.aggregate(at=Max("updated_at"))["at"],  # the charter's tender days
    )


def read_tables(buyer: Buyer | None, since: date | None, until: date | None) -> Tables:
    """The tables read from the database (tables_for without keeping them)."""
    organisations = _network_buyers(buyer)
    homes = Homes.of(organisations).by_buyer if organisations else {}
    payments = payments_for(organisations, since, until) if organisations else None
    table = notice_table.tables(
        releases_of(buyer, since, until),
        payments=payments,
        suppliers=suppliers_for(homes) if organisations else None,
        settings=settings_for(buyer, until, payments, homes),
    )
    if buyer is None:  # every network buyer's published suppliers can be local, ledger or not
        homes = (
            homes
            | Homes.of(
                Organisation.objects.anchors()
                .exclude(pk__in=organisations)
                .values_list("pk", flat=True)
            ).by_buyer
        )
    return replace(table, awards=linked_awards(table.awards, homes))


def _network_buyers(buyer: Buyer | None) -> list[int]:
    """The network organisations whose ledgers count: the buyer's, or every anchor and every
    organisation with payments (so that each anchor's part of every buyer's tables is what reading
    it alone gives, its supplier facts and settings included)."""
    if buyer is not None:
        return [buyer.organisation_id] if buyer.organisation_id is not None else []
    paid = set(Payment.objects.values_list("buyer_id", flat=True).distinct().order_by())
    return sorted(paid | set(Organisation.objects.anchors().values_list("pk", flat=True)))


@cache
def defaults() -> dict[str, float]:
    """The figures indicators compare with (scorecard/data/indicators.json `settings`)."""
    found = datafiles.load(("scorecard", "indicators"))["settings"]
    return {name: entry["value"] for name, entry in found.items()}


def settings_for(
    buyer: Buyer | None,
    until: date | None = None,
    payments: pl.DataFrame | None = None,
    homes: dict[int, str | None] | None = None,
) -> dict:
    """What indicators need to know of the buyer beyond its notices: its kind (for thresholds),
    its notice threshold, its home local authority, what it paid in its latest full financial
    year in the ledger (for the pipeline duty) and the network's commitment on tender periods.
    Over every buyer (`buyer` None) the same for each network buyer with a ledger, under
    `by_buyer` (buyer_key → settings), so that the tables can be sliced per buyer."""
    homes = homes or {}
    if buyer is None:
        every = {f"org:{pk}": _settings_of(pk, until, payments, homes.get(pk)) for pk in homes}
        return _settings_of(None, until, None, None) | {"by_buyer": every}
    return _settings_of(
        buyer.organisation_id, until, payments, homes.get(buyer.organisation_id or 0)
    )


def _settings_of(
    organisation: int | None, until: date | None, payments: pl.DataFrame | None, home
) -> dict:
    found = defaults()
    kind = None
    if organisation is not None:
        kind = Organisation.objects.filter(pk=organisation).values_list("kind", flat=True).first()
    if payments is not None and organisation is not None:
        payments = payments.filter(pl.col("buyer_key") == f"org:{organisation}")
    spend, year = annual_spend(payments, until) if organisation is not None else (None, None)
    return {
        "buyer_kind": kind,
        "notice_threshold": found[
            "notice_threshold_central" if kind in CENTRAL_KINDS else "notice_threshold_other"
        ],
        "pipeline_spend": found["pipeline_spend"],
        "commitment_tender_days": commitment_tender_days(),
        "annual_spend": spend,
        "annual_spend_year": year,
        "home_la": home,
    }


def commitment_tender_days() -> int | None:
    """The days of tender period the charter commits to: those of the first active commitment
    measured by tender_period_commitment_share that gives them (a coordinator may change them);
    None when there is none (retired, or no days given)."""
    return (
        Commitment.objects.filter(
            is_active=True,
            indicator="tender_period_commitment_share",
            tender_days__isnull=False,
        )
        .values_list("tender_days", flat=True)
        .first()
    )


def annual_spend(
    payments: pl.DataFrame | None, until: date | None = None
) -> tuple[float | None, int | None]:
    """What the ledger shows paid in the buyer's latest full financial year (payments in each of
    its twelve months) starting no later than `until` (else today), and that year; else in the
    latest year with any payment (a part year); (None, None) with no payments. Stray dates (a
    payment dated years ahead) do not make a year full."""
    if payments is None or payments.is_empty():
        return None, None
    latest = financial_year(until or timezone.localdate())
    years = (
        payments.filter(pl.col("financial_year") <= latest)
        .group_by("financial_year")
        .agg(amount=pl.col("amount").sum(), months=pl.col("date").dt.month().n_unique())
        .sort("financial_year")
    )
    if years.is_empty():
        return None, None
    full = years.filter(pl.col("months") == 12)
    row = (full if full.height else years).row(-1, named=True)
    return float(row["amount"]), int(row["financial_year"])


def _identifiers(company: str, charity: str) -> list[str]:
    found = []
    if company:
        with suppress(ValueError):  # not a company number: left out
            found.append(f"GB-COH:{normalise_company_number(company)}")
    if charity.strip():
        found.append(f"GB-CHC:{charity.strip().upper()}")
    return found


def payments_for(organisations: list[int], since: date | None, until: date | None) -> pl.DataFrame:
    """One row per ledger payment of the organisations (notice_table.PAYMENTS), each with its
    payee's supplier register entry (after merges), identifiers and sector: one query for the
    payments, one for their payees, and the ledger's payee facts."""
    raw = query_frame(
        Payment.objects.filter(buyer_id__in=organisations),
        {
            "buyer_id": pl.Int64,
            "payment_date": pl.Date,
            "amount": pl.Float64,
            "payee_id": pl.Int64,
            "is_redacted": pl.Boolean,
        },
    )
    payees = Payee.objects.filter(buyer_id__in=organisations)
    named = pl.DataFrame(
        [
            (pk, name, normalise_name(name) or name.lower(), _identifiers(company, charity))
            for pk, name, company, charity in payees.values_list(
                "pk", "supplier_name", "company_number", "charity_number"
            ).iterator(chunk_size=2000)
        ],
        schema={
            "payee_id": pl.Int64,
            "name": pl.String,
            "name_key": pl.String,
            "identifiers": pl.List(pl.String),
        },
        orient="row",
    )
    facts = payee_facts(payees).select("payee_id", "register_id", "sector")
    start = since or date.min
    end = until or date.max
    return (
        raw.join(named, on="payee_id", how="left")
        .join(facts, on="payee_id", how="left")
        .with_columns(
            buyer_key=pl.lit("org:") + pl.col("buyer_id").cast(pl.String),
            date=pl.col("payment_date"),
            financial_year=(
                pl.col("payment_date").dt.year()
                - (pl.col("payment_date").dt.month() < 4).cast(pl.Int32)
            ).cast(pl.Int32),
            in_period=pl.col("payment_date").is_between(start, end),
            supplier_id=pl.col("register_id"),
            identifiers=pl.col("identifiers").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        )
        .select(list(PAYMENTS))
        .cast(pl.Schema(PAYMENTS))
        .sort("buyer_key", "date")
    )


def suppliers_for(homes: dict[int, str | None]) -> pl.DataFrame:
    """What the ledger knows of each supplier register entry (notice_table.SUPPLIERS), once per
    network buyer given: local when registered in, or operating in, that buyer's home authority
    (the ledger's first ring; null when either place is not known)."""
    facts = (
        supplier_facts()
        .filter(pl.col("register_id").is_not_null())
        .unique("register_id", keep="first", maintain_order=True)
    )
    placed = pl.col("registered_la").is_not_null() | (
        pl.col("operating_las").list.len().fill_null(0) > 0
    )
    frames = []
    for organisation, home in homes.items():
        local = (
            pl.lit(None, dtype=pl.Boolean)
            if home is None
            else pl.when(placed).then(
                (pl.col("registered_la") == home).fill_null(False)
                | pl.col("operating_las").list.contains(pl.lit(home)).fill_null(False)
            )
        )
        frames.append(
            facts.select(
                buyer_key=pl.lit(f"org:{organisation}"),
                supplier_id="register_id",
                is_sme="is_sme",
                size_source="size_source",
                is_vcse="is_vcse",
                vcse_source="vcse_source",
                is_local=local,
                place="registered_la",
                place_source="place_source",
            )
        )
    if not frames:
        return pl.DataFrame(schema=SUPPLIERS)
    return pl.concat(frames).select(list(SUPPLIERS)).cast(pl.Schema(SUPPLIERS))


def _survivors(pks: set[int]) -> dict[int, int]:
    """Each supplier register entry → the entry it was merged into at the end (itself if none)."""
    merged = dict(
        Supplier.objects.filter(merged_into__isnull=False).values_list("pk", "merged_into_id")
    )
    found = {}
    for pk in pks:
        target = pk
        for _ in range(10):
            if target not in merged:
                break
            target = merged[target]
        found[pk] = target
    return found


def linked_awards(awards: pl.DataFrame, homes: dict[int, str | None]) -> pl.DataFrame:
    """The awards with each supplier's register entry (the one the loader linked to the award,
    Award.suppliers, found again by the supplier's first identifier, else its normalised name;
    after merges) and whether its published postcode is in the buyer's home authority."""
    if awards.is_empty():
        return awards
    ocids = awards["ocid"].unique().to_list()
    rows = (
        Award.suppliers.through.objects.filter(award__release__ocid__in=ocids)
        .annotate(
            ocid=F("award__release__ocid"),
            release=F("award__release__release_id"),
            award_ref=F("award__award_id"),
            scheme=F("supplier__scheme"),
            identifier=F("supplier__identifier"),
            normalised=F("supplier__normalised_name"),
        )
        .values_list(
            "ocid", "release", "award_ref", "supplier_id", "scheme", "identifier", "normalised"
        )
    )
    found = list(rows.iterator(chunk_size=2000))
    survivors = _survivors({row[3] for row in found})
    links = pl.DataFrame(
        [
            (
                ocid,
                release,
                award_ref,
                survivors[pk],
                f"{scheme.upper()}:{identifier}" if scheme and identifier else None,
                normalised,
            )
            for ocid, release, award_ref, pk, scheme, identifier, normalised in found
        ],
        schema={
            "ocid": pl.String,
            "release_id": pl.String,
            "award_id": pl.String,
            "linked": pl.Int64,
            "link_id": pl.String,
            "link_name": pl.String,
        },
        orient="row",
    )
    numbered = awards.with_row_index("_row")
    matched = (
        numbered.select("_row", "ocid", "release_id", "award_id", "supplier_ids", "name_key")
        .join(links, on=["ocid", "release_id", "award_id"])
        .filter(
            pl.when(pl.col("link_id").is_not_null())
            .then(pl.col("supplier_ids").list.contains(pl.col("link_id")))
            .otherwise(
                (pl.col("supplier_ids").list.len() == 0)
                & (pl.col("link_name") == pl.col("name_key"))
            )
        )
        .unique("_row", keep="first")
        .select("_row", "linked")
    )
    home_of = {f"org:{pk}": home for pk, home in homes.items() if home}
    places = {
        postcode: (place.local_authority if (place := locate(postcode)) else None)
        for postcode in awards.filter(pl.col("buyer_key").is_in(list(home_of)))["postcode"]
        .unique()
        .to_list()
        if postcode
    }
    published_la = pl.col("postcode").replace_strict(places, default=None, return_dtype=pl.String)
    home = pl.col("buyer_key").replace_strict(home_of, default=None, return_dtype=pl.String)
    return (
        numbered.join(matched, on="_row", how="left")
        .with_columns(
            supplier_id=pl.col("linked"),
            published_local=pl.when(home.is_not_null() & published_la.is_not_null()).then(
                published_la == home
            ),
        )
        .sort("_row")
        .select(list(notice_table.AWARDS))
    )
