"""Opportunity work for the background worker (jobs/): alerts, fetching notices, re-indexing."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from jobs.registry import JobFailed, kind
from opportunities import search_index
from opportunities.alerts import send_alerts as send
from opportunities.connectors import Connector, FetchFailed, start_of_day
from opportunities.notice_services import DEFAULT_WINDOW_HOURS, SOURCES


@kind("opportunities.send_alerts", "Email suppliers their digest of new opportunities")
def send_alerts(job, progress) -> dict:
    progress("Finding new opportunities for each supplier")
    result = send(job.params.get("base_url") or settings.SITE_URL.rstrip("/"))
    return {key: value for key, value in vars(result).items() if not key.startswith("_")}


@kind("opportunities.fetch_notices", "Fetch new notices")
def fetch_notices(job, progress) -> dict:
    """From each of FETCH_NOTICES_SOURCES (or the job's `sources`), yesterday and today; a window
    already fetched is not fetched again (the connector resumes from what it stored)."""
    sources = job.params.get("sources") or settings.FETCH_NOTICES_SOURCES
    unknown = sorted(set(sources) - set(SOURCES))
    if unknown:
        raise JobFailed(f"Unknown source(s) {', '.join(unknown)}; known: {', '.join(SOURCES)}")
    if not sources:
        raise JobFailed("No source to fetch from: set FETCH_NOTICES_SOURCES (README, production).")
    today = timezone.localdate()
    since = _day(job.params.get("since")) or _day((today - timedelta(days=1)).isoformat())
    until = _day(job.params.get("until")) or _day((today + timedelta(days=1)).isoformat())
    summary = {}
    for name in sources:
        hours = job.params.get("window_hours") or 24 * int(job.params.get("window_days") or 0)
        pace = job.params.get("pace", "default")
        connector = Connector(
            SOURCES[name],
            job.params.get("base_url"),
            window_hours=float(hours or DEFAULT_WINDOW_HOURS),
            pace=tuple(pace) if isinstance(pace, list) else pace,
            progress=lambda message, name=name: progress(f"{name}: {message}"),
        )
        try:
            result = connector.run(since, until)
        except FetchFailed as error:
            raise ConnectionError(f"{name}: {error}") from error
        if connector.summary.windows_failed:
            # The connector has already retried; what it stored is kept and resumed next time.
            raise ConnectionError(
                f"{name}: {connector.summary.windows_failed} window(s) not done "
                f"({connector.summary.errors[-1]})"
            )
        summary[name] = {
            **result.as_json(),
            "pages": connector.pages,
            **connector.summary.as_json(),
        }
    summary["releases_new"] = sum(part["releases_new"] for part in summary.values())
    return summary


def _day(value: str | None):
    return start_of_day(value) if value else None


@kind("opportunities.reindex", "Build the opportunity search index again")
def reindex(job, progress) -> dict:
    count = search_index.rebuild(lambda done, total: progress("Indexing processes", done, total))
    return {"processes_indexed": count}
