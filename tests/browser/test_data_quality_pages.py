"""The quarantine and data-quality warnings page, and an opportunity's warnings, in the browser:
a buyer sees them, axe finds no WCAG 2.2 A/AA violation, and the browser console stays clean."""

import json

import pytest

from opportunities.loading import Loader
from tests.browser.helpers import sign_in, violations_on
from tests.opportunities.conftest import package, release


@pytest.mark.usefixtures("ocds_schema")
def test_a_buyer_reads_the_warnings_in_the_browser(page, live_server, world, tmp_path):
    flawed = release(
        ocid="ocds-dq-1",
        buyer={"id": "b", "name": "North Council"},
        tender={
            "title": "Grounds maintenance",
            "status": "active",
            "tenderPeriod": {"durationInDays": "1e9999"},
            "value": {"amount": "lots"},
        },
    )
    unusable = {k: v for k, v in release(ocid="ocds-dq-2").items() if k != "id"}
    path = tmp_path / "dq.json"
    path.write_text(json.dumps(package(flawed, unusable)))
    Loader().load([(path, "dq.json")])
    base = live_server.url
    sign_in(page, base, world.users["buyer"].email)
    problems = {}
    for where, expected in [
        ("/opportunities/quarantine/", "1 quarantined item"),
        ("/opportunities/quarantine/?view=warnings", "Warnings by publisher"),
        ("/opportunities/quarantine/?view=warnings&buyer=North+Council", "from North Council"),
        ("/opportunities/ocds-dq-1/", "Data-quality warnings"),
    ]:
        response = page.goto(base + where)
        assert response.status == 200 and expected in page.content(), where
        assert page.locator("h1").count() == 1
        if found := violations_on(page):
            problems[where] = found
    assert not problems, problems
    assert not page.console_problems, page.console_problems
