"""The report's social-value and maturity sections keep to those apps' rules for the reader: an
anchor's maturity levels only for its own staff and coordinators; each social-value commitment
(contract, supplier, reports) only for the buyer's staff, the supplier and coordinators. Totals by
metric are for everyone who reads the report."""

import pytest
from django.contrib.auth.models import AnonymousUser

from programmes.models import Partner, Programme
from programmes.report import gather
from tests.challenges.factories import awarded_challenge
from tests.maturity.helpers import completed
from tests.socialvalue.factories import commitment, contract

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world):
    programme = Programme.objects.create(
        slug="warm", title="Warm homes", summary="S", aims="A", is_published=True
    )
    Partner.objects.create(programme=programme, organisation=world.home, kind="anchor", role="L")
    challenge = awarded_challenge(world)
    programme.challenges.add(challenge)
    commitment(world, contract(world, challenge=challenge))
    completed(world.home, 3, (2026, 6, 1))
    return programme


def _part(programme, key, viewer):
    return next(p for p in gather(programme, viewer=viewer).parts if p.key == key)


def test_the_public_read_totals_but_no_contract_and_no_anchor_s_levels(published):
    social = _part(published, "social_value", AnonymousUser())
    assert social.failure == ""
    by_metric, each = social.section.tables
    assert len(by_metric.rows) == 1 and each.rows == ()
    assert "1 of 1 are left out of the second table here" in social.section.paragraphs[0]
    maturity = _part(published, "maturity", AnonymousUser())
    assert maturity.section.tables == ()
    assert "seen only by that anchor's own staff" in maturity.section.paragraphs[0]


@pytest.mark.parametrize("role", ["buyer", "coordinator"])
def test_the_anchor_s_staff_and_coordinators_read_everything(published, world, role):
    social = _part(published, "social_value", world.users[role])
    assert len(social.section.tables[1].rows) == 1
    assert dict(social.section.facts)["Contracts"] == "1"
    maturity = _part(published, "maturity", world.users[role])
    overall = maturity.section.tables[0]
    assert overall.rows[0][0] == world.home.name and overall.rows[0][2] == "3. Established"


def test_a_buyer_elsewhere_reads_neither(published, world):
    social = _part(published, "social_value", world.users["other_buyer"])
    assert social.section.tables[1].rows == ()
    assert _part(published, "maturity", world.users["other_buyer"]).section.tables == ()
