"""The buyer and the suppliers of a process as published: parties, their identifiers and postcodes.
Pure."""

from __future__ import annotations

from opportunities.fact_records import (
    SupplierFacts,
)
from opportunities.ocds_values import (
    as_dict,
    as_list,
    as_str,
)
from reference.postcodes import normalise_postcode


def identifiers_of(party: dict) -> list[dict]:
    """Every identifier of a party, its `identifier` first then `additionalIdentifiers`, once each:
    [{"scheme": "GB-PPON", "id": "PABC-1234-DEFG"}, {"scheme": "GB-COH", "id": "01234567"}]."""
    found = []
    for entry in [party.get("identifier"), *as_list(party.get("additionalIdentifiers"))]:
        entry = as_dict(entry)
        scheme, identifier = as_str(entry.get("scheme")).upper(), as_str(entry.get("id"))
        if scheme and identifier and {"scheme": scheme, "id": identifier} not in found:
            found.append({"scheme": scheme, "id": identifier})
    return found


def identifier_in(identifiers: list[dict], scheme: str) -> str:
    """The identifier of `scheme` (GB-PPON, GB-COH) among a party's identifiers, else ""."""
    return next((i["id"] for i in identifiers if i.get("scheme") == scheme), "")


def supplier_of(reference: dict, parties: dict[str, dict]) -> SupplierFacts:
    party = parties.get(as_str(reference.get("id")), {})
    identifier = as_dict(party.get("identifier"))
    details = as_dict(party.get("details"))
    vcse = details.get("vcse")
    return SupplierFacts(
        name=as_str(reference.get("name"))
        or as_str(party.get("name"))
        or as_str(identifier.get("legalName")),
        scheme=as_str(identifier.get("scheme")),
        identifier=as_str(identifier.get("id")),
        scale=as_str(details.get("scale")),
        vcse=vcse if isinstance(vcse, bool) else None,
        postcode=postcode_of(as_dict(party.get("address")).get("postalCode")),
        identifiers=identifiers_of(party),
    )


def buyer_party(compiled: dict) -> dict:
    """The buyer's party: the one `buyer` names, else the one `buyerID` names, else the first party
    with the `buyer` role (Find a Tender's termination and performance notices carry no `buyer`)."""
    parties = [p for p in as_list(compiled.get("parties")) if isinstance(p, dict)]
    by_id = {as_str(p.get("id")): p for p in parties if as_str(p.get("id"))}
    buyer_id = as_str(as_dict(compiled.get("buyer")).get("id"))
    if buyer_id in by_id:
        return by_id[buyer_id]
    ids = compiled.get("buyerID")
    for candidate in ids if isinstance(ids, list) else [ids]:
        if isinstance(candidate, str | int) and as_str(candidate) in by_id:
            return by_id[as_str(candidate)]
    return next((p for p in parties if "buyer" in as_list(p.get("roles"))), {})


def postcode_of(raw) -> str:
    try:
        return normalise_postcode(as_str(raw)) if as_str(raw) else ""
    except ValueError:
        return ""
