"""Indicators over the notices themselves: lots, direct awards, tender periods, engagement,
pipeline. Each is one small function; its docstring is what users read. Pure."""

from __future__ import annotations

import polars as pl

from scorecard.indicators.registry import Figure, indicator, share
from scorecard.notice_table import Tables, award_states

KEYS = ["ocid", "release_id", "date", "title", "url"]


def in_period(tables: Tables) -> pl.DataFrame:
    return tables.notices.filter(pl.col("in_period"))


def having(notices: pl.DataFrame, kind: str) -> pl.DataFrame:
    """Releases that count as a notice of `kind` (UK4...): the type is in any documents list."""
    return notices.filter(pl.col("notice_types").list.contains(kind))


@indicator("lots_share", "Tenders divided into lots", better="higher")
def lots_share(tables: Tables) -> Figure:
    """Of the tender notices (UK4) published in the period, the share whose tender lists two or
    more lots. Dividing a contract into lots lets smaller suppliers bid for part of it (Procurement
    Act 2023 s.18: a buyer that does not divide a contract into lots must say why)."""
    tenders = having(in_period(tables), "UK4")
    behind = tenders.select(*KEYS, "lots_in_tender", counted=pl.col("lots_in_tender") >= 2)
    return share(int(behind["counted"].sum()), behind.height, behind, "no tender notice (UK4)")


@indicator(
    "direct_award_share", "Direct awards among competitions and direct awards", better="lower"
)
def direct_award_share(tables: Tables) -> Figure:
    """Transparency notices (UK5, published before a direct award) ÷ (tender notices (UK4) +
    transparency notices (UK5)) in the period: how often the buyer awarded without a competition.
    A release that is both counts in each. The European Commission's Single Market Scoreboard
    judges procedures without a call for competition this way."""
    notices = in_period(tables)
    uk4, uk5 = having(notices, "UK4"), having(notices, "UK5")
    behind = pl.concat(
        [
            uk4.select(*KEYS, counted=pl.lit(False), kind=pl.lit("UK4")),
            uk5.select(*KEYS, counted=pl.lit(True), kind=pl.lit("UK5")),
        ]
    )
    return share(uk5.height, uk4.height + uk5.height, behind, "no UK4 or UK5 notice")


STATUTORY_MINIMUM_DAYS = 25  # s.54: electronic tenders, all documents with the UK4 (RULES.md 2.7)
REDUCED_MINIMUM_DAYS = 10  # with a qualifying UK3 or urgency
UK3_EARLIEST_DAYS, UK3_LATEST_DAYS = 40, 365  # a UK3 qualifies 40 days to 12 months before


def _first_uk4s(notices: pl.DataFrame) -> pl.DataFrame:
    """Each process's first release carrying a tender notice (UK4) among every loaded release (in
    the period or before it), kept only when that first one is in the period: a tender update
    in the period for a tender published before it is not a new tender. When the first UK4
    loaded is an update (the tender itself is not loaded), its `tender_days` is null unless it
    publishes the period's start (notice_table.is_tender)."""
    return (
        having(notices, "UK4")
        .sort("date", "release_id")
        .unique("ocid", keep="first", maintain_order=True)
        .filter(pl.col("in_period"))
        .with_columns(
            tender_itself=pl.col("tags").list.contains("tender"),
            days_known=pl.col("tender_days").is_not_null(),
        )
    )


def _unknown_note(tenders: pl.DataFrame) -> str:
    """Words for the drill-down: how many first UK4s give no tender period that can be measured
    because the release loaded is an update whose tender notice is not loaded."""
    unknown = tenders.filter(~pl.col("days_known") & ~pl.col("tender_itself")).height
    if not unknown:
        return ""
    return (
        f"{unknown} process(es) whose first UK4 loaded is an update publishing no start: the "
        "tender period is not known and is left out"
    )


def _earlier(notices: pl.DataFrame, kind: str, of: pl.DataFrame) -> pl.DataFrame:
    """For each row of `of`, the dates of the same process's releases of `kind` (any period)."""
    found = having(notices, kind).select("ocid", earlier=pl.col("date"))
    return of.join(found, on="ocid", how="left")


@indicator(
    "tender_period_short_share", "Tender periods shorter than the statutory minimum", better="lower"
)
def tender_period_short_share(tables: Tables) -> Figure:
    """Of the above-threshold processes (the notice says `aboveThreshold`) whose first tender
    notice (UK4) loaded is in the period and gives its tender period (from its start, else the
    tender notice's own publication, to its deadline; an update of a tender not loaded gives no
    start, so its period is not known and it is left out, as the drill-down says), the share with fewer than 25 days
    although no qualifying planned procurement notice (a UK3 published 40 days to 12 months
    before the UK4) was published and the notice gives no urgency. The Procurement Act 2023 s.54
    minimum is 25 days for electronic tenders with all documents given; 10 days with a qualifying
    UK3 or in urgency. Below-threshold tenders have no statutory minimum and are left out."""
    above = _first_uk4s(tables.notices).filter(pl.col("above_threshold").fill_null(False))
    tenders = above.filter(pl.col("days_known"))
    gap = (pl.col("date") - pl.col("earlier")).dt.total_days()
    qualifying = (
        _earlier(tables.notices, "UK3", tenders)
        .with_columns(ok=gap.is_between(UK3_EARLIEST_DAYS, UK3_LATEST_DAYS).fill_null(False))
        .group_by("ocid")
        .agg(qualifying_uk3=pl.col("ok").any())
    )
    behind = (
        tenders.join(qualifying, on="ocid", how="left")
        .with_columns(pl.col("qualifying_uk3").fill_null(False))
        .select(
            *KEYS,
            "tender_days",
            "urgency",
            "qualifying_uk3",
            counted=(pl.col("tender_days") < STATUTORY_MINIMUM_DAYS)
            & ~pl.col("urgency")
            & ~pl.col("qualifying_uk3"),
        )
    )
    figure = share(
        int(behind["counted"].sum()),
        behind.height,
        behind,
        "no above-threshold UK4 gives its tender period",
    )
    return _noted(figure, _unknown_note(above))


def _noted(figure: Figure, note: str) -> Figure:
    """The figure with `note` added to its words (for the drill-down)."""
    if not note:
        return figure
    said = f"{figure.note}; {note}" if figure.note else note
    return Figure(figure.value, figure.numerator, figure.denominator, figure.behind, said)


@indicator(
    "uk2_before_uk4_share", "Tenders preceded by preliminary market engagement", better="higher"
)
def uk2_before_uk4_share(tables: Tables) -> Figure:
    """Of the processes whose first tender notice (UK4) loaded is in the period (an update of an
    earlier tender is not a new tender), the share with a
    preliminary market engagement notice (UK2) published for the same process on or before the
    tender notice (at any time, not only in the period). The Act asks for a UK2 before the UK4
    when the buyer engaged the market (s.17); engaging early helps smaller suppliers prepare."""
    tenders = _first_uk4s(tables.notices)
    engaged = (
        _earlier(tables.notices, "UK2", tenders)
        .with_columns(ok=(pl.col("earlier") <= pl.col("date")).fill_null(False))
        .group_by("ocid")
        .agg(engaged=pl.col("ok").any())
    )
    behind = tenders.join(engaged, on="ocid", how="left").select(
        *KEYS, counted=pl.col("engaged").fill_null(False)
    )
    return share(int(behind["counted"].sum()), behind.height, behind, "no tender notice (UK4)")


@indicator(
    "days_to_award", "Median days from tender deadline to award", unit="days", better="lower"
)
def days_to_award(tables: Tables) -> Figure:
    """For each process whose first tender notice (UK4) loaded is in the period and gives a
    deadline, the days from that deadline to the earliest award date published for the process
    afterwards (in any later notice); the median over those processes. Each award's date is as
    its latest release gives it, and awards that release ends (cancelled, unsuccessful,
    withdrawn, or every contract cancelled) are left out. Processes not yet awarded are left
    out."""
    tenders = _first_uk4s(tables.notices).filter(pl.col("tender_end").is_not_null())
    awards = (
        award_states(tables.notices)
        .filter(~pl.col("ended") & pl.col("award_date").is_not_null())
        .group_by("ocid")
        .agg(award_date=pl.col("award_date").min())
    )
    behind = (
        tenders.join(awards, on="ocid", how="inner")
        .filter(pl.col("award_date") >= pl.col("tender_end"))
        .select(
            *KEYS,
            "tender_end",
            "award_date",
            days=(pl.col("award_date") - pl.col("tender_end")).dt.total_seconds() / 86400,
            counted=pl.lit(True),
        )
    )
    if behind.is_empty():
        return Figure(None, None, 0, behind, "no process in the period has been awarded yet")
    median = behind.select(pl.col("days").median()).item()
    return Figure(median, None, behind.height, behind)


@indicator(
    "below_threshold_advertised",
    "Below-threshold opportunities advertised",
    unit="count",
    better="higher",
)
def below_threshold_advertised(tables: Tables) -> Figure:
    """The number of tender notices (UK4) published in the period for below-threshold contracts
    (the notice says the contract is not above the threshold), with, as the denominator, the
    tender notices that say either way. Advertising below-threshold work openly is how smaller
    and local suppliers hear of it; the Act requires a notice only where the buyer chooses to
    advertise (s.86-87)."""
    tenders = having(in_period(tables), "UK4").filter(pl.col("above_threshold").is_not_null())
    behind = tenders.select(*KEYS, "value", counted=~pl.col("above_threshold"))
    below = int(behind["counted"].sum())
    return Figure(
        float(below), below, behind.height, behind, "" if behind.height else "no UK4 says"
    )


PIPELINE_SPEND = 100_000_000  # s.93: more than £100m expected in the coming financial year


@indicator("pipeline_published", "Pipeline notice (UK1) published when required", unit="yes_no")
def pipeline_published(tables: Tables) -> Figure:
    """Whether the buyer published a pipeline notice (UK1) in the financial year (April to
    March) of the period's notices, before or in the period, and whether it had to.
    The Procurement Act 2023 s.93 requires a contracting authority that expects to pay more than
    £100m under public contracts in the coming financial year to publish one within 56 days of
    the year's start. Whether the buyer must is judged from its ledger: the total it paid in its
    latest full financial year in the ledger (payments in all twelve months; all payments, not only those under public contracts, so
    a buyer near £100m may not in fact be required). Yes (1) when a UK1 was published; no (0)
    when the buyer must and did not; no figure when it need not, or its spend is not known. Over
    several buyers (the network, every buyer): yes when every buyer that must publish did, no
    when any did not (counted: those that did, of those that must); no figure when none must."""
    if "by_buyer" in tables.settings:  # several buyers (the network, every buyer)
        return _pipeline_of_buyers(tables)
    threshold = float(tables.settings.get("pipeline_spend", PIPELINE_SPEND))
    spend = tables.settings.get("annual_spend")
    year = tables.settings.get("annual_spend_year")
    uk1 = pipelines_in_year(tables)
    published = uk1.height > 0
    must = "unknown" if spend is None else ("must" if spend > threshold else "need not")
    behind = pl.DataFrame(
        {
            "must": [must],
            "annual_spend": [None if spend is None else float(spend)],
            "financial_year": [year],
            "threshold": [threshold],
            "uk1_notices": [uk1.height],
            "counted": [published],
        },
        schema={
            "must": pl.String,
            "annual_spend": pl.Float64,
            "financial_year": pl.Int64,
            "threshold": pl.Float64,
            "uk1_notices": pl.Int64,
            "counted": pl.Boolean,
        },
    )
    shown_year = f"{year}-{(year + 1) % 100:02d}" if year is not None else "not known"
    said = {
        "must": f"must publish: paid £{spend or 0:,.0f} in financial year {shown_year}, over "
        f"£{threshold:,.0f}",
        "need not": f"need not publish: paid £{spend or 0:,.0f} in financial year {shown_year}, "
        f"not over £{threshold:,.0f}",
        "unknown": "whether it must publish is not known: no ledger spend for the buyer",
    }[must]
    note = f"{said}; {'published' if published else 'no UK1 published'} in the year"
    if published:  # counted: the buyer published (1 of 1), whether it had to or not
        return Figure(1.0, 1, 1, behind, note)
    if must == "must":
        return Figure(0.0, 0, 1, behind, note)
    return Figure(None, 0, 0, behind, note)


def _financial_year(column: str) -> pl.Expr:
    moment = pl.col(column).dt.convert_time_zone("Europe/London")
    return moment.dt.year() - (moment.dt.month() < 4).cast(pl.Int32)


def pipelines_in_year(tables: Tables) -> pl.DataFrame:
    """Each buyer's UK1 notices published in a financial year in which it has notices in the
    period (the duty is yearly: a UK1 in April answers for a later quarter of that year)."""
    years = (
        in_period(tables).select("buyer_key", year=_financial_year("date")).drop_nulls().unique()
    )
    return (
        having(tables.notices, "UK1")
        .with_columns(year=_financial_year("date"))
        .join(years, on=["buyer_key", "year"], how="semi")
    )


def _pipeline_of_buyers(tables: Tables) -> Figure:
    """pipeline_published over several buyers, each judged by its own settings (`by_buyer`)."""
    published = set(pipelines_in_year(tables)["buyer_key"].to_list())
    rows = []
    for key, own in sorted(tables.settings["by_buyer"].items()):
        spend = own.get("annual_spend")
        threshold = float(own.get("pipeline_spend", PIPELINE_SPEND))
        must = "unknown" if spend is None else ("must" if spend > threshold else "need not")
        rows.append((key, must, spend, own.get("annual_spend_year"), threshold, key in published))
    behind = pl.DataFrame(
        rows,
        schema={
            "buyer_key": pl.String,
            "must": pl.String,
            "annual_spend": pl.Float64,
            "financial_year": pl.Int64,
            "threshold": pl.Float64,
            "counted": pl.Boolean,
        },
        orient="row",
    )
    bound = behind.filter(pl.col("must") == "must")
    did = int(bound["counted"].sum())
    if bound.is_empty():
        return Figure(
            None,
            0,
            0,
            behind,
            "no buyer here is known to pay over £100m a year (only network ledgers are read): none is known to be bound",
        )
    note = f"{did} of {bound.height} buyers that must publish a pipeline notice published one"
    return Figure(1.0 if did == bound.height else 0.0, did, bound.height, behind, note)


@indicator(
    "tender_period_commitment_share",
    "Tender periods meeting the network's commitment",
    better="higher",
)
def tender_period_commitment_share(tables: Tables) -> Figure:
    """Of the processes whose first tender notice (UK4) loaded is in the period, says it is below
    the threshold and gives its tender period (from its start, else the tender notice's own
    publication, to its deadline; not known from an update alone), the share whose period is at least the number of days the network committed to
    in its charter for below-threshold work, where the Act sets no minimum (above the threshold
    the statutory minimum applies: see the short tender periods)."""
    days = tables.settings.get("commitment_tender_days")
    below = _first_uk4s(tables.notices).filter(pl.col("above_threshold") == False)  # noqa: E712
    tenders = below.filter(pl.col("days_known"))
    if days is None:
        shown = tenders.select(*KEYS, "tender_days", "above_threshold", "urgency")
        return Figure(None, None, 0, shown, "no commitment on tender periods is set")
    behind = tenders.select(
        *KEYS,
        "tender_days",
        "above_threshold",
        "urgency",
        counted=pl.col("tender_days") >= float(days),
    )
    figure = share(
        int(behind["counted"].sum()),
        behind.height,
        behind,
        "no below-threshold UK4 gives its tender period",
    )
    return _noted(figure, _unknown_note(below))
