"""Who sees and changes an anchor's own KPIs (programmes/kpi_rules.py). No database."""

from core.roles import Role
from programmes import kpi_rules
from programmes.rules import Viewer


def test_who_sees_and_changes_an_anchor_s_kpis():
    home = 1
    viewers = {
        "supplier": Viewer(Role.SUPPLIER, 9),
        "other_buyer": Viewer(Role.BUYER, 2),
        "buyer": Viewer(Role.BUYER, home),
        "anchor_admin": Viewer(Role.ANCHOR_ADMIN, home, True),
        "other_admin": Viewer(Role.ANCHOR_ADMIN, 2, True),
        "coordinator": Viewer(Role.COORDINATOR),
        "anonymous": Viewer(Role.ANONYMOUS),
    }
    sees = {name for name, v in viewers.items() if kpi_rules.can_see_anchor_kpis(v)}
    assert sees == {"other_buyer", "buyer", "anchor_admin", "other_admin", "coordinator"}
    manages = {n for n, v in viewers.items() if kpi_rules.can_manage_anchor_kpis(v, home)}
    assert manages == {"anchor_admin", "coordinator"}
    enters = {n for n, v in viewers.items() if kpi_rules.can_enter_anchor_results(v, home)}
    assert enters == {"buyer", "anchor_admin", "coordinator"}
    assert {n for n, v in viewers.items() if kpi_rules.can_take_snapshots(v)} == {"coordinator"}
