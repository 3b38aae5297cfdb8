"""The official notice services' OCDS APIs (Find a Tender, Contracts Finder): where they are and
how their dates are read, the pace they allow, a run's dates cut into windows, a page read, a
Retry-After understood, and what a run did. Pure: no database, no requests (`connectors.py` sends
them)."""

from __future__ import annotations

import json
import urllib.parse
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Literal

from opportunities.ocds_input import read_page


@dataclass(frozen=True)
class Source:
    name: str
    base_url: str
    path: str
    date_from: str
    date_to: str
    extra: dict
    # How the API reads a date in the query: "utc" (…Z) or "london" (Europe/London wall clock,
    # no offset: Find a Tender ignores a trailing Z and reads the time as London time).
    dates: Literal["utc", "london"] = "utc"


SOURCES = {
    # No `stages`: Find a Tender answers comma-joined stages with 200 and no releases
    # (shared probe 24-stages-combo.json), and a single stage is reported to return only PCR 2015
    # (CELEX) releases without their updates. So we fetch every release, unfiltered (decision 0015).
    "find-a-tender": Source(
        "find-a-tender",
        "https://www.find-tender.service.gov.uk",
        "/api/1.0/ocdsReleasePackages",
        "updatedFrom",
        "updatedTo",
        {},
        dates="london",
    ),
    "contracts-finder": Source(
        "contracts-finder",
        "https://www.contractsfinder.service.gov.uk",
        "/Published/Notices/OCDS/Search",
        "publishedFrom",
        "publishedTo",
        {"stages": "planning,tender,award,implementation"},
    ),
}


RETRY_STATUSES = {403, 408, 429, 500, 502, 503, 504}


PAGE_SIZE = 100


DEFAULT_PACE = "12/120"  # Find a Tender's published limit: 12 requests per 2 minutes


DEFAULT_WINDOW_HOURS = 6


# A window that ends less than this long ago is fetched again next time (releases still arrive).
SETTLE = timedelta(hours=1)


# The longest Retry-After we wait for; a longer one fails the window (run again later).
MAX_RETRY_AFTER = 15 * 60


# Windows failing one after the other: the service is down, stop the run.
FAILED_WINDOWS_IN_A_ROW = 2


def parse_pace(text: str) -> tuple[int, float] | None:
    """'12/120' -> (12, 120.0): at most 12 requests in any 120 seconds; '0' or 'off' -> None (no
    pacing, for a mirror or a local server). ValueError if it is neither."""
    text = str(text).strip().lower()
    if text in ("0", "off", "none", ""):
        return None
    count, slash, seconds = text.partition("/")
    try:
        pace = (int(count), float(seconds if slash else "60"))
    except ValueError:
        pace = (0, 0.0)
    if pace[0] < 1 or pace[1] <= 0:
        raise ValueError(
            f"{text!r} is not a pace: give REQUESTS/SECONDS such as 12/120, or 0 for none"
        )
    return pace


def windows(since: datetime, until: datetime, hours: float) -> list[tuple[datetime, datetime]]:
    """[since, until) cut into windows of `hours` (the last one shorter)."""
    result, start, step = [], since, timedelta(hours=hours)
    while start < until:
        end = min(start + step, until)
        result.append((start, end))
        start = end
    return result


class Pacer:
    """At most `requests` in any `seconds`, on an injectable clock (tests never sleep)."""

    def __init__(self, pace, clock: Callable[[], float], sleep: Callable[[float], None]):
        self.pace, self.clock, self.sleep = pace, clock, sleep
        self.sent: deque[float] = deque()
        self.waited = 0.0

    def wait_turn(self) -> None:
        if self.pace is not None:
            limit, seconds = self.pace
            now = self.clock()
            while self.sent and self.sent[0] <= now - seconds:
                self.sent.popleft()
            if len(self.sent) >= limit:
                # Until the oldest of the last `limit` requests is `seconds` old.
                self.rest(self.sent.popleft() + seconds - now + 0.001)
        self.sent.append(self.clock())

    def rest(self, seconds: float) -> None:
        """Wait `seconds` (a Retry-After or a back-off)."""
        self.waited += seconds
        self.sleep(seconds)


@dataclass
class FetchSummary:
    """What a run did, beyond what the loader counted."""

    requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    windows: int = 0
    windows_done: int = 0
    windows_skipped: int = 0
    windows_open: int = 0
    windows_failed: int = 0
    # Not tried: the run stopped before them (windows kept failing). windows = done + skipped +
    # open + failed + not_reached.
    windows_not_reached: int = 0
    releases_served: int = 0
    releases_repeated: int = 0
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "requests": self.requests,
            "retries": self.retries,
            "rate_limited": self.rate_limited,
            "windows": self.windows,
            "windows_done": self.windows_done,
            "windows_skipped": self.windows_skipped,
            "windows_open": self.windows_open,
            "windows_failed": self.windows_failed,
            "windows_not_reached": self.windows_not_reached,
            "releases_served": self.releases_served,
            "releases_repeated": self.releases_repeated,
            "errors": self.errors,
        }


def parse_page(body: bytes) -> tuple[dict, list[tuple[str, str]]]:
    """The package of one page and the (ocid, id) of its releases; ValueError if it is not whole
    JSON. Python's reader reads numbers too large for a double (1e9999) as infinity; a page
    nested too deep for it is read by the streaming reader (whose releases come back unbuilt)."""
    try:
        package = json.loads(body)
    except RecursionError:
        return read_page(body), []
    releases = package.get("releases") if isinstance(package, dict) else None
    keys = [
        (str(r["ocid"]), str(r["id"]))
        for r in (releases if isinstance(releases, list) else [])
        if isinstance(r, dict) and r.get("ocid") and r.get("id")
    ]
    return package, keys


def same_walk(next_url: str, first: str) -> bool:
    """Whether a stored next page continues the walk `first` starts: same address and query
    but for the cursor (a page of an older query or another server is not resumed)."""
    if not next_url or next_url == first:
        return False
    a, b = urllib.parse.urlsplit(next_url), urllib.parse.urlsplit(first)

    def query(parts):
        return {k: v for k, v in urllib.parse.parse_qsl(parts.query) if k != "cursor"}

    return (a.scheme, a.netloc, a.path, query(a)) == (b.scheme, b.netloc, b.path, query(b))


def seconds_to_wait(value: str, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None without one."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
