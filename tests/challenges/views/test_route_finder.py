"""Route finder answers saved on a challenge (challenges/views/route_finder.py)."""

import pytest

from tests.challenges import factories
from tests.challenges.factories import url

pytestmark = pytest.mark.django_db


def test_route_answers_saved_on_a_challenge_show_its_routes(world, client_for):
    made = factories.challenge(world)
    buyer = client_for("buyer")
    buyer.post(
        url("route", made),
        {
            "value": "216000",
            "buyer_type": "sub-central",
            "category": "services",
            "solution": "prototype",
            "council": "on",
        },
    )
    made.refresh_from_db()
    assert made.route_answers["value"] == "216000"
    page = buyer.get(url("detail", made)).content.decode()
    assert "at or above" in page and "Phased innovation competition" in page
