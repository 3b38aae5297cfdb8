"""Clients for the two official OCDS APIs: Find a Tender and Contracts Finder (RULES.md section 4).

Both page with a cursor given as `links.next` in each release package. We walk the requested dates in
windows, fetch each page with retries (back-off on 403, 429, 5xx, time-outs and cut connections),
load it with the same loader as files (so nothing is stored twice), and record the next page after
each one, so a failed run resumes where it stopped.
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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from django.utils import timezone

from opportunities.loading import Loader, LoadResult
from opportunities.models import FetchWindow
from opportunities.ocds_input import read_page

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    name: str
    base_url: str
    path: str
    date_from: str
    date_to: str
    extra: dict


SOURCES = {
    "find-a-tender": Source(
        "find-a-tender",
        "https://www.find-tender.service.gov.uk",
        "/api/1.0/ocdsReleasePackages",
        "updatedFrom",
        "updatedTo",
        {"stages": "planning,tender,award"},
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


def start_of_day(value: str) -> datetime:
    """'2025-02-01' as the start of that day in local time; ValueError if it is not such a date."""
    return timezone.make_aware(
        datetime.combine(datetime.strptime(value, "%Y-%m-%d").date(), clock.min)
    )


class FetchFailed(Exception):
    pass


def windows(since: datetime, until: datetime, days: int) -> list[tuple[datetime, datetime]]:
    result, start = [], since
    while start < until:
        end = min(start + timedelta(days=days), until)
        result.append((start, end))
        start = end
    return result


class Connector:
    def __init__(
        self,
        source: Source,
        base_url: str | None = None,
        *,
        timeout: float = 60,
        attempts: int = 6,
        backoff: float = 2.0,
        window_days: int = 1,
        progress: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.source = source
        self.base_url = (base_url or source.base_url).rstrip("/")
        self.timeout, self.attempts, self.backoff, self.window_days = (
            timeout,
            attempts,
            backoff,
            window_days,
        )
        self.progress = progress or (lambda message: None)
        self.sleep = sleep
        self.loader = Loader()
        self.total = LoadResult()
        self.pages = 0

    def first_url(self, start: datetime, end: datetime) -> str:
        query = {
            self.source.date_from: _iso(start),
            self.source.date_to: _iso(end),
            "limit": PAGE_SIZE,
            **self.source.extra,
        }
        return f"{self.base_url}{self.source.path}?{urllib.parse.urlencode(query)}"

    def run(self, since: datetime, until: datetime) -> LoadResult:
        started = time.perf_counter()
        for start, end in windows(since, until, self.window_days):
            state, _ = FetchWindow.objects.get_or_create(
                source=self.source.name,
                window_start=start,
                window_end=end,
                defaults={"next_url": self.first_url(start, end)},
            )
            if state.completed_at:
                continue
            url = state.next_url or self.first_url(start, end)
            while url:
                body = self.fetch(url)
                package = read_page(body)
                releases = package.get("releases") if isinstance(package, dict) else None
                if not isinstance(releases, list):
                    raise FetchFailed(
                        f"{url}: the answer is not a release package (no 'releases' list)"
                    )
                if releases:
                    self._load(body, url)
                next_url = ((package.get("links") or {}).get("next") or "").strip()
                if next_url == url:
                    next_url = ""  # a cursor that points at itself would loop
                if next_url and urllib.parse.urlsplit(next_url).scheme not in ("http", "https"):
                    raise FetchFailed(
                        f"{url}: the next-page link {next_url!r} is not an http(s) address"
                    )
                state.pages += 1
                state.releases += len(releases)
                state.next_url = next_url
                state.completed_at = None if next_url else timezone.now()
                state.save()
                self.pages += 1
                self.progress(
                    f"{self.source.name} {start:%Y-%m-%d}: page {state.pages}, {state.releases:,} releases"
                )
                url = next_url
        self.total.seconds = time.perf_counter() - started
        return self.total

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
        """The whole body of one page, parsed once to be sure it is complete. Retries what can pass."""
        delay = self.backoff
        last = ""
        for attempt in range(1, self.attempts + 1):
            wait = delay * (1 + random.random() / 4)  # noqa: S311 (jitter, not security)
            try:
                request = urllib.request.Request(  # noqa: S310 (scheme checked in run())
                    url, headers={"Accept": "application/json", "User-Agent": "AnchorHub"}
                )
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    body = response.read()
                read_page(body)
                return body
            except urllib.error.HTTPError as error:
                if error.code not in RETRY_STATUSES:
                    raise FetchFailed(f"{url}: HTTP {error.code} {error.reason}") from error
                last = f"HTTP {error.code}"
                retry_after = error.headers.get("Retry-After", "")
                if retry_after.isdigit():
                    wait = max(wait, float(retry_after))
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
                self.progress(f"  {last}; trying again in {wait:.1f}s")
                self.sleep(wait)
                delay *= 2
        raise FetchFailed(
            f"{url}: gave up after {self.attempts} attempts ({last}). Run the same command again to resume here."
        )


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
