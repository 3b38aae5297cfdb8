"""Pure rules of background jobs: retry delays, which faults are worth another attempt, progress
in words, and who may see a job. No database."""

import smtplib
from types import SimpleNamespace

import pytest
import requests
from django.db import IntegrityError, OperationalError

from jobs.access import may_see
from jobs.progress import describe
from jobs.registry import JobFailed, is_transient, retry_delay


def test_retry_delays_grow_then_stay():
    assert [retry_delay(n) for n in (1, 2, 3, 4, 9)] == [60, 300, 900, 900, 900]


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (OperationalError("server closed the connection unexpectedly"), True),
        (ConnectionRefusedError(), True),
        (TimeoutError(), True),
        (smtplib.SMTPServerDisconnected(), True),
        (requests.ConnectionError(), True),
        (IntegrityError("duplicate key"), False),
        (ValueError("bad value"), False),
        (JobFailed("a person must fix this"), False),
        (FileNotFoundError(), False),
    ],
)
def test_only_faults_that_may_pass_are_transient(error, transient):
    assert is_transient(error) is transient


def test_progress_in_words():
    assert describe(None) == ""
    assert describe({"stage": "Reading april.csv"}) == "Reading april.csv"
    assert describe({"stage": "Checking", "done": 2000, "total": 94775}) == (
        "Checking: 2,000 of 94,775 (2%)"
    )
    assert describe({"stage": "Indexing", "done": 12, "total": None}) == "Indexing: 12"
    assert describe({"stage": "Checked", "done": 5, "total": 4}) == "Checked: 5 of 4 (100%)"


def _user(pk, organisation=None, anchor=True, coordinator=False, admin=False, active=True):
    org = SimpleNamespace(pk=organisation, is_anchor=anchor) if organisation else None
    return SimpleNamespace(
        pk=pk,
        is_authenticated=True,
        is_active=active,
        is_coordinator=coordinator,
        organisation=org,
        organisation_id=organisation,
        is_organisation_admin=admin,
    )


def test_who_may_see_a_job():
    job = SimpleNamespace(created_by_id=1, organisation_id=10)
    assert may_see(_user(1, 10), job)  # who started it
    assert may_see(_user(2, 10), job)  # a buyer of the same anchor
    assert may_see(_user(3, 10, admin=True), job)  # its administrator
    assert may_see(_user(4, coordinator=True), job)
    assert not may_see(_user(5, 11), job)  # a buyer elsewhere
    assert not may_see(_user(6, 10, anchor=False), job)  # a supplier "member" of that id
    assert not may_see(_user(1, 10, active=False), job)  # deactivated
    assert not may_see(SimpleNamespace(is_authenticated=False), job)
    command_job = SimpleNamespace(created_by_id=None, organisation_id=None)
    assert not may_see(_user(2, 10), command_job)
    assert may_see(_user(4, coordinator=True), command_job)
