"""Who sees and changes what in social value. Pure: a role, the person's organisation id and the
ids of the contract's buyer and supplier in; yes or no out. Asked by the views."""

from __future__ import annotations

from core.roles import Role

STAFF = frozenset({Role.BUYER, Role.ANCHOR_ADMIN})


def is_buyer_staff(role: Role, organisation_id: int | None, buyer_id: int | None) -> bool:
    return role in STAFF and organisation_id is not None and organisation_id == buyer_id


def is_supplier_member(role: Role, organisation_id: int | None, supplier_id: int | None) -> bool:
    return role is Role.SUPPLIER and organisation_id is not None and organisation_id == supplier_id


def can_see(role: Role, organisation_id, buyer_id, supplier_id) -> bool:
    """A contract and its commitments: coordinators, the buyer's staff and the supplier's members."""
    return (
        role is Role.COORDINATOR
        or is_buyer_staff(role, organisation_id, buyer_id)
        or is_supplier_member(role, organisation_id, supplier_id)
    )


def can_manage(role: Role, organisation_id, buyer_id) -> bool:
    """Record a contract or add a commitment to it: the buyer's staff and coordinators."""
    return role is Role.COORDINATOR or is_buyer_staff(role, organisation_id, buyer_id)


def can_report(role: Role, organisation_id, supplier_id) -> bool:
    """Submit a delivery report (and its evidence): the supplier's members only."""
    return is_supplier_member(role, organisation_id, supplier_id)


def can_review(role: Role, organisation_id, buyer_id, status: str) -> bool:
    """Accept or query a submitted report: the buyer's staff, while it awaits review."""
    return is_buyer_staff(role, organisation_id, buyer_id) and status == "submitted"


def can_add_to_taxonomy(role: Role) -> bool:
    """The network's own outcomes and metrics: coordinators."""
    return role is Role.COORDINATOR


def can_see_evidence(role: Role, organisation_id, buyer_id, supplier_id) -> bool:
    return can_see(role, organisation_id, buyer_id, supplier_id)
