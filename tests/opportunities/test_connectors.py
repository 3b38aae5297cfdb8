"""Connectors against a local server serving the real packages, with faults: no loss, no duplicates."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opportunities.connectors import Connector, FetchFailed
from opportunities.models import FetchWindow, QuarantinedRelease, Release
from opportunities.notice_services import SOURCES
from tests.opportunities.fake_api import FakeOcdsApi

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("ocds_schema")]
SINCE, UNTIL = datetime(2022, 5, 1, tzinfo=UTC), datetime(2025, 2, 1, tzinfo=UTC)


@pytest.fixture
def real_releases(real_packages):
    releases = []
    for path in real_packages:
        releases += json.loads(path.read_text())["releases"]
    return releases


def expected_keys(releases):
    return {(r["ocid"], r["id"]) for r in releases}


def fetch_args(api) -> list[str]:
    """fetch_notices over the real releases' whole date range from the local API."""
    return [
        "fetch_notices",
        "--source",
        "find-a-tender",
        "--since",
        "2022-05-01",
        "--until",
        "2025-02-01",
        "--base-url",
        api.url,
        "--window-days",
        "400",
        "--pace",
        "0",
    ]


def stored_keys():
    return set(Release.objects.values_list("ocid", "release_id"))


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_faults_cause_no_loss_and_no_duplicates(source, real_releases):
    with FakeOcdsApi(real_releases, page_size=20) as api:
        api.faults = {1: "429", 2: "500", 4: "timeout", 6: "cut", 9: "500", 10: "cut"}
        connector = Connector(
            SOURCES[source],
            api.url,
            timeout=0.5,
            attempts=4,
            backoff=0.01,
            window_days=400,
            sleep=lambda s: None,
        )
        result = connector.run(SINCE, UNTIL)
    assert stored_keys() == expected_keys(real_releases)
    assert Release.objects.count() == len(real_releases) == 206
    assert result.releases_new == 206 and result.releases_quarantined == 0
    assert not QuarantinedRelease.objects.exists()
    # Each fault cost one extra request; every page was asked for until it came whole.
    assert len(api.requests) == connector.pages + 6
    assert all(window.completed_at for window in FetchWindow.objects.all())


def test_a_failed_run_resumes_from_the_stored_cursor(real_releases):
    with FakeOcdsApi(real_releases, page_size=20) as api:
        api.always_fail_cursor = 40  # the third page of the one window
        connector = Connector(
            SOURCES["contracts-finder"],
            api.url,
            attempts=2,
            backoff=0.01,
            window_days=2000,
            sleep=lambda s: None,
        )
        connector.run(SINCE, UNTIL)
        assert connector.summary.windows_failed == 1
        assert "gave up after 2 attempts" in connector.summary.errors[0]
        assert "resume" in connector.summary.errors[0]
        stuck = FetchWindow.objects.get(completed_at__isnull=True)
        assert "cursor=40" in stuck.next_url and stuck.pages == 2
        loaded_before = Release.objects.count()
        assert loaded_before == 40
        api.always_fail_cursor = None
        api.requests.clear()
        Connector(
            SOURCES["contracts-finder"],
            api.url,
            backoff=0.01,
            window_days=2000,
            sleep=lambda s: None,
        ).run(SINCE, UNTIL)
        assert "cursor=40" in api.requests[0]  # resumed there, not from the first page
    assert stored_keys() == expected_keys(real_releases)


def test_running_again_fetches_nothing_new(real_releases):
    with FakeOcdsApi(real_releases, page_size=50) as api:
        out = StringIO()
        args = [*fetch_args(api), "--backoff", "0", "--json"]
        call_command(*args, stdout=out)
        first = json.loads(out.getvalue())
        assert first["releases_new"] == 206 and first["pages"] >= 5
        requests = len(api.requests)
        out = StringIO()
        call_command(*args, stdout=out)
        assert (
            json.loads(out.getvalue())["pages"] == 0 and len(api.requests) == requests
        )  # completed windows are skipped


def test_a_page_with_a_release_nested_too_deep_loads_the_rest(monkeypatch):
    """json.loads raised RecursionError on such a page, which stopped the whole fetch."""
    good = {
        "ocid": "ocds-p-1",
        "id": "1",
        "date": "2022-05-01T10:00:00Z",
        "tag": ["tender"],
        "initiationType": "tender",
    }
    deep = (
        json.dumps(good | {"ocid": "ocds-p-2"})[:-1]
        + ', "x": '
        + "[" * 100_000
        + "]" * 100_000
        + "}"
    )
    body = f'{{"releases": [{json.dumps(good)}, {deep}], "links": {{}}}}'.encode()
    connector = Connector(
        SOURCES["find-a-tender"], "http://127.0.0.1:9", window_hours=24, sleep=lambda s: None
    )
    monkeypatch.setattr(connector, "fetch", lambda url: body)
    result = connector.run(SINCE, datetime(2022, 5, 2, tzinfo=UTC))
    assert result.releases_new == 1 and result.releases_quarantined == 1
    assert "levels deep" in QuarantinedRelease.objects.get(location="releases[1]").reason


def test_a_next_link_that_is_not_http_is_refused(monkeypatch):
    page = {"releases": [], "links": {"next": "file:///etc/passwd"}}
    connector = Connector(SOURCES["find-a-tender"], "http://127.0.0.1:9", sleep=lambda s: None)
    monkeypatch.setattr(connector, "fetch", lambda url: json.dumps(page).encode())
    with pytest.raises(FetchFailed, match="not an http"):
        connector.run(SINCE, datetime(2022, 5, 2, tzinfo=UTC))


def test_bad_arguments(real_releases):
    with pytest.raises(CommandError, match="not a date"):
        call_command("fetch_notices", "--source", "find-a-tender", "--since", "yesterday")
    with pytest.raises(CommandError, match="must be after"):
        call_command(
            "fetch_notices",
            "--source",
            "find-a-tender",
            "--since",
            "2025-01-02",
            "--until",
            "2025-01-01",
        )


def test_fetching_in_the_background_is_a_job_with_the_same_outcome(real_releases):
    from jobs.models import Job

    with FakeOcdsApi(real_releases, page_size=50) as api:
        out = StringIO()
        call_command(*fetch_args(api), "--background", "--json", stdout=out)
    queued = json.loads(out.getvalue())
    job = Job.objects.get(pk=queued["job"])  # run at once in tests (JOBS_RUN_INLINE)
    assert job.kind == "opportunities.fetch_notices" and job.source == Job.Source.COMMAND
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["find-a-tender"]["releases_new"] == 206 and job.result["releases_new"] == 206
    assert stored_keys() == expected_keys(real_releases)
