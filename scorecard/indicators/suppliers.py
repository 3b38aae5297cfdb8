"""Indicators over the suppliers the buyer awarded: concentration of awarded value and suppliers
new to the buyer. A supplier is known by its first published identifier (Companies House number,
PPON...), else by its name in capitals. An award's value is shared equally among its suppliers.
Pure."""

from __future__ import annotations

import polars as pl

from scorecard.indicators.registry import Figure, indicator, share
from scorecard.notice_table import Tables, award_states

SUPPLIER = pl.coalesce(
    pl.col("supplier_ids").list.first(),
    pl.lit("name:") + pl.col("supplier_name").str.to_uppercase(),
)


def awarded(tables: Tables, in_period: bool = True) -> pl.DataFrame:
    """Each award as its latest release gives it, with its supplier key and its share of the
    award's value. First, for each award (process and award id), the latest release (by date,
    then id, over every loaded release) naming its suppliers gives its suppliers and value.
    Then the award is left out when the latest release speaking of it at all (even one naming no
    supplier) ends it: the award is cancelled, unsuccessful or withdrawn, or every contract that
    release gives for it is cancelled, as a procurement termination notice (UK12) after the
    award says (notice_table.award_ended). A terminated contract was awarded: it stays. The award
    is in the period when that latest release is."""
    rows = tables.awards.with_columns(supplier=SUPPLIER).sort("date", "release_id")
    latest = rows.group_by("ocid", "award_id").agg(pl.col("release_id").last())
    states = award_states(tables.notices).filter(pl.col("ended"))
    chosen = (
        rows.join(latest, on=["ocid", "award_id", "release_id"], how="semi")
        .join(states, on=["ocid", "award_id"], how="anti")
        .unique(["ocid", "award_id", "supplier"], keep="last", maintain_order=True)
    )
    if in_period:
        chosen = chosen.filter(pl.col("in_period"))
    return chosen.with_columns(awarded=pl.col("value") / pl.col("suppliers_in_award"))


@indicator(
    "supplier_concentration",
    "Concentration of awarded value (HHI)",
    unit="index",
    table="awards",
    better="lower",
)
def supplier_concentration(tables: Tables) -> Figure:
    """The Herfindahl-Hirschman index of the value awarded in the period: each supplier's share
    of the total awarded value, squared and summed, from 0 (spread over many suppliers) to 1 (all
    to one). Awards that give no value are left out; an award to several suppliers is shared
    equally among them."""
    valued = awarded(tables).filter(pl.col("awarded").is_not_null() & (pl.col("awarded") > 0))
    per = valued.group_by("supplier").agg(
        pl.col("supplier_name").first(), awarded=pl.col("awarded").sum()
    )
    total = float(per["awarded"].sum()) if per.height else 0.0
    if not total:
        return Figure(None, None, 0, per, "no award in the period gives a value")
    per = per.with_columns(share=pl.col("awarded") / total, counted=pl.lit(True)).sort(
        "awarded", descending=True
    )
    return Figure(float((per["share"] ** 2).sum()), None, per.height, per)


@indicator(
    "new_supplier_value_share",
    "Awarded value to suppliers new to the buyer",
    table="awards",
    better="higher",
)
def new_supplier_value_share(tables: Tables) -> Figure:
    """Of the value awarded in the period, the share awarded to suppliers the buyer had not
    awarded before the period in the notices loaded (a supplier is new when no earlier award of
    the buyer names it). Earlier notices must be loaded for this to mean anything: with none,
    every supplier is new."""
    earlier = (
        awarded(tables, in_period=False)
        .filter(~pl.col("in_period"))
        .select("buyer_key", "supplier", seen=pl.lit(True))
        .unique()
    )
    valued = awarded(tables).filter(pl.col("awarded").is_not_null() & (pl.col("awarded") > 0))
    behind = valued.join(earlier, on=["buyer_key", "supplier"], how="left").select(
        "ocid",
        "release_id",
        "date",
        "award_id",
        "supplier",
        "supplier_name",
        "awarded",
        counted=pl.col("seen").is_null(),
    )
    new = float(behind.filter(pl.col("counted"))["awarded"].sum()) if behind.height else 0.0
    total = float(behind["awarded"].sum()) if behind.height else 0.0
    return share(new, total, behind, "no award in the period gives a value")


LEDGER = "ledger"
PUBLISHED = "notice as published"
NOT_KNOWN = "not known"
SUPPLIER_FACTS = ["is_sme", "size_source", "is_vcse", "vcse_source", "is_local", "place_source"]


def _decided(ledger: str, ledger_source: str, published: pl.Expr, what: str) -> list[pl.Expr]:
    """`what` (sme, vcse, local) from the ledger's fact when it has one, else as the notice
    published it, with which source decided it."""
    return [
        pl.coalesce(pl.col(ledger), published).alias(what),
        pl.when(pl.col(ledger).is_not_null())
        .then(pl.format(LEDGER + " ({})", pl.col(ledger_source).fill_null("")))
        .when(published.is_not_null())
        .then(pl.lit(PUBLISHED))
        .otherwise(pl.lit(NOT_KNOWN))
        .alias(f"{what}_by"),
    ]


def with_facts(tables: Tables) -> pl.DataFrame:
    """The awards of the period (awarded()) with, for each supplier, whether it is an SME, a
    VCSE and local: the ledger's facts of its register entry first, else the notice's."""
    awards = awarded(tables)
    facts = tables.suppliers
    if facts is None or facts.is_empty():
        facts = pl.DataFrame(
            schema={"buyer_key": pl.String, "supplier_id": pl.Int64}
            | {c: (pl.Boolean if c.startswith("is_") else pl.String) for c in SUPPLIER_FACTS}
        )
    facts = facts.select("buyer_key", "supplier_id", *SUPPLIER_FACTS).unique(
        ["buyer_key", "supplier_id"], keep="first"
    )
    scale = pl.col("scale").fill_null("")
    published_sme = pl.when(scale == "sme").then(True).when(scale == "large").then(False)
    return awards.join(facts, on=["buyer_key", "supplier_id"], how="left").with_columns(
        *_decided("is_sme", "size_source", published_sme, "sme"),
        *_decided("is_vcse", "vcse_source", pl.col("vcse"), "vcse"),
        *_decided("is_local", "place_source", pl.col("published_local"), "local"),
    )


def _behind(rows: pl.DataFrame, what: str) -> pl.DataFrame:
    """Each award's supplier with what decided `what` (is_sme, is_vcse, is_local), counted when it
    is one and known when its status is known."""
    return rows.select(
        "ocid",
        "award_id",
        "supplier_name",
        "supplier_id",
        "awarded",
        f"{what}_by",
        counted=pl.col(what).fill_null(False),
        known=pl.col(what).is_not_null(),
    )


def _by_value(tables: Tables, what: str) -> Figure:
    rows = with_facts(tables).filter(pl.col("awarded").is_not_null() & (pl.col("awarded") > 0))
    behind = _behind(rows, what)
    known = behind.filter(pl.col("known"))
    part = float(known.filter(pl.col("counted"))["awarded"].sum()) if known.height else 0.0
    total = float(known["awarded"].sum()) if known.height else 0.0
    return share(
        part,
        total,
        behind,
        f"no valued award in the period to a supplier whose {what} status is known",
    )


def _by_count(tables: Tables, what: str) -> Figure:
    behind = _behind(with_facts(tables), what)
    known = behind.filter(pl.col("known"))
    return share(
        int(known["counted"].sum()),
        known.height,
        behind,
        f"no award in the period to a supplier whose {what} status is known",
    )


@indicator("sme_award_value_share", "Awarded value to SMEs", table="awards", better="higher")
def sme_award_value_share(tables: Tables) -> Figure:
    """Of the value awarded in the period (latest release of each award; awards whose latest
    notice cancels them left out; an award to several suppliers shared equally), the share
    awarded to small and medium-sized enterprises (fewer than 250 staff, and turnover up to
    £44m or balance sheet up to £38m). Each supplier is judged by what the spend ledger knows
    of its register entry (network profile, register entry, Companies House, notices), else by
    what the award notice published; suppliers whose size is known to neither are left out. The
    drill-down says which source decided each."""
    return _by_value(tables, "sme")


@indicator("sme_award_count_share", "Awards to SMEs", table="awards", better="higher")
def sme_award_count_share(tables: Tables) -> Figure:
    """Of the awards made in the period (each award and supplier once, latest release;
    awards whose latest notice cancels them left out), the share made to small and medium-sized
    enterprises. Each supplier is judged by what the spend ledger knows of its register entry
    (network profile, register entry, Companies House, notices), else by what the award notice
    published; suppliers whose size is known to neither are left out. The drill-down says which
    source decided each."""
    return _by_count(tables, "sme")


@indicator("vcse_award_value_share", "Awarded value to VCSEs", table="awards", better="higher")
def vcse_award_value_share(tables: Tables) -> Figure:
    """Of the value awarded in the period (latest release of each award; awards whose latest
    notice cancels them left out; an award to several suppliers shared equally), the share
    awarded to voluntary, community and social enterprises (charities, community interest
    companies and the like). Each supplier is judged by what the spend ledger knows of its
    register entry (network profile, register entry, Companies House, notices), else by what
    the award notice published; suppliers known to neither are left out. The drill-down says
    which source decided each."""
    return _by_value(tables, "vcse")


@indicator("vcse_award_count_share", "Awards to VCSEs", table="awards", better="higher")
def vcse_award_count_share(tables: Tables) -> Figure:
    """Of the awards made in the period (each award and supplier once, latest release;
    awards whose latest notice cancels them left out), the share made to voluntary, community and
    social enterprises. Each supplier is judged by what the spend ledger knows of its register
    entry (network profile, register entry, Companies House, notices), else by what the award
    notice published; suppliers known to neither are left out. The drill-down says which source
    decided each."""
    return _by_count(tables, "vcse")


@indicator(
    "local_award_value_share", "Awarded value to local suppliers", table="awards", better="higher"
)
def local_award_value_share(tables: Tables) -> Figure:
    """Of the value awarded in the period (latest release of each award; awards whose latest
    notice cancels them left out; an award to several suppliers shared equally), the share
    awarded to local suppliers: registered in, or operating in, the buyer's own local authority
    (the ledger's first ring), else with a published address there. Each supplier is judged by
    what the spend ledger knows of its register entry (network profile, register entry,
    Companies House, notices), else by what the award notice published; suppliers whose place
    is known to neither are left out. The drill-down says which source decided each."""
    return _by_value(tables, "local")


@indicator("local_award_count_share", "Awards to local suppliers", table="awards", better="higher")
def local_award_count_share(tables: Tables) -> Figure:
    """Of the awards made in the period (each award and supplier once, latest release;
    awards whose latest notice cancels them left out), the share made to local suppliers: registered
    in, or operating in, the buyer's own local authority, else with a published address there.
    Each supplier is judged by what the spend ledger knows of its register entry (network
    profile, register entry, Companies House, notices), else by what the award notice
    published; suppliers whose place is known to neither are left out. The drill-down says
    which source decided each."""
    return _by_count(tables, "local")
