"""Imports a buyer can trust and undo, in the browser: the warning when a file names another
publisher (stop, or tick and go on), columns judged from their values, the matching that follows an
import followed live on its page, and withdrawal by the anchor's administrator. axe on every page,
no console errors. Files are synthetic, written here."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import expect_error_page, sign_in, violations_on

CALDERDALE_LIKE = (
    "Body,Organisation Name,Date,Net Amount,Supplier(Beneficiary) Name\n"
    "http://statistics.data.gov.uk/doc/local-authority-district/00CY,The Borough of Calderdale,"
    "2021-09-01,3844.24,Acme Care Ltd\n"
    "http://statistics.data.gov.uk/doc/local-authority-district/00CY,The Borough of Calderdale,"
    "2021-09-02,100.00,Bolt Supplies Ltd\n"
)


def upload(page, base, path):
    page.goto(f"{base}/spend/upload/")
    page.get_by_label("Payment file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and check the columns").click()
    page.wait_for_load_state()


def test_another_publishers_file_is_stopped_or_gone_on_with(page, live_server, world, tmp_path):
    base = live_server.url
    sign_in(page, base, world.users["anchor_admin"].email)
    file = tmp_path / "september.csv"
    file.write_text(CALDERDALE_LIKE)
    upload(page, base, file)
    assert "This file says it is from The Borough of Calderdale, not Home Council." in (
        page.content()
    )
    assert not violations_on(page)
    page.get_by_role("button", name="Stop: discard this file").click()
    page.wait_for_url(re.compile(r".*/spend/imports/$"))
    assert "september.csv was discarded" in page.content()
    assert not violations_on(page)
    upload(page, base, file)
    page.get_by_role("button", name="Import these payments").click()
    page.wait_for_load_state()
    expect_error_page(page)
    assert not violations_on(page)
    page.get_by_label("I have checked: these are Home Council's payments all the same").check()
    page.get_by_role("button", name="Import these payments").click()
    page.wait_for_url(re.compile(r".*/spend/imports/\d+/$"))
    assert "Publisher the file names" in page.content()
    assert "Payees are matched" in page.content()  # the follow-up ran (jobs run in-process)
    assert not violations_on(page)
    # Withdraw it: confirmation page, a reason, the record kept and marked.
    page.get_by_role("button", name="Withdraw this import").click()
    assert "will be removed from Home Council" in page.content()
    assert not violations_on(page)
    page.get_by_role("button", name="Yes, withdraw the import").click()
    page.wait_for_load_state()
    expect_error_page(page)
    assert "Enter why the import is withdrawn" in (page.content())
    assert not violations_on(page)
    page.get_by_label("Why is it withdrawn?").fill("Calderdale's file, not ours")
    page.get_by_role("button", name="Yes, withdraw the import").click()
    page.wait_for_url(re.compile(r".*/spend/imports/\d+/$"))
    assert "This import was withdrawn on" in page.content()
    assert not violations_on(page)
    page.goto(f"{base}/spend/imports/")
    expect(page.locator(".govuk-tag--red", has_text="Withdrawn")).to_be_visible()
    assert not violations_on(page)
    assert not page.console_problems, page.console_problems


def test_columns_judged_from_values_are_explained(page, live_server, world, tmp_path):
    base = live_server.url
    sign_in(page, base, world.users["buyer"].email)
    file = tmp_path / "june.csv"
    rows = "".join(f"Synthetic Payee {n % 9},{n:02d}/06/2024,{n}.25\n" for n in range(1, 21))
    file.write_text("Who,When,How much\n" + rows)
    upload(page, base, file)
    assert "We think “Who” is the supplier name because" in page.content()
    assert not violations_on(page)
    assert not page.console_problems, page.console_problems


def test_the_matching_after_an_import_is_followed_live(page, live_server, world):
    from jobs.models import Job
    from jobs.progress import Progress
    from spend.models import SpendImport

    job = Job.objects.create(
        kind="suppliers.resolve",
        title="Match payees",
        status=Job.Status.RUNNING,
        organisation=world.home,
        attempts=1,
    )
    record = SpendImport.objects.create(
        buyer=world.home, source_name="april.csv", digest="0" * 64, followup_job=job
    )
    base = live_server.url
    sign_in(page, base, world.users["buyer"].email)
    page.goto(f"{base}/spend/imports/{record.pk}/")
    status = page.locator("#job-status")
    assert "Running" in status.inner_text()
    assert not violations_on(page)
    Progress(job.pk)("Placing payees in the registers", 5, 20)
    expect(status).to_contain_text("Placing payees in the registers: 5 of 20", timeout=15_000)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED)
    expect(page.get_by_text("Payees are matched")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("link", name="See Home Council's ledger")).to_be_visible()
    assert not violations_on(page)
    assert not page.console_problems, page.console_problems
