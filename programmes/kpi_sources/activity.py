"""KPIs counted from the product's own records: challenges published and awarded, their
solutions adopted by other anchors (a programme's "spread"), cases shared, suppliers registered
and opportunity alerts sent. `programmes/kpi_reading.py` reads the dated events for the subject;
these functions count them in the period."""

from __future__ import annotations

from programmes.kpi_sources.registry import Inputs, Result, count_of, source


@source("challenges_published", "Challenges published", window="since_baseline")
def challenges_published(inputs: Inputs) -> Result:
    """The number of challenges published in the period (the day each was first published): for
    an anchor, the challenges it owns or co-owns; for a programme, the challenges it tackles.
    Drafts are not counted; a challenge withdrawn later still counts, as it was published."""
    return count_of(inputs.events, inputs.period, "challenges published")


@source("challenges_awarded", "Challenges awarded", window="since_baseline")
def challenges_awarded(inputs: Inputs) -> Result:
    """The number of challenges awarded in the period (by the award date recorded, else the day
    the award was recorded): for an anchor, the challenges it owns or co-owns; for a programme,
    the challenges it tackles."""
    return count_of(inputs.events, inputs.period, "challenges awarded")


@source("adoptions_by_others", "Adoptions by other anchors (spread)", window="since_baseline")
def adoptions_by_others(inputs: Inputs) -> Result:
    """The spread of solutions: the number of adoptions recorded in the period (by the day of
    adoption) of a challenge's solution by an anchor that does not own or co-own the challenge;
    for a programme, of the challenges it tackles; for an anchor, of its own challenges."""
    others = [event for event in inputs.events if event.actor_id not in event.owner_ids]
    return count_of(others, inputs.period, "adoptions by other anchors")


@source("cases_shared", "Cases shared", window="since_baseline")
def cases_shared(inputs: Inputs) -> Result:
    """The number of cases published in the library in the period, shared beyond their own
    organisation (public, network or named organisations): for an anchor, the cases it submitted
    or is a buyer in; for a programme, the cases about the challenges it tackles."""
    return count_of(inputs.events, inputs.period, "cases shared")


@source("suppliers_registered", "Local suppliers registered")
def suppliers_registered(inputs: Inputs) -> Result:
    """The number of supplier organisations that signed up in the period (the day their first
    member joined) whose registered postcode is in the anchor's own local authority (its local
    ring, as the ledger has it); for a programme, in any partner anchor's. Suppliers whose
    postcode is not known are not counted."""
    local = [event for event in inputs.events if event.place and event.place in inputs.homes]
    return count_of(local, inputs.period, "local suppliers registered")


@source("alerts_sent", "Opportunity alerts sent")
def alerts_sent(inputs: Inputs) -> Result:
    """The number of opportunity alerts sent to suppliers in the period (each notice in each
    supplier's digest once) about the anchor's notices; for a programme, about every partner
    anchor's notices."""
    return count_of(inputs.events, inputs.period, "alerts sent")
