"""What makes a release unusable, and what only earns it a data-quality warning (no database)."""

import pytest

from opportunities.validation import MAX_WARNINGS, ReleaseChecker, usable_copy
from tests.opportunities.conftest import release


@pytest.fixture(scope="module")
def checker(ocds_schema):
    return ReleaseChecker(ocds_schema)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"ocid": None}, '"ocid" is a required property'),
        ({"id": None}, '"id" is a required property'),
        ({"id": 5}, "id: 5 is not usable as a release's id"),
        ({"ocid": "  "}, "ocid: '  ' is not usable as a release's ocid"),
        ({"date": None}, '"date" is a required property'),
        ({"date": "next Tuesday"}, "date: 'next Tuesday' is not a date and time"),
        ({"date": 20250110}, "date: 20250110 is not a date and time"),
        ({"tender": {"id": "t", "description": "x" * 100_001}}, "tender.description: text of"),
    ],
)
def test_what_makes_a_release_unusable(checker, change, reason):
    data = release(**{k: v for k, v in change.items() if v is not None})
    data.update({k: v for k, v in change.items() if v is not None})
    for key in [k for k, v in change.items() if v is None]:
        del data[key]
    found = checker.check(data)
    assert any(problem.startswith(reason) for problem in found.unusable), found.unusable
    assert found.warnings == []


def test_schema_problems_elsewhere_are_warnings_in_plain_english(checker):
    data = release(
        tender={
            "title": 12,
            "tenderPeriod": {"durationInDays": "1e9999"},
            "contractPeriod": {"durationInDays": "thirty"},
            "value": {"amount": "lots"},
        },
        awards=[{"id": "1", "standstillPeriod": [{"endDate": "2025-02-01T00:00:00Z"}]}],
    )
    found = checker.check(data)
    assert found.unusable == []
    assert set(found.warnings) == {
        (
            'tender.tenderPeriod.durationInDays: the text "1e9999" where a whole number is expected;'
            ' read as "no limit"'
        ),
        "tender.contractPeriod.durationInDays: text where a whole number is expected ('thirty')",
        "tender.title: a number where text is expected (12)",
        "tender.value.amount: text where a number is expected ('lots')",
        (
            "awards.0.standstillPeriod: a list where an object is expected"
            " ([{'endDate': '2025-02-01T00:00:00Z'}])"
        ),
    }
    assert sorted(found.wrong_types) == sorted(
        [
            ("tender", "title"),
            ("tender", "tenderPeriod", "durationInDays"),
            ("tender", "contractPeriod", "durationInDays"),
            ("tender", "value", "amount"),
            ("awards", 0, "standstillPeriod"),
        ]
    )
    # The compiler sees the usable parts; "no limit" is kept for is_no_limit; the release as
    # published is unchanged.
    usable = usable_copy(data, found.wrong_types)
    assert usable["tender"] == {
        "id": "ocds-test-1-tender",
        "tenderPeriod": {"durationInDays": "1e9999"},
        "contractPeriod": {},
        "value": {},
    }
    assert usable["awards"] == [{"id": "1"}]
    assert data["tender"]["title"] == 12 and data["awards"][0]["standstillPeriod"]
    # What is left departs from the schema only by the "no limit".
    assert checker.check(usable).warnings == [
        (
            'tender.tenderPeriod.durationInDays: the text "1e9999" where a whole number is expected;'
            ' read as "no limit"'
        )
    ]


def test_a_number_kept_as_its_text_is_one_warning_saying_so(checker):
    data = release(tender={"lotDetails": {"maximumLotsBidPerSupplier": "1e9999"}})
    found = checker.check(data, numbers=[("tender.lotDetails.maximumLotsBidPerSupplier", "1e9999")])
    assert found.warnings == [
        (
            "tender.lotDetails.maximumLotsBidPerSupplier: the number 1e9999 is too large to store as"
            ' a number; kept as the text "1e9999" and read as "no limit"'
        )
    ]
    assert usable_copy(data, found.wrong_types) == data


def test_warnings_are_bounded_and_say_how_many_more(checker):
    data = release(parties=[{"id": str(n), "name": n} for n in range(MAX_WARNINGS + 7)])
    found = checker.check(data)
    assert len(found.warnings) == MAX_WARNINGS + 1
    assert found.warnings[-1] == "and 7 more departures from the schema"
    assert len(found.wrong_types) == MAX_WARNINGS + 7
    assert [p["id"] for p in usable_copy(data, found.wrong_types)["parties"]] == [
        str(n) for n in range(MAX_WARNINGS + 7)
    ]


def test_removing_several_list_items_keeps_the_right_ones():
    data = {"a": [1, "x", 2, "y", 3], "b": {"c": [{"d": "e"}]}}
    assert usable_copy(data, [("a", 1), ("a", 3), ("b", "c", 0, "d"), ("nope", 2)]) == {
        "a": [1, 2, 3],
        "b": {"c": [{}]},
    }
    assert usable_copy(data, []) is data
