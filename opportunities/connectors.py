"""Clients for the two official OCDS APIs: Find a Tender and Contracts Finder (RULES.md section 4).

Both page with a cursor given as `links.next` in each release package; a page with no `links` (or
no `next`) is the last of its window. We walk the requested dates in short windows (6 hours by
default: long windows are known to drop releases), paced within the API's rate limit (Find a
Tender: 12 requests per 2 minutes; a 429 is waited out for its `Retry-After`), fetch each page with
bounded retries (403, 429, 5xx, time-outs and cut connections), load it with the same loader as
files (so nothing is stored twice), and record the next page after each one. A window that still
fails after its retries is left not done, with its next page, and the run goes on with the next
windows; running the same command again fetches only the windows not done, each from where it
stopped (decision 0015).
"""

from __future__ import annotations

import http.client
import json
import logging
import random
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zoneinfo
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from opportunities.loading import Loader, LoadResult
from opportunities.models import FetchWindow
from opportunities.ocds_input import read_page

logger = logging.getLogger(__name__)
LONDON = zoneinfo.ZoneInfo("Europe/London")


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
    dates: str = "utc"


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


def start_of_day(value: str) -> datetime:
    """'2025-02-01' as the start of that day in local time; ValueError if it is not such a date."""
    return timezone.make_aware(
        datetime.combine(datetime.strptime(value, "%Y-%m-%d").date(), clock.min)
    )


class FetchFailed(Exception):
    pass


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


def default_pace() -> tuple[int, float] | None:
    return parse_pace(getattr(settings, "FETCH_NOTICES_PACE", DEFAULT_PACE))


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


class Connector:
    def __init__(
        self,
        source: Source,
        base_url: str | None = None,
        *,
        timeout: float = 60,
        attempts: int = 6,
        backoff: float = 2.0,
        window_hours: float = DEFAULT_WINDOW_HOURS,
        window_days: int | None = None,
        pace: tuple[int, float] | str | None = "default",
        progress: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = timezone.now,
    ):
        self.source = source
        self.base_url = (base_url or source.base_url).rstrip("/")
        self.timeout, self.attempts, self.backoff = timeout, attempts, backoff
        self.window_hours = window_days * 24 if window_days else window_hours
        if self.window_hours <= 0:
            raise ValueError("windows must be longer than 0 hours")
        self.progress = progress or (lambda message: None)
        self.pacer = Pacer(default_pace() if pace == "default" else pace, clock, sleep)
        self.now = now
        self.loader = Loader()
        self.total = LoadResult()
        self.summary = FetchSummary()
        self.pages = 0
        self.seen: set[tuple[str, str]] = set()

    def _time(self, moment: datetime) -> str:
        if self.source.dates == "london":
            return moment.astimezone(LONDON).strftime("%Y-%m-%dT%H:%M:%S")
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def first_url(self, start: datetime, end: datetime) -> str:
        query = {
            self.source.date_from: self._time(start),
            self.source.date_to: self._time(end),
            "limit": PAGE_SIZE,
            **self.source.extra,
        }
        return f"{self.base_url}{self.source.path}?{urllib.parse.urlencode(query)}"

    def run(self, since: datetime, until: datetime) -> LoadResult:
        """Fetch every window of [since, until) not done before. Raises FetchFailed only for what
        no retry can mend (a page that is not a release package, a link that is not http); a
        window that keeps failing is counted in `summary.windows_failed` and left to resume."""
        started, run_at = time.perf_counter(), self.now()
        started_windows = [w for w in windows(since, until, self.window_hours) if w[0] < run_at]
        self.summary.windows = len(started_windows)
        failed_in_a_row = 0
        for number, (start, end) in enumerate(started_windows, 1):
            first = self.first_url(start, end)
            state, _ = FetchWindow.objects.get_or_create(
                source=self.source.name,
                window_start=start,
                window_end=end,
                defaults={"next_url": first},
            )
            if state.completed_at:
                self.summary.windows_skipped += 1
                continue
            span = f"{self._time(start)[:16]} to {self._time(end)[11:16]}"
            label = f"{self.source.name} {span} (window {number} of {len(started_windows)})"
            if not _same_walk(state.next_url, first):
                # Never started, finished while still recent, or stored by an older version
                # (other query): the whole window from its first page.
                state.next_url, state.pages, state.releases = first, 0, 0
            try:
                self._walk(state, label)
            except _WindowFailed as error:
                failed_in_a_row += 1
                self.summary.windows_failed += 1
                self.summary.errors.append(str(error))
                self.progress(f"{label}: not done ({error})")
                if failed_in_a_row >= FAILED_WINDOWS_IN_A_ROW:
                    self.summary.windows_not_reached = len(started_windows) - number
                    self.progress("stopping: windows keep failing; run again to resume")
                    break
                continue
            failed_in_a_row = 0
            if end <= run_at - SETTLE:
                state.completed_at = timezone.now()
                self.summary.windows_done += 1
            else:
                # Recent: releases may still arrive in it, so the next run fetches it again.
                state.next_url = first
                self.summary.windows_open += 1
            state.save()
        self.total.seconds = time.perf_counter() - started
        return self.total

    def _walk(self, state: FetchWindow, label: str) -> None:
        url, visited = state.next_url, set()
        while url:
            visited.add(url)
            body = self.fetch(url)
            package, keys = parse_page(body)
            releases = package.get("releases") if isinstance(package, dict) else None
            if not isinstance(releases, list):
                raise FetchFailed(
                    f"{url}: the answer is not a release package (no 'releases' list)"
                )
            if releases:
                self._load(body, url)
            self.summary.releases_served += len(releases)
            repeated = sum(1 for key in keys if key in self.seen)
            self.summary.releases_repeated += repeated
            self.seen.update(keys)
            links = package.get("links")
            next_url = ((links.get("next") if isinstance(links, dict) else "") or "").strip()
            if next_url in visited:
                next_url = ""  # a cursor that leads back would loop
            if next_url and urllib.parse.urlsplit(next_url).scheme not in ("http", "https"):
                raise FetchFailed(
                    f"{url}: the next-page link {next_url!r} is not an http(s) address"
                )
            state.pages += 1
            state.releases += len(releases)
            state.next_url = next_url
            state.save()
            self.pages += 1
            again = f" ({repeated} served before)" if repeated else ""
            self.progress(
                f"{label}: page {state.pages}, {state.releases:,} releases{again}; "
                f"{self.summary.requests} requests so far"
            )
            url = next_url

    def _load(self, body: bytes, url: str) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "page.json"
            path.write_bytes(body)
            result = self.loader.load([(path, url)])
        for key in (
            "releases_read",
            "releases_new",
            "releases_unchanged",
            "releases_quarantined",
            "processes_updated",
        ):
            setattr(self.total, key, getattr(self.total, key) + getattr(result, key))
        self.total.files += 1

    def fetch(self, url: str) -> bytes:
        """The whole body of one page, parsed once to be sure it is complete. Retries what can
        pass, paced; a 429 waits its Retry-After. _WindowFailed when the attempts run out."""
        delay = self.backoff
        last = ""
        for attempt in range(1, self.attempts + 1):
            wait = delay * (1 + random.random() / 4)  # noqa: S311 (jitter, not security)
            self.pacer.wait_turn()
            self.summary.requests += 1
            try:
                request = urllib.request.Request(  # noqa: S310 (scheme checked in _walk())
                    url, headers={"Accept": "application/json", "User-Agent": "AnchorHub"}
                )
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    body = response.read()
                parse_page(body)
                return body
            except urllib.error.HTTPError as error:
                if error.code not in RETRY_STATUSES:
                    raise FetchFailed(f"{url}: HTTP {error.code} {error.reason}") from error
                last = f"HTTP {error.code}"
                if error.code == 429:
                    self.summary.rate_limited += 1
                retry_after = _retry_after(error.headers.get("Retry-After", ""), self.now())
                if retry_after is not None:
                    if retry_after > MAX_RETRY_AFTER:
                        raise _WindowFailed(
                            f"{url}: {last} asks to wait {retry_after:.0f}s; run again later"
                        ) from error
                    wait = max(wait, retry_after)
            except (
                TimeoutError,
                urllib.error.URLError,
                http.client.HTTPException,
                ConnectionError,
            ) as error:
                last = f"{type(error).__name__}: {error}"
            except ValueError as error:  # JSON: the connection was cut part-way through the page
                last = f"incomplete page ({error})"
            logger.warning("%s: %s (attempt %s of %s)", url, last, attempt, self.attempts)
            if attempt < self.attempts:
                self.summary.retries += 1
                self.progress(f"  {last}; trying again in {wait:.1f}s")
                self.pacer.rest(wait)
                delay *= 2
        raise _WindowFailed(
            f"{url}: gave up after {self.attempts} attempts ({last}). Run the same command again to resume here."
        )


class _WindowFailed(FetchFailed):
    """Retries ran out for one page: its window stays not done, the run goes on."""


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


def _same_walk(next_url: str, first: str) -> bool:
    """Whether a stored next page continues the walk `first` starts: same address and query
    but for the cursor (a page of an older query or another server is not resumed)."""
    if not next_url or next_url == first:
        return False
    a, b = urllib.parse.urlsplit(next_url), urllib.parse.urlsplit(first)

    def query(parts):
        return {k: v for k, v in urllib.parse.parse_qsl(parts.query) if k != "cursor"}

    return (a.scheme, a.netloc, a.path, query(a)) == (b.scheme, b.netloc, b.path, query(b))


def _retry_after(value: str, now: datetime) -> float | None:
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
