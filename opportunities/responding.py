"""How a supplier responds to a notice, and what happened once it has ended: taken from the compiled
release (as published) and the process's stored facts. Pure: dicts and model attributes in, plain
dataclasses out; the codes are put into words from `data/notice_model.json`."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime

from opportunities.notice_model import notice_names, words
from opportunities.ocds_values import as_date, as_dict, as_list, as_str, as_text
from opportunities.parties import buyer_party, identifier_in
from reference import places


def outside_link(url) -> str:
    """A link a page may show for a buyer's own address: http(s) only, or a bare host such as
    "www.the-chest.org.uk" (as notices often give it) made https; anything else (javascript:,
    data:, e-mail addresses, text) gives "" and is shown as text."""
    text = as_str(url)
    if not text or any(c.isspace() or ord(c) < 32 or c in '\\"<>' for c in text):
        return ""
    if "://" not in text:
        if "@" in text or "." not in text.split("/")[0]:
            return ""
        text = f"https://{text}"
    try:
        parts = urllib.parse.urlsplit(text)
        host = parts.hostname
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not host or "." not in host or parts.username:
        return ""
    return text


@dataclass
class Contact:
    organisation: str
    name: str = ""
    email: str = ""
    telephone: str = ""
    url: str = ""
    address: str = ""


@dataclass
class Criterion:
    kind: str  # suitability, economic, technical... or "award"
    description: str
    lot: str = ""  # the lot's id, "" for the whole procurement


@dataclass
class Response:
    """Everything a notice says about how to take part."""

    submission_methods: list[str] = field(default_factory=list)
    submission_details: str = ""  # as published: an address, a tender system's name or link
    submission_link: str = ""
    electronic_submission: str = ""
    languages: list[str] = field(default_factory=list)
    bid_validity_days: int | None = None
    expression_of_interest_deadline: datetime | None = None
    second_stage_invitation: datetime | None = None
    bid_opening: datetime | None = None
    tool_link: str = ""  # communication.atypicalToolUrl: where the buyer runs the procurement
    fees: list[str] = field(default_factory=list)
    selection: list[Criterion] = field(default_factory=list)
    award_criteria: list[Criterion] = field(default_factory=list)
    reserved: list[str] = field(default_factory=list)
    reserved_location: str = ""
    contract_terms: list[str] = field(default_factory=list)
    contact: Contact | None = None

    @property
    def says_how(self) -> bool:
        return bool(
            self.submission_methods
            or self.submission_details
            or self.electronic_submission
            or self.tool_link
        )


LANGUAGES = {"en": "English", "cy": "Welsh", "gd": "Scottish Gaelic", "ga": "Irish"}


def _contact(compiled: dict) -> Contact | None:
    """The published contact point: the party with the processContactPoint role, else the buyer."""
    parties = [p for p in as_list(compiled.get("parties")) if isinstance(p, dict)]
    party = next((p for p in parties if "processContactPoint" in as_list(p.get("roles"))), None)
    party = party or buyer_party(compiled)
    if not party:
        return None
    point = as_dict(party.get("contactPoint"))
    address = as_dict(party.get("address"))
    details = as_dict(party.get("details"))
    contact = Contact(
        organisation=as_text(party.get("name")),
        name=as_text(point.get("name")),
        email=as_str(point.get("email")),
        telephone=as_str(point.get("telephone")),
        url=outside_link(point.get("url")) or outside_link(details.get("url")),
        address=", ".join(
            as_text(address.get(key))
            for key in ("streetAddress", "locality", "postalCode")
            if as_str(address.get(key))
        ),
    )
    return contact if any((contact.email, contact.telephone, contact.url, contact.name)) else None


def _fee(fee: dict) -> str:
    kinds = [
        words("participation_fee_types", as_str(k)) for k in as_list(fee.get("type")) if as_str(k)
    ]
    text = " and ".join(kinds) or "a fee"
    share = as_dict(fee.get("relativeValue")).get("proportion")
    if isinstance(share, int | float) and not isinstance(share, bool) and 0 < share < 1:
        text += f" of {share * 100:g}% of the contract's value"
    description = as_text(fee.get("description"))
    return f"{text[0].upper()}{text[1:]}" + (f": {description}" if description else "")


def _criteria(holder: dict, lot: str) -> list[Criterion]:
    found = []
    for criterion in as_list(as_dict(holder.get("selectionCriteria")).get("criteria")):
        criterion = as_dict(criterion)
        description = as_text(criterion.get("description"))
        minimum = as_text(criterion.get("minimum"))
        if minimum and minimum != description:
            description = f"{description} (minimum: {minimum})" if description else minimum
        if description:
            found.append(Criterion(as_str(criterion.get("type")), description, lot))
    return found


def response_of(compiled: dict) -> Response:
    tender = as_dict(compiled.get("tender"))
    terms = as_dict(tender.get("submissionTerms"))
    requirements = as_dict(tender.get("otherRequirements"))
    location = as_dict(requirements.get("reservedParticipationLocation"))
    details = as_text(tender.get("submissionMethodDetails"))
    validity = as_dict(terms.get("bidValidityPeriod")).get("durationInDays")
    response = Response(
        submission_methods=[
            words("submission_methods", as_str(m))
            for m in as_list(tender.get("submissionMethod"))
            if as_str(m)
        ],
        submission_details=details,
        submission_link=outside_link(details),
        electronic_submission=words(
            "electronic_submission_policies", as_str(terms.get("electronicSubmissionPolicy"))
        )
        if as_str(terms.get("electronicSubmissionPolicy"))
        else "",
        languages=[
            LANGUAGES.get(as_str(code), as_str(code)) for code in as_list(terms.get("languages"))
        ],
        bid_validity_days=validity
        if isinstance(validity, int) and not isinstance(validity, bool) and 0 < validity < 10_000
        else None,
        expression_of_interest_deadline=as_date(tender.get("expressionOfInterestDeadline")),
        second_stage_invitation=as_date(as_dict(tender.get("secondStage")).get("invitationDate")),
        bid_opening=as_date(as_dict(tender.get("bidOpening")).get("date")),
        tool_link=outside_link(as_dict(tender.get("communication")).get("atypicalToolUrl")),
        fees=[_fee(as_dict(fee)) for fee in as_list(tender.get("participationFees"))],
        reserved=[
            words("reserved_participation", as_str(code))
            for code in as_list(requirements.get("reservedParticipation"))
            if as_str(code)
        ],
        reserved_location=place_words(location),
        contract_terms=[
            as_text(value)
            for key, value in as_dict(tender.get("contractTerms")).items()
            if key in ("financialTerms", "performanceTerms", "otherTerms") and as_text(value)
        ],
        contact=_contact(compiled),
    )
    response.selection = _criteria(tender, "")
    for lot in as_list(tender.get("lots")):
        lot = as_dict(lot)
        lot_id = as_str(lot.get("id"))
        response.selection += _criteria(lot, lot_id)
        award = as_text(as_dict(lot.get("awardCriteria")).get("description"))
        if award:
            response.award_criteria.append(Criterion("award", award, lot_id))
    award = as_text(as_dict(tender.get("awardCriteria")).get("description"))
    if award:
        response.award_criteria.insert(0, Criterion("award", award, ""))
    return response


def _area_name(code: str) -> str:
    """An ONS GSS code in words: the groupings and regions of the data file, then any council or
    nation the place register knows (E08000030, Walsall); else the code itself."""
    named = words("ons_areas", code)
    return named if named != code else places.name_of(code)


def place_words(location: dict) -> str:
    """Where suppliers must be based: the published description, else the gazetteer's areas in
    words (ONS GSS codes such as K02000001, the United Kingdom), else the codes as published."""
    description = as_text(location.get("description"))
    if description:
        return description
    gazetteer = as_dict(location.get("gazetteer"))
    codes = [as_str(code) for code in as_list(gazetteer.get("identifiers")) if as_str(code)]
    names = [_area_name(code.upper()) for code in codes]
    shown = [
        name
        if name != code.upper()
        else f"the area with {as_str(gazetteer.get('scheme')) or 'code'} {code}"
        for name, code in zip(names, codes, strict=True)
    ]
    return " or ".join(shown)


@dataclass
class Change:
    """One published change to a contract (UK10 and updates): why, what, when."""

    contract: str
    date: datetime | None
    rationale: str
    description: str
    reasons: list[str]


@dataclass
class Ending:
    """A contract's end as published (UK11): when, why, the final value."""

    contract: str
    end: datetime | None
    reasons: list[str]
    details: str
    final_value: float | None
    final_value_gross: float | None


def _amount(value) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value) if value < 1e15 else None
    return None


def _reasons(section: str, classifications) -> list[str]:
    return [
        words(section, as_str(as_dict(entry).get("id")))
        for entry in as_list(classifications)
        if as_str(as_dict(entry).get("id"))
    ]


def changes_of(compiled: dict) -> list[Change]:
    """Every amendment of every contract of the compiled release, oldest first."""
    found = []
    for contract in as_list(compiled.get("contracts")):
        contract = as_dict(contract)
        for amendment in as_list(contract.get("amendments")):
            amendment = as_dict(amendment)
            change = Change(
                contract=as_text(contract.get("title")) or as_str(contract.get("id")),
                date=as_date(amendment.get("date")),
                rationale=as_text(amendment.get("rationale")),
                description=as_text(amendment.get("description")),
                reasons=_reasons("amendment_rationales", amendment.get("rationaleClassifications")),
            )
            if change.rationale or change.description or change.reasons:
                found.append(change)
    return sorted(found, key=lambda c: (c.date is None, c.date or datetime.min))  # noqa: DTZ901 (compared only when both dates are missing)


def endings_of(compiled: dict) -> list[Ending]:
    """The contracts the buyer published as ended (status terminated, or an end recorded in
    `implementation` with a termination reason)."""
    found = []
    for contract in as_list(compiled.get("contracts")):
        contract = as_dict(contract)
        implementation = as_dict(contract.get("implementation"))
        reasons = _reasons(
            "termination_reasons", contract.get("terminationRationaleClassifications")
        )
        if as_str(contract.get("status")) != "terminated" and not reasons:
            continue
        final = as_dict(implementation.get("finalValue"))
        found.append(
            Ending(
                contract=as_text(contract.get("title")) or as_str(contract.get("id")),
                end=as_date(implementation.get("endDate")),
                reasons=reasons,
                details=as_text(contract.get("statusDetails")),
                final_value=_amount(final.get("amount")),
                final_value_gross=_amount(final.get("amountGross")),
            )
        )
    return found


def time_left(deadline: datetime | None, now: datetime) -> str:
    """'12 days left', '5 hours left', 'closed 3 days ago'."""
    if deadline is None:
        return ""
    seconds = (deadline - now).total_seconds()
    if seconds < 0:
        days = int(-seconds // 86400)
        return "closed today" if days == 0 else f"closed {days} day{'s' * (days != 1)} ago"
    if seconds < 86400:
        hours = max(1, int(seconds // 3600))
        return f"{hours} hour{'s' * (hours != 1)} left"
    days = int(seconds // 86400)
    return f"{days} day{'s' * (days != 1)} left"


def notice_label(notice_type: str) -> str:
    name = notice_names().get(notice_type)
    return f"{name} ({notice_type})" if name else notice_type


def identifiers_text(identifiers: list[dict]) -> str:
    """'PPON PABC-1234-DEFG, Companies House 01234567' for the identifiers a page shows."""
    parts = []
    for scheme, label in (("GB-PPON", "PPON"), ("GB-COH", "Companies House")):
        if value := identifier_in(identifiers, scheme):
            parts.append(f"{label} {value}")
    return ", ".join(parts)
