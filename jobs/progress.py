"""Live progress of a running job, kept in the cache (alias "jobs") rather than in the database.

An import writes its rows in one transaction; progress written to the database inside it would
not be seen by anyone until it ended, and on SQLite a second connection could not write at all
while the import holds the write lock. The cache is shared by the web server and the worker
(a file cache beside the database on one machine, Redis where JOBS_CACHE_URL says so).
"""

from __future__ import annotations

import time

from django.core.cache import caches

# Progress is written at most this often (seconds), however often the work reports it.
WRITE_EVERY = 0.5
KEEP_FOR = 24 * 60 * 60  # a day; the job's own record keeps the last stage for ever


def _key(job_id: int) -> str:
    return f"job-progress:{job_id}"


def read(job_id: int) -> dict | None:
    return caches["jobs"].get(_key(job_id))


def clear(job_id: int) -> None:
    caches["jobs"].delete(_key(job_id))


class Progress:
    """Called by the work: `progress("Checking rows", done=2_000, total=94_775)`."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.last: dict = {}
        self._written = 0.0

    def __call__(self, stage: str, done: int | None = None, total: int | None = None) -> None:
        changed_stage = stage != self.last.get("stage")
        self.last = {"stage": stage, "done": done, "total": total}
        now = time.monotonic()
        if changed_stage or now - self._written >= WRITE_EVERY:
            self._written = now
            caches["jobs"].set(_key(self.job_id), self.last, KEEP_FOR)


def describe(progress: dict | None) -> str:
    """'Checking rows: 2,000 of 94,775 (2%)' — how far a job has gone, in words."""
    if not progress or not progress.get("stage"):
        return ""
    stage, done, total = progress["stage"], progress.get("done"), progress.get("total")
    if done is None:
        return stage
    if total:
        return f"{stage}: {done:,} of {total:,} ({min(100, round(100 * done / total))}%)"
    return f"{stage}: {done:,}"
