"""A register entry a payee may be (suppliers/register_candidates.py): the candidate, how the
evidence names the entry, which entries are companies or charities, and when names agree. Pure."""

import dataclasses

import polars as pl
import pytest

from suppliers.register_candidates import (
    Candidate,
    describe,
    entry_rows,
    is_charity,
    is_company,
    names_agree,
)
from tests.suppliers.register_entries import ENTRIES, entry

# Moved from tests/suppliers/test_matching.py.


def test_describe():
    assert describe(ENTRIES[1]) == "the NHS trust RBK at WS2 9PS"
    assert describe(ENTRIES[2]) == "Companies House's ACME WIDGETS LIMITED (01234567) at B1 1AA"


# Direct tests.


def test_describe_names_each_kind_of_entry():
    charity = entry(1, "oscr", "SC012345", "Hope Foodbank")
    assert describe(charity) == "the charity Hope Foodbank (SC012345)"
    # a company or charity by its scheme, in a register that gives no kind
    by_scheme = {"register": "other", "identifier": "07000007", "name": "OAK LTD"}
    assert describe({**by_scheme, "scheme": "GB-COH"}) == "Companies House's OAK LTD (07000007)"
    assert describe({**by_scheme, "scheme": "GB-CHC"}) == "the charity OAK LTD (07000007)"
    # ...but by its kind when the register gives one
    academy = entry(2, "academy-trusts", "07000007", "Oak Academy Trust", scheme="GB-COH")
    assert describe({**academy, "kind": "Academy trust"}) == "the academy trust 07000007"
    # a public body by its identifier, a register without identifiers by the name
    assert describe(entry(3, "nhs-trusts", "RJC", "X TRUST")) == "the nhs trusts RJC"
    assert (
        describe(entry(4, "public-bodies", "sha1:ab", "Arts Council", kind="NDPB"))
        == "the NDPB Arts Council"
    )
    private = entry(5, "gp-practices", "M1", "The Surgery", sector="private", kind="GP practice")
    assert (
        describe({**private, "postcode": "B1 1AA"}) == "the GP practice The Surgery (M1) at B1 1AA"
    )


def test_is_company_and_is_charity():
    assert is_company({"register": "companies-house"}) and is_company({"scheme": "GB-COH"})
    assert not is_company({"register": "charities", "scheme": "GB-CHC"})
    for scheme in ("GB-CHC", "GB-SC", "GB-NIC"):
        assert is_charity({"scheme": scheme})
    for register in ("charity-commission", "charities", "charity-commission-ni", "oscr"):
        assert is_charity({"register": register})
    assert not is_charity({"register": "companies-house", "scheme": "GB-COH"})
    assert not is_company({}) and not is_charity({})


def test_names_agree_on_a_word_that_is_not_a_legal_form():
    assert names_agree("Acme Ltd", {"normalised_name": "acme widgets"})
    assert not names_agree("Acme Ltd", {"normalised_name": "widgets"})
    # one-letter words do not count, and an entry without a name agrees with nothing
    assert not names_agree("A B", {"normalised_name": "a b"})
    assert not names_agree("Acme", {})
    assert not names_agree("", {"normalised_name": "acme"})


def test_entry_rows_by_id():
    entries = pl.DataFrame([entry(1, "schools", "1", "One"), entry(2, "schools", "2", "Two")])
    rows = entry_rows(entries, [2, 2, 9])
    assert list(rows) == [2] and rows[2]["name"] == "Two"
    assert entry_rows(entries, []) == {}


def test_a_candidate_is_frozen_and_ranked_first_unless_told():
    candidate = Candidate(1, 2, 0.5, "why")
    assert candidate.rank == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        candidate.rank = 2  # type: ignore[misc]
