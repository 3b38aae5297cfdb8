"""Report sections registered only inside the tests: a money table with a chart (negative and zero
values, a row with no figure, text that a spreadsheet would run as a formula), a wide table, an
empty one, a part that fails, one that says why it is unavailable, one with nothing to show."""

from datetime import date
from decimal import Decimal

import pytest

from programmes import report_sections
from programmes.report import PartUnavailable
from programmes.report_sections import Section, Table

FUNDING = Table(
    key="funding-by-year",
    title="Funding by year",
    headers=("Year", "Committed (£)", "Received (£)", "Source"),
    rows=(
        ("2026-27", Decimal("125000.00"), Decimal(60000), "Partners' cash"),
        ("2027-28", Decimal(0), 0, '=HYPERLINK("http://x")'),
        ("2028-29", -2500, None, "Correction"),
        ("Later", "not yet known", "", "+44 line"),
    ),
    chart_column=1,
    note="Committed and received, by financial year.",
)
WIDE = Table(
    key="Budget lines: staff, delivery and evaluation by year",  # long, with a colon
    title="Budget by line and year",
    headers=("Line", "2026-27", "2027-28", "2028-29", "2029-30", "2030-31", "Total", "Funded by"),
    rows=(
        ("Staff", 1000, 2000, 3000, 4000, 5000, 15000, "Home Council and Other Trust"),
        ("Evaluation", 100, 200, 300, 400, 500, 1500, "Innovation fund"),
    ),
    chart_column=6,
)
EMPTY = Table(key="funding-by-year", title="Bids awarded", headers=("Funder", "Amount"), rows=())
DATES = Table(
    key="milestones",
    title="Milestones",
    headers=("Milestone", "Due", "Done"),
    rows=(("Pilot starts", date(2026, 9, 1), True), ("Evaluation", date(2027, 3, 31), False)),
)

TABLES = (FUNDING, WIDE, EMPTY, DATES)


def money(programme):
    return Section(
        key="money",
        title="Funding position",
        paragraphs=("What partners committed and what has arrived.",),
        tables=(FUNDING, WIDE, EMPTY),
        facts=(("Leverage", "£2.40 per £1 of partners' cash"),),
    )


def broken(programme):
    raise RuntimeError("database said no (internal detail)")


def unavailable(programme):
    raise PartUnavailable("the KPI snapshots are being recalculated")


def nothing(programme):
    return None


def milestones(programme):
    return Section(key="milestones", title="Milestones", tables=(DATES,))


@pytest.fixture(name="report_test_sections")
def report_test_sections_fixture(monkeypatch):
    """The registry with the cover and the test sections only (restored after the test)."""
    from programmes import report_cover

    monkeypatch.setattr(report_sections, "_SECTIONS", {"summary": (0, report_cover.build, False)})
    for key, order, build in [
        ("money", 30, money),
        ("kpis", 60, broken),
        ("social_value", 70, unavailable),
        ("maturity", 75, nothing),
        ("milestones", 80, milestones),
    ]:
        report_sections.section(key, order)(build)


@pytest.fixture(name="report_programme")
def report_programme_fixture(world):
    from programmes.models import Partner, Programme

    made = Programme.objects.create(
        slug="healthy-homes",
        title="Healthy homes pilot",
        summary="Warmer homes through innovation procurement.",
        aims="Fewer cold homes.",
        stage="running",
        starts_on=date(2026, 4, 1),
        ends_on=date(2028, 3, 31),
        is_published=False,
    )
    Partner.objects.create(programme=made, organisation=world.home, kind="anchor", role="Lead")
    Partner.objects.create(
        programme=made, name="Innovation catapult", kind="intermediary", role="Advice"
    )
    return made


# Test modules import the fixtures by their functions' names and ask for them by fixture name:
#   from tests.programmes.report_fixtures import report_programme_fixture
