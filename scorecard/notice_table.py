"""What the scorecard reads from each release as published: one row per release (its notice types,
lots, tender period, procedure, values), one per lot's bid statistics, one per awarded supplier and
one per payments-compliance figure (UK17). Pure: plain release dicts in, Polars tables out.

A release counts once for each UK notice type found in any of its documents lists (planning,
tender, awards, contracts): a UK6 that repeats the UK4's document counts as both (issue 16).

The buyer of a release is given by the caller (`buyer_key`, `buyer_name`): the product knows it
from the process the release belongs to (linked to a network anchor by identifier first, then by
name), which a release alone may not say (UK9s carry only `buyerID`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import polars as pl

from opportunities.facts import UK_NOTICE, notice_type_of
from opportunities.notice_links import notice_url
from opportunities.ocds_values import (
    as_date,
    as_dict,
    as_list,
    as_money,
    as_number,
    as_str,
    as_text,
    documents_of,
)
from opportunities.parties import identifiers_of
from suppliers.names import normalise_name

DAY = 86400.0

# What one release says of one award (its id in the awards list, or a contract's awardID): its
# date as published and whether the release ends it (award_ended).
AWARD_SAID = pl.Struct(
    {"award_id": pl.String, "award_date": pl.Datetime("us", "UTC"), "ended": pl.Boolean}
)

NOTICES = {
    "buyer_key": pl.String,
    "buyer_name": pl.String,
    "ocid": pl.String,
    "release_id": pl.String,
    "date": pl.Datetime("us", "UTC"),
    "in_period": pl.Boolean,  # chosen by the period; earlier releases are kept for look-backs
    "notice_types": pl.List(pl.String),  # every UK type in any documents list, once each
    "own_type": pl.String,  # the notice this release is (opportunities.facts.notice_type_of)
    "tags": pl.List(pl.String),  # the release's tag as published: tender, tenderUpdate, award...
    "title": pl.String,
    "url": pl.String,
    "legal_basis": pl.String,  # UKPGA (Procurement Act) or CELEX (PCR 2015)
    "procedure": pl.String,  # tender.procurementMethod: open, selective, limited, direct
    "procedure_details": pl.String,  # tender.procurementMethodDetails
    "lots_in_tender": pl.Int64,
    "tender_start": pl.Datetime("us", "UTC"),  # startDate, else the date of the tender itself
    "tender_end": pl.Datetime("us", "UTC"),
    "tender_days": pl.Float64,  # deadline − start (else the published durationInDays); null when
    # no start is published and the release is not the tender itself (an update: `is_tender`)
    "urgency": pl.Boolean,  # the notice says the period was cut for urgency
    "above_threshold": pl.Boolean,  # tender.aboveThreshold as published (null: not said)
    "value": pl.Float64,  # tender.value.amount (net of VAT; null when not in pounds)
    "value_gross": pl.Float64,
    "currency": pl.String,  # tender.value.currency as published
    "first_award_date": pl.Datetime("us", "UTC"),  # of the awards this release does not end
    "awards_said": pl.List(AWARD_SAID),  # each award the release speaks of (award_states)
    "sample": pl.Boolean,
}

LOTS = {
    "buyer_key": pl.String,
    "ocid": pl.String,
    "release_id": pl.String,
    "date": pl.Datetime("us", "UTC"),
    "in_period": pl.Boolean,
    "lot_id": pl.String,  # relatedLot, "" when the statistic names none
    "bids": pl.Float64,
    "final_stage_bids": pl.Float64,
    "sme_final_stage_bids": pl.Float64,
    "vcse_final_stage_bids": pl.Float64,
}

AWARDS = {
    "buyer_key": pl.String,
    "ocid": pl.String,
    "release_id": pl.String,
    "date": pl.Datetime("us", "UTC"),
    "in_period": pl.Boolean,
    "award_id": pl.String,
    "status": pl.String,
    "award_date": pl.Datetime("us", "UTC"),
    "value": pl.Float64,  # the award's value net of VAT, else its contracts' (null: not said, or
    # not in pounds)
    "currency": pl.String,  # the award's value's currency as published ("" when not said)
    "suppliers_in_award": pl.Int64,  # the value is shared among them equally
    "supplier_name": pl.String,
    "supplier_ids": pl.List(pl.String),  # "GB-COH:01234567", every identifier of the party
    "scale": pl.String,  # details.scale as published: sme, large
    "vcse": pl.Boolean,  # details.vcse as published
    "postcode": pl.String,
    "country": pl.String,  # the address's country code as published (GB), else its country name
    "name_key": pl.String,  # the supplier's name normalised (suppliers.names), for matching
    # Filled by gathering.py from the database (null here): the supplier register entry the award
    # names (after merges), and whether its published postcode is in the buyer's home authority.
    "supplier_id": pl.Int64,
    "published_local": pl.Boolean,
}

COMPLIANCE = {
    "buyer_key": pl.String,
    "ocid": pl.String,
    "release_id": pl.String,
    "date": pl.Datetime("us", "UTC"),
    "in_period": pl.Boolean,
    "measure": pl.String,  # one of notice_table.COMPLIANCE_MEASURES' names
    "value": pl.Float64,
    "period_start": pl.Datetime("us", "UTC"),
    "period_end": pl.Datetime("us", "UTC"),
}


# One row per ledger payment of the buyer (gathering.py reads them; spend.Payment): who was paid
# as the ledger knows them. Amounts are net of VAT, as the ledger keeps them.
PAYMENTS = {
    "buyer_key": pl.String,
    "date": pl.Date,  # the payment date
    "financial_year": pl.Int32,  # the year the April-to-March financial year starts in
    "in_period": pl.Boolean,
    "amount": pl.Float64,
    "payee_id": pl.Int64,  # who was paid, as the buyer's files name them (spend.Payee)
    "supplier_id": pl.Int64,  # the supplier register entry the payee resolved to (after merges)
    "name": pl.String,  # the payee's name as the files give it
    "name_key": pl.String,  # the same normalised (suppliers.names)
    "identifiers": pl.List(pl.String),  # "GB-COH:01234567", "GB-CHC:1234567"
    "is_redacted": pl.Boolean,
    "sector": pl.String,  # public, private, third, individual (the ledger's payee facts), null
}

# What the ledger knows of each supplier register entry, as judged for one buyer (its home area
# decides "local"): spend.ledger.supplier_facts(). Undated: facts, not events.
SUPPLIERS = {
    "buyer_key": pl.String,
    "supplier_id": pl.Int64,  # the surviving register entry
    "is_sme": pl.Boolean,
    "size_source": pl.String,
    "is_vcse": pl.Boolean,
    "vcse_source": pl.String,
    "is_local": pl.Boolean,  # registered in, or operating in, the buyer's home local authority
    "place": pl.String,  # the registered local authority (GSS code)
    "place_source": pl.String,
}


@dataclass
class Rows:
    notices: list[dict] = field(default_factory=list)
    lots: list[dict] = field(default_factory=list)
    awards: list[dict] = field(default_factory=list)
    compliance: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Tables:
    """The scorecard's inputs for one buyer (or every buyer): Polars frames with the columns
    above. `payments` (PAYMENTS) is the buyer's ledger when it is a network organisation, else
    None (no ledger); `suppliers` (SUPPLIERS) what the ledger knows of each supplier; `settings`
    what indicators need beyond the tables (gathering.settings_for: buyer_kind, annual_spend,
    home_la, notice_threshold, commitment_tender_days)."""

    notices: pl.DataFrame
    lots: pl.DataFrame
    awards: pl.DataFrame
    compliance: pl.DataFrame
    payments: pl.DataFrame | None = None
    suppliers: pl.DataFrame | None = None
    settings: dict = field(default_factory=dict)  # thresholds, commitments' targets, the home LA


def notice_types(release: dict) -> list[str]:
    """Every UK notice type (UK1…UK17) in any of the release's documents lists, once each, in
    order."""
    found: list[str] = []
    for document in documents_of(release):
        kind = as_str(document.get("noticeType")).upper()
        if UK_NOTICE.match(kind) and kind not in found:
            found.append(kind)
    return sorted(found, key=lambda kind: int(kind[2:]))


def _country(address: dict) -> str:
    """An address's country as published: its code (GB), else its name in capitals."""
    return (as_str(address.get("country")) or as_text(address.get("countryName"))).upper()


def _float(value) -> float | None:
    number = as_money(value)
    return float(number) if number is not None else None


def _value(value) -> tuple[float | None, float | None]:
    """The amounts net of and including VAT, in pounds: none for an amount in another currency
    (figures in pounds are not added to dollars; the currency is kept beside it, `_currency`)."""
    value = as_dict(value)
    if _currency(value) not in ("", "GBP"):
        return None, None
    return _float(value.get("amount")), _float(value.get("amountGross"))


def _currency(value) -> str:
    return as_str(as_dict(value).get("currency")).upper()


def _when(value) -> datetime | None:
    return as_date(value)


def is_tender(release: dict) -> bool:
    """The release is the tender notice itself: its `tag` includes "tender" (not only
    "tenderUpdate" or "tenderAmendment", which are published later and whose date is not when
    the tender period began)."""
    return "tender" in [as_str(tag) for tag in as_list(release.get("tag"))]


def tender_days(tender: dict, published: datetime | None = None) -> float | None:
    """Days from the tender period's start to its end. The start is `tenderPeriod.startDate`,
    else `published` (the tender notice's own date: a tender period runs from the UK4's
    publication, and Find a Tender gives only the end; the caller passes it only for the tender
    itself, `is_tender`, never for an update); else `durationInDays` as published. None when none
    of them is given or it is not finite."""
    period = as_dict(tender.get("tenderPeriod"))
    start = _when(period.get("startDate")) or published
    end = _when(period.get("endDate"))
    if start and end:
        return round((end - start).total_seconds() / DAY, 2)
    return as_number(period.get("durationInDays"))


URGENCY_WORDS = ("urgen",)


def _urgency(tender: dict) -> bool:
    """The notice says the tender period was shortened for urgency (s.54(5)): a
    `tender.tenderPeriod` or procedure rationale naming urgency, or a
    `procurementMethodRationaleClassifications` entry that does."""
    texts = [
        as_str(tender.get("procurementMethodRationale")),
        as_str(as_dict(tender.get("tenderPeriod")).get("description")),
        *(
            as_str(as_dict(c).get("id")) + " " + as_str(as_dict(c).get("description"))
            for c in as_list(tender.get("procurementMethodRationaleClassifications"))
        ),
    ]
    return any(word in text.lower() for text in texts for word in URGENCY_WORDS)


# UK17 payments compliance. Confirmed (gov.uk, "Guidance: Payments Compliance Notices", under
# Procurement Act 2023 s.69 and regulation 38 of the Procurement Regulations 2024): a notice per
# six-month reporting period (to 31 March and 30 September) giving the average number of days
# taken to pay and the share of payments made within 1-30, 31-60 and 61 or more days. NOT
# confirmed: where Find a Tender's OCDS puts those figures. The Cabinet Office UK extension
# (cabinetoffice/ocds_uk_extension at aa0e43b, shared/data/reference/ocds/uk-extension) defines
# no UK17 field, and no UK17 release is in the real data here, so the names below are guesses
# (marked U in scorecard/data/indicators.json): every statistic of `bids`, `planning`, the
# release or `paymentsCompliance` whose measure names one of these is read, so a change of field
# name is a data change.
COMPLIANCE_MEASURES = {
    "paidWithin30Days": "paid_within_30_days_share",
    "invoicesPaidWithin30Days": "paid_within_30_days_share",
    "percentageInvoicesPaidWithin30Days": "paid_within_30_days_share",
    "paymentsWithin30Days": "paid_within_30_days_share",
    "averageDaysToPay": "average_days_to_pay",
    "invoicesPaid": "invoices_paid",
}


PERCENT_WORDS = ("percent", "%")
SHARE_WORDS = ("share", "proportion", "fraction", "ratio")


def within_30_days_kind(statistic: dict) -> str:
    """How a statistic of invoices paid within 30 days is published, read from its measure's
    name and its `unit` (name, id or scheme), never from the size of its value (so a published
    1% is 0.01, not all): "percent" when they say percent or % (0-100), "share" when they say
    share, proportion, fraction or ratio (0-1), else "count" (a number of invoices)."""
    unit = as_dict(statistic.get("unit"))
    words = " ".join(
        [
            as_str(statistic.get("measure")),
            as_str(unit.get("name")),
            as_str(unit.get("id")),
            as_str(unit.get("scheme")),
        ]
    ).lower()
    if any(word in words for word in PERCENT_WORDS):
        return "percent"
    if any(word in words for word in SHARE_WORDS):
        return "share"
    return "count"


def _compliance(release: dict, base: dict[str, object]) -> list[dict]:
    """The UK17 figures of a release. The 30-day measure is a share (0-1): one published in
    percent is divided by 100; one published as a count of invoices is divided by the invoices
    paid the release gives for the same reporting period, and when it gives none it is kept as
    `paid_within_30_days_count` (not a share; within_30_days_kind)."""
    statistics = [
        *as_list(as_dict(release.get("bids")).get("statistics")),
        *as_list(as_dict(release.get("planning")).get("statistics")),
        *as_list(release.get("statistics")),
        *as_list(as_dict(release.get("paymentsCompliance")).get("statistics")),
    ]
    rows = []
    for statistic in statistics:
        statistic = as_dict(statistic)
        name = COMPLIANCE_MEASURES.get(as_str(statistic.get("measure")))
        value = as_number(statistic.get("value"))
        if not name or value is None:
            continue
        period = as_dict(statistic.get("period"))
        kind = within_30_days_kind(statistic) if name == "paid_within_30_days_share" else ""
        if kind == "percent":
            value = value / 100
        elif kind == "count":
            name = "paid_within_30_days_count"
        rows.append(
            base
            | {
                "measure": name,
                "value": value,
                "period_start": _when(period.get("startDate")),
                "period_end": _when(period.get("endDate")),
            }
        )
    totals: dict[tuple[object, object], float] = {
        (row["period_start"], row["period_end"]): float(row["value"])  # type: ignore[arg-type]
        for row in rows
        if row["measure"] == "invoices_paid" and row["value"]
    }
    for row in rows:
        total = totals.get((row["period_start"], row["period_end"]))
        if row["measure"] == "paid_within_30_days_count" and total:
            count = float(row["value"])  # type: ignore[arg-type]
            row["measure"], row["value"] = "paid_within_30_days_share", count / total
    return rows


ENDED_AWARD = ("cancelled", "unsuccessful", "withdrawn")
ENDED_CONTRACT = ("cancelled",)


def awards_said(release: dict) -> list[dict]:
    """Each award the release speaks of (in its awards list, or as a contract's `awardID`), once,
    with its date and whether this release ends it (award_ended)."""
    contracts: dict[str, list[str]] = {}
    for contract in as_list(release.get("contracts")):
        contract = as_dict(contract)
        award_id = as_str(contract.get("awardID"))
        if award_id:
            contracts.setdefault(award_id, []).append(as_str(contract.get("status")).lower())
    said: dict[str, dict] = {}
    for award in as_list(release.get("awards")):
        award = as_dict(award)
        award_id = as_str(award.get("id"))
        if award_id and award_id not in said:
            said[award_id] = {
                "award_id": award_id,
                "award_date": _when(award.get("date")),
                "ended": award_ended(as_str(award.get("status")), contracts.get(award_id, [])),
            }
    for award_id, statuses in contracts.items():
        if award_id not in said:
            said[award_id] = {
                "award_id": award_id,
                "award_date": None,
                "ended": award_ended("", statuses),
            }
    return list(said.values())


def award_ended(status: str, contract_statuses: list[str]) -> bool:
    """Whether a release ends an award: the award's status is cancelled, unsuccessful or
    withdrawn; or the release gives contracts for the award and every one is cancelled (a
    procurement termination notice, UK12, after a contract award notice publishes the award
    again with its contract cancelled: ocds-h6vhtk-06dfd9). A terminated contract (UK14) was
    awarded and ran: it does not end the award."""
    if status.lower() in ENDED_AWARD:
        return True
    return bool(contract_statuses) and all(s in ENDED_CONTRACT for s in contract_statuses)


def award_states(notices: pl.DataFrame) -> pl.DataFrame:
    """Each award (ocid, award_id) as the latest release speaking of it says (by date, then
    release id, over every loaded release): `ended` when that release ends it (award_ended),
    `award_date` the latest date published for it, `release_id` and `in_period` those of the
    latest release."""
    said = notices.select("ocid", "release_id", "date", "in_period", "awards_said").explode(
        "awards_said"
    )
    said = said.filter(pl.col("awards_said").is_not_null()).unnest("awards_said")
    return (
        said.sort("date", "release_id", nulls_last=False)
        .group_by("ocid", "award_id", maintain_order=True)
        .agg(
            pl.col("release_id").last(),
            pl.col("in_period").last(),
            pl.col("ended").last(),
            pl.col("award_date").drop_nulls().last(),
        )
    )


def _awards(release: dict, base: dict[str, object]) -> list[dict]:
    parties = {
        as_str(p.get("id")): p for p in as_list(release.get("parties")) if isinstance(p, dict)
    }
    contracts_by_award: dict[str, float] = {}
    for contract in as_list(release.get("contracts")):
        contract = as_dict(contract)
        amount, _gross = _value(contract.get("value"))
        award_id = as_str(contract.get("awardID"))
        if amount is not None and award_id:
            contracts_by_award[award_id] = contracts_by_award.get(award_id, 0.0) + amount
    rows = []
    for award in as_list(release.get("awards")):
        award = as_dict(award)
        award_id = as_str(award.get("id"))
        amount, _gross = _value(award.get("value"))
        currency = _currency(award.get("value"))
        if amount is None and currency in ("", "GBP"):
            amount = contracts_by_award.get(award_id)
        suppliers = [as_dict(s) for s in as_list(award.get("suppliers"))]
        for reference in suppliers:
            party = as_dict(parties.get(as_str(reference.get("id"))))
            details = as_dict(party.get("details"))
            vcse = details.get("vcse")
            name = as_text(reference.get("name")) or as_text(party.get("name"))
            rows.append(
                base
                | {
                    "award_id": award_id,
                    "status": as_str(award.get("status")),
                    "award_date": _when(award.get("date")),
                    "value": amount,
                    "currency": currency,
                    "suppliers_in_award": len(suppliers),
                    "supplier_name": name,
                    "supplier_ids": [f"{i['scheme']}:{i['id']}" for i in identifiers_of(party)],
                    "scale": as_str(details.get("scale")).lower(),
                    "vcse": vcse if isinstance(vcse, bool) else None,
                    "postcode": as_str(as_dict(party.get("address")).get("postalCode")).upper(),
                    "country": _country(as_dict(party.get("address"))),
                    "name_key": normalise_name(name) or name.lower(),
                    "supplier_id": None,
                    "published_local": None,
                }
            )
    return rows


def rows_of(
    release: dict, buyer_key: str, buyer_name: str, in_period: bool, sample: bool = False
) -> Rows:
    """The scorecard's rows of one release (the buyer as the caller knows it)."""
    tender = as_dict(release.get("tender"))
    value, value_gross = _value(tender.get("value"))
    period = as_dict(tender.get("tenderPeriod"))
    above = tender.get("aboveThreshold")
    base: dict[str, object] = {
        "buyer_key": buyer_key,
        "ocid": as_str(release.get("ocid")),
        "release_id": as_str(release.get("id")),
        "date": _when(release.get("date")),
        "in_period": in_period,
    }
    awards = _awards(release, base)
    said = awards_said(release)
    award_dates = [a["award_date"] for a in said if a["award_date"] and not a["ended"]]
    published = _when(release.get("date")) if is_tender(release) else None
    notice = base | {
        "buyer_name": buyer_name,
        "notice_types": notice_types(release),
        "own_type": notice_type_of(release),
        "tags": [as_str(tag) for tag in as_list(release.get("tag")) if as_str(tag)],
        "title": as_text(tender.get("title"))[:300],
        "url": notice_url(release),
        "legal_basis": as_str(as_dict(tender.get("legalBasis")).get("scheme")).upper(),
        "procedure": as_str(tender.get("procurementMethod")),
        "procedure_details": as_str(tender.get("procurementMethodDetails"))[:300],
        "lots_in_tender": len(
            [lot for lot in as_list(tender.get("lots")) if isinstance(lot, dict)]
        ),
        "tender_start": _when(period.get("startDate")) or published,
        "tender_end": _when(period.get("endDate")),
        "tender_days": tender_days(tender, published),
        "urgency": _urgency(tender),
        "above_threshold": above if isinstance(above, bool) else None,
        "value": value,
        "value_gross": value_gross,
        "currency": _currency(tender.get("value")),
        "first_award_date": min(award_dates) if award_dates else None,
        "awards_said": said,
        "sample": sample,
    }
    statistics: dict[str, dict[str, float]] = {}
    for statistic in as_list(as_dict(release.get("bids")).get("statistics")):
        statistic = as_dict(statistic)
        measure, number = as_str(statistic.get("measure")), as_number(statistic.get("value"))
        if measure and number is not None:
            statistics.setdefault(as_str(statistic.get("relatedLot")), {})[measure] = number
    lots = [
        base
        | {
            "lot_id": lot_id,
            "bids": found.get("bids"),
            "final_stage_bids": found.get("finalStageBids"),
            "sme_final_stage_bids": found.get("smeFinalStageBids"),
            "vcse_final_stage_bids": found.get("vcseFinalStageBids"),
        }
        for lot_id, found in statistics.items()
    ]
    return Rows([notice], lots, awards, _compliance(release, base))


def frame(rows: list[dict], schema: dict) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def tables(
    releases: Iterable[tuple[dict, str, str, bool, bool]],
    payments: pl.DataFrame | None = None,
    suppliers: pl.DataFrame | None = None,
    settings: dict | None = None,
) -> Tables:
    """The scorecard's tables from (release, buyer_key, buyer_name, in_period, sample) tuples."""
    found = Rows()
    for release, key, name, in_period, sample in releases:
        rows = rows_of(release, key, name, in_period, sample)
        found.notices += rows.notices
        found.lots += rows.lots
        found.awards += rows.awards
        found.compliance += rows.compliance
    return Tables(
        frame(found.notices, NOTICES),
        frame(found.lots, LOTS),
        frame(found.awards, AWARDS),
        frame(found.compliance, COMPLIANCE),
        payments,
        suppliers,
        settings or {},
    )
