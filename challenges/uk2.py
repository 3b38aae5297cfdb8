"""A published challenge as a UK2 preliminary market engagement notice: an OCDS 1.1 release package
with the UK extension (Document.noticeType, Tender.aboveThreshold). Pure: plain values in, JSON out.

Shape follows how Find a Tender publishes UK2 notices: a "planning" release whose last
planning document is the notice (`documentType` marketEngagementNotice, `noticeType` UK2), an
engagement milestone for the closing date, and `tender.status` "planned".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from challenges.routefinder import Category

UK_EXTENSION = (
    "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json"
)
LICENSE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

# OCDS mainProcurementCategory, as the route finder asks it.


# PA 2023 s.17: a preliminary market engagement notice is published before the tender notice of a
# covered (above-threshold) procurement when preliminary market engagement was carried out;
# otherwise the tender notice gives the reasons. Below the threshold no such notice exists.
S17 = "https://www.legislation.gov.uk/ukpga/2023/54/section/17"


def requirement(above_threshold: bool | None) -> str:
    """Whether a challenge's engagement calls for a UK2 notice, in words, from whether the
    procurement it leads to is above the threshold (None: not known yet)."""
    if above_threshold is None:
        return (
            "Needed only if the procurement that follows is above the threshold: answer the route "
            "finder's questions for this challenge to know (Procurement Act 2023 s.17)."
        )
    if above_threshold:
        return (
            "Required: this engagement is preliminary market engagement for an above-threshold "
            "procurement, so publish the notice before the tender notice (Procurement Act 2023 "
            "s.17)."
        )
    return (
        "Not required: the estimated value is below the threshold, and the Act asks for no "
        "preliminary market engagement notice below it. You may still share the file."
    )


@dataclass(frozen=True)
class Party:
    name: str
    slug: str
    postcode: str = ""
    ppon: str = ""
    companies_house_number: str = ""
    charity_number: str = ""

    @property
    def identifier(self) -> dict | None:
        for scheme, value in (
            ("GB-PPON", self.ppon),
            ("GB-COH", self.companies_house_number),
            ("GB-CHC", self.charity_number),
        ):
            if value:
                return {"scheme": scheme, "id": value, "legalName": self.name}
        return None

    @property
    def id(self) -> str:
        identifier = self.identifier
        return (
            f"{identifier['scheme']}-{identifier['id']}" if identifier else f"anchorhub-{self.slug}"
        )

    def as_party(self) -> dict:
        party: dict[str, object] = {"id": self.id, "name": self.name, "roles": ["buyer"]}
        if self.identifier:
            party["identifier"] = self.identifier
        if self.postcode:
            party["address"] = {"postalCode": self.postcode, "countryName": "United Kingdom"}
        return party


@dataclass(frozen=True)
class Notice:
    reference: str
    title: str
    summary: str
    problem: str
    outcomes: str
    success_measures: str
    buyer: Party
    co_buyers: tuple[Party, ...]
    published_at: datetime
    engagement_closes_at: datetime | None
    url: str
    cpv_codes: tuple[tuple[str, str], ...]  # (code, description)
    budget_max: Decimal | None = None
    above_threshold: bool | None = None
    main_category: Category | None = None
    events: tuple[tuple[str, datetime], ...] = field(default_factory=tuple)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def release(notice: Notice, ocid_prefix: str) -> dict:
    description = (
        f"{notice.summary}\n\nThe problem: {notice.problem}\n\nOutcomes wanted: {notice.outcomes}\n\n"
        f"How success will be measured: {notice.success_measures}\n\n"
        "We want to hear how suppliers, especially SMEs, would reach these outcomes, not to buy "
        "to a fixed specification."
    )
    milestones = []
    if notice.engagement_closes_at:
        milestones.append(
            {
                "id": "engagement-end",
                "title": "Engagement end date",
                "type": "engagement",
                "dueDate": _iso(notice.engagement_closes_at),
                "status": "scheduled",
            }
        )
    for number, (title, starts_at) in enumerate(notice.events, start=1):
        milestones.append(
            {
                "id": f"event-{number}",
                "title": title,
                "type": "engagement",
                "dueDate": _iso(starts_at),
                "status": "scheduled",
            }
        )
    planning = {
        "documents": [
            {
                "id": f"{notice.reference}-UK2",
                "documentType": "marketEngagementNotice",
                "noticeType": "UK2",
                "title": f"Preliminary market engagement: {notice.title}",
                "description": notice.summary,
                "url": notice.url,
                "datePublished": _iso(notice.published_at),
                "format": "text/html",
                "language": "en",
            }
        ]
    }
    if milestones:
        planning["milestones"] = milestones
    tender: dict[str, object] = {
        "id": notice.reference,
        "title": notice.title,
        "description": description,
        "status": "planned",
    }
    if notice.cpv_codes:
        first, *rest = notice.cpv_codes
        item = {"id": "1", "classification": _cpv(*first)}
        if rest:
            item["additionalClassifications"] = [_cpv(*code) for code in rest]
        tender["items"] = [item]
    if notice.budget_max is not None:
        tender["value"] = {"amount": float(notice.budget_max), "currency": "GBP"}
    if notice.main_category:
        tender["mainProcurementCategory"] = notice.main_category
    if notice.above_threshold is not None:
        tender["aboveThreshold"] = notice.above_threshold
    parties = [notice.buyer.as_party(), *(p.as_party() for p in notice.co_buyers)]
    return {
        "ocid": f"{ocid_prefix}-{notice.reference}",
        "id": f"{notice.reference}-UK2-{notice.published_at:%Y%m%d%H%M%S}",
        "date": _iso(notice.published_at),
        "tag": ["planning"],
        "initiationType": "tender",
        "language": "en",
        "parties": parties,
        "buyer": {"id": notice.buyer.id, "name": notice.buyer.name},
        "planning": planning,
        "tender": tender,
    }


def _cpv(code: str, description: str) -> dict:
    entry = {"scheme": "CPV", "id": code}
    if description:
        entry["description"] = description
    return entry


def release_package(
    notices: list[Notice], ocid_prefix: str, uri: str, publisher: str, published: datetime
) -> dict:
    return {
        "uri": uri,
        "version": "1.1",
        "publishedDate": _iso(published),
        "publisher": {"name": publisher},
        "license": LICENSE,
        "extensions": [UK_EXTENSION],
        "releases": [release(notice, ocid_prefix) for notice in notices],
    }
