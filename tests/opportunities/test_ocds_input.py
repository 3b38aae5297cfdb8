"""Reading every OCDS shape, streamed, without a database."""

import json

from opportunities.ocds_input import read_releases
from tests.opportunities.conftest import package, release


def ids(items):
    return [(i.release or {}).get("id") for i in items if i.release]


def test_release_package(write):
    items = list(
        read_releases(write("p.json", package(release(release_id="a"), release(release_id="b"))))
    )
    assert ids(items) == ["a", "b"] and [i.location for i in items] == [
        "releases[0]",
        "releases[1]",
    ]


def test_gzip_and_record_package(write):
    record_package = {
        "records": [
            {"ocid": "ocds-x", "releases": [release(release_id="a"), release(release_id="b")]},
            {
                "ocid": "ocds-y",
                "releases": [{"url": "https://example.org/r.json", "date": "2025-01-01T00:00:00Z"}],
            },
        ]
    }
    items = list(read_releases(write("r.json.gz", record_package)))
    assert ids(items) == ["a", "b"]
    assert (
        items[2].error.startswith("linked release")
        and items[2].location == "records[1].releases[0]"
    )


def test_json_lines_of_releases_and_packages(write):
    lines = "\n".join(
        [
            json.dumps(release(release_id="a")),
            json.dumps(package(release(release_id="b"))),
            "{broken",
            "",
        ]
    )
    items = list(read_releases(write("lines.jsonl", lines)))
    assert ids(items) == ["a", "b"]
    assert items[2].location == "line 3" and "not valid JSON" in items[2].error


def test_truncated_file_keeps_what_came_before(write):
    text = json.dumps(
        package(release(release_id="a"), release(release_id="b"), release(release_id="c"))
    )
    items = list(read_releases(write("t.json", text[: text.rindex('"c"')])))
    assert ids(items) == ["a", "b"]
    assert items[-1].location == "releases[2]" and "truncated" in items[-1].error


def test_not_ocds(write):
    assert (
        "neither 'releases' nor 'records'"
        in next(read_releases(write("x.json", {"hello": 1}))).error
    )
    assert "empty" in next(read_releases(write("e.json", ""))).error
    assert "not JSON" in next(read_releases(write("c.csv", "a,b\n1,2\n"))).error


def test_non_object_release(write):
    item = list(read_releases(write("p.json", package("just a string"))))[0]
    assert item.release is None and "must be a JSON object" in item.error


def test_reading_is_streamed(write, tmp_path):
    """A package of 20,000 releases is read one release at a time (a generator, not a list)."""
    big = package(*[release(release_id=str(n)) for n in range(20_000)])
    reader = read_releases(write("big.json", big))
    first = next(reader)
    assert first.release["id"] == "0"
    assert sum(1 for _ in reader) == 19_999
