"""Register matching's second and third steps (suppliers/name_matching.py): exact names with the
forms the buyer's hints give, and when several entries share a name the evidence that picks one;
then probabilistic likeness for the rest. Pure: frames in, candidates out."""

from suppliers.name_matching import by_exact_name, by_likeness
from suppliers.register_candidates import describe
from tests.suppliers.register_entries import RULES, entry, payee, placed, step

EXACT = RULES["exact"]

# Moved from tests/suppliers/test_matching.py: the steps as match() runs them.


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


# Direct tests of by_exact_name and by_likeness.

HILLTOPS = [
    entry(7, "companies-house", "08000001", "HILLTOP CATERING LIMITED", postcode="B2 2BB"),
    entry(8, "companies-house", "08000002", "HILLTOP CATERING LTD", postcode="CV1 1AA"),
]


def test_one_word_left_after_a_hint_is_weighted_down():
    entries = [entry(1, "companies-house", "01000001", "WAITROSE LIMITED")]
    found, _ = step(by_exact_name, payee(1, "Waitrose 619"), entries=entries)
    assert [(c.entry_id, c.probability) for c in found[1]] == [(1, EXACT["hint_one_word"]["value"])]
    assert found[1][0].evidence == (
        "name matches Companies House's WAITROSE LIMITED (01000001) after removing the code '619'"
    )


def test_the_name_as_written_is_preferred_to_a_hinted_form():
    # "Acme 619" is an entry's name as written; "Acme" (after removing the code) another's.
    entries = [
        entry(1, "companies-house", "01000001", "ACME 619 LIMITED"),
        entry(2, "companies-house", "01000002", "ACME LIMITED"),
    ]
    found, _ = step(by_exact_name, payee(1, "Acme 619"), entries=entries)
    assert [(c.entry_id, c.probability) for c in found[1]] == [(1, EXACT["name"]["value"])]


def test_a_postcode_that_agrees_takes_its_weight_and_the_rest_share_what_is_left():
    found, _ = step(
        by_exact_name, payee(1, "Hilltop Catering", postcode="B2 2BB"), entries=HILLTOPS
    )
    weight = EXACT["postcode_agrees"]["value"]
    by_entry = {c.entry_id: c for c in found[1]}
    assert by_entry[7].probability == weight
    assert by_entry[8].probability == (1 - weight) / 1
    assert by_entry[7].evidence.endswith(
        "; 2 register entries have this name, and the payee's postcode B2 2BB is its"
    )
    assert by_entry[8].evidence.endswith("; 2 register entries have this name")


def test_entries_nothing_tells_apart_share_the_name_weight():
    found, _ = step(by_exact_name, payee(1, "Hilltop Catering"), entries=HILLTOPS)
    share = EXACT["name"]["value"] / 2
    assert [(c.entry_id, c.probability) for c in found[1]] == [(7, share), (8, share)]


def test_a_company_form_caps_a_public_body_found_by_its_name():
    council = entry(20, "public-bodies", "PB1", "Industrial Research Council", kind="advisory NDPB")
    found, _ = step(by_exact_name, payee(1, "Industrial Research Council Ltd"), entries=[council])
    cap = EXACT["company_form_public_entry"]["value"]
    assert found[1][0].probability == min(EXACT["name"]["value"], cap)
    assert found[1][0].evidence == (
        "name matches the advisory NDPB PB1; but the payee's name is a company's and this is a "
        "public body"
    )
    # the same name without a company's form is not capped
    found, _ = step(by_exact_name, payee(1, "Industrial Research Council"), entries=[council])
    assert found[1][0].probability == EXACT["name"]["value"]


def test_no_name_or_no_entry_of_that_name_gives_nothing():
    assert step(by_exact_name, payee(1, ""), entries=HILLTOPS) == ({}, {})
    assert step(by_exact_name, payee(1, "Nowhere Bakery"), entries=HILLTOPS) == ({}, {})
    assert step(by_likeness, payee(1, ""), entries=HILLTOPS) == ({}, {})


def test_likeness_says_how_alike_the_names_are():
    found, notes = step(by_likeness, payee(1, "Hiltop Catering Services"), entries=HILLTOPS)
    assert notes == {}
    assert {c.entry_id for c in found[1]} == {7, 8}
    evidence = {c.entry_id: c.evidence for c in found[1]}
    assert evidence[8].startswith(
        "name is close to Companies House's HILLTOP CATERING LTD (08000002) at CV1 1AA: spelling "
    )
    assert evidence[8].endswith("2 of 3 words alike, the rare word 'catering' in common")
    assert all(0 < c.probability < 1 for c in found[1])
