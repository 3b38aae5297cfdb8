"""The buyer's hints (suppliers/hints.py): what payment files add to names, undone. Pure."""

import pytest

from suppliers.hints import (
    core_name,
    file_charity_number,
    file_company_number,
    same_but_for_generic_words,
    says_public,
    trading_as,
    variants,
    without_store_number,
    without_trailing_code,
)


def forms(name):
    return [(v.normalised, v.hint) for v in variants(name)]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("J Smith t/a Smith Plumbing", ("J Smith", "Smith Plumbing")),
        ("J SMITH T/A SMITH PLUMBING", ("J SMITH", "SMITH PLUMBING")),
        ("Jane Doe trading as Doe Cakes", ("Jane Doe", "Doe Cakes")),
        ("Print Image Network Limited t/a", ("Print Image Network Limited t/a", "")),
        ("Tasty Foods", ("Tasty Foods", "")),  # 'ta' inside a word is not 't/a'
    ],
)
def test_trading_as(name, parts):
    assert trading_as(name) == parts


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("TESCO STORES LTD STORE 2345", "TESCO STORES LTD"),
        ("Boots #0456", "Boots"),
        ("Greggs Shop No. 12", "Greggs"),
        ("Co-op (Branch 77)", "Co-op"),
        ("Unit 4 Business Software", "Unit 4 Business Software"),
        ("Store 12", "Store 12"),  # nothing would be left
    ],
)
def test_store_numbers(name, expected):
    assert without_store_number(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("WALSALL HEALTHCARE NHS TRUST 001", ("WALSALL HEALTHCARE NHS TRUST", "001")),
        ("Redspeed International Ltd VAL 106", ("Redspeed International Ltd", "VAL 106")),
        ("100234 - ACME LTD", ("ACME LTD", "100234")),
        ("Route 66 Diner", ("Route 66 Diner", "")),
        ("Unit 4 Ltd", ("Unit 4 Ltd", "")),
        ("3M UK PLC", ("3M UK PLC", "")),
    ],
)
def test_trailing_codes(name, expected):
    assert without_trailing_code(name) == expected


def test_variants_say_what_was_removed():
    assert forms("WALSALL HEALTHCARE NHS TRUST 001") == [
        ("walsall healthcare nhs trust 001", ""),
        ("walsall healthcare nhs trust", "removing the code '001'"),
    ]
    assert forms("J Smith t/a Smith Plumbing Store 12") == [
        ("j smith", ""),
        ("smith plumbing store 12", "using the name after 't/a'"),
        ("smith plumbing", "using the name after 't/a' and the store number"),
    ]
    # Ltd/Limited, 'The', punctuation and '&'/'and' are one form (suppliers/names.normalise_name).
    assert (
        forms("The Acme & Sons Ltd.") == forms("ACME AND SONS LIMITED") == [("acme and sons", "")]
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("05152563", ("05152563", "")),
        ("5152563", ("05152563", "leading zeros restored: 5152563 → 05152563")),
        ("SC12345", ("SC012345", "leading zeros restored: SC12345 → SC012345")),
        ("HX48LZ", ("", "'HX4 8LZ' in the company number column is a postcode, not a number")),
        ("2439923870", ("", "'2439923870' in the company number column has too many digits")),
        ("L3076", ("", "'L3076' in the company number column is not a company number")),
        ("N/A", ("", "")),
        ("", ("", "")),
    ],
)
def test_company_numbers_from_the_file(raw, expected):
    assert file_company_number(raw) == expected


def test_charity_numbers_from_the_file():
    assert file_charity_number("1123456") == ("1123456", "")
    assert file_charity_number("SC12345") == ("SC012345", "")
    assert file_charity_number("12") == (
        "",
        "'12' in the charity number column is not a charity number",
    )


def test_public_words():
    assert says_public("walsall council") == "council"
    assert says_public("acme widgets") == ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Northern Powergrid (Yorkshire) Plc", "Northern Powergrid (Yorks) Plc (YED"),
        ("(KNH ONLY) Npower Ltd(Acc 2804)", "Npower Ltd (Acc G317****)"),
        ("Naylor Myers Ltd (Batley)", "Naylor Myers Ltd (Huddersfield)"),
        ("Northern Gas Networks (92315697)", "Northern Gas Networks"),
        ("Print Image Network Limited t/a", "Print Image Network"),
        ("Groundwork Yorkshire Limited RC", "Groundwork Yorkshire"),
    ],
)
def test_core_names_of_one_supplier_agree(a, b):
    # Real pairs of names that share one company number in Kirklees' file.
    assert core_name(a) == core_name(b) != ""


def test_core_names_keep_what_tells_suppliers_apart():
    assert core_name("Colas Ltd") != core_name("Colas Siac Ltd")
    assert core_name("EDF Energy") != core_name("Edf Energy 1 Ltd")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("jacobs", "jacobs uk", True),
        ("change grow and live", "change grow live ltd vat", True),
        ("quality eradication services today", "quality erradication services today", True),
        ("gallagher bassett int", "gallagher bassett international", True),
        ("crosland moor comm learning centre", "crosland moor learning comm centre", True),
        ("balfour beatty", "balfour beaty", True),
        ("colas", "colas siac", False),
        ("edf energy", "edf energy 1", False),
        ("ripponden j and i school", "ripponden pre school", False),
        ("kip mcgrath leyland", "kip mcgrath todmorden", False),
        ("smith", "smyth", False),  # a slip in a short word may be another name
        ("uk", "uk", False),
    ],
)
def test_same_but_for_generic_words(a, b, same):
    assert same_but_for_generic_words(a, b) is same
    assert same_but_for_generic_words(b, a) is same
