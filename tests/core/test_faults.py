"""The database out of reach: a 503 (HTML, or JSON under /api/) with Retry-After on the web and one
clear line on the command line, never a 500 or a traceback (core/faults.py, core/views.py,
core/manage.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from core.faults import RETRY_AFTER_SECONDS, describe_unreachable, unreachable_database_error

ROOT = Path(__file__).resolve().parents[2]
# Nothing listens on port 1: connections are refused at once.
UNREACHABLE = "postgres://postgres:s3cret-pw@127.0.0.1:1/x"
POSTGRES = {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1", "PORT": 1, "NAME": "x"}


def _environment(**extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(
        PYTHONPATH=str(ROOT),
        SECRET_KEY="tests-only-key-never-used-in-production-9f2c4e1a",
        ALLOWED_HOSTS="testserver",
        STATIC_FROM_FINDERS="1",
        **extra,
    )
    return environment


def _anchorhub():
    script = Path(sys.executable).with_name("anchorhub")
    return [str(script)] if script.exists() else [sys.executable, "-m", "core.manage"]


# --- pure: recognising the error and describing it ------------------------------------------


def _refused():
    try:
        raise OperationalError(
            'connection failed: connection to server at "127.0.0.1", port 1 failed: Connection '
            "refused\n\tIs the server running on that host and accepting TCP/IP connections?"
        )
    except OperationalError as error:
        return error


def test_a_refused_connection_is_described_in_one_line():
    line = describe_unreachable(_refused(), POSTGRES, from_environment=True)
    assert line == (
        "AnchorHub cannot reach its database at 127.0.0.1:1/x (DATABASE_URL): "
        "connection refused. Is PostgreSQL running?"
    )


def test_an_unknown_reason_is_kept_without_the_password():
    error = OperationalError("FATAL: something odd for password=hunter22 and hunter22")
    line = describe_unreachable(error, {**POSTGRES, "PASSWORD": "hunter22"}, True)
    assert "hunter22" not in line and "something odd" in line and "\n" not in line


def test_the_error_is_found_behind_another():
    try:
        try:
            raise _refused()
        except OperationalError as cause:
            raise RuntimeError("while rendering") from cause
    except RuntimeError as error:
        assert isinstance(unreachable_database_error(error), OperationalError)


def test_a_missing_sqlite_table_is_not_an_unreachable_database():
    assert unreachable_database_error(OperationalError("no such table: spend_payment")) is None
    assert unreachable_database_error(ValueError("nothing to do with it")) is None


# --- the web, against a database that really is not there -----------------------------------

_REQUESTS = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False, REMOTE_ADDR="203.0.113.9")
results = {}
def record(name, response):
    results[name] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "type": response.get("Content-Type"),
        "body": "" if response.streaming else response.content.decode(errors="replace")[:3000],
    }
record("directory", client.get("/organisations/"))
client.cookies["sessionid"] = "a-session-the-database-would-have-to-look-up"
record("signed_in_page", client.get("/account/"))
record("sign_in", client.post("/sign-in/", {"username": "a@example.org", "password": "x"}))
record("api", client.get("/api/organisations"))
record("static", client.get("/static/anchorhub/js-enabled.js"))
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def responses_without_database():
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", _REQUESTS],
        env=_environment(DATABASE_URL=UNREACHABLE, DJANGO_SETTINGS_MODULE="core.settings"),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", ["directory", "signed_in_page", "sign_in"])
def test_pages_answer_503_with_a_plain_page(responses_without_database, name):
    response = responses_without_database[name]
    assert response["status"] == 503
    assert response["retry_after"] == str(RETRY_AFTER_SECONDS)
    assert "Sorry, the service is unavailable" in response["body"]
    assert "govuk-template" in response["body"]  # the site's own layout
    assert "Traceback" not in response["body"] and "127.0.0.1" not in response["body"]


def test_the_api_answers_503_in_json(responses_without_database):
    response = responses_without_database["api"]
    assert response["status"] == 503 and response["type"] == "application/json"
    assert response["retry_after"] == str(RETRY_AFTER_SECONDS)
    assert "cannot reach its database" in json.loads(response["body"])["detail"]


def test_static_files_are_still_served(responses_without_database):
    assert responses_without_database["static"]["status"] == 200


# --- the web, when the database goes away under a signed-in user -----------------------------


def test_a_signed_in_user_gets_503_when_the_database_goes(client_for):
    client = client_for("buyer")
    cookies = client.cookies
    client = Client(raise_request_exception=False)
    client.cookies = cookies
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=_refused()):
        # The session and the user are looked up by middleware before any view runs.
        response = client.get("/account/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "Sorry, the service is unavailable" in response.content.decode()


def test_other_faults_are_still_a_500(client, db):
    from core.views import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(None)
    assert response.status_code == 500


# --- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["migrate"], ["showmigrations"], ["send_alerts"]])
def test_the_command_line_says_what_is_wrong_in_one_line(command):
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [*_anchorhub(), *command],
        env=_environment(DATABASE_URL=UNREACHABLE),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode != 0
    assert done.stderr == (
        "AnchorHub cannot reach its database at 127.0.0.1:1/x (DATABASE_URL): "
        "connection refused. Is PostgreSQL running?\n"
    )
    assert "s3cret-pw" not in done.stdout + done.stderr
