"""registers/formats/base.py: the items readers yield, the registry of formats and the small
readers of cells (postcodes, yes/no, whole numbers) every format shares. No database."""

import pytest

from registers.formats import base
from registers.formats.base import (
    FORMATS,
    Entry,
    Format,
    by_column,
    has_columns,
    key,
    postcode_in_address,
    read_postcode,
    register_format,
    truthy,
    whole_number,
)


def test_postcodes_as_registers_give_them():
    assert read_postcode(" n7 7jw  ").postcode == "N7 7JW"
    assert read_postcode("NA").postcode == "" and read_postcode("NA").flag == {}
    odd = read_postcode("POOLE")
    assert odd.postcode == "" and odd.flag["postcode_as_given"] == "POOLE"


@pytest.mark.parametrize("placeholder", ["", "  ", "na", "N/A", "None", "No data", "-", "—", "nan"])
def test_postcode_placeholders_are_no_postcode_and_no_problem(placeholder):
    assert read_postcode(placeholder) == base.PostcodeReading("", {})


def test_a_missing_postcode_is_none_and_a_run_together_one_is_spaced():
    assert read_postcode(None) == base.PostcodeReading("", {})
    assert read_postcode("b55se").postcode == "B5 5SE"


def test_a_postcode_that_is_not_one_is_flagged_and_cut_to_40_characters():
    reading = read_postcode("  " + "X" * 60 + "  ")
    assert reading.postcode == ""
    assert reading.flag == {"postcode_as_given": "X" * 40, "postcode_problem": "not a UK postcode"}


def test_the_postcode_at_the_end_of_a_one_line_address():
    assert postcode_in_address("1 High Street, Belfast, BT14 7PJ") == "BT14 7PJ"
    assert postcode_in_address("Main Road, Newry, bt34 1aa.") == "bt34 1aa"  # as given; trailing .
    assert postcode_in_address("Unit 2, Lisburn, BT281AA,") == "BT281AA"
    assert postcode_in_address("Belfast BT14 7PJ, Northern Ireland") == ""  # not at the end
    assert postcode_in_address("") == "" and postcode_in_address(None) == ""


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("True", True),
        (" t ", True),
        ("YES", True),
        ("y", True),
        ("1", True),
        ("false", False),
        ("F", False),
        ("No", False),
        ("n", False),
        ("0", False),
        ("", None),
        (None, None),
        ("maybe", None),
    ],
)
def test_truthy_is_true_false_or_not_known(raw, value):
    assert truthy(raw) is value


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("2324869.0", 2324869),
        ("£1,234", 1234),
        (" 12.9 ", 12),
        ("-5", -5),
        ("1e3", 1000),
        ("", None),
        (None, None),
        ("text", None),
        ("nan", None),  # parses as a float, but is not a number
        ("inf", None),
        ("1e15", None),  # out of range
    ],
)
def test_whole_numbers_from_register_cells(raw, value):
    assert whole_number(raw) == value


def test_has_columns_ignores_case_spaces_underscores_dashes_dots_and_a_byte_order_mark():
    recognise = has_columns("RegAddress.PostCode", "company_number", "local-authority-code")
    assert recognise(["\ufeffreg address postcode", "Company Number", "LOCAL_AUTHORITY_CODE"])
    assert recognise(["x", "regaddress_postcode", "companynumber", "local.authority.code", "y"])
    assert not recognise(["regaddresspostcode", "companynumber"])  # one missing
    assert key(" Reg_Address.Post-Code ") == "regaddresspostcode"


def test_by_column_strips_cells_and_gives_blanks_for_a_short_row():
    row = by_column([" Org ID", "Name", "Post_Code"])
    assert row(["  A1 ", " Acme ", ""]) == {"orgid": "A1", "name": "Acme", "postcode": ""}
    assert row(["A2"]) == {"orgid": "A2", "name": "", "postcode": ""}


def test_an_entry_name_normalised_for_matching_is_cut_to_300_characters():
    assert Entry("1", "The Acme (UK) Ltd.").normalised_name == "acme"
    assert len(Entry("1", "word " * 100).normalised_name) == 300
    entry = Entry("1", "A")
    assert (entry.is_active, entry.is_vcse, entry.facts, entry.aliases) == (True, None, {}, ())


def test_register_format_registers_the_reader_under_its_name(monkeypatch):
    monkeypatch.setattr(base, "FORMATS", {})

    def reader(header, rows):
        yield from ()

    recognise = has_columns("a")
    wrapped = register_format("synthetic", "somewhere", "a column a", recognise, priority=3)(reader)
    assert wrapped is reader
    assert list(base.FORMATS) == ["synthetic"]
    made = Format("synthetic", "somewhere", "a column a", recognise, reader, False, 3)
    assert base.FORMATS["synthetic"] == made


def test_every_format_is_registered_with_a_register_and_what_it_expects():
    assert len(FORMATS) >= 24
    assert all(f.register and f.expects and f.name == name for name, f in FORMATS.items())
    # a more specific header is checked first; headerless shapes are only the NHS ODS files
    assert FORMATS["companies-house"].priority > FORMATS["postcode-directory"].priority > 0
    assert {n for n, f in FORMATS.items() if f.headerless} == {
        "ods-trusts",
        "ods-ccgs",
        "ods-gp-practices",
    }
