"""The roles of AnchorHub. Pure logic over the user record: no database access of its own.

Roles are derived from the user record (pure logic, no queries beyond the user's organisation):

- anonymous: not signed in
- registered: signed in, not yet a member of any organisation (for example a join request is pending)
- supplier: member of a supplier organisation
- buyer: member of an anchor institution (a public body)
- anchor_admin: administrator of an anchor institution's membership
- coordinator: runs the network (and the Django admin)
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    REGISTERED = "registered"
    SUPPLIER = "supplier"
    BUYER = "buyer"
    ANCHOR_ADMIN = "anchor_admin"
    COORDINATOR = "coordinator"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ANONYMOUS: "Visitor",
    Role.REGISTERED: "Registered user",
    Role.SUPPLIER: "Supplier",
    Role.BUYER: "Buyer",
    Role.ANCHOR_ADMIN: "Anchor administrator",
    Role.COORDINATOR: "Network coordinator",
}

ANYONE = frozenset(Role)
SIGNED_IN = frozenset(Role) - {Role.ANONYMOUS}
MEMBERS = frozenset({Role.SUPPLIER, Role.BUYER, Role.ANCHOR_ADMIN, Role.COORDINATOR})
BUYERS = frozenset({Role.BUYER, Role.ANCHOR_ADMIN, Role.COORDINATOR})
ANCHOR_ADMINS = frozenset({Role.ANCHOR_ADMIN, Role.COORDINATOR})
COORDINATORS = frozenset({Role.COORDINATOR})


def role_of(user) -> Role:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Role.ANONYMOUS
    if user.is_coordinator:
        return Role.COORDINATOR
    organisation = user.organisation
    if organisation is None:
        return Role.REGISTERED
    if organisation.is_anchor:
        return Role.ANCHOR_ADMIN if user.is_organisation_admin else Role.BUYER
    return Role.SUPPLIER


def can_manage_organisation(user, organisation) -> bool:
    """Organisation administrators manage their own organisation; coordinators manage all."""
    role = role_of(user)
    if role is Role.COORDINATOR:
        return True
    return (
        role is not Role.ANONYMOUS
        and user.is_organisation_admin
        and user.organisation_id == organisation.pk
    )
