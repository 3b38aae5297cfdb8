"""The register matcher (suppliers/matching.py): which entry each payee is, the probability and the
evidence people read. Pure: tables in, placements out."""

import copy

import pytest

from core import datafiles
from suppliers import matching
from suppliers.matching import decide, load_rules, match
from suppliers.names import normalise_name
from suppliers.register_candidates import describe

RULES = load_rules()


def entry(id, register, identifier, name, **extra):
    return {
        "id": id,
        "register": register,
        "identifier": identifier,
        "name": name,
        "normalised_name": normalise_name(name),
        "postcode": extra.pop("postcode", ""),
        "sector": extra.pop("sector", "private" if register == "companies-house" else "public"),
        "kind": extra.pop("kind", ""),
        "is_active": extra.pop("is_active", True),
        **extra,
    }


ENTRIES = [
    entry(1, "companies-house", "05152563", "REDSPEED INTERNATIONAL LIMITED", postcode="WR9 9AS"),
    entry(
        2, "nhs-ods", "RBK", "WALSALL HEALTHCARE NHS TRUST", postcode="WS2 9PS", kind="NHS trust"
    ),
    entry(3, "companies-house", "01234567", "ACME WIDGETS LIMITED", postcode="B1 1AA"),
    entry(4, "local-authorities", "E08000030", "Walsall Council", kind="metropolitan district"),
    entry(5, "companies-house", "09999999", "WALSALL COUNCIL LIMITED"),
    entry(6, "companies-house", "07777777", "SMITH PLUMBING LTD"),
    entry(7, "companies-house", "08000001", "HILLTOP CATERING LIMITED", postcode="B2 2BB"),
    entry(8, "companies-house", "08000002", "HILLTOP CATERING LTD", postcode="CV1 1AA"),
    entry(9, "companies-house", "08000003", "RIVERSIDE CLEANING LIMITED", is_active=False),
    entry(10, "companies-house", "08000004", "RIVERSIDE CLEANING LTD"),
    entry(11, "charity-commission", "1123456", "Hope Foodbank", postcode="WS1 1AA"),
    entry(12, "companies-house", "08000005", "NORTHERN LIGHTS ELECTRICAL LIMITED"),
    entry(13, "companies-house", "08000006", "BRIGHT HORIZON NURSERIES LIMITED"),
]


def payee(id, name, number="", charity="", postcode=""):
    return {
        "payee_id": id,
        "buyer_id": 1,
        "name": name,
        "company_number": number,
        "charity_number": charity,
        "postcode": postcode,
    }


def placed(*payees, entries=ENTRIES, aliases=None, rules=None):
    result = match(list(payees), entries, aliases, rules)
    return {p.payee_id: p for p in result.placements}, result


def test_a_company_number_in_the_file_with_zeros_restored():
    found, _ = placed(payee(1, "Redspeed International Ltd", "5152563"))
    assert (found[1].status, found[1].entry_id, found[1].step) == ("matched", 1, "identifier")
    assert found[1].probability == RULES["identifier"]["names_agree"]["value"]
    assert found[1].evidence == (
        "company number 05152563 in the buyer's file is Companies House's REDSPEED "
        "INTERNATIONAL LIMITED (05152563) at WR9 9AS; leading zeros restored: 5152563 → 05152563"
    )


def test_a_number_whose_register_name_differs_goes_to_review():
    found, _ = placed(payee(1, "Totally Different Trading", "05152563"))
    assert (found[1].status, found[1].entry_id) == ("suggested", 1)
    assert "whose name differs" in found[1].evidence


def test_a_postcode_in_the_number_column_is_ignored_and_said():
    found, _ = placed(payee(1, "Redspeed International Ltd", "HX48LZ"))
    # Found by its name instead, and the evidence says why the number was not used.
    assert (found[1].status, found[1].entry_id, found[1].step) == ("matched", 1, "exact")
    assert found[1].evidence.endswith(
        "; 'HX4 8LZ' in the company number column is a postcode, not a number"
    )


def test_a_charity_number():
    found, _ = placed(payee(1, "Hope Foodbank CIO", charity="1123456"))
    assert (found[1].status, found[1].entry_id) == ("matched", 11)
    assert found[1].evidence.startswith(
        "charity number 1123456 in the buyer's file is the charity Hope Foodbank (1123456)"
    )


def test_exact_names_and_hints():
    found, result = placed(
        payee(1, "WALSALL HEALTHCARE NHS TRUST 001"),
        payee(2, "J Smith t/a Smith Plumbing"),
        payee(3, "The Acme Widgets Ltd."),
    )
    assert found[1].evidence == (
        "name matches the NHS trust RBK at WS2 9PS after removing the code '001'"
    )
    assert found[1].probability == RULES["exact"]["hint"]["value"]
    assert found[2].entry_id == 6 and found[2].evidence.endswith("after using the name after 't/a'")
    assert (found[3].status, found[3].entry_id) == ("matched", 3)
    assert found[3].probability == RULES["exact"]["name"]["value"]
    assert result.steps == {"identifier": 0, "exact": 3, "fuzzy": 0}


def test_a_public_body_wins_over_a_same_named_company_only_when_the_name_says_so():
    found, _ = placed(payee(1, "Walsall Council"))
    assert (found[1].status, found[1].entry_id) == ("matched", 4)
    assert found[1].evidence == (
        "name matches the metropolitan district E08000030; 2 register entries have this name, "
        "and the name says it is a public body ('council')"
    )
    # Without a public word in the name the public entry does not win.
    entries = [
        entry(1, "companies-house", "01000001", "ORBIT LIMITED"),
        entry(2, "social-housing", "L0001", "Orbit", kind="housing association"),
    ]
    found, _ = placed(payee(1, "Orbit"), entries=entries)
    assert found[1].status == "suggested"


def test_several_entries_of_one_name_a_postcode_or_the_only_active_one_picks():
    found, result = placed(
        payee(1, "Hilltop Catering", postcode="CV1 1AA"),
        payee(2, "Hilltop Catering"),
        payee(3, "Riverside Cleaning"),
    )
    assert (found[1].status, found[1].entry_id) == ("matched", 8)
    assert "the payee's postcode CV1 1AA is its" in found[1].evidence
    assert found[2].status == "suggested"  # two equal candidates: a person decides
    assert {c.entry_id for c in result.candidates if c.payee_id == 2} == {7, 8}
    assert (found[3].status, found[3].entry_id) == ("suggested", 10)
    assert found[3].probability == RULES["exact"]["only_active"]["value"]


def test_aliases():
    found, _ = placed(
        payee(1, "Walsall MBC"),
        aliases=[{"entry_id": 4, "normalised_name": "walsall mbc", "name": "Walsall MBC"}],
    )
    assert (found[1].status, found[1].entry_id) == ("matched", 4)
    assert "(the name it is also known by: Walsall MBC)" in found[1].evidence


def test_probabilistic_matches_true_and_false():
    found, result = placed(
        payee(1, "Northern Lights Electrical Contractors"),  # a word more: to review
        payee(2, "Brigth Horizon Nurseries"),  # a slip of spelling: matched
        payee(3, "Northern Rail"),  # shares a word only: no candidate kept
        payee(4, "Nowhere Bakery"),
    )
    assert (found[1].status, found[1].entry_id, found[1].step) == ("suggested", 12, "fuzzy")
    assert found[1].evidence.startswith(
        "name is close to Companies House's NORTHERN LIGHTS ELECTRICAL LIMITED (08000005): "
        "spelling "
    )
    assert (found[2].status, found[2].entry_id) == ("matched", 13)
    assert "3 of 3 words alike" in found[2].evidence
    assert found[3].status == "unmatched" and found[3].entry_id is None
    assert found[4].status == "unmatched"
    assert [c.rank for c in result.candidates if c.payee_id == 1] == [1]


def test_thresholds_are_data():
    rules = copy.deepcopy(RULES)
    rules["thresholds"]["matched"]["value"] = 0.999
    found, _ = placed(payee(1, "Acme Widgets Ltd"), rules=rules)
    assert found[1].status == "suggested"  # 0.97 is no longer certain
    rules["thresholds"]["review"]["value"] = 0.98
    found, result = placed(payee(1, "Acme Widgets Ltd"), rules=rules)
    assert found[1].status == "unmatched" and not result.candidates


@pytest.mark.parametrize(
    ("probabilities", "status"),
    [
        ([0.99], "matched"),
        ([0.99, 0.95], "suggested"),
        ([0.99, 0.5], "matched"),
        ([0.2], "unmatched"),
    ],
)
def test_decide(probabilities, status):
    from suppliers.register_candidates import Candidate

    candidates = [Candidate(1, i, p, "e") for i, p in enumerate(probabilities)]
    assert decide(1, candidates, RULES).status == status


def test_describe():
    assert describe(ENTRIES[1]) == "the NHS trust RBK at WS2 9PS"
    assert describe(ENTRIES[2]) == "Companies House's ACME WIDGETS LIMITED (01234567) at B1 1AA"


def test_every_rule_says_why():
    for group in ("thresholds", "identifier", "exact"):
        for name, rule in RULES[group].items():
            assert rule["reason"], name
    file = datafiles.read(matching.RULES)
    assert file.version and file.source


def test_identifiers_written_with_their_scheme_and_one_organisation_in_two_registers():
    entries = [
        entry(1, "charities", "GB-CHC-1123456", "HOPE FOODBANK", scheme="GB-CHC"),
        entry(2, "companies-house", "07000007", "OAK ACADEMY TRUST", scheme="GB-COH"),
        entry(
            3,
            "academy-trusts",
            "07000007",
            "Oak Academy Trust",
            scheme="GB-COH",
            kind="Academy trust",
        ),
    ]
    found, _ = placed(
        payee(1, "Hope Foodbank", charity="1123456"),
        payee(2, "Oak Academy Trust", number="7000007"),
        entries=entries,
    )
    assert (found[1].status, found[1].entry_id) == ("matched", 1)
    # The register that says more of it than Companies House does, and no doubt between them.
    assert (found[2].status, found[2].entry_id) == ("matched", 3)
    assert found[2].evidence.startswith(
        "company number 07000007 in the buyer's file is the academy trust 07000007"
    )


def test_one_organisation_in_several_registers_is_taken_once():
    entries = [
        entry(
            1,
            "public-sector-classification",
            "sha1:abc",
            "Durham County Council",
            kind="Local Government",
        ),
        entry(2, "local-authorities", "DUR", "Durham County Council", kind="unitary authority"),
        entry(3, "government-organisations", "sha1:def", "Durham County Council"),
    ]
    found, _ = placed(payee(1, "Durham County Council"), entries=entries)
    assert (found[1].status, found[1].entry_id) == ("matched", 2)
    assert found[1].evidence == (
        "name matches the unitary authority DUR; 3 register entries have this name, "
        "and each is in another register"
    )
    assert describe(entries[0]) == "the local government Durham County Council"
    # Two schools of one name in one register stay a question for a person.
    schools = [
        entry(1, "schools", "104274", "Old Hall School", postcode="WS2 7LU"),
        entry(2, "schools", "104999", "Old Hall School", postcode="TF1 1AA"),
    ]
    found, _ = placed(payee(1, "Old Hall School"), entries=schools)
    assert found[1].status == "suggested"


def test_an_ods_code_in_brackets_in_the_name():
    entries = [
        entry(
            1,
            "nhs-icbs",
            "QWU",
            "NHS COVENTRY AND WARWICKSHIRE INTEGRATED CARE BOARD",
            scheme="GB-NHS",
            kind="Integrated care board",
        ),
        entry(
            2,
            "nhs-trusts",
            "RJC",
            "SOUTH WARWICKSHIRE UNIVERSITY NHS FOUNDATION TRUST",
            scheme="GB-NHS",
            kind="NHS foundation trust",
        ),
    ]
    found, _ = placed(
        payee(1, "NHS Coventry & Warwickshire ICB (QWU)"),
        payee(2, "Acme Ltd (RJC)"),  # a code whose entry's name does not agree is not used
        entries=entries,
    )
    assert (found[1].status, found[1].entry_id, found[1].step) == ("matched", 1, "identifier")
    assert found[1].evidence == "the code QWU in the name is the integrated care board QWU"
    assert found[2].status == "unmatched"


def test_a_company_name_found_only_as_a_public_body_goes_to_a_person():
    advisory = entry(
        90, "public-bodies", "PB1", "Industrial Research Council", kind="advisory NDPB"
    )
    aliases = [{"entry_id": 90, "normalised_name": "irc", "name": "IRC"}]
    found, _ = placed(payee(1, "IRC Ltd"), payee(2, "IRC"), entries=[advisory], aliases=aliases)
    assert (found[1].status, found[1].entry_id) == ("suggested", 90)
    assert "the payee's name is a company's" in found[1].evidence
    assert (found[2].status, found[2].entry_id) == ("matched", 90)


def test_a_near_name_with_a_fairly_rare_word_in_common_reaches_a_person():
    """'Royal Wolverhampton Hospitals NHS Trust' (a real payee) is THE ROYAL WOLVERHAMPTON NHS
    TRUST; 'wolverhampton' is shared by dozens of entries and 'royal', 'nhs', 'trust' by hundreds,
    so no word alone blocks the pair, yet the names are close enough for a person to decide."""
    words = ["oak", "elm", "ash", "yew", "fir", "bay", "box", "lime"]
    filler = [
        entry(1000 + i, "schools", f"S{i}", f"Wolverhampton {words[i % 8]} School {i}")
        for i in range(60)
    ]
    filler += [
        entry(2000 + i, "public-bodies", f"P{i}", f"Royal {words[i % 8]} Society {i}")
        for i in range(400)
    ]
    filler += [
        entry(3000 + i, "nhs-trusts", f"N{i}", f"{words[i % 8]} Valley NHS Trust {i}")
        for i in range(400)
    ]
    trust = entry(99, "nhs-trusts", "RL4", "THE ROYAL WOLVERHAMPTON NHS TRUST", postcode="WV10 0QP")
    found, _ = placed(
        payee(1, "Royal Wolverhampton  Hospitals NHS Trust"), entries=[trust, *filler]
    )
    assert (found[1].status, found[1].entry_id) == ("suggested", 99)


def test_a_public_corporation_in_a_company_form_is_still_matched():
    almo = entry(91, "public-sector-classification", "x1", "Wolverhampton Homes Ltd")
    found, _ = placed(payee(1, "Wolverhampton Homes Limited"), entries=[almo])
    assert (found[1].status, found[1].entry_id) == ("matched", 91)
