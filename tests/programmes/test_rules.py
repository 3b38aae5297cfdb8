"""Who sees and changes a programme (`programmes/rules.py`), for every role, without a database;
and, with one, that `Programme.objects.visible_to` agrees with `rules.can_see` for each role."""

import pytest

from core.roles import Role
from programmes import access, rules
from programmes.models import Partner, Programme

HOME, OTHER = 1, 2
VIEWERS = {
    "anonymous": rules.Viewer(Role.ANONYMOUS),
    "registered": rules.Viewer(Role.REGISTERED),
    "supplier": rules.Viewer(Role.SUPPLIER, 3, True),
    "other_buyer": rules.Viewer(Role.BUYER, OTHER),
    "other_admin": rules.Viewer(Role.ANCHOR_ADMIN, OTHER, True),
    "buyer": rules.Viewer(Role.BUYER, HOME),
    "anchor_admin": rules.Viewer(Role.ANCHOR_ADMIN, HOME, True),
    "coordinator": rules.Viewer(Role.COORDINATOR),
}
DRAFT = rules.ProgrammeFacts(is_published=False, partner_ids=frozenset({HOME}))
PUBLISHED = rules.ProgrammeFacts(is_published=True, partner_ids=frozenset({HOME}))

# role: (sees draft, sees published, manages, contributes, contributes for HOME, for OTHER)
EXPECTED = {
    "anonymous": (False, True, False, False, False, False),
    "registered": (False, True, False, False, False, False),
    "supplier": (False, True, False, False, False, False),
    "other_buyer": (False, True, False, False, False, False),
    "other_admin": (False, True, False, False, False, False),
    "buyer": (True, True, False, False, False, False),
    "anchor_admin": (True, True, False, True, True, False),
    "coordinator": (True, True, True, True, True, True),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_each_role(name):
    viewer = VIEWERS[name]
    assert (
        rules.can_see(viewer, DRAFT),
        rules.can_see(viewer, PUBLISHED),
        rules.can_manage(viewer, DRAFT),
        rules.can_contribute(viewer, DRAFT),
        rules.can_contribute_for(viewer, DRAFT, HOME),
        rules.can_contribute_for(viewer, DRAFT, OTHER),
    ) == EXPECTED[name]


def test_publishing_opens_reading_but_not_changing():
    for viewer in VIEWERS.values():
        assert rules.can_manage(viewer, PUBLISHED) == rules.can_manage(viewer, DRAFT)
        assert rules.can_contribute(viewer, PUBLISHED) == rules.can_contribute(viewer, DRAFT)


@pytest.mark.django_db
def test_the_database_filter_agrees_with_the_rule_for_each_role(world):
    from django.contrib.auth.models import AnonymousUser

    draft = Programme.objects.create(slug="draft", title="Draft", summary="S", aims="A")
    Partner.objects.create(programme=draft, organisation=world.home, kind="anchor", role="Lead")
    Partner.objects.create(programme=draft, name="Alliance", kind="intermediary", role="R")
    other = Programme.objects.create(slug="other", title="Other", summary="S", aims="A")
    Partner.objects.create(programme=other, organisation=world.other, kind="anchor", role="Lead")
    Programme.objects.create(slug="open", title="Open", summary="S", aims="A", is_published=True)
    Programme.objects.create(slug="bare", title="Bare", summary="S", aims="A")
    users = {**world.users, "anonymous": AnonymousUser()}
    for name, user in users.items():
        by_rule = {p.slug for p in Programme.objects.all() if access.can_see(user, p)}
        by_query = set(Programme.objects.visible_to(user).values_list("slug", flat=True))
        assert by_query == by_rule, name
    assert set(
        Programme.objects.visible_to(world.users["buyer"]).values_list("slug", flat=True)
    ) == {
        "draft",
        "open",
    }
