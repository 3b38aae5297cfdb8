"""Indicators over what the buyer paid (the spend ledger) beside what it awarded and published:
award to payment, payments within the award's value, spend with no notice, and payment within 30
days as the buyer's payments-compliance notices (UK17) say. A buyer outside the network has no
ledger (`tables.payments` is None): its payment figures are None with a note. Pure."""

from __future__ import annotations

import polars as pl

from scorecard.indicators.registry import Figure, indicator, share
from scorecard.indicators.suppliers import awarded
from scorecard.notice_table import Tables

NO_LEDGER = (
    "no ledger: no payments of the buyer are loaded (only network organisations' payment files "
    "are read)"
)


def _ledger(tables: Tables) -> pl.DataFrame | None:
    """The buyer's payments, or None when it has no ledger (or nothing in it)."""
    if tables.payments is None or tables.payments.is_empty():
        return None
    return tables.payments


def _awarded_suppliers(tables: Tables) -> pl.DataFrame:
    """Each supplier awarded in the period, once per buyer: its register entry, identifiers and
    normalised name, its first award date and the value awarded to it."""
    return (
        awarded(tables)
        .with_columns(when=pl.coalesce("award_date", "date"))
        .group_by("buyer_key", "supplier")
        .agg(
            pl.col("supplier_name").first(),
            pl.col("supplier_id").drop_nulls().first(),
            pl.col("supplier_ids").explode().drop_nulls().unique(),
            pl.col("name_key").first(),
            first_award=pl.col("when").min(),
            awarded=pl.col("awarded").sum(),
            valued=pl.col("awarded").is_not_null().any(),
        )
    )


def _paid_after(suppliers: pl.DataFrame, payments: pl.DataFrame) -> pl.DataFrame:
    """For each awarded supplier, what the buyer paid it on or after its first award in the
    period (any time after, not only in the period), matched by register entry, else identifier,
    else normalised name."""
    paid = (
        payments.with_row_index("payment")
        .filter(~pl.col("is_redacted"))
        .select("payment", "buyer_key", "date", "amount", "supplier_id", "identifiers", "name_key")
    )
    by_entry = suppliers.filter(pl.col("supplier_id").is_not_null()).join(
        paid.drop("identifiers", "name_key"), on=["buyer_key", "supplier_id"]
    )
    by_identifier = (
        suppliers.explode("supplier_ids")
        .drop_nulls("supplier_ids")
        .join(
            paid.explode("identifiers").drop_nulls("identifiers").drop("supplier_id", "name_key"),
            left_on=["buyer_key", "supplier_ids"],
            right_on=["buyer_key", "identifiers"],
        )
        .drop("supplier_ids")
    )
    by_name = suppliers.filter(pl.col("name_key") != "").join(
        paid.drop("supplier_id", "identifiers"), on=["buyer_key", "name_key"]
    )
    columns = ["buyer_key", "supplier", "payment", "date", "amount", "first_award"]
    matched = (
        pl.concat([frame.select(columns) for frame in (by_entry, by_identifier, by_name)])
        .unique(["supplier", "payment"])  # a payment matched two ways counts once
        .filter(pl.col("date") >= pl.col("first_award").dt.date())
    )
    return matched.group_by("buyer_key", "supplier").agg(
        paid=pl.col("amount").sum(), payments=pl.len()
    )


@indicator("award_to_payment", "Awarded suppliers then paid", table="payments", better="higher")
def award_to_payment(tables: Tables) -> Figure:
    """Of the suppliers the buyer awarded in the period (cancelled and unsuccessful awards left
    out; over every buyer, only buyers with a ledger), the share its spend ledger shows it paying on or after the first of those awards (at
    any time since). A supplier is matched to the payees by its supplier register entry, else by
    an identifier (Companies House or charity number), else by its normalised name. Awarded
    suppliers never paid may be awards not yet started, frameworks not called off, or payments
    the ledger names differently."""
    payments = _ledger(tables)
    if payments is None:
        return Figure(None, None, None, None, NO_LEDGER)
    ledgers = payments["buyer_key"].unique().to_list()
    suppliers = _awarded_suppliers(tables).filter(pl.col("buyer_key").is_in(ledgers))
    paid = _paid_after(suppliers, payments)
    behind = (
        suppliers.join(paid, on=["buyer_key", "supplier"], how="left")
        .with_columns(pl.col("paid").fill_null(0.0), pl.col("payments").fill_null(0))
        .select(
            "supplier",
            "supplier_name",
            "supplier_id",
            "first_award",
            "awarded",
            "paid",
            "payments",
            counted=pl.col("payments") > 0,
        )
        .sort("paid", descending=True)
    )
    return share(int(behind["counted"].sum()), behind.height, behind, "no award in the period")


@indicator(
    "payments_within_contract_share",
    "Payments to awarded suppliers within the awarded value",
    table="payments",
    better="higher",
)
def payments_within_contract_share(tables: Tables) -> Figure:
    """Of what the buyer paid its suppliers awarded in the period (on or after their first award,
    as in "awarded suppliers then paid"), the share within the value awarded to them: for each
    supplier the smaller of paid and awarded, summed, over all paid. Both are net of VAT. Only
    suppliers whose awards give a value count. A low share means payments beyond the contracts'
    published values (changes not published, or other work to the same supplier)."""
    payments = _ledger(tables)
    if payments is None:
        return Figure(None, None, None, None, NO_LEDGER)
    suppliers = _awarded_suppliers(tables).filter(
        pl.col("valued")
        & (pl.col("awarded") > 0)
        & pl.col("buyer_key").is_in(payments["buyer_key"].unique().to_list())
    )
    behind = (
        suppliers.join(_paid_after(suppliers, payments), on=["buyer_key", "supplier"])
        .filter(pl.col("paid") > 0)
        .select(
            "supplier",
            "supplier_name",
            "supplier_id",
            "awarded",
            "paid",
            within=pl.min_horizontal("paid", "awarded"),
            counted=pl.col("paid") <= pl.col("awarded"),
        )
        .sort("paid", descending=True)
    )
    within = float(behind["within"].sum()) if behind.height else 0.0
    total = float(behind["paid"].sum()) if behind.height else 0.0
    return share(within, total, behind, "no awarded supplier with a valued award was paid")


def _threshold(tables: Tables, default: float) -> pl.Expr:
    """Each buyer's notice threshold (settings `by_buyer` over every buyer), else `default`."""
    each = {
        key: float(found["notice_threshold"])
        for key, found in tables.settings.get("by_buyer", {}).items()
        if found.get("notice_threshold") is not None
    }
    return pl.col("buyer_key").replace_strict(each, default=default, return_dtype=pl.Float64)


def _payee_key() -> pl.Expr:
    """A payee as notices would name it: its register entry, else its first identifier, else its
    normalised name."""
    return pl.coalesce(
        pl.lit("entry:") + pl.col("supplier_id").cast(pl.String),
        pl.col("identifiers").list.first(),
        pl.lit("name:") + pl.col("name_key"),
    )


@indicator(
    "spend_without_notice",
    "Value paid to payees above the notice threshold with no notice",
    table="payments",
    better="lower",
)
def spend_without_notice(tables: Tables) -> Figure:
    """Of all the buyer paid in the period, the share paid to payees it paid more than its notice
    threshold in a financial year (April to March, the whole year counted, also what falls
    outside the period) although no notice of the buyer names them
    as a supplier (an award in any notice loaded, matched by supplier register entry, else by
    identifier, else by normalised name). The threshold is the value above which a contract must
    be published (below-threshold contract details, or Contracts Finder under the old rules):
    £30,000 including VAT for most buyers, £12,000 for central government and NHS trusts. The
    ledger's amounts are net of VAT and are compared with it as they are, so only payees clearly
    above it count. Redacted payees (people) and public bodies are left out of the payees
    listed; everything paid counts in the total. A coverage meter of buying not advertised, not
    proof of a breach: one payee may have several contracts each under the threshold."""
    payments = _ledger(tables)
    if payments is None:
        return Figure(None, None, None, None, NO_LEDGER)
    threshold = tables.settings.get("notice_threshold")
    if threshold is None:
        return Figure(None, None, None, None, "no notice threshold is known for the buyer")
    chosen = payments.filter(pl.col("in_period"))
    total = float(chosen["amount"].sum()) if chosen.height else 0.0
    awards = tables.awards
    entries = (
        awards.select("buyer_key", "supplier_id").drop_nulls().unique().with_columns(by_entry=True)
    )
    identifiers = (
        awards.select("buyer_key", identifier="supplier_ids")
        .explode("identifier")
        .drop_nulls()
        .unique()
    )
    names = (
        awards.select("buyer_key", "name_key")
        .filter(pl.col("name_key") != "")
        .unique()
        .with_columns(by_name=True)
    )
    years = chosen["financial_year"].unique().to_list()
    per_year = (
        payments.filter(
            pl.col("financial_year").is_in(years)
            & ~pl.col("is_redacted")
            & (pl.col("sector").fill_null("") != "public")
        )
        .with_columns(payee=_payee_key())
        .group_by("buyer_key", "payee", "financial_year")
        .agg(
            pl.col("name").first(),
            pl.col("supplier_id").first(),
            pl.col("identifiers").explode().drop_nulls().unique(),
            pl.col("name_key").first(),
            amount=pl.col("amount").sum(),
            paid_in_period=pl.col("amount").filter(pl.col("in_period")).sum(),
        )
        .filter(
            (pl.col("amount") > _threshold(tables, float(threshold)))
            & (pl.col("paid_in_period") != 0)
        )
    )
    by_identifier = (
        per_year.select("buyer_key", "payee", "financial_year", identifier="identifiers")
        .explode("identifier")
        .join(identifiers, on=["buyer_key", "identifier"])
        .select("buyer_key", "payee", "financial_year", by_identifier=pl.lit(True))
        .unique()
    )
    per_year = (
        per_year.join(entries, on=["buyer_key", "supplier_id"], how="left")
        .join(by_identifier, on=["buyer_key", "payee", "financial_year"], how="left")
        .join(names, on=["buyer_key", "name_key"], how="left")
        .with_columns(pl.col("by_entry", "by_identifier", "by_name").fill_null(False))
    )
    behind = (
        per_year.with_columns(
            counted=~(pl.col("by_entry") | pl.col("by_identifier") | pl.col("by_name")),
            why=pl.when(pl.col("by_entry"))
            .then(pl.lit("named in a notice by its supplier register entry"))
            .when(pl.col("by_identifier"))
            .then(pl.lit("named in a notice by an identifier"))
            .when(pl.col("by_name"))
            .then(pl.lit("named in a notice by its name"))
            .otherwise(
                pl.format(
                    "no notice names its register entry ({}), identifiers ({}) or name ({})",
                    pl.col("supplier_id").cast(pl.String).fill_null("none"),
                    pl.col("identifiers").list.join(", "),
                    pl.col("name_key"),
                )
            ),
        )
        .select("payee", "name", "financial_year", "amount", "paid_in_period", "why", "counted")
        .sort("amount", descending=True)
    )
    counted = behind.filter(pl.col("counted"))
    unmatched = float(counted["paid_in_period"].sum()) if behind.height else 0.0
    return share(unmatched, total, behind, "nothing paid in the period")


@indicator(
    "payment_within_30_days",
    "Invoices paid within 30 days (UK17)",
    table="compliance",
    better="higher",
)
def payment_within_30_days(tables: Tables) -> Figure:
    """The share of invoices the buyer paid within 30 days, as its payments compliance notices
    (UK17) published in the period say (Procurement Act 2023 s.68-69: invoices are to be paid
    within 30 days, and a notice published for each six-month period to 31 March and 30
    September). For each reporting period the latest notice wins; over several periods, the
    average weighted by the invoices paid where every notice gives them, else the plain
    average. No figure when the buyer published none."""
    figures = tables.compliance.filter(pl.col("in_period"))
    latest = (
        figures.with_columns(reporting=pl.coalesce("period_end", "date"))
        .sort("date", "release_id")
        .pivot(
            on="measure",
            index=["buyer_key", "ocid", "release_id", "date", "reporting"],
            values="value",
            aggregate_function="first",
        )
        if figures.height
        else pl.DataFrame()
    )
    if latest.is_empty() or "paid_within_30_days_share" not in latest.columns:
        return Figure(None, None, 0, latest, "no payments compliance notice (UK17) in the period")
    if "invoices_paid" not in latest.columns:
        latest = latest.with_columns(invoices_paid=pl.lit(None, dtype=pl.Float64))
    behind = (
        latest.drop_nulls("paid_within_30_days_share")
        .unique(["buyer_key", "reporting"], keep="last", maintain_order=True)
        .with_columns(counted=pl.lit(True))
    )
    weights = behind["invoices_paid"]
    if weights.null_count() == 0 and float(weights.sum()) > 0:
        paid = float((behind["paid_within_30_days_share"] * weights).sum())
        return Figure(paid / float(weights.sum()), paid, float(weights.sum()), behind)
    value = float(behind["paid_within_30_days_share"].mean())  # type: ignore[arg-type]
    return Figure(value, None, behind.height, behind)
