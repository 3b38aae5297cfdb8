"""A delivery report's period: within the commitment's, not in the future, and not one another
report already covers (a queried report can be replaced), each refused with how to fix it."""

from datetime import date

import pytest
from django.utils import timezone

from socialvalue.forms.reports import DeliveryReportForm
from tests.socialvalue.factories import commitment, report

pytestmark = pytest.mark.django_db


def _form(item, start, end):
    data = {"quantity": "2", "narrative": "Two starts"}
    for name, day in (("period_start", start), ("period_end", end)):
        data |= {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}
    return DeliveryReportForm(data=data, commitment=item)


def test_a_period_outside_the_commitment_s_is_refused(world):
    form = _form(commitment(world), date(2025, 10, 1), date(2025, 12, 31))
    assert form.errors["period_start"] == [
        "The period must fall within the commitment's, 1 January 2026 to 31 December 2026"
    ]


def test_a_period_ending_in_the_future_is_refused(world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 5, 1))
    form = _form(commitment(world), date(2026, 4, 1), date(2026, 6, 30))
    assert "cannot be in the future" in form.errors["period_end"][0]


def test_a_period_another_report_covers_is_refused_unless_that_one_was_queried(world):
    item = commitment(world)
    report(item, status="accepted")  # 1 January to 31 March 2026
    clash = _form(item, date(2026, 3, 1), date(2026, 4, 30))
    assert clash.errors["period_start"][0].startswith(
        "A report already covers 1 January 2026 to 31 March 2026"
    )
    item.reports.update(status="queried")
    assert _form(item, date(2026, 1, 1), date(2026, 3, 31)).is_valid()
