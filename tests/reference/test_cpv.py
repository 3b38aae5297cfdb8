"""reference/cpv.py: CPV codes, their place in the hierarchy and the two list formats. No database."""

import pytest

from reference.cpv import (
    CpvEntry,
    depth,
    derived_parent,
    is_within,
    read_cpv_list,
    significant_prefix,
    split_cpv,
)
from tests.conftest import require_data


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("45000000-7", ("45000000", "7")),
        ("45000000", ("45000000", "")),
        (" 45000000 - 7 ", ("45000000", "7")),
        (45000000, ("45000000", "")),
    ],
)
def test_split_cpv_accepts_the_code_with_or_without_check_digit(raw, expected):
    assert split_cpv(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", None, "4500000", "450000000", "45000000-77", "45A00000", "CPV"]
)
def test_split_cpv_refuses_what_is_not_a_code(raw):
    with pytest.raises(ValueError, match="Not a CPV code"):
        split_cpv(raw)


def test_the_hierarchy_follows_the_trailing_zeros():
    assert [significant_prefix(c) for c in ("45000000", "45200000", "45210000", "45214000")] == [
        "45",
        "452",
        "4521",
        "45214",
    ]
    assert [depth(c) for c in ("45000000", "45200000", "45210000", "45214000", "45214100")] == [
        1,
        2,
        3,
        4,
        5,
    ]
    # A division whose second digit is zero keeps both digits: 30000000 is "30", not "3".
    assert significant_prefix("30000000") == "30"
    assert depth("30000000") == 1


def test_is_within_is_the_code_itself_or_a_descendant():
    assert is_within("45214100", "45000000")
    assert is_within("45210000", "45210000")
    assert not is_within("45300000", "45210000")
    assert not is_within("30200000", "03000000")  # not fooled by the leading zero


def test_derived_parent_is_one_level_up_and_none_above_a_division():
    assert derived_parent("45214100") == "45214000"
    assert derived_parent("45210000") == "45200000"
    assert derived_parent("45200000") == "45000000"
    assert derived_parent("45000000") == ""


def test_read_the_pipe_delimited_list_skipping_blank_lines():
    lines = [
        "03000000||1|Agricultural products\n",
        "\n",
        "03100000-2|03000000|1| Horticultural products \r\n",
    ]
    assert list(read_cpv_list(lines)) == [
        CpvEntry("03000000", "", "", "Agricultural products"),
        CpvEntry("03100000", "2", "03000000", "Horticultural products"),
    ]


def test_a_pipe_line_with_the_wrong_number_of_fields_is_named_by_line():
    with pytest.raises(ValueError, match="line 2: expected 4 fields"):
        list(read_cpv_list(["03000000||1|A\n", "03100000|03000000|B\n"]))


def test_read_the_official_csv_deriving_parents():
    lines = ["Code,EN,FR\n", "03000000-1,Agricultural products,x\n", "03110000-5, Crops ,y\n"]
    assert list(read_cpv_list(lines)) == [
        CpvEntry("03000000", "1", "", "Agricultural products"),
        CpvEntry("03110000", "5", "03100000", "Crops"),
    ]


def test_a_csv_without_code_and_en_columns_is_refused():
    with pytest.raises(ValueError, match="columns CODE and EN"):
        list(read_cpv_list(["CODE,DE\n", "03000000-1,x\n"]))
    with pytest.raises(ValueError, match="columns CODE and EN"):
        list(read_cpv_list([]))


def test_the_shared_cpv_list_reads_whole_and_its_parents_are_its_own_codes():
    path = require_data("reference", "CpvCodes.csv")
    with path.open(encoding="utf-8") as lines:
        entries = list(read_cpv_list(lines))
    codes = {entry.code for entry in entries}
    assert len(entries) > 9000
    assert all(entry.parent in codes for entry in entries if entry.parent)
    assert all(len(entry.code) == 8 and entry.description for entry in entries)
