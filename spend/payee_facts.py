"""What is known of each payee (who a buyer paid, as its files name them), best source first, with
the evidence people see. Pure: Polars frames in, one frame out; spend/ledger.py reads the sources.

- the register entry counts once matched for certain or confirmed (TRUSTED), not while it is a
  suggestion to decide.
- sector (registers.Sector values: public, private, third, individual): a redacted payee is an
  individual; else its register entry's sector; its network profile's kind; a company at Companies
  House is private unless its legal form is a VCSE's (third); a charity number says third; a
  company number says private; otherwise null (not known). Rules in data/payee_sectors.json.
- place, registered (first source that places it): its supplier's network profile (registered
  postcode); its register entry (postcode, else the local authority the register names); Companies
  House (registered office of the supplier's or payee's company number); the address notices
  published; a postcode given for the payee (Payee.postcode); else the postcodes in the buyer's
  files. Operating places: the profile's sites and the postcodes in the buyer's files.
- size (SME or large; null = not known): network profile; register entry; notices; Companies House.
- VCSE: network profile; register entry; Companies House legal form; a charity number; notices;
  a public body is not one.
- deprivation: the IMD 2019 decile of each place's LSOA when the postcode directory gives it
  (reference/deprivation.py); in_deprived_area is true when any place is in the most deprived
  tenth, false when places are known at LSOA level and none is, and null (with
  deprivation_level null) when no LSOA is known, as when only a local authority is;
  deprivation_basis says which LSOA it is judged from (an LSOA 2021 code only when unchanged since
  2011), or why an LSOA known has no decile.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from core import datafiles

if TYPE_CHECKING:
    from polars._typing import PolarsDataType

from reference.deprivation import LEVEL, MOST_DEPRIVED, with_deciles

SECTORS = Path(__file__).resolve().parent / "data" / "payee_sectors.json"

# Registered-place sources, best first; the I/O layer names each claim's source with one of these.
PROFILE = "network profile"
ENTRY = "register entry"
COMPANIES_HOUSE = "Companies House"
NOTICES = "notices"
GIVEN = "postcode given for the payee"
FILES = "buyer's payment files"
PLACE_SOURCES = (PROFILE, ENTRY, COMPANIES_HOUSE, NOTICES, GIVEN)
# A register entry is what the payee is when matched for certain or confirmed by a person; a
# suggestion still to decide (or one turned down) says nothing yet.
TRUSTED = ("", "matched", "confirmed")

S, B, N, F = pl.String, pl.Boolean, pl.Int64, pl.Float64
# One row per payee: what each source says, except places (claims and sites below).
PAYEES = {
    "payee_id": N,
    "buyer_id": N,
    "payee_name": S,  # as the buyer wrote it
    "is_redacted": B,
    "supplier_id": N,
    "register_id": N,  # the surviving supplier entry after merges
    "register_name": S,
    "supplier_scheme": S,
    "has_company_number": B,
    "has_charity_number": B,
    "entry_id": N,
    "entry_name": S,
    "entry_label": S,  # "NHS trust RBK", for evidence
    "entry_sector": S,
    "entry_kind": S,
    "entry_size": S,  # sme, large or null
    "entry_size_basis": S,
    "entry_vcse": B,
    "match_probability": F,
    "match_status": S,
    "profile_kind": S,
    "profile_sme": B,
    "profile_vcse": B,
    "ch_label": S,  # "company 01234567"
    "ch_sector": S,
    "ch_kind": S,
    "ch_size": S,
    "ch_size_basis": S,
    "ch_vcse": B,
    "notice_scale": S,
    "notice_vcse": B,
}
# Where a payee may be registered: one row per source that names a postcode or an authority.
CLAIMS = {"payee_id": N, "source": S, "postcode": S, "la": S, "evidence": S}
# Where it operates: profile sites and postcodes in the buyer's files.
SITES = {"payee_id": N, "source": S, "postcode": S}
# Postcodes as written → where they are (rows only for postcodes found in a directory).
PLACES = {"postcode": S, "normal": S, "la": S, "lsoa11": S, "lsoa21": S}

FACTS: dict[str, PolarsDataType] = {
    "payee_id": N,
    "buyer_id": N,
    "payee_name": S,
    "supplier_id": N,
    "register_id": N,
    "register_name": S,
    "entry_id": N,
    "entry_name": S,
    "match_probability": F,
    "sector": S,
    "sector_source": S,
    "postcode": S,  # the registered place's postcode, normalised, when placed by one
    "registered_la": S,
    "operating_las": pl.List(S),
    "in_combined_authority": B,
    "in_region": B,
    "in_uk": B,
    "place_source": S,
    "place_evidence": S,
    "is_sme": B,
    "size_source": S,
    "size_evidence": S,
    "is_vcse": B,
    "vcse_source": S,
    "in_deprived_area": B,
    "deprivation_level": S,
    "deprivation_decile": N,  # the most deprived decile among its places' LSOAs
    "lsoa": S,  # the registered place's LSOA, when known
    # What the decile is judged from ("LSOA 2021 E01009332, unchanged since 2011"), or why none
    # is known for an LSOA ("... is new since 2011 (split or merged) ..."); null without an LSOA.
    "deprivation_basis": S,
}


@cache
def sector_rules() -> dict:
    return datafiles.load(SECTORS)


def _blank_to_null(frame: pl.DataFrame) -> pl.DataFrame:
    strings = [name for name, kind in frame.schema.items() if kind == pl.String]
    return frame.with_columns(
        *(
            pl.when(pl.col(n).str.strip_chars() == "").then(None).otherwise(pl.col(n)).alias(n)
            for n in strings
        )
    )


def _first(pairs: list[tuple[pl.Expr, object]]) -> tuple[pl.Expr, pl.Expr]:
    """The first known value among (value, source) pairs, and its source."""
    value = pl.coalesce([v for v, _ in pairs])
    source: pl.Expr = pl.lit(None, dtype=pl.String)
    for v, label in reversed(pairs):
        label = label if isinstance(label, pl.Expr) else pl.lit(label, dtype=pl.String)
        source = pl.when(v.is_not_null()).then(label).otherwise(source)
    return value, source


def _sme(column: str) -> pl.Expr:
    text = pl.col(column).str.to_lowercase()
    return pl.when(text == "sme").then(True).when(text == "large").then(False)


def _third_form(column: str) -> pl.Expr:
    forms = [f.lower() for f in sector_rules()["third_sector_legal_forms"]]
    return pl.col(column).str.to_lowercase().str.strip_chars().is_in(forms)


def _name_form(rules: dict, sector: str) -> pl.Expr:
    """True when the payee's name ends in a legal form of this sector ("... Ltd", "... CIC")."""
    endings = rules["name_legal_forms"][sector]["endings"]
    words = "|".join(re.escape(e) for e in sorted(endings, key=len, reverse=True))
    # The name's last words, ignoring what follows in brackets or after a dash (a buyer's codes).
    return (
        pl.col("payee_name")
        .str.to_lowercase()
        .str.replace(r"\s*(\(.*\)|-\s.*)$", "")
        .str.strip_chars()
        .str.contains(rf"(^|[\s,])({words})$")
        .fill_null(False)
    )


def _sector(rules: dict) -> tuple[pl.Expr, pl.Expr]:
    kinds = {kind: entry["sector"] for kind, entry in rules["profile_kinds"].items()}
    company = rules["company_default"]["sector"]
    ch_sector = (
        pl.when(pl.col("ch_label").is_null())
        .then(None)
        .when(pl.col("ch_sector").is_not_null())
        .then(pl.col("ch_sector"))
        .when(_third_form("ch_kind").fill_null(False))
        .then(pl.lit("third"))
        .otherwise(pl.lit(company))
    )
    return _first(
        [
            (
                pl.when(pl.col("is_redacted")).then(pl.lit(rules["redacted"]["sector"])),
                "name withheld in the file",
            ),
            (pl.col("entry_sector"), pl.format("register entry {}", pl.col("entry_label"))),
            (pl.col("profile_kind").replace_strict(kinds, default=None, return_dtype=S), PROFILE),
            (ch_sector, pl.format("Companies House {}", pl.col("ch_label"))),
            (
                pl.when(
                    pl.col("has_charity_number") | (pl.col("supplier_scheme") == "GB-CHC")
                ).then(pl.lit("third")),
                "charity number",
            ),
            (
                pl.when(
                    pl.col("has_company_number") | (pl.col("supplier_scheme") == "GB-COH")
                ).then(pl.lit(company)),
                "company number",
            ),
            (
                pl.when(_name_form(rules, "third")).then(pl.lit("third")),
                "legal form in its name (community interest company)",
            ),
            (
                pl.when(_name_form(rules, "private")).then(pl.lit("private")),
                "legal form in its name (limited company, plc or LLP)",
            ),
        ]
    )


def _located(frame: pl.DataFrame, places: pl.DataFrame, deciles: pl.DataFrame) -> pl.DataFrame:
    """Each row with a postcode joined to where it is: la (from the postcode, else the row's own
    authority), normal, lsoa and decile."""
    found = with_deciles(places.unique("postcode"), deciles).rename({"la": "_pla"})
    return (
        frame.join(found, on="postcode", how="left")
        .with_columns(la=pl.coalesce("_pla", *(["la"] if "la" in frame.columns else [])))
        .drop("_pla", "lsoa11", "lsoa21")
    )


def judge_payees(
    payees: pl.DataFrame,
    claims: pl.DataFrame,
    sites: pl.DataFrame,
    places: pl.DataFrame,
    deciles: pl.DataFrame,
    combined_authority: set[str],
    region: set[str],
) -> pl.DataFrame:
    """What is known of each payee (FACTS), one row per payee of `payees`."""
    payees = _blank_to_null(payees.select(list(PAYEES)))
    trusted = pl.col("match_status").fill_null("").is_in(TRUSTED)
    payees = payees.with_columns(
        pl.when(trusted).then(pl.col(name)).alias(name)
        for name in PAYEES
        if name.startswith("entry_")
    )
    claims = claims.join(
        payees.filter(~trusted).select("payee_id", _untrusted=pl.lit(True)),
        on="payee_id",
        how="left",
    ).filter(~((pl.col("source") == ENTRY) & pl.col("_untrusted").fill_null(False)))
    claims = _blank_to_null(claims.select(list(CLAIMS)))
    sites = _blank_to_null(sites.select(list(SITES)))
    rank = {source: number for number, source in enumerate(PLACE_SOURCES)}

    registered = (
        _located(claims, places, deciles)
        .filter(pl.col("la").is_not_null())
        .with_columns(rank=pl.col("source").replace_strict(rank, default=99, return_dtype=N))
        .sort("payee_id", "rank")
        .unique("payee_id", keep="first", maintain_order=True)
        .select(
            "payee_id",
            registered_la="la",
            postcode="normal",
            place_source="source",
            place_evidence="evidence",
            lsoa="lsoa",
            _rdecile="decile",
            _rbasis="basis",
        )
    )
    operating = (
        _located(sites, places, deciles)
        .filter(pl.col("la").is_not_null())
        .group_by("payee_id", maintain_order=True)
        .agg(
            operating_las=pl.col("la").unique(maintain_order=True),
            _odecile=pl.col("decile").min(),
            _obasis=pl.format("operating at {}: {}", pl.col("normal"), pl.col("basis"))
            .sort_by(pl.col("decile").fill_null(99))
            .drop_nulls()
            .first(),
            _from_files=(pl.col("source") == FILES).any(),
            _files_evidence=pl.col("normal").filter(pl.col("source") == FILES).unique().sort(),
        )
    )
    ca, rg = sorted(combined_authority), sorted(region)
    sector, sector_source = _sector(sector_rules())
    every_la = pl.concat_list("registered_la", "operating_las").list.drop_nulls()
    placed = every_la.list.len() > 0
    decile = pl.min_horizontal("_rdecile", "_odecile")
    is_sme, size_source = _first(
        [
            (pl.col("profile_sme"), PROFILE),
            (_sme("entry_size"), ENTRY),
            (_sme("notice_scale"), NOTICES),
            (_sme("ch_size"), COMPANIES_HOUSE),
        ]
    )
    size_evidence = (
        pl.when(size_source == ENTRY)
        .then(pl.format("{}: {}", pl.col("entry_label"), pl.col("entry_size_basis").fill_null("")))
        .when(size_source == COMPANIES_HOUSE)
        .then(pl.format("{}: {}", pl.col("ch_label"), pl.col("ch_size_basis").fill_null("")))
        .when(size_source == NOTICES)
        .then(pl.format("published as {} in notices", pl.col("notice_scale").str.to_uppercase()))
        .when(size_source == PROFILE)
        .then(pl.lit("the supplier's own network profile"))
    )
    return (
        payees.join(registered, on="payee_id", how="left")
        .join(operating, on="payee_id", how="left")
        .with_columns(
            pl.col("operating_las").fill_null(pl.lit([], dtype=pl.List(S))),
            pl.col("_from_files").fill_null(False),
        )
        .with_columns(
            sector.alias("sector"),
            sector_source.alias("sector_source"),
            place_source=pl.coalesce(
                "place_source", pl.when(pl.col("_from_files")).then(pl.lit(FILES))
            ),
            place_evidence=pl.coalesce(
                "place_evidence",
                pl.when(pl.col("_from_files")).then(
                    pl.format(
                        "postcode {} in the buyer's payment files",
                        pl.col("_files_evidence").list.join(", "),
                    )
                ),
            ),
            in_combined_authority=pl.when(placed).then(
                every_la.list.eval(pl.element().is_in(ca)).list.any()
            ),
            in_region=pl.when(placed).then(every_la.list.eval(pl.element().is_in(rg)).list.any()),
            in_uk=pl.when(placed).then(pl.lit(True)),
            is_sme=is_sme,
            size_source=size_source,
            size_evidence=size_evidence,
            deprivation_decile=decile,
            in_deprived_area=pl.when(decile.is_not_null()).then(decile == MOST_DEPRIVED),
            deprivation_level=pl.when(decile.is_not_null()).then(pl.lit(LEVEL)),
            deprivation_basis=_deprivation_basis(),
        )
        .with_columns(_vcse(sector_col=pl.col("sector")))
        .select(list(FACTS))
        .cast(pl.Schema(FACTS))
    )


def _deprivation_basis() -> pl.Expr:
    """The basis of the registered place's decile when it is the most deprived one known (or
    the only thing known), else the operating place's that gave the decile."""
    registered = pl.col("_rdecile")
    operating = pl.col("_odecile")
    return (
        pl.when(registered.is_not_null() & (operating.is_null() | (registered <= operating)))
        .then(pl.col("_rbasis"))
        .when(operating.is_not_null())
        .then(pl.col("_obasis"))
        .otherwise(pl.coalesce("_rbasis", "_obasis"))
    )


def _vcse(sector_col: pl.Expr) -> list[pl.Expr]:
    value, source = _first(
        [
            (pl.col("profile_vcse"), PROFILE),
            (pl.col("entry_vcse"), pl.format("register entry {}", pl.col("entry_label"))),
            (pl.col("ch_vcse"), pl.format("Companies House {}", pl.col("ch_label"))),
            (
                pl.when(
                    pl.col("has_charity_number") | (pl.col("supplier_scheme") == "GB-CHC")
                ).then(True),
                "charity number",
            ),
            (pl.col("notice_vcse"), NOTICES),
            (pl.when(sector_col == "public").then(False), "a public body"),
        ]
    )
    return [value.alias("is_vcse"), source.alias("vcse_source")]
