"""The challenge queries that mirror rules.py agree with it: `Challenge.objects.public()` with
`rules.is_public`, `Challenge.objects.managed_by()` with `rules.manages`, for every status, role
and kind of ownership (owner, co-owner, neither)."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from challenges import access, rules
from challenges.lifecycle import Status
from challenges.models import Challenge
from network.models import Organisation
from tests.challenges.factories import challenge
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenges(world):
    """For every status: one owned by Home Council; one owned by a third anchor and co-owned by
    Home Council; one the third anchor owns alone."""
    third = Organisation.objects.create(
        name="Third Trust", kind="nhs_trust", is_network_member=True
    )
    made = []
    for status, ownership in itertools.product(Status, ["home", "co-owned", "third"]):
        item = challenge(world, status, title=f"{status} {ownership}")
        if ownership != "home":
            item.owner = third
            item.save(update_fields=["owner"])
        if ownership == "co-owned":
            item.co_owners.add(world.home)
        made.append(item)
    return made


@pytest.mark.parametrize("role", ROLES)
def test_the_database_filters_agree_with_the_rules_for_every_role(role, world, challenges):
    user = world.users.get(role) or AnonymousUser()
    viewer = access.viewer_of(user)
    public = set(Challenge.objects.public().values_list("pk", flat=True))
    assert public == {c.pk for c in challenges if rules.is_public(c.status)}
    managed = set(Challenge.objects.managed_by(user).values_list("pk", flat=True))
    assert managed == {c.pk for c in challenges if rules.manages(access.facts_of(c), viewer)}
    # Spot-check the meaning, not just the agreement.
    if role == "coordinator":
        assert managed == {c.pk for c in challenges}
    elif role in {"buyer", "anchor_admin"}:
        assert managed == {c.pk for c in challenges if not c.title.endswith("third")}
    else:
        assert managed == set()


def test_related_managers_have_the_public_query(world, challenges):
    owned = {c.pk for c in challenges if c.owner_id == world.home.pk and c.is_public}
    assert set(world.home.challenges.public().values_list("pk", flat=True)) == owned
