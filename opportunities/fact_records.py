"""What AnchorHub keeps of a contracting process and its notices, lots, awards, contracts and
documents, as plain records (`facts.py` takes them from the releases). Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Literal

# Where a process stands (models.Phase, the same values)
ProcessPhase = Literal["planned", "tender", "awarded", "cancelled"]


@dataclass
class NoticeFacts:
    release_id: str
    notice_type: str  # UK1..UK17, or the Contracts Finder stage label
    published: datetime | None
    title: str
    url: str


@dataclass
class LotFacts:
    lot_id: str
    title: str
    description: str
    value: Decimal | None
    status: str
    value_gross: Decimal | None = None
    cpvs: list[str] = field(default_factory=list)  # full codes as published, of the lot's items
    # bids.statistics of the lot, measure -> value, from the latest release that gives them
    bid_statistics: dict[str, float] = field(default_factory=dict)

    def statistic(self, measure: str) -> int | None:
        value = self.bid_statistics.get(measure)
        return int(value) if isinstance(value, int | float) and 0 <= value < 2**31 else None


@dataclass
class CpvFacts:
    code: str
    check_digit: str
    is_main: bool


@dataclass
class SupplierFacts:
    name: str
    scheme: str
    identifier: str
    scale: str  # sme / large / "" as published
    vcse: bool | None
    postcode: str = ""  # the party's address, as published
    # every identifier published for the party (identifier, then additionalIdentifiers)
    identifiers: list[dict] = field(default_factory=list)


@dataclass
class AwardFacts:
    release_id: str
    award_id: str
    status: str
    date: datetime | None
    value: Decimal | None
    suppliers: list[SupplierFacts]
    value_gross: Decimal | None = None
    currency: str = ""
    title: str = ""
    lots: list[str] = field(default_factory=list)


@dataclass
class ContractFacts:
    """A contract as one release describes it (UK7 details, UK10 change, UK11 end, UK9 performance)."""

    release_id: str
    contract_id: str
    award_id: str
    title: str
    status: str
    value: Decimal | None
    value_gross: Decimal | None
    currency: str
    start: datetime | None
    end: datetime | None
    date_signed: datetime | None
    final_value: Decimal | None = None
    final_value_gross: Decimal | None = None
    # UK9 contract performance: KPIs with their observations, in plain data
    metrics: list[dict] = field(default_factory=list)


@dataclass
class DocumentFacts:
    release_id: str
    document_id: str
    document_type: str
    notice_type: str
    title: str
    url: str
    published: datetime | None


@dataclass
class ProcessFacts:
    ocid: str
    title: str = ""
    description: str = ""
    buyer_name: str = ""
    buyer_scheme: str = ""
    buyer_identifier: str = ""
    buyer_postcode: str = ""
    phase: ProcessPhase = "tender"
    tender_status: str = ""
    procedure: str = ""
    procedure_details: str = ""
    main_category: str = ""
    value: Decimal | None = None
    value_gross: Decimal | None = None
    min_value: Decimal | None = None
    currency: str = ""
    tender_start: datetime | None = None
    deadline: datetime | None = None
    enquiry_end: datetime | None = None
    award_date: datetime | None = None
    contract_start: datetime | None = None
    contract_end: datetime | None = None
    expected_tender_date: datetime | None = None
    first_published: datetime | None = None
    last_updated: datetime | None = None
    sme_suitable: bool | None = None
    vcse_suitable: bool | None = None
    reserved_participation: list[str] = field(default_factory=list)
    reserved_location: str = ""
    above_threshold: bool | None = None
    delivery_regions: list[str] = field(default_factory=list)
    delivery_postcodes: list[str] = field(default_factory=list)
    notice_url: str = ""
    lots: list[LotFacts] = field(default_factory=list)
    cpvs: list[CpvFacts] = field(default_factory=list)
    awards: list[AwardFacts] = field(default_factory=list)
    documents: list[DocumentFacts] = field(default_factory=list)
    notices: list[NoticeFacts] = field(default_factory=list)
    award_conflicts: list[str] = field(default_factory=list)
    notice_type: str = ""  # the latest Procurement Act notice type (UK1..UK17), "" if none
    legal_basis: str = (
        ""  # tender.legalBasis.scheme: UKPGA (Procurement Act 2023), CELEX (PCR 2015)
    )
    legal_basis_id: str = ""
    awarded_value: Decimal | None = None
    awarded_value_gross: Decimal | None = None
    buyer_identifiers: list[dict] = field(default_factory=list)
    contracts: list[ContractFacts] = field(default_factory=list)
