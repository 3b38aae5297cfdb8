"""Job pages in the browser: live progress, then on to the next step; a failure says why."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import sign_in, violations_on


def test_a_job_page_follows_the_progress_then_goes_on(page, live_server, world):
    """The upload's job page updates itself from status.json (a polite live region), passes axe,
    and goes on to the next step when the job has finished."""
    from jobs.models import Job
    from jobs.progress import Progress

    job = Job.objects.create(
        kind="spend.inspect",
        title="Read april.csv for Home Council",
        status=Job.Status.RUNNING,
        created_by=world.users["buyer"],
        organisation=world.home,
        next_url="/spend/imports/",
        attempts=1,
    )
    base = live_server.url
    sign_in(page, base, world.users["buyer"].email)
    page.goto(f"{base}/jobs/{job.pk}/?follow=1")
    status = page.locator("#job-status")
    assert status.get_attribute("role") == "status" and "Running" in status.inner_text()
    assert not violations_on(page)
    Progress(job.pk)("Checking april.csv", 10, 40)
    # (expect, not wait_for_function: a string predicate is eval, which the CSP refuses)
    expect(status).to_contain_text("Checking april.csv: 10 of 40 (25%)", timeout=15_000)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED)
    page.wait_for_url(re.compile(r".*/spend/imports/$"), timeout=15_000)
    assert not page.console_problems, page.console_problems


def test_a_failed_job_says_why_in_the_browser(page, live_server, world):
    from jobs.models import Job

    job = Job.objects.create(
        kind="spend.import",
        title="Import april.csv for Home Council",
        status=Job.Status.FAILED,
        error="april.csv: cannot tell which column holds: Payment date. Nothing was imported.",
        created_by=world.users["buyer"],
        organisation=world.home,
        next_url="/spend/upload/",
        attempts=1,
    )
    base = live_server.url
    sign_in(page, base, world.users["buyer"].email)
    page.goto(f"{base}/jobs/{job.pk}/")
    assert "cannot tell which column holds" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_role("button", name="Check the columns again").is_visible()
    assert not violations_on(page)
    page.context.clear_cookies()
    sign_in(page, base, world.users["coordinator"].email)
    page.goto(f"{base}/jobs/")
    assert "cannot tell which column holds" in page.content()
    assert not violations_on(page)
    assert not page.console_problems, page.console_problems
