"""An anchor's page, "What it plans to buy": plans of the current financial year and later; a
past year's plans (December 2026 showed a 2025-26 pipeline as if current) only when nothing newer
is published, and then said to be past."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from core.formatting import fy_label
from opportunities.models import Phase, Process

pytestmark = pytest.mark.django_db


def this_year() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


def year_start(year: int) -> datetime:
    return timezone.make_aware(datetime(year, 4, 1))


def plan(world, ocid, title, **dates) -> Process:
    return Process.objects.create(
        ocid=ocid, compiled={}, phase=Phase.PLANNED, title=title, buyer=world.home, **dates
    )


def plans_section(client_for, world) -> str:
    page = client_for("anonymous").get(world.home.get_absolute_url()).content.decode()
    return page.split('id="buying-soon"', 1)[1].split('id="challenges"', 1)[0]


def test_only_plans_of_this_financial_year_or_later_are_shown(world, client_for):
    start = year_start(this_year())
    plan(
        world, "ocds-old-uk1", "Pipeline of last year", first_published=start - timedelta(days=300)
    )
    plan(
        world,
        "ocds-old-date",
        "Fleet of last year",
        expected_tender_date=start - timedelta(days=20),
    )
    plan(world, "ocds-new-uk1", "Pipeline of this year", first_published=start + timedelta(days=1))
    plan(
        world,
        "ocds-soon",
        "Fleet electrification",
        expected_tender_date=start + timedelta(days=400),
    )
    section = plans_section(client_for, world)
    assert "Pipeline of this year" in section and "Fleet electrification" in section
    assert "Pipeline of last year" not in section and "Fleet of last year" not in section
    assert "has ended" not in section


def test_with_only_past_plans_the_latest_are_shown_as_past(world, client_for):
    year = this_year()
    start = year_start(year)
    plan(world, "ocds-older", "Pipeline two years ago", first_published=start - timedelta(days=500))
    plan(
        world, "ocds-old-uk1", "Pipeline of last year", first_published=start - timedelta(days=300)
    )
    plan(
        world,
        "ocds-old-date",
        "Fleet of last year",
        expected_tender_date=start - timedelta(days=20),
    )
    section = plans_section(client_for, world)
    assert (
        f"No plans published for {fy_label(year)} yet. The latest Home Council published are for "
        f"{fy_label(year - 1)}, a financial year that has ended" in section
    )
    assert "Pipeline of last year" in section and "Fleet of last year" in section
    assert "Tender was expected" in section
    assert "Pipeline two years ago" not in section


def test_with_no_plans_it_says_so(world, client_for):
    assert "No planned procurements published." in plans_section(client_for, world)
