"""What the case library gives an organisation's page (cases/panels.py), through core.panels."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cases.panels import organisation_cases
from cases.sharing import Level, Status
from core import panels
from tests.cases.factories import case

pytestmark = pytest.mark.django_db


def test_an_organisation_page_gathers_its_published_cases_within_their_level(world):
    public = case(world, Level.PUBLIC, title="B open case")
    network = case(world, Level.NETWORK, title="A members' case")
    draft = case(world, Level.PUBLIC, Status.DRAFT, title="Draft case")
    private = case(world, Level.PRIVATE, title="Closed case")
    case(world, Level.PUBLIC, title="A case naming nobody")
    for item in (public, draft, private):
        item.buyers.add(world.home)
    network.suppliers.add(world.home)
    network.buyers.add(world.home)
    anonymous = panels.gather("organisation_page", AnonymousUser(), world.home)
    assert [c.title for c in anonymous["cases"]] == ["B open case"]
    member = organisation_cases(world.users["supplier"], world.home)
    assert [c.title for c in member["cases"]] == ["A members' case", "B open case"]
