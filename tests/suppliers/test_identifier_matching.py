"""Register matching's first step (suppliers/identifier_matching.py): a company or charity number in
the buyer's file that is a register entry's, and an NHS organisation's code in brackets in its
name. Pure: frames in, candidates out."""

from suppliers.identifier_matching import by_identifier
from tests.suppliers.register_entries import RULES, entry, payee, placed, step

AGREE = RULES["identifier"]["names_agree"]["value"]
DIFFER = RULES["identifier"]["names_differ"]["value"]

# Moved from tests/suppliers/test_matching.py: the step as match() runs it.


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


# Direct tests of by_identifier.

ENTRIES = [
    entry(1, "companies-house", "01234567", "ACME WIDGETS LIMITED"),
    # the same number in a charity register is not a company's
    entry(2, "charity-commission", "01234567", "ACME WIDGETS TRUST"),
    entry(3, "charities", "GB-CHC-1123456", "HOPE FOODBANK", scheme="GB-CHC"),
    entry(4, "companies-house", "GB-COH-07000007", "HOPE FOODBANK LTD", scheme="GB-COH"),
    entry(
        5,
        "nhs-trusts",
        "RJC",
        "SOUTH WARWICKSHIRE NHS TRUST",
        scheme="GB-NHS",
        kind="NHS trust",
    ),
    # a code in a register that is not one of NHS codes
    entry(6, "schools", "RJD", "South Warwickshire School"),
]


def test_a_number_found_is_one_candidate_of_the_register_its_kind():
    found, notes = step(by_identifier, payee(1, "Acme Widgets", "1234567"), entries=ENTRIES)
    assert [(c.entry_id, c.probability) for c in found[1]] == [(1, AGREE)]
    assert found[1][0].evidence.endswith("; leading zeros restored: 1234567 → 01234567")
    assert notes == {}


def test_a_number_in_no_register_leaves_a_note_and_no_candidate():
    found, notes = step(by_identifier, payee(1, "Nobody Ltd", "09999999"), entries=ENTRIES)
    assert found == {}
    assert notes == {1: "company number 09999999 in the buyer's file is in no register loaded"}


def test_values_that_cannot_be_numbers_are_ignored_and_both_notes_kept():
    found, notes = step(
        by_identifier, payee(1, "Someone", "HX48LZ", charity="abc"), entries=ENTRIES
    )
    assert found == {}
    assert notes == {
        1: "'HX4 8LZ' in the company number column is a postcode, not a number; "
        "'abc' in the charity number column is not a charity number"
    }
    # empty and placeholder values are no numbers and no notes
    found, notes = step(by_identifier, payee(2, "Someone", "N/A", charity="-"), entries=ENTRIES)
    assert (found, notes) == ({}, {})


def test_a_company_and_a_charity_number_each_give_a_candidate():
    found, _ = step(
        by_identifier, payee(1, "Hope Foodbank", "7000007", charity="1123456"), entries=ENTRIES
    )
    # Registers that write the number with its scheme (GB-COH-, GB-CHC-) are found too.
    assert [c.entry_id for c in found[1]] == [4, 3]
    assert found[1][1].evidence == (
        "charity number 1123456 in the buyer's file is the charity HOPE FOODBANK (GB-CHC-1123456)"
    )


def test_a_number_whose_name_differs_is_weighted_down():
    found, _ = step(by_identifier, payee(1, "Totally Different", "01234567"), entries=ENTRIES)
    assert found[1][0].probability == DIFFER
    assert found[1][0].evidence == (
        "company number 01234567 in the buyer's file is Companies House's ACME WIDGETS LIMITED "
        "(01234567), whose name differs"
    )


def test_a_code_counts_only_in_an_nhs_register_and_when_the_names_agree():
    found, _ = step(
        by_identifier,
        payee(1, "South Warwickshire (RJC) (RJD)"),
        payee(2, "Acme (RJC)"),
        payee(3, "No code here"),
        entries=ENTRIES,
    )
    assert list(found) == [1]
    assert [(c.entry_id, c.probability) for c in found[1]] == [(5, AGREE)]
    assert found[1][0].evidence == "the code RJC in the name is the NHS trust RJC"


def test_a_number_in_the_file_wins_over_a_code_in_the_name():
    found, _ = step(
        by_identifier, payee(1, "South Warwickshire NHS Trust (RJC)", "01234567"), entries=ENTRIES
    )
    assert [(c.entry_id, c.probability) for c in found[1]] == [(1, DIFFER)]


def test_payees_without_identifiers_give_nothing():
    assert step(by_identifier, payee(1, "Acme Widgets"), entries=ENTRIES) == ({}, {})
