"""What the programme report reads: per challenge's contracts and per anchor."""

from datetime import date
from decimal import Decimal

import pytest

from challenges.models import Challenge
from socialvalue import summaries
from tests.socialvalue.factories import commitment, contract, report

pytestmark = pytest.mark.django_db


def test_for_challenges_and_for_anchor(world):
    challenge = Challenge.objects.create(
        owner=world.home,
        title="Warm halls",
        summary="s",
        problem="p",
        affected="a",
        outcomes="o",
        success_measures="m",
        status="awarded",
    )
    item = commitment(world, contract(world, challenge=challenge), proxy_value=Decimal(100))
    report(item, status="accepted", quantity=3)
    commitment(world)  # a contract of no challenge
    rows = summaries.for_challenges([challenge.pk], today=date(2026, 8, 15))
    assert len(rows) == 1
    row = rows[0]
    assert row["challenge_title"] == "Warm halls" and row["delivered"] == 3
    assert row["committed"] == 4 and row["proxy_delivered"] == Decimal("300.00")
    assert row["overdue"] == 1  # Q1 accepted; Q2 unreported 30 days after 30 June
    assert summaries.as_tuples(rows)[0][0] == "Warm halls"
    assert len(summaries.HEADERS) == len(summaries.KEYS)
    anchor = summaries.for_anchor(world.home.pk, today=date(2026, 7, 1))
    assert anchor[0]["commitments"] == 2 and anchor[0]["committed"] == 8
    assert summaries.for_challenges([]) == []
