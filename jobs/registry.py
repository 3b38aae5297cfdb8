"""The kinds of background work, registered by name from each app's `tasks.py`. No database.

A kind is a function `run(job, progress) -> dict` (the dict is the job's summary, shown on its
page and in `anchorhub jobs --json`). It raises `JobFailed` for a problem a person must fix (a
file that cannot be read): the job fails with that message and is not tried again. Faults that
may pass (the database or the mail server briefly unreachable) are retried; anything else fails
the job with the error's name and text, and is logged with its traceback.
"""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Callable
from dataclasses import dataclass

from django.db import InterfaceError, OperationalError


class JobFailed(Exception):
    """The job cannot succeed as asked; the message says why, in words for the person who asked."""


# Faults worth another attempt: a connection dropped or refused, a time-out, the mail server away.
TRANSIENT = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    smtplib.SMTPException,
)


def is_transient(error: BaseException) -> bool:
    if isinstance(error, TRANSIENT):
        return True
    try:
        import requests  # noqa: PLC0415 (optional: requests comes with the OCDS tools)
    except ImportError:  # pragma: no cover (requests comes with the OCDS tools)
        return False
    return isinstance(error, requests.ConnectionError | requests.Timeout)


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # what the job does, e.g. "Import a payment file"
    run: Callable
    # Go straight on to the job's next page (e.g. the column check) when it has finished.
    follow_when_done: bool = False


KINDS: dict[str, Kind] = {}


def kind(name: str, label: str, *, follow_when_done: bool = False) -> Callable:
    """Register a function as a kind of background job."""

    def register(function: Callable) -> Callable:
        if name in KINDS and KINDS[name].run is not function:
            raise ValueError(f"Two job kinds are called {name!r}")
        KINDS[name] = Kind(name, label, function, follow_when_done)
        return function

    return register


# Retry delays after a transient fault, in seconds: a minute, five, then a quarter of an hour.
RETRY_DELAYS = (60, 300, 900)


def retry_delay(attempt: int) -> int:
    """The wait before attempt `attempt + 1`, after `attempt` attempts failed (1-based)."""
    return RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]
