"""parties.py: a process's buyer and suppliers as published. No database."""

import pytest

from opportunities.fact_records import SupplierFacts
from opportunities.parties import (
    buyer_party,
    identifier_in,
    identifiers_of,
    postcode_of,
    supplier_of,
)

PPON = {"scheme": "GB-PPON", "id": "PABC-1234-DEFG"}
COH = {"scheme": "GB-COH", "id": "01234567"}


def test_identifiers_identifier_first_then_additional_once_each():
    party = {
        "identifier": {"scheme": "gb-ppon", "id": " PABC-1234-DEFG "},
        "additionalIdentifiers": [
            {"scheme": "GB-COH", "id": "01234567"},
            {"scheme": "GB-PPON", "id": "PABC-1234-DEFG"},  # the same again
            {"scheme": "GB-CHC"},  # no id
            {"id": "123"},  # no scheme
            "not an identifier",
        ],
    }
    assert identifiers_of(party) == [PPON, COH]
    assert identifiers_of({}) == []
    assert identifiers_of({"additionalIdentifiers": [COH]}) == [COH]
    assert identifiers_of({"identifier": {"scheme": "GB-COH", "id": 1234}}) == [
        {"scheme": "GB-COH", "id": "1234"}
    ]


def test_identifier_in():
    assert identifier_in([PPON, COH], "GB-COH") == "01234567"
    assert identifier_in([PPON, COH], "GB-PPON") == "PABC-1234-DEFG"
    assert identifier_in([PPON], "GB-COH") == ""
    assert identifier_in([], "GB-PPON") == ""


def test_supplier_from_its_party():
    parties = {
        "S1": {
            "name": "Party name",
            "identifier": {"scheme": "GB-COH", "id": "01234567", "legalName": "Legal Ltd"},
            "additionalIdentifiers": [PPON],
            "details": {"scale": "sme", "vcse": False},
            "address": {"postalCode": "b55se"},
        }
    }
    assert supplier_of({"id": "S1", "name": "Green Spaces Ltd"}, parties) == SupplierFacts(
        name="Green Spaces Ltd",
        scheme="GB-COH",
        identifier="01234567",
        scale="sme",
        vcse=False,
        postcode="B5 5SE",
        identifiers=[COH, PPON],
    )
    # the reference names no one: the party's name, else its legal name
    assert supplier_of({"id": "S1"}, parties).name == "Party name"
    del parties["S1"]["name"]
    assert supplier_of({"id": "S1"}, parties).name == "Legal Ltd"


def test_supplier_without_a_party():
    supplier = supplier_of({"id": "S9", "name": "Unknown Ltd"}, {})
    assert supplier == SupplierFacts("Unknown Ltd", "", "", "", None)
    assert supplier_of({}, {}).name == ""


@pytest.mark.parametrize(("vcse", "read"), [(True, True), (False, False), ("yes", None), (1, None)])
def test_vcse_only_when_published_as_true_or_false(vcse, read):
    parties = {"S1": {"details": {"vcse": vcse}}}
    assert supplier_of({"id": "S1"}, parties).vcse is read


def test_buyer_named_by_buyer():
    buyer = {"id": "B1", "name": "Walsall Council"}
    other = {"id": "B2", "name": "Other", "roles": ["buyer"]}
    assert buyer_party({"buyer": {"id": "B1"}, "parties": [other, buyer]}) is buyer


def test_buyer_named_by_buyer_id_text_number_or_list():
    buyer = {"id": "7", "name": "Walsall Council"}
    role = {"id": "8", "roles": ["buyer"]}
    for ids in ("7", 7, ["nobody", 7]):
        assert buyer_party({"buyerID": ids, "parties": [role, buyer]}) is buyer, ids
    # a buyer naming a party that is not there: buyerID next
    assert buyer_party({"buyer": {"id": "9"}, "buyerID": "7", "parties": [role, buyer]}) is buyer


def test_buyer_is_else_the_first_party_with_the_buyer_role():
    first = {"id": "P1", "roles": ["supplier"]}
    buyer = {"id": "P2", "roles": ["buyer", "processContactPoint"]}
    later = {"id": "P3", "roles": ["buyer"]}
    assert buyer_party({"buyerID": [{"id": "P3"}], "parties": [first, buyer, later]}) is buyer
    assert buyer_party({"buyer": {"id": "P1"}, "parties": [{"roles": ["buyer"]}, first]}) is first
    # parties without an id can still be the buyer by role
    assert buyer_party({"parties": [{"name": "No id", "roles": ["buyer"]}]}) == {
        "name": "No id",
        "roles": ["buyer"],
    }


def test_no_buyer():
    assert buyer_party({}) == {}
    assert (
        buyer_party({"buyer": {"id": "B1"}, "parties": [{"id": "S", "roles": ["supplier"]}]}) == {}
    )
    assert buyer_party({"buyer": "B1", "parties": "none"}) == {}
    assert buyer_party({"parties": ["not a party", {"id": "X", "roles": "buyer"}]}) == {}


@pytest.mark.parametrize(
    ("raw", "postcode"),
    [("ws1 1tp", "WS1 1TP"), (" B5 5SE ", "B5 5SE"), ("not a postcode", ""), ("", ""), (None, "")],
)
def test_postcodes(raw, postcode):
    assert postcode_of(raw) == postcode
