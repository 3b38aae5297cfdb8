"""Reading what each source says of payees into the frames spend/payee_facts.py judges: a handful
of set-wise queries whatever the number of payees (no query per payee), joined with Polars.

Sources: the payee itself (name, identifiers, redaction, its register entry and a postcode given
for it), its supplier (after merges: notices' postcode, scale and VCSE flag; its network profile
and sites), the register entries it matched and the Companies House entry of its company number
(registers.RegisterEntry, register "companies-house"), the postcodes in its buyer's payment files,
and where each postcode is (registers.lookup: the loaded ONS directory, else the packaged postcode
directory, which gives a local authority but no LSOA).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl
from django.db.models import QuerySet

from network.identifiers import normalise_company_number
from network.models import OperatingSite, Organisation
from reference.area_rules import Where, normal_postcode
from reference.places import local_authority_names
from registers import areas as area_places
from registers import lookup
from registers.models import RegisterEntry
from spend import payee_facts as pf
from spend.models import Payee, Payment
from spend.query_frames import query_frame
from suppliers.models import Supplier

CHUNK = 5000
COMPANIES_HOUSE = "companies-house"
S, B, N, F = pl.String, pl.Boolean, pl.Int64, pl.Float64

PAYEE_ROWS = {
    "pk": N,
    "buyer_id": N,
    "supplier_name": S,
    "is_redacted": B,
    "supplier_id": N,
    "company_number": S,
    "charity_number": S,
    "register_entry_id": N,
    "match_probability": F,
    "match_status": S,
    "postcode": S,
    "postcode_source": S,
}
ENTRY_ROWS = (
    "pk",
    "register",
    "identifier",
    "name",
    "postcode",
    "local_authority_code",
    "sector",
    "kind",
    "size",
    "size_basis",
    "is_vcse",
)
ENTRIES = {
    "id": N,
    "register": S,
    "identifier": S,
    "name": S,
    "postcode": S,
    "la": S,
    "sector": S,
    "kind": S,
    "size": S,
    "size_basis": S,
    "vcse": B,
}


def chunks(values: Iterable, size: int = CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def entry_label(register: str, identifier: str, kind: str) -> str:
    """How evidence names an entry: "company 01234567", "NHS trust RBK"."""
    if register == COMPANIES_HOUSE:
        return f"company {identifier}"
    # Identifiers a loader made up (a digest of the name) mean nothing to people.
    shown = "" if identifier.startswith("sha1:") else identifier
    return f"{kind or register} {shown}".strip()


def _entries(rows: Iterable[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        [(*row, entry_label(row[1], row[2], row[7])) for row in rows],
        schema=ENTRIES | {"label": S},
        orient="row",
    )


def _suppliers(ids: set[int], every: bool) -> dict[int, tuple]:
    """Supplier rows by id, with every entry they were merged into (up to ten steps)."""
    fields = ("pk", "name", "scheme", "identifier", "scale", "is_vcse", "postcode")
    fields += ("organisation_id", "merged_into_id")
    if every:
        return {row[0]: row for row in Supplier.objects.values_list(*fields).order_by()}
    found: dict[int, tuple] = {}
    wanted = set(ids)
    for _ in range(10):
        wanted -= found.keys()
        if not wanted:
            break
        for part in chunks(wanted):
            for row in Supplier.objects.filter(pk__in=part).values_list(*fields).order_by():
                found[row[0]] = row
        wanted = {row[-1] for row in found.values() if row[-1]}
    return found


def survivor(pk: int, suppliers: dict[int, tuple]) -> int:
    """The supplier a merged one now lives in (`suppliers`: id → a row ending in merged_into)."""
    for _ in range(10):
        merged = suppliers[pk][-1]
        if merged not in suppliers:
            break
        pk = merged
    return pk


def _company_number(raw: str) -> str | None:
    try:
        return normalise_company_number(raw) if raw else None
    except ValueError:
        return None


def read(payees: QuerySet | None = None):
    """(payees, claims, sites, places) frames for spend/payee_facts.judge_payees, for every payee
    or those chosen."""
    return read_places(payees)[0]


def read_places(payees: QuerySet | None = None) -> tuple[tuple, dict[str, Where]]:
    """read()'s frames, and where each of their postcodes is (normalised postcode → Where,
    registers/areas.where): the directory is read once, for the facts and the rings alike."""
    chosen = Payee.objects.all() if payees is None else payees
    rows = query_frame(chosen, PAYEE_ROWS).rename({"pk": "payee_id"})
    suppliers = _suppliers(set(rows["supplier_id"].drop_nulls().to_list()), payees is None)
    supplier_frame = pl.DataFrame(
        [
            (pk, target, suppliers[target][1], *row[2:8])
            for pk, row in suppliers.items()
            for target in [survivor(pk, suppliers)]
        ],
        schema={
            "supplier_id": N,
            "register_id": N,
            "register_name": S,
            "supplier_scheme": S,
            "supplier_identifier": S,
            "notice_scale": S,
            "notice_vcse": B,
            "notice_postcode": S,
            "organisation_id": N,
        },
        orient="row",
    )
    # The profile is the surviving entry's (a merged entry's own profile is its survivor's too).
    profile_of = {pk: row[7] for pk, row in suppliers.items()}
    supplier_frame = supplier_frame.with_columns(
        organisation_id=pl.col("register_id").replace_strict(
            profile_of, default=None, return_dtype=N
        )
    )
    organisations = Organisation.objects.filter(
        pk__in=[pk for pk in set(profile_of.values()) if pk]
    )
    profiles = pl.DataFrame(
        [(o.pk, o.name, o.kind, o.registered_postcode, o.is_sme, o.is_vcse) for o in organisations],
        schema={
            "organisation_id": N,
            "profile_name": S,
            "profile_kind": S,
            "profile_postcode": S,
            "profile_sme": B,
            "profile_vcse": B,
        },
        orient="row",
    )
    sites = pl.DataFrame(
        list(
            OperatingSite.objects.filter(organisation__in=organisations)
            .values_list("organisation_id", "postcode")
            .order_by()
        ),
        schema={"organisation_id": N, "postcode": S},
        orient="row",
    )

    entry_ids = rows["register_entry_id"].drop_nulls().unique().to_list()
    entries = _entries(
        row
        for part in chunks(entry_ids)
        for row in RegisterEntry.objects.filter(pk__in=part).values_list(*ENTRY_ROWS).order_by()
    )
    # The company number: the supplier's, else the one the buyer's file gave.
    numbers = {raw: _company_number(raw) for raw in rows["company_number"].unique().to_list()}
    frame = (
        rows.join(supplier_frame, on="supplier_id", how="left")
        .join(profiles, on="organisation_id", how="left")
        .with_columns(
            ch_number=pl.coalesce(
                pl.when(pl.col("supplier_scheme") == "GB-COH").then(pl.col("supplier_identifier")),
                pl.col("company_number").replace_strict(numbers, default=None, return_dtype=S),
            )
        )
    )
    wanted = frame["ch_number"].drop_nulls().unique().to_list()
    companies = _entries(
        row
        for part in chunks(wanted)
        for row in RegisterEntry.objects.filter(register=COMPANIES_HOUSE, identifier__in=part)
        .values_list(*ENTRY_ROWS)
        .order_by()
    )
    frame = frame.join(
        entries.select(pl.all().name.prefix("entry_")),
        left_on="register_entry_id",
        right_on="entry_id",
        how="left",
    ).join(
        companies.select(pl.all().name.prefix("ch_")).drop("ch_id"),
        left_on="ch_number",
        right_on="ch_identifier",
        how="left",
    )
    frame = frame.with_columns(
        entry_id=pl.col("register_entry_id"),
        payee_name=pl.col("supplier_name"),
        has_company_number=pl.col("company_number").str.strip_chars() != "",
        has_charity_number=pl.col("charity_number").str.strip_chars() != "",
        ch_identifier=pl.col("ch_number"),
    )
    payee_frame = frame.select(list(pf.PAYEES))
    claims = _claims(frame)
    paid = query_frame(
        Payment.objects.filter(payee__in=chosen)
        .exclude(supplier_postcode="")
        .values("payee_id", "supplier_postcode")
        .distinct(),
        {"payee_id": N, "supplier_postcode": S},
    )
    sites_frame = pl.concat(
        [
            frame.select("payee_id", "organisation_id")
            .join(sites, on="organisation_id")
            .select("payee_id", source=pl.lit("network profile site"), postcode="postcode"),
            paid.select("payee_id", source=pl.lit(pf.FILES), postcode="supplier_postcode"),
        ]
    )
    postcodes = set(claims["postcode"].drop_nulls().to_list())
    postcodes |= set(sites_frame["postcode"].drop_nulls().to_list())
    wheres = area_places.where(postcodes)
    return (payee_frame, claims, sites_frame, postcode_places(postcodes, wheres)), wheres


def _claims(frame: pl.DataFrame) -> pl.DataFrame:
    """Each source's claim of where a payee is registered (spend/payee_facts.PLACE_SOURCES)."""
    names = {**lookup.authority_names(), **local_authority_names()}

    def in_words(la: pl.Expr) -> pl.Expr:
        return la.replace_strict(names, default=la, return_dtype=S)

    def entry(prefix: str, what: str) -> pl.Expr:
        return (
            pl.when(pl.col(f"{prefix}postcode").fill_null("") != "")
            .then(
                pl.format(
                    "{} ({}) {} {}",
                    pl.col(f"{prefix}name"),
                    pl.col(f"{prefix}label"),
                    pl.lit(what),
                    pl.col(f"{prefix}postcode"),
                )
            )
            .otherwise(
                pl.format(
                    "{} ({}) in {}",
                    pl.col(f"{prefix}name"),
                    pl.col(f"{prefix}label"),
                    in_words(pl.col(f"{prefix}la")),
                )
            )
        )

    parts = [
        (
            pf.PROFILE,
            "profile_postcode",
            None,
            pl.format(
                "registered postcode {} on the network profile of {}",
                pl.col("profile_postcode"),
                pl.col("profile_name"),
            ),
        ),
        (pf.ENTRY, "entry_postcode", "entry_la", entry("entry_", "at")),
        (
            pf.COMPANIES_HOUSE,
            "ch_postcode",
            "ch_la",
            entry("ch_", "registered office at"),
        ),
        (
            pf.NOTICES,
            "notice_postcode",
            None,
            pl.format("address at {} published in notices", pl.col("notice_postcode")),
        ),
        (
            pf.GIVEN,
            "postcode",
            None,
            pl.format(
                "postcode {} ({})",
                pl.col("postcode"),
                pl.when(pl.col("postcode_source").fill_null("") != "")
                .then(pl.col("postcode_source"))
                .otherwise(pl.lit("given for this payee")),
            ),
        ),
    ]
    claims = [
        frame.select(
            "payee_id",
            source=pl.lit(source),
            postcode=pl.col(postcode),
            la=pl.col(la) if la else pl.lit(None, dtype=S),
            evidence=evidence,
        ).filter((pl.col("postcode").fill_null("") != "") | (pl.col("la").fill_null("") != ""))
        for source, postcode, la, evidence in parts
    ]
    return pl.concat(claims).cast(pf.CLAIMS)


def postcode_places(
    postcodes: Iterable[str], wheres: Mapping[str, Where] | None = None
) -> pl.DataFrame:
    """Postcodes as written → where they are (spend/payee_facts.PLACES), from `wheres` (else
    registers/areas.where): the loaded ONS directory (local authority and LSOAs), else the
    packaged one (local authority only). Postcodes in neither are left out."""
    postcodes = list(postcodes)
    if wheres is None:
        wheres = area_places.where(postcodes)
    rows = [
        (raw, normal, place.la, place.lsoa11, place.lsoa21)
        for raw in dict.fromkeys(postcodes)
        if (normal := normal_postcode(raw))
        and (place := wheres.get(normal)) is not None
        and place.la
    ]
    return pl.DataFrame(rows, schema=pf.PLACES, orient="row")
