"""What the opportunity page shows of challenges (challenges/panels.py, through core/panels.py)."""

import pytest

from challenges.lifecycle import Status
from core import panels
from tests.challenges.factories import challenge

pytestmark = pytest.mark.django_db


def test_the_process_page_shows_the_published_challenges_that_linked_it(world):
    linked = challenge(world, Status.AWARDED, title="Linked", ocid=world.process.ocid)
    challenge(world, Status.DRAFT, title="Draft linked", ocid=world.process.ocid)
    challenge(world, Status.AWARDED, title="Elsewhere", ocid="ocds-elsewhere-1")
    found = panels.gather("process_page", world.users["supplier"], world.process)
    assert list(found["challenges"]) == [linked]
