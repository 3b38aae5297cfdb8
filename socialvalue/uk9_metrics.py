"""Contract performance KPIs as UK9 notices publish them in OCDS: `contracts[].implementation
.metrics[]`, each with `observations[]` (measure, optional value and unit, period,
measureClassification). Pure: a release (dict) in, one row per observation out (a metric without
observations is one row too). Nothing is dropped: what cannot be read is flagged on the row; a
field the reader does not know is kept in `extra`; a metric that is not an object becomes a
reject with its reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

KNOWN_METRIC = {"id", "title", "description", "observations"}
KNOWN_OBSERVATION = {"id", "period", "measure", "value", "unit", "measureClassification", "notes"}
_NUMBER = re.compile(r"^\s*(-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(%?)")


@dataclass
class MetricRow:
    ocid: str
    release_id: str
    contract_id: str
    award_id: str
    metric_id: str
    title: str
    description: str
    position: int  # the observation's place among the metric's (0 when it has none)
    observation_id: str = ""
    period_start: datetime | None = None
    period_end: datetime | None = None
    measure: str = ""
    value: Decimal | None = None  # the number the measure or value states, when one is read
    unit: str = ""
    classification: str = ""  # measureClassification.id, e.g. met, slightlyBelow
    classification_text: str = ""
    notice_url: str = ""
    published: datetime | None = None
    extra: dict = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    def key(self) -> tuple[str, str, str, int]:
        return (self.ocid, self.contract_id, self.metric_id, self.position)


@dataclass
class Reject:
    ocid: str
    release_id: str
    location: str
    reason: str
    excerpt: str = ""


def _date(text, flags: list[str], what: str) -> datetime | None:
    if text in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        flags.append(f"{what} is not a date: {str(text)[:40]}")
        return None


def _number(measure: str, value, unit: str, flags: list[str]) -> tuple[Decimal | None, str]:
    """The number stated: `value` (OCDS Observation.value.amount or a plain number) first, else the
    number the measure starts with ("99.7%", "1500"); a percentage gives the unit "%"."""
    if isinstance(value, dict):
        amount = value.get("amount")
        unit = unit or value.get("currency") or ""
        value = amount
    if value not in (None, ""):
        try:
            return Decimal(str(value)), unit
        except InvalidOperation:
            flags.append(f"value is not a number: {str(value)[:40]}")
    found = _NUMBER.match(measure or "")
    if found:
        try:
            number = Decimal(found.group(1).replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return None, unit
        return number, unit or ("%" if found.group(2) else "")
    if measure:
        flags.append("the measure states no number")
    return None, unit


def _unit(unit) -> str:
    if isinstance(unit, dict):
        return str(unit.get("name") or unit.get("id") or "")
    return str(unit or "")


def _notice(contract: dict) -> tuple[str, datetime | None]:
    for document in contract.get("documents") or []:
        if isinstance(document, dict) and document.get("noticeType") == "UK9":
            return document.get("url", ""), _date(document.get("datePublished"), [], "published")
    return "", None


def read_release(release: dict) -> tuple[list[MetricRow], list[Reject]]:
    """Every metric observation of every contract of a release, and what could not be read."""
    rows: list[MetricRow] = []
    rejects: list[Reject] = []
    ocid = str(release.get("ocid") or "")
    release_id = str(release.get("id") or "")
    contracts = release.get("contracts") or []
    if not isinstance(contracts, list):
        return rows, [Reject(ocid, release_id, "contracts", "contracts is not a list")]
    for c_index, contract in enumerate(contracts):
        if not isinstance(contract, dict):
            rejects.append(Reject(ocid, release_id, f"contracts/{c_index}", "not an object"))
            continue
        implementation = contract.get("implementation") or {}
        metrics = implementation.get("metrics") if isinstance(implementation, dict) else None
        if not metrics:
            continue
        if not isinstance(metrics, list):
            rejects.append(
                Reject(
                    ocid,
                    release_id,
                    f"contracts/{c_index}/implementation/metrics",
                    "metrics is not a list",
                )
            )
            continue
        url, published = _notice(contract)
        contract_id = str(contract.get("id") or "")
        for m_index, metric in enumerate(metrics):
            where = f"contracts/{c_index}/implementation/metrics/{m_index}"
            if not isinstance(metric, dict):
                rejects.append(
                    Reject(
                        ocid, release_id, where, "the metric is not an object", str(metric)[:200]
                    )
                )
                continue
            rows += _metric_rows(
                ocid, release_id, contract, contract_id, metric, m_index, url, published
            )
    return rows, rejects


def _metric_rows(ocid, release_id, contract, contract_id, metric, m_index, url, published):
    base_flags = []
    if not contract_id:
        base_flags.append("the contract has no id")
    metric_id = str(metric.get("id") or "")
    if not metric_id:
        metric_id = f"#{m_index + 1}"
        base_flags.append("the metric has no id: numbered by its place")
    if not metric.get("title"):
        base_flags.append("the metric has no title")
    extra = {k: v for k, v in metric.items() if k not in KNOWN_METRIC}
    observations = metric.get("observations") or []
    common = dict(
        ocid=ocid,
        release_id=release_id,
        contract_id=contract_id,
        award_id=str(contract.get("awardID") or ""),
        metric_id=metric_id,
        title=str(metric.get("title") or ""),
        description=str(metric.get("description") or "").strip().strip('"').strip(),
        notice_url=url,
        published=published,
    )
    if not isinstance(observations, list) or not observations:
        flags = [
            *base_flags,
            "the metric has no observations" if not observations else "observations is not a list",
        ]
        return [MetricRow(**common, position=0, extra=extra, flags=flags)]
    rows = []
    for position, observation in enumerate(observations):
        flags = list(base_flags)
        if not isinstance(observation, dict):
            rows.append(
                MetricRow(
                    **common,
                    position=position,
                    extra={**extra, "observation": observation},
                    flags=[*flags, "the observation is not an object"],
                )
            )
            continue
        period = observation.get("period") or {}
        if not isinstance(period, dict):
            flags.append("the observation's period is not an object")
            period = {}
        measure = str(observation.get("measure") or "")
        unit = _unit(observation.get("unit"))
        value, unit = _number(measure, observation.get("value"), unit, flags)
        classification = observation.get("measureClassification") or {}
        if not isinstance(classification, dict):
            classification = {"id": str(classification)}
        if not period and "the observation's period is not an object" not in flags:
            flags.append("the observation has no period")
        rows.append(
            MetricRow(
                **common,
                position=position,
                observation_id=str(observation.get("id") or ""),
                period_start=_date(period.get("startDate"), flags, "period start"),
                period_end=_date(period.get("endDate"), flags, "period end"),
                measure=measure,
                value=value,
                unit=unit,
                classification=str(classification.get("id") or ""),
                classification_text=str(classification.get("description") or ""),
                extra={
                    **extra,
                    **{k: v for k, v in observation.items() if k not in KNOWN_OBSERVATION},
                },
                flags=flags,
            )
        )
    return rows


def read_package(package: dict) -> tuple[list[MetricRow], list[Reject]]:
    """Every release of a release package (or a single release given alone)."""
    releases = package.get("releases") if "releases" in package else [package]
    rows: list[MetricRow] = []
    rejects: list[Reject] = []
    for index, release in enumerate(releases or []):
        if not isinstance(release, dict):
            rejects.append(Reject("", "", f"releases/{index}", "the release is not an object"))
            continue
        found, refused = read_release(release)
        rows += found
        rejects += refused
    return rows, rejects
