"""What was awarded and contracted: values excluding and including VAT, contracts as each release
describes them, with their UK9 performance. Pure."""

from __future__ import annotations

from decimal import Decimal

from opportunities.fact_records import (
    ContractFacts,
)
from opportunities.ocds_values import (
    as_date,
    as_dict,
    as_list,
    as_money,
    as_str,
    as_text,
)

CANCELLED_STATUSES = {"cancelled", "unsuccessful", "withdrawn"}


def value_pair(value) -> tuple[Decimal | None, Decimal | None, str]:
    value = as_dict(value)
    return (
        as_money(value.get("amount")),
        as_money(value.get("amountGross")),
        as_str(value.get("currency")),
    )


def total_of(amounts: list[Decimal | None]) -> Decimal | None:
    known = [a for a in amounts if a is not None]
    return sum(known, Decimal(0)) if known else None


def awarded_values(compiled: dict) -> tuple[Decimal | None, Decimal | None]:
    """What was awarded, excluding and including VAT: the contracts' values when any contract gives
    one (UK7), else the awards' (UK6, and Contracts Finder). Cancelled or unsuccessful awards and
    their contracts do not count, nor a cancelled contract, nor an award whose every contract was
    cancelled (a terminated contract did run, and counts)."""
    dropped = {
        as_str(as_dict(a).get("id"))
        for a in as_list(compiled.get("awards"))
        if as_str(as_dict(a).get("status")) in CANCELLED_STATUSES
    }
    standing, cancelled = [], set()
    for item in map(as_dict, as_list(compiled.get("contracts"))):
        award_id = as_str(item.get("awardID"))
        if award_id and award_id in dropped:
            continue
        if as_str(item.get("status")) in CANCELLED_STATUSES:
            cancelled.add(award_id)
            continue
        standing.append((award_id, value_pair(item.get("value"))))
    contracts = [pair for _, pair in standing if pair[0] is not None or pair[1] is not None]
    if contracts:
        return total_of([c[0] for c in contracts]), total_of([c[1] for c in contracts])
    dropped |= cancelled - {award_id for award_id, _ in standing} - {""}
    awards = [
        value_pair(as_dict(a).get("value"))
        for a in as_list(compiled.get("awards"))
        if as_str(as_dict(a).get("status")) not in CANCELLED_STATUSES
        and as_str(as_dict(a).get("id")) not in dropped
    ]
    return total_of([a[0] for a in awards]), total_of([a[1] for a in awards])


def metrics_of(implementation: dict) -> list[dict]:
    """UK9 contract performance: each KPI with its observations (period, measure, rating)."""
    metrics = []
    for metric in as_list(implementation.get("metrics")):
        metric = as_dict(metric)
        observations = []
        for observation in as_list(metric.get("observations")):
            observation = as_dict(observation)
            period = as_dict(observation.get("period"))
            rating = as_dict(observation.get("measureClassification"))
            observations.append(
                {
                    "start": as_str(period.get("startDate")),
                    "end": as_str(period.get("endDate")),
                    "measure": as_text(observation.get("measure")),
                    "rating": as_str(rating.get("id")),
                    "rating_description": as_text(rating.get("description")),
                }
            )
        metrics.append(
            {
                "id": as_str(metric.get("id")),
                "title": as_text(metric.get("title")),
                "description": as_text(metric.get("description")),
                "observations": observations,
            }
        )
    return metrics


def contract_of(release_id: str, contract: dict) -> ContractFacts:
    value, gross, currency = value_pair(contract.get("value"))
    implementation = as_dict(contract.get("implementation"))
    final, final_gross, final_currency = value_pair(implementation.get("finalValue"))
    period = as_dict(contract.get("period"))
    return ContractFacts(
        release_id=release_id,
        contract_id=as_str(contract.get("id")),
        award_id=as_str(contract.get("awardID")),
        title=as_text(contract.get("title")),
        status=as_str(contract.get("status")),
        value=value,
        value_gross=gross,
        currency=currency or final_currency,
        start=as_date(period.get("startDate")),
        end=as_date(period.get("endDate")) or as_date(implementation.get("endDate")),
        date_signed=as_date(contract.get("dateSigned")),
        final_value=final,
        final_value_gross=final_gross,
        metrics=metrics_of(implementation),
    )
