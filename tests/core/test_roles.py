"""Roles are derived from the user record alone (pure: plain objects stand in for models)."""

from types import SimpleNamespace

from core.roles import Role, can_manage_organisation, role_of


def person(organisation=None, admin=False, coordinator=False, active=True):
    return SimpleNamespace(
        is_authenticated=True,
        is_active=active,
        is_coordinator=coordinator,
        organisation=organisation,
        organisation_id=getattr(organisation, "pk", None),
        is_organisation_admin=admin,
    )


ANCHOR = SimpleNamespace(pk=1, is_anchor=True)
SUPPLIER = SimpleNamespace(pk=2, is_anchor=False)


def test_roles():
    assert role_of(None) is Role.ANONYMOUS
    assert role_of(SimpleNamespace(is_authenticated=False)) is Role.ANONYMOUS
    assert role_of(person()) is Role.REGISTERED
    assert role_of(person(SUPPLIER, admin=True)) is Role.SUPPLIER
    assert role_of(person(ANCHOR)) is Role.BUYER
    assert role_of(person(ANCHOR, admin=True)) is Role.ANCHOR_ADMIN
    assert role_of(person(coordinator=True)) is Role.COORDINATOR
    assert role_of(person(ANCHOR, admin=True, active=False)) is Role.ANONYMOUS


def test_who_manages_an_organisation():
    assert can_manage_organisation(person(ANCHOR, admin=True), ANCHOR)
    assert not can_manage_organisation(person(ANCHOR), ANCHOR)
    assert not can_manage_organisation(person(ANCHOR, admin=True), SUPPLIER)
    assert can_manage_organisation(person(SUPPLIER, admin=True), SUPPLIER)
    assert can_manage_organisation(person(coordinator=True), SUPPLIER)
    assert not can_manage_organisation(SimpleNamespace(is_authenticated=False), ANCHOR)
