"""Who sees and publishes which scorecard, as pure rules. No database."""

from types import SimpleNamespace

import pytest

from core.roles import Role
from scorecard.visibility import may_publish, may_see, visible


@pytest.mark.parametrize("role", list(Role))
def test_buyers_and_coordinators_see_every_scorecard_others_only_published(role):
    sees_all = role in {Role.BUYER, Role.ANCHOR_ADMIN, Role.COORDINATOR}
    assert may_see(role, published=False) is sees_all
    assert may_see(role, published=True)


def test_an_anchor_s_administrators_and_coordinators_publish():
    assert may_publish(Role.ANCHOR_ADMIN, 7, 7)
    assert not may_publish(Role.ANCHOR_ADMIN, 8, 7)
    assert not may_publish(Role.BUYER, 7, 7)
    assert may_publish(Role.COORDINATOR, None, 7)
    assert not may_publish(Role.SUPPLIER, 7, 7)


def test_the_comparison_shows_the_public_only_published_anchors_in_order():
    anchors = [SimpleNamespace(pk=n) for n in (3, 1, 2)]
    assert [a.pk for a in visible(Role.ANONYMOUS, anchors, {2, 3})] == [3, 2]
    assert [a.pk for a in visible(Role.SUPPLIER, anchors, set())] == []
    assert [a.pk for a in visible(Role.BUYER, anchors, set())] == [3, 1, 2]
