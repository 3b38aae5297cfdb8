"""Who sees and changes KPIs: the one definition. Pure rules over plain values, asked through
`programmes/kpi_reading.py`'s helpers and the KPI views.

A programme's KPIs follow the programme's rules (`programmes/rules.py`): whoever sees the
programme sees its KPIs; coordinators set and change them and take snapshots; its contributors
(coordinators and the partner anchors' administrators) enter manual results.

An anchor's own KPIs:
- are seen by signed-in buyers of any anchor and by coordinators: the network's anchors learn
  from each other's targets, as they read each other's scorecards; suppliers and the public do
  not (an anchor publishes what it chooses through a programme's report);
- are set and changed by that anchor's administrators and by coordinators;
- take manual results from that anchor's buyers and administrators and from coordinators;
- are snapshotted on demand by coordinators (the monthly job takes them all);
- have their results' evidence files opened only by that anchor's own members and coordinators
  (a programme KPI's, like its contributions' evidence, by the partners' members and coordinators).
"""

from __future__ import annotations

from core.roles import Role
from programmes.rules import Viewer

ANCHOR_READERS = frozenset({Role.BUYER, Role.ANCHOR_ADMIN, Role.COORDINATOR})


def can_see_anchor_kpis(viewer: Viewer) -> bool:
    return viewer.role in ANCHOR_READERS


def can_manage_anchor_kpis(viewer: Viewer, organisation_id: int) -> bool:
    if viewer.role is Role.COORDINATOR:
        return True
    return viewer.role is Role.ANCHOR_ADMIN and viewer.organisation_id == organisation_id


def can_enter_anchor_results(viewer: Viewer, organisation_id: int) -> bool:
    if viewer.role is Role.COORDINATOR:
        return True
    return (
        viewer.role in {Role.BUYER, Role.ANCHOR_ADMIN} and viewer.organisation_id == organisation_id
    )


def can_take_snapshots(viewer: Viewer) -> bool:
    return viewer.role is Role.COORDINATOR


def can_open_anchor_evidence(viewer: Viewer, organisation_id: int) -> bool:
    """Evidence files can name people and prices: the anchor's own members and coordinators."""
    return viewer.role is Role.COORDINATOR or viewer.organisation_id == organisation_id
