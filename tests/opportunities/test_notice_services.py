"""notice_services.py: where the official notice services are, the pace they allow, a run's dates
cut into windows, a page read, a Retry-After understood and what a run did. No database and no
requests: the clock is a stand-in that moves only when slept."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from opportunities.notice_services import (
    DEFAULT_PACE,
    SOURCES,
    FetchSummary,
    Pacer,
    parse_pace,
    parse_page,
    same_walk,
    seconds_to_wait,
    windows,
)
from tests.conftest import require_data
from tests.opportunities.conftest import FTS


class FakeClock:
    """Monotonic time that moves only when slept: tests never wait, yet every wait is counted."""

    def __init__(self):
        self.now = 1000.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += max(0.0, seconds)


def most_in_any(times, seconds):
    return max((sum(1 for u in times if t <= u < t + seconds) for t in times), default=0)


def test_pace_option_and_pacer():
    assert parse_pace("12/120") == (12, 120.0) and parse_pace("0") is None
    assert parse_pace("30") == (30, 60.0)
    for bad in ("fast", "0/120", "12/0", "-1/5"):
        with pytest.raises(ValueError, match="not a pace"):
            parse_pace(bad)
    clock = FakeClock()
    pacer = Pacer((12, 120.0), clock, clock.sleep)
    times = []
    for _ in range(40):
        pacer.wait_turn()
        times.append(clock())
        clock.now += 1  # each request takes a second
    assert most_in_any(times, 120) == 12
    assert times[-1] - times[0] < 4 * 120  # and no slower than it has to be


@pytest.mark.parametrize("off", ["0", "off", " OFF ", "none", "", 0])
def test_no_pace(off):
    assert parse_pace(off) is None


def test_pace_spellings():
    assert parse_pace(DEFAULT_PACE) == (12, 120.0)
    assert parse_pace(" 5/2.5 ") == (5, 2.5)
    for bad in ("12/", "/120", "1.5/60", "12/-1"):
        with pytest.raises(ValueError, match="not a pace"):
            parse_pace(bad)


def test_an_unpaced_pacer_never_waits():
    clock = FakeClock()
    pacer = Pacer(None, clock, clock.sleep)
    for _ in range(100):
        pacer.wait_turn()
    assert clock.slept == [] and pacer.waited == 0 and len(pacer.sent) == 100


def test_the_pacer_waits_only_for_the_oldest_request_to_age():
    clock = FakeClock()
    pacer = Pacer((2, 10.0), clock, clock.sleep)
    pacer.wait_turn()
    clock.now += 3
    pacer.wait_turn()
    pacer.wait_turn()  # the third within 10 s: until the first is 10 s old
    assert clock.slept == [pytest.approx(7.001)]
    clock.now += 60  # long after: no wait
    pacer.wait_turn()
    assert len(clock.slept) == 1
    pacer.rest(30)  # a Retry-After
    assert clock.slept[-1] == 30 and pacer.waited == pytest.approx(37.001)


def test_windows():
    start = datetime(2026, 8, 10, tzinfo=UTC)
    cut = windows(start, start + timedelta(hours=14), 6)
    assert cut == [
        (start, start + timedelta(hours=6)),
        (start + timedelta(hours=6), start + timedelta(hours=12)),
        (start + timedelta(hours=12), start + timedelta(hours=14)),  # the last one shorter
    ]
    assert windows(start, start + timedelta(hours=12), 6)[-1][1] == start + timedelta(hours=12)
    assert windows(start, start + timedelta(minutes=90), 0.5)[1] == (
        start + timedelta(minutes=30),
        start + timedelta(minutes=60),
    )
    assert windows(start, start, 6) == [] and windows(start, start - timedelta(hours=1), 6) == []


def test_sources():
    fts, cf = SOURCES["find-a-tender"], SOURCES["contracts-finder"]
    assert (fts.dates, cf.dates) == ("london", "utc")
    assert (fts.date_from, fts.date_to) == ("updatedFrom", "updatedTo")
    assert (cf.date_from, cf.date_to) == ("publishedFrom", "publishedTo")
    assert fts.extra == {}  # no stages: every release, unfiltered
    assert cf.extra == {"stages": "planning,tender,award,implementation"}
    assert all(s.base_url.startswith("https://") and s.path.startswith("/") for s in (fts, cf))


def test_parse_page_gives_the_package_and_the_keys_of_its_releases():
    body = json.dumps(
        {
            "releases": [
                {"ocid": "ocds-1", "id": "a"},
                {"ocid": "ocds-1", "id": 2},
                {"ocid": "ocds-2"},  # no id
                {"id": "b"},  # no ocid
                "not a release",
            ],
            "links": {"next": "https://example.org/?cursor=2"},
        }
    ).encode()
    package, keys = parse_page(body)
    assert keys == [("ocds-1", "a"), ("ocds-1", "2")]
    assert package["links"]["next"].endswith("cursor=2")
    assert parse_page(b'{"releases": {}}')[1] == []
    assert parse_page(b"[1, 2]") == ([1, 2], [])
    assert parse_page(b'{"releases": [{"ocid": "o", "id": "1", "x": 1e9999}]}')[0]["releases"][0][
        "x"
    ] == float("inf")


def test_parse_page_refuses_what_is_not_whole_json():
    for body in (b"", b'{"releases": [', b"<html>busy</html>"):
        with pytest.raises(ValueError):
            parse_page(body)


def test_a_page_nested_too_deep_is_read_by_the_streaming_reader():
    good = {"ocid": "ocds-p-1", "id": "1", "date": "2022-05-01T10:00:00Z"}
    deep = '{"ocid": "ocds-p-2", "id": "2", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    package, keys = parse_page(f'{{"releases": [{json.dumps(good)}, {deep}]}}'.encode())
    assert keys == []  # the releases come back unbuilt
    assert isinstance(package, dict)


def test_a_real_page_of_find_a_tender():
    body = require_data(*FTS, "2026-08-10", "page-001.json").read_bytes()
    package, keys = parse_page(body)
    assert len(keys) == len(package["releases"]) > 0
    assert all(ocid.startswith("ocds-h6vhtk-") for ocid, _ in keys)


def test_same_walk():
    first = "https://example.org/api?updatedFrom=a&updatedTo=b"
    assert same_walk(f"{first}&cursor=abc", first)
    assert same_walk("https://example.org/api?cursor=x&updatedTo=b&updatedFrom=a", first)
    assert not same_walk(first, first)  # the first page itself: nothing to resume
    assert not same_walk("", first)
    assert not same_walk("https://example.org/api?updatedFrom=z&updatedTo=b&cursor=1", first)
    assert not same_walk("https://other.example.org/api?updatedFrom=a&updatedTo=b&cursor=1", first)
    assert not same_walk("http://example.org/api?updatedFrom=a&updatedTo=b&cursor=1", first)
    assert not same_walk("https://example.org/v2?updatedFrom=a&updatedTo=b&cursor=1", first)


def test_seconds_to_wait():
    now = datetime(2026, 8, 10, 12, tzinfo=UTC)
    assert seconds_to_wait("120", now) == 120.0
    assert seconds_to_wait(" 5 ", now) == 5.0
    assert seconds_to_wait("Mon, 10 Aug 2026 12:01:30 GMT", now) == 90.0
    assert seconds_to_wait("Mon, 10 Aug 2026 11:00:00 GMT", now) == 0.0  # past: no wait
    assert seconds_to_wait("Mon, 10 Aug 2026 12:00:10 -0000", now) == 10.0  # no zone: UTC
    assert seconds_to_wait("", now) is None
    assert seconds_to_wait(None, now) is None
    assert seconds_to_wait("soon", now) is None
    assert seconds_to_wait("-5", now) is None


def test_fetch_summary_as_json():
    summary = FetchSummary(requests=3, windows=2, windows_done=1, windows_failed=1)
    summary.errors.append("window 1 failed")
    data = summary.as_json()
    assert data["requests"] == 3 and data["errors"] == ["window 1 failed"]
    assert set(data) == set(FetchSummary.__dataclass_fields__)
    assert FetchSummary().errors == [] and FetchSummary().errors is not summary.errors
