"""What AnchorHub needs from one contracting process, taken from its releases and compiled release.
Pure: plain dicts in, plain dataclasses out; no database."""

from __future__ import annotations

import html
import re
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

import orjson

from network.identifiers import normalise_postcode
from opportunities.ocid_prefixes import CF_PREFIX, FTS_PREFIX
from opportunities.validation import parse_date
from reference.cpv import split_cpv

STAGE_LABELS = {
    "planning": "Planning",
    "planningUpdate": "Planning update",
    "tender": "Tender",
    "tenderAmendment": "Tender amendment",
    "tenderUpdate": "Tender update",
    "tenderCancellation": "Tender cancellation",
    "award": "Award",
    "awardUpdate": "Award update",
    "awardCancellation": "Award cancellation",
    "contract": "Contract",
    "contractUpdate": "Contract update",
    "contractAmendment": "Contract amendment",
    "implementation": "Implementation",
    "implementationUpdate": "Implementation update",
    "contractTermination": "Contract termination",
    "compiled": "Compiled",
}
UK_NOTICE = re.compile(r"^UK\d{1,2}$")
PLANNING_NOTICES = {"UK1", "UK2", "UK3"}
CANCELLED_STATUSES = {"cancelled", "unsuccessful", "withdrawn"}
MONEY_LIMIT = Decimal(10) ** 16  # the money columns hold 16 digits before the point


@dataclass
class NoticeFacts:
    release_id: str
    notice_type: str  # UK1..UK17, or the Contracts Finder stage label
    published: datetime
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
    phase: str = "tender"  # planned, tender, awarded, cancelled
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


def _d(value) -> dict:
    return value if isinstance(value, dict) else {}


def _l(value) -> list:
    return value if isinstance(value, list) else []


def _s(value) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def _text(value) -> str:
    """Free text as published, with HTML entities (&apos; &amp;) some publishers leave in decoded."""
    return html.unescape(_s(value))


def _money(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    # "no limit" (1e9999) and amounts beyond any contract are kept in the release, not as money
    return amount if amount.is_finite() and abs(amount) < MONEY_LIMIT else None


def _date(value) -> datetime | None:
    return parse_date(value) if isinstance(value, str) else None


def _documents(release: dict) -> list[dict]:
    tender, planning = _d(release.get("tender")), _d(release.get("planning"))
    found = _l(tender.get("documents")) + _l(planning.get("documents"))
    for part in ("awards", "contracts"):
        for entry in _l(release.get(part)):
            found += _l(_d(entry).get("documents"))
    return [d for d in found if isinstance(d, dict)]


def notice_type_of(release: dict) -> str:
    """UK1..UK17 from Document.noticeType (Find a Tender); else the Contracts Finder stage."""
    documents = _documents(release)
    types = [
        (_s(d.get("datePublished")), _s(d.get("noticeType")))
        for d in documents
        if UK_NOTICE.match(_s(d.get("noticeType")))
    ]
    own = [
        _s(d.get("noticeType"))
        for d in documents
        if _s(d.get("id")) == _s(release.get("id")) and UK_NOTICE.match(_s(d.get("noticeType")))
    ]
    if own:
        return own[0]
    if types:
        return max(types)[1]
    tags = [t for t in _l(release.get("tag")) if isinstance(t, str)]
    return STAGE_LABELS.get(tags[-1], tags[-1]) if tags else "Notice"


# The official notice services (RULES.md section 4): the "official notice" link may point only at
# these, by exact host over https, so that a notice's documents cannot send readers elsewhere.
OFFICIAL_NOTICE_HOSTS = frozenset(
    {"www.find-tender.service.gov.uk", "www.contractsfinder.service.gov.uk"}
)


def official_notice_url(url) -> str:
    """`url` if it is an https address on an official notice service, else "". Parsed, not matched
    as text: no user part, no port, no look-alike host, nothing a browser would read otherwise."""
    if not isinstance(url, str) or any(c.isspace() or c == "\\" or ord(c) < 32 for c in url):
        return ""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
    except ValueError:
        return ""
    official = (
        parts.scheme == "https"
        and host in OFFICIAL_NOTICE_HOSTS
        and parts.netloc.lower() == host  # no user, password or port around the host
    )
    return url if official else ""


FTS_NOTICE_ID = re.compile(r"^\d{6}-\d{4}$")
CF_NOTICE_ID = re.compile(
    r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(-\d+)?$"
)


def _notice_url(release: dict) -> str:
    """The notice's page on the official service: as its documents link it, else made from the
    release id as the service names its pages (Find a Tender `/Notice/075962-2026`; Contracts Finder
    `/Notice/<notice GUID>`, the release id's first part). Notices under the 2015 Regulations on
    Find a Tender publish no link to themselves."""
    for document in _documents(release):
        if url := official_notice_url(document.get("url")):
            return url
    ocid, release_id = _s(release.get("ocid")), _s(release.get("id"))
    if ocid.startswith(FTS_PREFIX) and FTS_NOTICE_ID.match(release_id):
        return f"https://www.find-tender.service.gov.uk/Notice/{release_id}"
    if ocid.startswith(CF_PREFIX) and (found := CF_NOTICE_ID.match(release_id.lower())):
        return f"https://www.contractsfinder.service.gov.uk/Notice/{found.group(1)}"
    return ""


def release_facts(release: dict) -> NoticeFacts:
    tender = _d(release.get("tender"))
    return NoticeFacts(
        release_id=_s(release.get("id")),
        notice_type=notice_type_of(release),
        published=_date(release.get("date")),
        title=_text(tender.get("title"))
        or _text(_d(release.get("planning")).get("rationale"))[:200],
        url=_notice_url(release),
    )


def award_conflicts(releases: list[dict]) -> list[str]:
    """Award ids that different releases use for different awards (Find a Tender reuses award ids
    within a process). Merging keeps only the last; every release is kept, and this says where."""
    seen: dict[str, tuple[str, bytes]] = {}
    conflicts = []
    for release in releases:
        for award in _l(release.get("awards")):
            award = _d(award)
            award_id = _s(award.get("id"))
            if not award_id:
                continue
            fingerprint = orjson.dumps(
                {
                    "suppliers": award.get("suppliers"),
                    "value": award.get("value"),
                    "title": award.get("title"),
                },
                option=orjson.OPT_SORT_KEYS,
            )
            if award_id in seen and seen[award_id][1] != fingerprint:
                message = f"award {award_id}: release {seen[award_id][0]} and release {_s(release.get('id'))} describe different awards"
                if message not in conflicts:
                    conflicts.append(message)
            seen[award_id] = (_s(release.get("id")), fingerprint)
    return conflicts


def _phase(compiled: dict, tags: set[str], notice_type: str = "") -> str:
    tender = _d(compiled.get("tender"))
    status = _s(tender.get("status"))
    if status in CANCELLED_STATUSES or notice_type == "UK12":
        # UK12, the procurement termination notice, leaves the tender "complete" and the awards
        # "cancelled": the procurement ended without a contract.
        return "cancelled"
    awards = [_d(a) for a in _l(compiled.get("awards"))]
    if (
        awards
        and all(_s(a.get("status")) in CANCELLED_STATUSES for a in awards)
        and not _l(compiled.get("contracts"))
    ):
        return "cancelled"
    if any(
        _s(_d(a).get("status")) in {"active", "pending"} for a in _l(compiled.get("awards"))
    ) or _l(compiled.get("contracts")):
        return "awarded"
    if status == "complete":
        return "awarded"
    if status in {"planning", "planned"} or (tags and tags <= {"planning", "planningUpdate"}):
        return "planned"
    return "tender"


def _with_all_items(compiled: dict) -> dict:
    """The tender with the items of its awards and contracts as well: Find a Tender's award and
    contract notices (UK6, UK7) often classify and place what was bought only there."""
    tender = _d(compiled.get("tender"))
    items = list(_l(tender.get("items")))
    for part in ("awards", "contracts"):
        for entry in _l(compiled.get(part)):
            items += _l(_d(entry).get("items"))
    return {**tender, "items": items}


def _cpvs(tender: dict) -> list[CpvFacts]:
    found: dict[str, CpvFacts] = {}

    def add(classification, is_main):
        classification = _d(classification)
        if _s(classification.get("scheme")).upper() != "CPV":
            return
        try:
            code, check = split_cpv(_s(classification.get("id")))
        except ValueError:
            return
        current = found.get(code)
        if current is None or (is_main and not current.is_main):
            found[code] = CpvFacts(code, check or (current.check_digit if current else ""), is_main)
        elif check and not current.check_digit:
            current.check_digit = check

    add(tender.get("classification"), True)
    for item in _l(tender.get("items")):
        add(_d(item).get("classification"), not found)
        for extra in _l(_d(item).get("additionalClassifications")):
            add(extra, False)
    for extra in _l(tender.get("additionalClassifications")):
        add(extra, False)
    return list(found.values())


def _locations(tender: dict) -> tuple[list[str], list[str]]:
    regions, postcodes = [], []
    addresses = []
    for item in _l(tender.get("items")):
        item = _d(item)
        addresses += _l(item.get("deliveryAddresses")) + [item.get("deliveryAddress")]
        for location in _l(item.get("deliveryLocations")):
            addresses.append(_d(location).get("address"))
            if _s(_d(location).get("description")):
                regions.append(_s(_d(location).get("description")))
    for address in addresses:
        address = _d(address)
        for key in ("region", "locality"):
            if _s(address.get(key)) and _s(address.get(key)) not in regions:
                regions.append(_s(address.get(key)))
        if _s(address.get("postalCode")) and _s(address.get("postalCode")) not in postcodes:
            postcodes.append(_s(address.get("postalCode")).upper())
    return regions, postcodes


def identifiers_of(party: dict) -> list[dict]:
    """Every identifier of a party, its `identifier` first then `additionalIdentifiers`, once each:
    [{"scheme": "GB-PPON", "id": "PABC-1234-DEFG"}, {"scheme": "GB-COH", "id": "01234567"}]."""
    found = []
    for entry in [party.get("identifier"), *_l(party.get("additionalIdentifiers"))]:
        entry = _d(entry)
        scheme, identifier = _s(entry.get("scheme")).upper(), _s(entry.get("id"))
        if scheme and identifier and {"scheme": scheme, "id": identifier} not in found:
            found.append({"scheme": scheme, "id": identifier})
    return found


def identifier_in(identifiers: list[dict], scheme: str) -> str:
    """The identifier of `scheme` (GB-PPON, GB-COH) among a party's identifiers, else ""."""
    return next((i["id"] for i in identifiers if i.get("scheme") == scheme), "")


def _supplier(reference: dict, parties: dict[str, dict]) -> SupplierFacts:
    party = parties.get(_s(reference.get("id")), {})
    identifier = _d(party.get("identifier"))
    details = _d(party.get("details"))
    vcse = details.get("vcse")
    return SupplierFacts(
        name=_s(reference.get("name")) or _s(party.get("name")) or _s(identifier.get("legalName")),
        scheme=_s(identifier.get("scheme")),
        identifier=_s(identifier.get("id")),
        scale=_s(details.get("scale")),
        vcse=vcse if isinstance(vcse, bool) else None,
        postcode=_postcode(_d(party.get("address")).get("postalCode")),
        identifiers=identifiers_of(party),
    )


def buyer_party(compiled: dict) -> dict:
    """The buyer's party: the one `buyer` names, else the one `buyerID` names, else the first party
    with the `buyer` role (Find a Tender's termination and performance notices carry no `buyer`)."""
    parties = [p for p in _l(compiled.get("parties")) if isinstance(p, dict)]
    by_id = {_s(p.get("id")): p for p in parties if _s(p.get("id"))}
    buyer_id = _s(_d(compiled.get("buyer")).get("id"))
    if buyer_id in by_id:
        return by_id[buyer_id]
    ids = compiled.get("buyerID")
    for candidate in ids if isinstance(ids, list) else [ids]:
        if isinstance(candidate, str | int) and _s(candidate) in by_id:
            return by_id[_s(candidate)]
    return next((p for p in parties if "buyer" in _l(p.get("roles"))), {})


def _value_pair(value) -> tuple[Decimal | None, Decimal | None, str]:
    value = _d(value)
    return _money(value.get("amount")), _money(value.get("amountGross")), _s(value.get("currency"))


def _total(amounts: list[Decimal | None]) -> Decimal | None:
    known = [a for a in amounts if a is not None]
    return sum(known, Decimal(0)) if known else None


def awarded_values(compiled: dict) -> tuple[Decimal | None, Decimal | None]:
    """What was awarded, excluding and including VAT: the contracts' values when any contract gives
    one (UK7), else the awards' (UK6, and Contracts Finder). Cancelled or unsuccessful awards and
    their contracts do not count."""
    dropped = {
        _s(_d(a).get("id"))
        for a in _l(compiled.get("awards"))
        if _s(_d(a).get("status")) in CANCELLED_STATUSES
    }
    contracts = [
        _value_pair(_d(c).get("value"))
        for c in _l(compiled.get("contracts"))
        if _s(_d(c).get("awardID")) not in dropped or not _s(_d(c).get("awardID"))
    ]
    contracts = [c for c in contracts if c[0] is not None or c[1] is not None]
    if contracts:
        return _total([c[0] for c in contracts]), _total([c[1] for c in contracts])
    awards = [
        _value_pair(_d(a).get("value"))
        for a in _l(compiled.get("awards"))
        if _s(_d(a).get("status")) not in CANCELLED_STATUSES
    ]
    return _total([a[0] for a in awards]), _total([a[1] for a in awards])


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(_s(value))
        except ValueError:
            return None
    return value if value == value and abs(value) != float("inf") else None


def _metrics(implementation: dict) -> list[dict]:
    """UK9 contract performance: each KPI with its observations (period, measure, rating)."""
    metrics = []
    for metric in _l(implementation.get("metrics")):
        metric = _d(metric)
        observations = []
        for observation in _l(metric.get("observations")):
            observation = _d(observation)
            period = _d(observation.get("period"))
            rating = _d(observation.get("measureClassification"))
            observations.append(
                {
                    "start": _s(period.get("startDate")),
                    "end": _s(period.get("endDate")),
                    "measure": _text(observation.get("measure")),
                    "rating": _s(rating.get("id")),
                    "rating_description": _text(rating.get("description")),
                }
            )
        metrics.append(
            {
                "id": _s(metric.get("id")),
                "title": _text(metric.get("title")),
                "description": _text(metric.get("description")),
                "observations": observations,
            }
        )
    return metrics


def _contract(release_id: str, contract: dict) -> ContractFacts:
    value, gross, currency = _value_pair(contract.get("value"))
    implementation = _d(contract.get("implementation"))
    final, final_gross, final_currency = _value_pair(implementation.get("finalValue"))
    period = _d(contract.get("period"))
    return ContractFacts(
        release_id=release_id,
        contract_id=_s(contract.get("id")),
        award_id=_s(contract.get("awardID")),
        title=_text(contract.get("title")),
        status=_s(contract.get("status")),
        value=value,
        value_gross=gross,
        currency=currency or final_currency,
        start=_date(period.get("startDate")),
        end=_date(period.get("endDate")) or _date(implementation.get("endDate")),
        date_signed=_date(contract.get("dateSigned")),
        final_value=final,
        final_value_gross=final_gross,
        metrics=_metrics(implementation),
    )


def bid_statistics(releases: list[dict]) -> dict[str, dict[str, float]]:
    """{lot id: {measure: value}} from `bids.statistics` (Find a Tender gives bids, finalStageBids,
    smeFinalStageBids and vcseFinalStageBids per lot, by `relatedLot`). Each release's figures for a
    lot replace those of earlier releases (award notices repeat statistic ids across lots and
    notices, so merging by id would mix lots). A statistic without a lot is under ""."""
    found: dict[str, dict[str, float]] = {}
    for release in releases:
        fresh: dict[str, dict[str, float]] = {}
        for statistic in _l(_d(release.get("bids")).get("statistics")):
            statistic = _d(statistic)
            measure, value = _s(statistic.get("measure")), _number(statistic.get("value"))
            if measure and value is not None:
                fresh.setdefault(_s(statistic.get("relatedLot")), {})[measure] = value
        found.update(fresh)
    return found


def _lot_cpvs(compiled: dict) -> dict[str, list[str]]:
    """CPV codes of each lot's items (tender items, else award items: direct awards list theirs)."""
    found: dict[str, list[str]] = {}
    items = _l(_d(compiled.get("tender")).get("items"))
    for award in _l(compiled.get("awards")):
        items = items + _l(_d(award).get("items"))
    for item in items:
        item = _d(item)
        lot = _s(item.get("relatedLot"))
        for classification in [
            item.get("classification"),
            *_l(item.get("additionalClassifications")),
        ]:
            classification = _d(classification)
            code = _s(classification.get("id"))
            listed = found.setdefault(lot, [])
            if _s(classification.get("scheme")).upper() == "CPV" and code and code not in listed:
                listed.append(code)
    return found


def latest_notice_type(notices: list[NoticeFacts]) -> str:
    """The Procurement Act notice type (UK1..UK17) of the latest release that has one."""
    typed = [n for n in notices if UK_NOTICE.match(n.notice_type)]
    return typed[-1].notice_type if typed else ""


def _any_flag(flags: list) -> bool | None:
    published = [flag for flag in flags if isinstance(flag, bool)]
    return any(published) if published else None


def _postcode(raw) -> str:
    try:
        return normalise_postcode(_s(raw)) if _s(raw) else ""
    except ValueError:
        return ""


def process_facts(ocid: str, releases: list[dict], compiled: dict) -> ProcessFacts:
    """`releases` sorted by date; `compiled` is their ocdsmerge compiled release."""
    tender = _d(compiled.get("tender"))
    planning = _d(compiled.get("planning"))
    buyer_ref = _d(compiled.get("buyer"))
    parties = {_s(p.get("id")): p for p in _l(compiled.get("parties")) if isinstance(p, dict)}
    buyer = buyer_party(compiled)
    buyer_identifier = _d(buyer.get("identifier"))
    notices = [release_facts(release) for release in releases]
    notice_type = latest_notice_type(notices)
    legal_basis = _d(tender.get("legalBasis"))
    lots = [_d(lot) for lot in _l(tender.get("lots"))]
    sme_flags = [_d(lot.get("suitability")).get("sme") for lot in lots] + [
        _d(tender.get("suitability")).get("sme")
    ]
    vcse_flags = [_d(lot.get("suitability")).get("vcse") for lot in lots] + [
        _d(tender.get("suitability")).get("vcse")
    ]
    value = _d(tender.get("value")) or _d(_d(planning.get("budget")).get("amount"))
    tags = {t for r in releases for t in _l(r.get("tag")) if isinstance(t, str)}
    requirements = _d(tender.get("otherRequirements"))
    reserved_location = _d(requirements.get("reservedParticipationLocation"))
    regions, postcodes = _locations(_with_all_items(compiled))
    facts = ProcessFacts(
        ocid=ocid,
        title=_text(tender.get("title")) or _text(planning.get("rationale"))[:300],
        description=_text(tender.get("description")) or _text(planning.get("rationale")),
        buyer_name=_s(buyer_ref.get("name")) or _s(buyer.get("name")),
        buyer_scheme=_s(buyer_identifier.get("scheme")),
        buyer_identifier=_s(buyer_identifier.get("id")),
        buyer_postcode=_s(_d(buyer.get("address")).get("postalCode")).upper(),
        buyer_identifiers=identifiers_of(buyer),
        notice_type=notice_type,
        legal_basis=_s(legal_basis.get("scheme")).upper(),
        legal_basis_id=_s(legal_basis.get("id")),
        phase=_phase(compiled, tags, notice_type),
        tender_status=_s(tender.get("status")),
        procedure=_s(tender.get("procurementMethod")),
        procedure_details=_s(tender.get("procurementMethodDetails")),
        main_category=_s(tender.get("mainProcurementCategory")),
        value=_money(value.get("amount")),
        value_gross=_money(value.get("amountGross")),
        min_value=_money(_d(tender.get("minValue")).get("amount")),
        currency=_s(value.get("currency")),
        tender_start=_date(_d(tender.get("tenderPeriod")).get("startDate")),
        deadline=_date(_d(tender.get("tenderPeriod")).get("endDate")),
        enquiry_end=_date(_d(tender.get("enquiryPeriod")).get("endDate")),
        award_date=_date(_d(tender.get("awardPeriod")).get("startDate")),
        contract_start=_date(_d(tender.get("contractPeriod")).get("startDate")),
        contract_end=_date(_d(tender.get("contractPeriod")).get("endDate")),
        # Find a Tender says it per lot: suitable if any lot (or the whole tender) says so.
        sme_suitable=_any_flag(sme_flags),
        vcse_suitable=_any_flag(vcse_flags),
        reserved_participation=[
            _s(r) for r in _l(requirements.get("reservedParticipation")) if _s(r)
        ],
        reserved_location=_s(reserved_location.get("description"))
        or _s(_d(reserved_location.get("address")).get("region")),
        above_threshold=tender.get("aboveThreshold")
        if isinstance(tender.get("aboveThreshold"), bool)
        else None,
        delivery_regions=regions,
        delivery_postcodes=postcodes,
    )
    if facts.phase == "planned":
        facts.expected_tender_date = facts.tender_start or _date(
            _d(tender.get("communication")).get("futureNoticeDate")
        )
    lot_cpvs = _lot_cpvs(compiled)
    statistics = bid_statistics(releases)
    for lot in lots:
        lot_id = _s(lot.get("id"))
        facts.lots.append(
            LotFacts(
                lot_id,
                _text(lot.get("title")),
                _text(lot.get("description")),
                _money(_d(lot.get("value")).get("amount")),
                _s(lot.get("status")),
                value_gross=_money(_d(lot.get("value")).get("amountGross")),
                cpvs=lot_cpvs.get(lot_id, []) or (lot_cpvs.get("", []) if len(lots) == 1 else []),
                bid_statistics=statistics.pop(lot_id, {}),
            )
        )
    if "" in statistics and len(facts.lots) == 1:
        facts.lots[0].bid_statistics = {**statistics.pop(""), **facts.lots[0].bid_statistics}
    for lot_id, figures in statistics.items():  # statistics of lots the tender does not list
        facts.lots.append(LotFacts(lot_id, "", "", None, "", bid_statistics=figures))
    facts.awarded_value, facts.awarded_value_gross = awarded_values(compiled)
    facts.cpvs = _cpvs(_with_all_items(compiled))
    for release, notice in zip(releases, notices, strict=True):
        facts.notices.append(notice)
        if notice.url:
            facts.notice_url = notice.url
        # The release's own parties describe its suppliers; the compiled ones fill gaps.
        release_parties = {
            **parties,
            **{_s(p.get("id")): p for p in _l(release.get("parties")) if isinstance(p, dict)},
        }
        for award in _l(release.get("awards")):
            award = _d(award)
            value, gross, currency = _value_pair(award.get("value"))
            facts.awards.append(
                AwardFacts(
                    release_id=notice.release_id,
                    award_id=_s(award.get("id")),
                    status=_s(award.get("status")),
                    date=_date(award.get("date")),
                    value=value,
                    suppliers=[
                        _supplier(_d(s), release_parties) for s in _l(award.get("suppliers"))
                    ],
                    value_gross=gross,
                    currency=currency,
                    title=_text(award.get("title")),
                    lots=[_s(lot) for lot in _l(award.get("relatedLots")) if _s(lot)],
                )
            )
        for contract in _l(release.get("contracts")):
            facts.contracts.append(_contract(notice.release_id, _d(contract)))
        for document in _documents(release):
            facts.documents.append(
                DocumentFacts(
                    release_id=notice.release_id,
                    document_id=_s(document.get("id")),
                    document_type=_s(document.get("documentType")),
                    notice_type=_s(document.get("noticeType")),
                    title=_s(document.get("title")) or _s(document.get("description"))[:200],
                    url=_s(document.get("url")),
                    published=_date(document.get("datePublished")),
                )
            )
    dates = [n.published for n in facts.notices if n.published]
    facts.first_published = min(dates) if dates else None
    facts.last_updated = max(dates) if dates else None
    awarded = [a.date for a in facts.awards if a.date]
    if awarded:
        facts.award_date = max(awarded)
    facts.award_conflicts = award_conflicts(releases)
    return facts
