"""Who sees and changes an anchor's self-assessments (maturity/rules.py), per role. No database."""

import pytest

from core.roles import Role
from maturity.rules import Viewer, can_answer, can_assess, can_see, can_see_network

HOME, OTHER = 1, 2

VIEWERS = {
    "anonymous": Viewer(Role.ANONYMOUS),
    "registered": Viewer(Role.REGISTERED),
    "supplier": Viewer(Role.SUPPLIER, 9),
    "other_buyer": Viewer(Role.BUYER, OTHER),
    "other_admin": Viewer(Role.ANCHOR_ADMIN, OTHER),
    "buyer": Viewer(Role.BUYER, HOME),
    "anchor_admin": Viewer(Role.ANCHOR_ADMIN, HOME),
    "coordinator": Viewer(Role.COORDINATOR),
}


@pytest.mark.parametrize(
    ("who", "sees", "assesses", "network"),
    [
        ("anonymous", False, False, False),
        ("registered", False, False, False),
        ("supplier", False, False, False),
        ("other_buyer", False, False, True),
        ("other_admin", False, False, True),
        ("buyer", True, False, True),
        ("anchor_admin", True, True, True),
        ("coordinator", True, True, True),
    ],
)
def test_who_may_do_what_with_the_home_anchors_assessments(who, sees, assesses, network):
    viewer = VIEWERS[who]
    assert can_see(viewer, HOME) is sees
    assert can_assess(viewer, HOME) is assesses
    assert can_answer(viewer, HOME, is_draft=True) is assesses
    assert can_see_network(viewer) is network


def test_a_completed_assessment_is_answered_by_no_one():
    assert not any(can_answer(v, HOME, is_draft=False) for v in VIEWERS.values())
