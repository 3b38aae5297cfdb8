"""What AnchorHub needs from one contracting process, taken from its releases and compiled release:
its notices, phase, CPV codes, places, lots and bid statistics, awards and documents (the records
in `fact_records.py`). Pure: plain dicts in, plain dataclasses out; no database."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import orjson

from opportunities.contract_facts import CANCELLED_STATUSES, awarded_values, contract_of, value_pair
from opportunities.fact_records import (
    AwardFacts,
    CpvFacts,
    DocumentFacts,
    LotFacts,
    NoticeFacts,
    ProcessFacts,
    ProcessPhase,
)
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
from opportunities.parties import (
    buyer_party,
    identifiers_of,
    supplier_of,
)
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


EARLIEST = datetime.min.replace(tzinfo=UTC)


def notice_type_of(release: dict) -> str:
    """UK1..UK17 from Document.noticeType (Find a Tender); else the Contracts Finder stage."""
    documents = documents_of(release)
    # Latest by the moment published, read as a date with its offset (not as text: 10:00+01:00
    # is before 09:30Z); a document without a readable date comes first.
    types = [
        (as_date(d.get("datePublished")) or EARLIEST, as_str(d.get("noticeType")))
        for d in documents
        if UK_NOTICE.match(as_str(d.get("noticeType")))
    ]
    own = [
        as_str(d.get("noticeType"))
        for d in documents
        if as_str(d.get("id")) == as_str(release.get("id"))
        and UK_NOTICE.match(as_str(d.get("noticeType")))
    ]
    if own:
        return own[0]
    if types:
        return max(types)[1]
    tags = [t for t in as_list(release.get("tag")) if isinstance(t, str)]
    return STAGE_LABELS.get(tags[-1], tags[-1]) if tags else "Notice"


def release_facts(release: dict) -> NoticeFacts:
    tender = as_dict(release.get("tender"))
    return NoticeFacts(
        release_id=as_str(release.get("id")),
        notice_type=notice_type_of(release),
        published=as_date(release.get("date")),
        title=as_text(tender.get("title"))
        or as_text(as_dict(release.get("planning")).get("rationale"))[:200],
        url=notice_url(release),
    )


def award_conflicts(releases: list[dict]) -> list[str]:
    """Award ids that different releases use for different awards (Find a Tender reuses award ids
    within a process). Merging keeps only the last; every release is kept, and this says where."""
    seen: dict[str, tuple[str, bytes]] = {}
    conflicts = []
    for release in releases:
        for award in as_list(release.get("awards")):
            award = as_dict(award)
            award_id = as_str(award.get("id"))
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
                message = f"award {award_id}: release {seen[award_id][0]} and release {as_str(release.get('id'))} describe different awards"
                if message not in conflicts:
                    conflicts.append(message)
            seen[award_id] = (as_str(release.get("id")), fingerprint)
    return conflicts


def _phase(compiled: dict, tags: set[str], notice_type: str = "") -> ProcessPhase:
    tender = as_dict(compiled.get("tender"))
    status = as_str(tender.get("status"))
    if status in CANCELLED_STATUSES or notice_type == "UK12":
        # UK12, the procurement termination notice, leaves the tender "complete" and the awards
        # "cancelled": the procurement ended without a contract.
        return "cancelled"
    awards = [as_dict(a) for a in as_list(compiled.get("awards"))]
    if (
        awards
        and all(as_str(a.get("status")) in CANCELLED_STATUSES for a in awards)
        and not as_list(compiled.get("contracts"))
    ):
        return "cancelled"
    if any(
        as_str(as_dict(a).get("status")) in {"active", "pending"}
        for a in as_list(compiled.get("awards"))
    ) or as_list(compiled.get("contracts")):
        return "awarded"
    if status == "complete":
        return "awarded"
    if status in {"planning", "planned"} or (tags and tags <= {"planning", "planningUpdate"}):
        return "planned"
    return "tender"


def _with_all_items(compiled: dict) -> dict:
    """The tender with the items of its awards and contracts as well: Find a Tender's award and
    contract notices (UK6, UK7) often classify and place what was bought only there."""
    tender = as_dict(compiled.get("tender"))
    items = list(as_list(tender.get("items")))
    for part in ("awards", "contracts"):
        for entry in as_list(compiled.get(part)):
            items += as_list(as_dict(entry).get("items"))
    return {**tender, "items": items}


def _cpvs(tender: dict) -> list[CpvFacts]:
    found: dict[str, CpvFacts] = {}

    def add(classification, is_main):
        classification = as_dict(classification)
        if as_str(classification.get("scheme")).upper() != "CPV":
            return
        try:
            code, check = split_cpv(as_str(classification.get("id")))
        except ValueError:
            return
        current = found.get(code)
        if current is None or (is_main and not current.is_main):
            found[code] = CpvFacts(code, check or (current.check_digit if current else ""), is_main)
        elif check and not current.check_digit:
            current.check_digit = check

    add(tender.get("classification"), True)
    for item in as_list(tender.get("items")):
        add(as_dict(item).get("classification"), not found)
        for extra in as_list(as_dict(item).get("additionalClassifications")):
            add(extra, False)
    for extra in as_list(tender.get("additionalClassifications")):
        add(extra, False)
    return list(found.values())


def _locations(tender: dict) -> tuple[list[str], list[str]]:
    regions, postcodes = [], []
    addresses = []
    for item in as_list(tender.get("items")):
        item = as_dict(item)
        addresses += [*as_list(item.get("deliveryAddresses")), item.get("deliveryAddress")]
        for location in as_list(item.get("deliveryLocations")):
            addresses.append(as_dict(location).get("address"))
            if as_str(as_dict(location).get("description")):
                regions.append(as_str(as_dict(location).get("description")))
    for address in addresses:
        address = as_dict(address)
        for key in ("region", "locality"):
            if as_str(address.get(key)) and as_str(address.get(key)) not in regions:
                regions.append(as_str(address.get(key)))
        if as_str(address.get("postalCode")) and as_str(address.get("postalCode")) not in postcodes:
            postcodes.append(as_str(address.get("postalCode")).upper())
    return regions, postcodes


def bid_statistics(releases: list[dict]) -> dict[str, dict[str, float]]:
    """{lot id: {measure: value}} from `bids.statistics` (Find a Tender gives bids, finalStageBids,
    smeFinalStageBids and vcseFinalStageBids per lot, by `relatedLot`). Each release's figures for a
    lot replace those of earlier releases (award notices repeat statistic ids across lots and
    notices, so merging by id would mix lots). A statistic without a lot is under ""."""
    found: dict[str, dict[str, float]] = {}
    for release in releases:
        fresh: dict[str, dict[str, float]] = {}
        for statistic in as_list(as_dict(release.get("bids")).get("statistics")):
            statistic = as_dict(statistic)
            measure, value = as_str(statistic.get("measure")), as_number(statistic.get("value"))
            if measure and value is not None:
                fresh.setdefault(as_str(statistic.get("relatedLot")), {})[measure] = value
        found.update(fresh)
    return found


def _lot_cpvs(compiled: dict) -> dict[str, list[str]]:
    """CPV codes of each lot's items (tender items, else award items: direct awards list theirs)."""
    found: dict[str, list[str]] = {}
    items = as_list(as_dict(compiled.get("tender")).get("items"))
    for award in as_list(compiled.get("awards")):
        items = items + as_list(as_dict(award).get("items"))
    for item in items:
        item = as_dict(item)
        lot = as_str(item.get("relatedLot"))
        for classification in [
            item.get("classification"),
            *as_list(item.get("additionalClassifications")),
        ]:
            classification = as_dict(classification)
            code = as_str(classification.get("id"))
            listed = found.setdefault(lot, [])
            if (
                as_str(classification.get("scheme")).upper() == "CPV"
                and code
                and code not in listed
            ):
                listed.append(code)
    return found


def latest_notice_type(notices: list[NoticeFacts]) -> str:
    """The Procurement Act notice type (UK1..UK17) of the latest release that has one."""
    typed = [n for n in notices if UK_NOTICE.match(n.notice_type)]
    return typed[-1].notice_type if typed else ""


def _any_flag(flags: list) -> bool | None:
    published = [flag for flag in flags if isinstance(flag, bool)]
    return any(published) if published else None


def process_facts(ocid: str, releases: list[dict], compiled: dict) -> ProcessFacts:
    """`releases` sorted by date; `compiled` is their ocdsmerge compiled release."""
    tender = as_dict(compiled.get("tender"))
    planning = as_dict(compiled.get("planning"))
    buyer_ref = as_dict(compiled.get("buyer"))
    parties = {
        as_str(p.get("id")): p for p in as_list(compiled.get("parties")) if isinstance(p, dict)
    }
    buyer = buyer_party(compiled)
    buyer_identifier = as_dict(buyer.get("identifier"))
    notices = [release_facts(release) for release in releases]
    notice_type = latest_notice_type(notices)
    legal_basis = as_dict(tender.get("legalBasis"))
    lots = [as_dict(lot) for lot in as_list(tender.get("lots"))]
    sme_flags = [as_dict(lot.get("suitability")).get("sme") for lot in lots] + [
        as_dict(tender.get("suitability")).get("sme")
    ]
    vcse_flags = [as_dict(lot.get("suitability")).get("vcse") for lot in lots] + [
        as_dict(tender.get("suitability")).get("vcse")
    ]
    value = as_dict(tender.get("value")) or as_dict(as_dict(planning.get("budget")).get("amount"))
    tags = {t for r in releases for t in as_list(r.get("tag")) if isinstance(t, str)}
    requirements = as_dict(tender.get("otherRequirements"))
    reserved_location = as_dict(requirements.get("reservedParticipationLocation"))
    regions, postcodes = _locations(_with_all_items(compiled))
    facts = ProcessFacts(
        ocid=ocid,
        title=as_text(tender.get("title")) or as_text(planning.get("rationale"))[:300],
        description=as_text(tender.get("description")) or as_text(planning.get("rationale")),
        buyer_name=as_str(buyer_ref.get("name")) or as_str(buyer.get("name")),
        buyer_scheme=as_str(buyer_identifier.get("scheme")),
        buyer_identifier=as_str(buyer_identifier.get("id")),
        buyer_postcode=as_str(as_dict(buyer.get("address")).get("postalCode")).upper(),
        buyer_identifiers=identifiers_of(buyer),
        notice_type=notice_type,
        legal_basis=as_str(legal_basis.get("scheme")).upper(),
        legal_basis_id=as_str(legal_basis.get("id")),
        phase=_phase(compiled, tags, notice_type),
        tender_status=as_str(tender.get("status")),
        procedure=as_str(tender.get("procurementMethod")),
        procedure_details=as_str(tender.get("procurementMethodDetails")),
        main_category=as_str(tender.get("mainProcurementCategory")),
        value=as_money(value.get("amount")),
        value_gross=as_money(value.get("amountGross")),
        min_value=as_money(as_dict(tender.get("minValue")).get("amount")),
        currency=as_str(value.get("currency")),
        tender_start=as_date(as_dict(tender.get("tenderPeriod")).get("startDate")),
        deadline=as_date(as_dict(tender.get("tenderPeriod")).get("endDate")),
        enquiry_end=as_date(as_dict(tender.get("enquiryPeriod")).get("endDate")),
        award_date=as_date(as_dict(tender.get("awardPeriod")).get("startDate")),
        contract_start=as_date(as_dict(tender.get("contractPeriod")).get("startDate")),
        contract_end=as_date(as_dict(tender.get("contractPeriod")).get("endDate")),
        # Find a Tender says it per lot: suitable if any lot (or the whole tender) says so.
        sme_suitable=_any_flag(sme_flags),
        vcse_suitable=_any_flag(vcse_flags),
        reserved_participation=[
            as_str(r) for r in as_list(requirements.get("reservedParticipation")) if as_str(r)
        ],
        reserved_location=as_str(reserved_location.get("description"))
        or as_str(as_dict(reserved_location.get("address")).get("region")),
        above_threshold=tender.get("aboveThreshold")
        if isinstance(tender.get("aboveThreshold"), bool)
        else None,
        delivery_regions=regions,
        delivery_postcodes=postcodes,
    )
    if facts.phase == "planned":
        facts.expected_tender_date = facts.tender_start or as_date(
            as_dict(tender.get("communication")).get("futureNoticeDate")
        )
    lot_cpvs = _lot_cpvs(compiled)
    statistics = bid_statistics(releases)
    for lot in lots:
        lot_id = as_str(lot.get("id"))
        facts.lots.append(
            LotFacts(
                lot_id,
                as_text(lot.get("title")),
                as_text(lot.get("description")),
                as_money(as_dict(lot.get("value")).get("amount")),
                as_str(lot.get("status")),
                value_gross=as_money(as_dict(lot.get("value")).get("amountGross")),
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
            **{
                as_str(p.get("id")): p
                for p in as_list(release.get("parties"))
                if isinstance(p, dict)
            },
        }
        for award in as_list(release.get("awards")):
            award = as_dict(award)
            award_value, gross, currency = value_pair(award.get("value"))
            facts.awards.append(
                AwardFacts(
                    release_id=notice.release_id,
                    award_id=as_str(award.get("id")),
                    status=as_str(award.get("status")),
                    date=as_date(award.get("date")),
                    value=award_value,
                    suppliers=[
                        supplier_of(as_dict(s), release_parties)
                        for s in as_list(award.get("suppliers"))
                    ],
                    value_gross=gross,
                    currency=currency,
                    title=as_text(award.get("title")),
                    lots=[as_str(lot) for lot in as_list(award.get("relatedLots")) if as_str(lot)],
                )
            )
        for contract in as_list(release.get("contracts")):
            facts.contracts.append(contract_of(notice.release_id, as_dict(contract)))
        for document in documents_of(release):
            facts.documents.append(
                DocumentFacts(
                    release_id=notice.release_id,
                    document_id=as_str(document.get("id")),
                    document_type=as_str(document.get("documentType")),
                    notice_type=as_str(document.get("noticeType")),
                    title=as_str(document.get("title"))
                    or as_str(document.get("description"))[:200],
                    url=as_str(document.get("url")),
                    published=as_date(document.get("datePublished")),
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
