"""Who sees and changes social value, role by role: pure, no database."""

import pytest

from core.roles import Role
from socialvalue import rules

BUYER, SUPPLIER, OTHER = 1, 2, 3


@pytest.mark.parametrize(
    ("role", "organisation", "sees", "manages", "reports", "reviews"),
    [
        (Role.ANONYMOUS, None, False, False, False, False),
        (Role.REGISTERED, None, False, False, False, False),
        (Role.SUPPLIER, SUPPLIER, True, False, True, False),
        (Role.SUPPLIER, OTHER, False, False, False, False),
        (Role.BUYER, BUYER, True, True, False, True),
        (Role.BUYER, OTHER, False, False, False, False),
        (Role.ANCHOR_ADMIN, BUYER, True, True, False, True),
        (Role.COORDINATOR, None, True, True, False, False),
    ],
)
def test_each_role(role, organisation, sees, manages, reports, reviews):
    assert rules.can_see(role, organisation, BUYER, SUPPLIER) is sees
    assert rules.can_see_evidence(role, organisation, BUYER, SUPPLIER) is sees
    assert rules.can_manage(role, organisation, BUYER) is manages
    assert rules.can_report(role, organisation, SUPPLIER) is reports
    assert rules.can_review(role, organisation, BUYER, "submitted") is reviews


@pytest.mark.parametrize("status", ["accepted", "queried"])
def test_only_a_report_awaiting_review_is_reviewed(status):
    assert not rules.can_review(Role.BUYER, BUYER, BUYER, status)


def test_a_supplier_not_in_the_network_has_no_one_to_report():
    assert not rules.can_report(Role.SUPPLIER, SUPPLIER, None)
    assert not rules.can_see(Role.SUPPLIER, None, BUYER, None)


def test_only_coordinators_add_to_the_taxonomy():
    assert [r for r in Role if rules.can_add_to_taxonomy(r)] == [Role.COORDINATOR]
