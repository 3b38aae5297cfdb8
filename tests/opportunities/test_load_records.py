"""load_records.py: what a load did, and a release as read and checked on its way into the database:
its canonical JSON and digest, why it cannot be used, its warnings and what the compiler may rely
on. No database: the checker is the real one, over the OCDS schema."""

import json

import orjson
import pytest

from opportunities.load_records import (
    Checked,
    LoadResult,
    NewRelease,
    canonical,
    checked_release,
    data_warnings,
    digest_of,
    usable_data,
)
from opportunities.ocds_input import Item
from opportunities.validation import Findings, ReleaseChecker
from tests.opportunities.conftest import release


@pytest.fixture(scope="module")
def checker(ocds_schema):
    return ReleaseChecker(ocds_schema)


def test_canonical_json_sorts_keys_and_the_digest_follows_it():
    one, other = {"b": 1, "a": {"d": 2, "c": 3}}, {"a": {"c": 3, "d": 2}, "b": 1}
    assert canonical(one) == b'{"a":{"c":3,"d":2},"b":1}' == canonical(other)
    assert digest_of(canonical(one)) == digest_of(canonical(other))
    assert len(digest_of(b"")) == 64
    assert digest_of(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert digest_of(canonical({"a": 1})) != digest_of(canonical({"a": 2}))


def test_load_result_as_json():
    result = LoadResult(files=2, releases_read=10, releases_new=7, seconds=1.23456)
    result.quarantine_reasons.append("bad")
    assert result.as_json() == {
        "files": 2,
        "releases_read": 10,
        "releases_new": 7,
        "releases_unchanged": 0,
        "releases_quarantined": 0,
        "processes_updated": 0,
        "seconds": 1.235,
    }
    assert LoadResult().quarantine_reasons == []  # a list of its own, not in the JSON


def test_data_warnings_of_a_process_in_release_order():
    releases = [
        NewRelease("ocds-1", "r1", None, {}, warnings=["w1", "w2"]),
        NewRelease("ocds-1", "r2", None, {}),
        NewRelease("ocds-1", "r3", None, {}, warnings=("w3",)),
    ]
    assert data_warnings(releases) == [
        {"release_id": "r1", "warning": "w1"},
        {"release_id": "r1", "warning": "w2"},
        {"release_id": "r3", "warning": "w3"},
    ]
    assert data_warnings([]) == []


def test_an_item_that_could_not_be_read_is_passed_on():
    item = Item("releases[3]", None, "truncated or malformed")
    assert checked_release(None, item) == Checked(item)  # the checker is not even asked


def test_a_good_release_is_stored_with_its_digest(checker):
    data = release(tender={"title": "Good", "status": "active"})
    item = Item("releases[0]", data)
    checked = checked_release(checker, item)
    assert checked.problems == () and checked.warnings == []
    assert checked.data == canonical(data) and checked.usable == checked.data
    assert checked.digest == digest_of(checked.data)


def test_an_unusable_release_has_its_reasons_and_no_digest(checker):
    item = Item("releases[1]", release(date="next Tuesday"))
    checked = checked_release(checker, item)
    assert checked.problems and "is not a date and time" in checked.problems[0]
    assert checked.digest == "" and checked.usable == b"" and checked.data
    missing = {k: v for k, v in release().items() if k != "ocid"}
    assert checked_release(checker, Item("releases[2]", missing)).problems == [
        '"ocid" is a required property'
    ]


def test_values_of_the_wrong_type_are_kept_but_not_given_to_the_compiler(checker):
    data = release(tender={"title": 12, "value": {"amount": "lots"}})
    checked = checked_release(checker, Item("releases[0]", data))
    assert checked.problems == ()
    assert checked.warnings == [
        "tender.title: a number where text is expected (12)",
        "tender.value.amount: text where a number is expected ('lots')",
    ]
    assert json.loads(checked.data)["tender"]["title"] == 12  # stored as published
    usable = orjson.loads(checked.usable)
    assert "title" not in usable["tender"] and "amount" not in usable["tender"]["value"]
    assert checked.digest == digest_of(checked.data)


def test_nul_characters_are_replaced_and_said(checker):
    data = release(tender={"title": "Bad\x00title", "description": "fine"})
    item = Item("releases[0]", data)
    checked = checked_release(checker, item)
    assert checked.problems == ()
    assert checked.warnings[0].startswith("tender.title: text with a NUL character")
    assert b"\\u0000" not in checked.data and "Bad\ufffdtitle" in checked.data.decode()
    assert item.release["tender"]["title"] == "Bad\ufffdtitle"  # the item holds the clean copy
    assert checked.digest == digest_of(checked.data) and checked.usable == checked.data


def test_a_nul_in_an_id_makes_the_release_unusable(checker):
    checked = checked_release(checker, Item("releases[0]", release(release_id="r\x001")))
    assert checked.problems and "is not usable as a release's id" in checked.problems[0]


def test_too_large_a_number_is_a_warning(checker):
    item = Item("releases[0]", release(), numbers=(("tender.value.amount", "1e9999"),))
    checked = checked_release(checker, item)
    assert checked.problems == ()
    assert checked.warnings[0].startswith("tender.value.amount: the number 1e9999 is too large")


def test_usable_data_without_wrong_types_is_the_data_itself():
    data = canonical({"a": 1})
    assert usable_data({"a": 1}, Findings(), data) is data
    found = Findings(wrong_types=[("a",)])
    assert usable_data({"a": "x", "b": 2}, found, data) == canonical({"b": 2})
