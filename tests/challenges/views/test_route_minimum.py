"""The route finder page and the challenge page show one statutory minimum for the same answers
(PA 2023 s.54 periods in days, s.51(2) standstill in working days), whatever day each plans
from, and neither cites an internal file."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from challenges.models import Challenge
from tests.challenges import factories
from tests.challenges.factories import url

pytestmark = pytest.mark.django_db

MINIMUM = re.compile(r'data-minimum="([a-z_]+)">([^<]+)<')
INTERNAL = re.compile(r"RULES|CASES\.md|\.\./shared|\w+\.md\b")

ANSWERS = {"value": "500000", "buyer_type": "central", "category": "services"}


def minimums(page: str) -> dict[str, str]:
    return dict(MINIMUM.findall(page))


@pytest.mark.parametrize("published_days_ago", [20, 23, 26])
def test_both_pages_show_the_same_minimum(world, client_for, published_days_ago):
    """The case where the route finder said 62 days and the challenge page 60 or 61: the
    competitive flexible procedure's minimum is 50 days, then a standstill of 8 working days,
    on both pages, whether the challenge was published on a Monday or a Friday."""
    made = factories.challenge(
        world, status=Challenge.Status.ENGAGEMENT_OPEN, route_answers=dict(ANSWERS)
    )
    made.published_at = timezone.now() - timedelta(days=published_days_ago)
    made.save(update_fields=["published_at"])
    buyer = client_for("buyer")
    challenge_page = buyer.get(url("detail", made)).content.decode()
    finder_page = buyer.get(reverse("challenges:route_finder"), ANSWERS).content.decode()
    on_challenge, on_finder = minimums(challenge_page), minimums(finder_page)
    assert on_challenge["competitive_flexible"] == "50 days, then a standstill of 8 working days"
    # The route finder's summary list says "Statutory minimum" once, in the key, not again in
    # the value.
    assert "statutory minimum:" not in finder_page.lower()
    assert "Statutory minimum</dt>" in finder_page
    # Each time limit links the Act and, separately, the guidance it is read with.
    assert "guidance-documents-procure-phase/time-periods-html" in finder_page
    assert on_challenge and all(on_finder[key] == text for key, text in on_challenge.items())


def test_neither_page_cites_an_internal_file(world, client_for):
    made = factories.challenge(
        world, status=Challenge.Status.ENGAGEMENT_OPEN, route_answers=dict(ANSWERS)
    )
    buyer = client_for("buyer")
    for page in (
        buyer.get(url("detail", made)).content.decode(),
        buyer.get(reverse("challenges:route_finder"), ANSWERS).content.decode(),
        buyer.get(
            reverse("challenges:route_finder"),
            {"value": "80000", "buyer_type": "sub-central", "category": "goods", "council": "on"},
        ).content.decode(),
    ):
        assert not INTERNAL.search(page), INTERNAL.search(page)
    finder = buyer.get(reverse("challenges:route_finder"), ANSWERS).content.decode()
    assert 'href="https://www.legislation.gov.uk/ukpga/2023/54/section/51"' in finder


def test_a_below_threshold_challenge_is_told_no_uk2_is_required(world, client_for):
    """PA 2023 s.17: the UK2 is for above-threshold procurements only."""
    below = factories.challenge(
        world,
        status=Challenge.Status.ENGAGEMENT_OPEN,
        route_answers={"value": "80000", "buyer_type": "sub-central", "category": "goods"},
    )
    page = client_for("buyer").get(url("detail", below)).content.decode()
    assert "Not required: the estimated value is below the threshold" in page
    above = factories.challenge(
        world, status=Challenge.Status.ENGAGEMENT_OPEN, route_answers=dict(ANSWERS)
    )
    page = client_for("buyer").get(url("detail", above)).content.decode()
    assert "Required: this engagement is preliminary market engagement" in page
