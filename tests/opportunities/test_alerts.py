"""Saved searches are checked when saved; send_alerts sends everyone's digest whatever fails for one."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse

from opportunities.models import AlertSent, SavedSearch
from opportunities.search import search
from opportunities.search_request import OpportunitySearch
from tests.conftest import make_user
from tests.opportunities.test_matching_journeys import notices  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]
REFUSED = "anna@example.org"


class RefusingBackend(EmailBackend):
    """Delivers to the test outbox, except to REFUSED: the mail server refuses that address."""

    def send_messages(self, messages):
        if any(REFUSED in message.to for message in messages):
            raise ConnectionRefusedError(f"550 mailbox unavailable: {REFUSED}")
        return super().send_messages(messages)


def run_alerts() -> dict:
    out = StringIO()
    call_command("send_alerts", "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def colleague(world):
    """A second member of the supplier (listed first: full names are in alphabetical order)."""
    world.profile.alerts_enabled = True
    world.profile.save()
    return make_user(REFUSED, world.supplier_org, full_name="Anna Colleague")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "deadline_to=9999-12-31",
            "Deadline to must be between 1 January 2000 and 31 December 2100",
        ),
        ("deadline_from=1066-10-14", "Deadline from must be between 1 January 2000"),
        ("deadline_to=2026-02-31", "Deadline to must be a real date"),
        ("cpv=12ab", "&#x27;12ab&#x27; is not a CPV code"),
        ("status=nonsense", "is not a status"),
        ("deadline_from=2026-03-01&deadline_to=2026-02-01", "must be the same as or after"),
    ],
)
def test_a_search_that_cannot_run_is_not_saved(client_for, world, query, message):
    url = reverse("opportunities:saved_searches") + "?" + query
    response = client_for("supplier").post(url, {"name": "Broken", "query": query})
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "This search cannot be saved" in html and message in html
    assert not SavedSearch.objects.filter(name="Broken").exists()


def test_a_search_in_range_is_saved(client_for, world):
    query = "q=care&deadline_from=2026-01-01&deadline_to=2100-12-31&page=3"
    client_for("supplier").post(
        reverse("opportunities:saved_searches"), {"name": "Care", "query": query}
    )
    saved = SavedSearch.objects.get(name="Care", user=world.users["supplier"])
    assert saved.query == "q=care&deadline_from=2026-01-01&deadline_to=2100-12-31"


def test_the_search_itself_survives_dates_out_of_range(world, notices):  # noqa: F811
    """A search stored before the check (or made in code) with extreme dates runs."""
    for query in (
        OpportunitySearch(deadline_to=date.max),
        OpportunitySearch(deadline_from=date.min, deadline_to=date.max),
        OpportunitySearch(deadline_from=date.max),
    ):
        list(search(query))
    assert search(OpportunitySearch(deadline_to=date.max)).count() >= 2
    assert search(OpportunitySearch(deadline_from=date.max)).count() == 0


def test_a_saved_search_that_cannot_run_is_reported_and_everyone_gets_a_digest(
    world,
    colleague,
    notices,  # noqa: F811
    mailoutbox,
):
    # Saved before searches were checked: this one made every run fail with OverflowError.
    SavedSearch.objects.create(user=colleague, name="Forever", query="deadline_to=9999-12-31")
    SavedSearch.objects.create(user=world.users["supplier"], name="Grounds", query="q=grounds")
    result = run_alerts()
    assert result["digests"] == 2 and result["failed"] == []
    assert result["searches_not_run"] == [
        {
            "user": REFUSED,
            "search": "Forever",
            "reason": "Deadline to must be between 1 January 2000 and 31 December 2100",
        }
    ]
    assert sorted(m.to[0] for m in mailoutbox) == [REFUSED, "supplier@example.org"]
    supplier_mail = next(m for m in mailoutbox if m.to == ["supplier@example.org"])
    assert 'From your saved search "Grounds"' in supplier_mail.body


def test_one_persons_failure_is_reported_and_everyone_else_gets_a_digest(
    world,
    colleague,
    notices,  # noqa: F811
    settings,
    caplog,
):
    settings.EMAIL_BACKEND = "tests.opportunities.test_alerts.RefusingBackend"
    result = run_alerts()
    assert result["digests"] == 1 and [m.to for m in mail.outbox] == [["supplier@example.org"]]
    assert result["failed"] == [
        {
            "user": REFUSED,
            "reason": f"ConnectionRefusedError: 550 mailbox unavailable: {REFUSED}",
        }
    ]
    assert f"digest for user {colleague.pk} not sent" in caplog.text
    # Nothing of the failed digest is kept, so the next run sends it in full, and only it.
    assert not AlertSent.objects.filter(user=colleague).exists()
    world.profile.refresh_from_db()
    assert world.profile.last_digest_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    result = run_alerts()
    assert result["digests"] == 1 and result["failed"] == []
    assert [m.to for m in mail.outbox[1:]] == [[REFUSED]]
    world.profile.refresh_from_db()
    assert world.profile.last_digest_at is not None


def test_the_summary_without_json(world, colleague, notices, settings):  # noqa: F811
    SavedSearch.objects.create(user=colleague, name="Forever", query="deadline_to=9999-12-31")
    settings.EMAIL_BACKEND = "tests.opportunities.test_alerts.RefusingBackend"
    out, err = StringIO(), StringIO()
    call_command("send_alerts", stdout=out, stderr=err)
    assert out.getvalue().startswith("Sent 1 digest(s) listing ")
    assert (
        f"1 digest(s) not sent (tried again next run):\n  {REFUSED}: Connection" in err.getvalue()
    )
    assert "1 saved search(es) not run" in err.getvalue()
    assert f"{REFUSED}, 'Forever': Deadline to must be between" in err.getvalue()
