"""The scorecard's tables kept for a short while: used again while the data is unchanged, read
again when it changes, when the time allowed is over, or when keeping is off."""

import json
from pathlib import Path

import pytest

from opportunities.loading import Loader
from scorecard import remembering
from scorecard.gathering import tables_for


@pytest.fixture
def keeping(settings):
    settings.SCORECARD_CACHE_SECONDS = 60
    remembering.forget()
    yield settings
    remembering.forget()


def _load(tmp_path, ocid):
    release = {
        "ocid": ocid,
        "id": f"{ocid}-1",
        "date": "2026-08-10T09:00:00Z",
        "tag": ["tender"],
        "initiationType": "tender",
        "buyer": {"id": "b", "name": "Anytown Council"},
        "parties": [{"id": "b", "name": "Anytown Council", "roles": ["buyer"]}],
        "tender": {"id": "t", "documents": [{"id": "d", "noticeType": "UK4"}]},
    }
    path = tmp_path / f"{ocid}.json"
    path.write_text(json.dumps({"releases": [release]}))
    Loader().load([(Path(path), str(path))])


@pytest.mark.django_db
def test_tables_are_kept_while_the_data_is_unchanged_and_read_again_when_it_changes(
    keeping, tmp_path, ocds_schema
):
    _load(tmp_path, "ocds-keep-1")
    first = tables_for(None, None, None)
    assert tables_for(None, None, None) is first  # kept
    assert tables_for(None, None, None).notices.height == 1
    _load(tmp_path, "ocds-keep-2")
    again = tables_for(None, None, None)
    assert again is not first and again.notices.height == 2  # a new release: read again
    keeping.SCORECARD_CACHE_SECONDS = 0
    assert tables_for(None, None, None) is not again  # keeping off


def test_kept_values_expire_and_only_the_latest_few_are_kept(keeping, monkeypatch):
    reads = []

    def read(value):
        reads.append(value)
        return [value]

    clock = [1000.0]
    monkeypatch.setattr(remembering.time, "monotonic", lambda: clock[0])
    first = remembering.remembered("a", lambda: 1, lambda: read("a"))
    assert remembering.remembered("a", lambda: 1, lambda: read("a")) is first
    clock[0] += 61
    assert remembering.remembered("a", lambda: 1, lambda: read("a")) is not first
    assert remembering.remembered("a", lambda: 2, lambda: read("a2")) == ["a2"]  # state changed
    for n in range(remembering.LIMIT + 2):
        remembering.remembered(("k", n), lambda: 1, lambda n=n: read(n))
    assert len(remembering._kept) == remembering.LIMIT
    assert reads == ["a", "a", "a2", *range(remembering.LIMIT + 2)]
