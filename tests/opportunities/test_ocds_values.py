"""ocds_values.py: values read from OCDS data as published, whatever their shape. No database."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from opportunities.ocds_values import (
    MONEY_LIMIT,
    as_date,
    as_dict,
    as_list,
    as_money,
    as_number,
    as_str,
    as_text,
    documents_of,
)


def test_dicts_and_lists_only_when_they_are_one():
    assert as_dict({"a": 1}) == {"a": 1}
    assert [as_dict(v) for v in (None, [], "x", 3)] == [{}, {}, {}, {}]
    published = [1, "two"]
    assert as_list(published) is published
    assert [as_list(v) for v in (None, {}, "ab", (1, 2))] == [[], [], [], []]


def test_text_is_stripped_and_other_values_spelt_out():
    assert as_str("  Walsall ") == "Walsall"
    assert as_str(None) == ""
    assert (as_str(12), as_str(1.5), as_str(False)) == ("12", "1.5", "False")
    assert as_text(" Tom &amp; Jerry&apos;s ") == "Tom & Jerry's"
    assert as_text(None) == "" and as_text(3) == "3"


@pytest.mark.parametrize(
    ("value", "money"),
    [
        (100, Decimal(100)),
        (0.1, Decimal("0.1")),  # from its text, not the float's binary value
        ("92811.25", Decimal("92811.25")),
        (-5, Decimal(-5)),
        (Decimal("1.50"), Decimal("1.50")),
        (MONEY_LIMIT - 1, MONEY_LIMIT - 1),
        (MONEY_LIMIT, None),
        (-MONEY_LIMIT, None),
        ("1e9999", None),  # "no limit"
        (float("inf"), None),
        (float("nan"), None),
        ("lots", None),
        ("", None),
        (None, None),
        (True, None),
        (False, None),
        ([100], None),
    ],
)
def test_money(value, money):
    assert as_money(value) == money


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (3, 3),
        (2.5, 2.5),
        ("7", 7.0),
        (" 4.5 ", 4.5),
        ("1e3", 1000.0),
        (float("nan"), None),
        ("nan", None),
        (float("inf"), None),
        (float("-inf"), None),
        ("-inf", None),
        ("1e400", None),  # beyond a double: infinity
        (True, None),
        (False, None),
        ("many", None),
        ("", None),
        (None, None),
        ([1], None),
        ({"value": 1}, None),
    ],
)
def test_numbers(value, number):
    assert as_number(value) == number


def test_a_whole_number_stays_whole():
    assert isinstance(as_number(3), int) and isinstance(as_number("3"), float)


def test_dates_naive_ones_read_as_utc():
    assert as_date("2026-08-10T09:30:00") == datetime(2026, 8, 10, 9, 30, tzinfo=UTC)
    assert as_date("2026-08-10") == datetime(2026, 8, 10, tzinfo=UTC)
    aware = as_date("2026-08-10T09:30:00+01:00")
    assert aware.utcoffset() == timedelta(hours=1)
    assert aware == datetime(2026, 8, 10, 8, 30, tzinfo=UTC)
    assert as_date("2026-08-10T09:30:00Z") == datetime(2026, 8, 10, 9, 30, tzinfo=UTC)
    assert as_date("2026-08-10T09:30:00-05:00").tzinfo == timezone(timedelta(hours=-5))


@pytest.mark.parametrize("value", ["next Tuesday", "", "2026-13-01", None, 20260810, ["2026"]])
def test_what_is_not_a_date(value):
    assert as_date(value) is None


def test_documents_of_every_part_of_a_release():
    release = {
        "tender": {"documents": [{"id": "t"}, "not a document"]},
        "planning": {"documents": [{"id": "p"}]},
        "awards": [{"documents": [{"id": "a"}]}, "x", {"documents": "none"}],
        "contracts": [{"documents": [{"id": "c1"}, {"id": "c2"}]}],
        "documents": [{"id": "top level: not read"}],
    }
    assert [d["id"] for d in documents_of(release)] == ["t", "p", "a", "c1", "c2"]
    assert documents_of({}) == []
    assert documents_of({"tender": None, "awards": {"documents": [{"id": "x"}]}}) == []
