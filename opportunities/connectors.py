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
import logging
import random
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zoneinfo
from collections.abc import Callable
from datetime import UTC, datetime
from datetime import time as clock
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from opportunities.loading import Loader, LoadResult
from opportunities.models import FetchWindow
from opportunities.notice_services import (
    DEFAULT_PACE,
    DEFAULT_WINDOW_HOURS,
    FAILED_WINDOWS_IN_A_ROW,
    MAX_RETRY_AFTER,
    PAGE_SIZE,
    RETRY_STATUSES,
    SETTLE,
    FetchSummary,
    Pacer,
    Source,
    parse_pace,
    parse_page,
    same_walk,
    seconds_to_wait,
    windows,
)

logger = logging.getLogger(__name__)


LONDON = zoneinfo.ZoneInfo("Europe/London")


def start_of_day(value: str) -> datetime:
    """'2025-02-01' as the start of that day in local time; ValueError if it is not such a date."""
    return timezone.make_aware(
        datetime.combine(datetime.strptime(value, "%Y-%m-%d").date(), clock.min)  # noqa: DTZ007 (made aware on the line above)
    )


class FetchFailed(Exception):
    pass


def default_pace() -> tuple[int, float] | None:
    return parse_pace(getattr(settings, "FETCH_NOTICES_PACE", DEFAULT_PACE))


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
            if not same_walk(state.next_url, first):
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
                retry_after = seconds_to_wait(error.headers.get("Retry-After", ""), self.now())
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
