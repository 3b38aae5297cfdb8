"""SME-friendliness signals: one small function per signal, registered by name. Each docstring is
shown to users as "how this is judged". Pure: they read attributes of a process, no queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

CONTRACTS_FINDER_PREFIX = "ocds-b5fd17"


@dataclass(frozen=True)
class Signal:
    name: str
    good: bool | None  # True helps SMEs, False is a caution, None is information
    headline: str
    explanation: str


SIGNALS: dict[str, Callable] = {}


def signal(function):
    SIGNALS[function.__name__] = function
    return function


def under_procurement_act(process) -> bool:
    """The notice's legal basis when published (UKPGA: the Act; CELEX: the 2015 Regulations); else
    by source: Contracts Finder carries only procurements begun under the 2015 Regulations since
    24 Feb 2025."""
    legal_basis = getattr(process, "legal_basis", "")
    if legal_basis:
        return legal_basis == "UKPGA"
    return not process.ocid.startswith(CONTRACTS_FINDER_PREFIX)


@signal
def lots(process, now):
    """Divided into lots: an SME can bid for the part it does best instead of the whole contract."""
    if process.lot_count > 1:
        return Signal(
            "lots",
            True,
            f"Divided into {process.lot_count} lots",
            "You can bid for one lot or several, so you do not need to deliver the whole contract.",
        )
    return None


@signal
def below_threshold(process, now):
    """Below the threshold in Schedule 1 of the Procurement Act 2023 (value including VAT). Under the
    Act, a below-threshold competition cannot shortlist on suitability: no selection questionnaire
    (s.85). Where AnchorHub worked the answer out itself (adding VAT, or assuming the buyer type), it
    says so."""
    if process.above_threshold is None:
        return None
    estimated = (
        " (worked out by AnchorHub from the value: check the notice)"
        if process.threshold_estimated
        else ""
    )
    if process.above_threshold:
        rules = (
            "The full rules of the Procurement Act 2023 apply"
            if under_procurement_act(process)
            else "The full rules of the Public Contracts Regulations 2015 apply (it began before "
            "the Procurement Act 2023 took effect)"
        )
        return Signal(
            "below_threshold",
            None,
            "Above the procurement threshold" + estimated,
            rules + ", including any selection stage the buyer sets.",
        )
    if under_procurement_act(process):
        text = (
            "Below the threshold, the buyer cannot shortlist suppliers on a selection questionnaire "
            "(Procurement Act 2023, s.85): everyone who meets the conditions can tender."
        )
    else:
        text = (
            "This notice was published under the Public Contracts Regulations 2015; below-threshold "
            "contracts are usually simpler to bid for. Check the notice for any selection stage."
        )
    return Signal("below_threshold", True, "Below the procurement threshold" + estimated, text)


@signal
def suitability(process, now):
    """The buyer's own flags: suitable for small and medium-sized enterprises (SMEs) and/or for
    voluntary, community and social enterprises (VCSEs)."""
    groups = [
        name
        for flag, name in ((process.sme_suitable, "SMEs"), (process.vcse_suitable, "VCSEs"))
        if flag
    ]
    if not groups:
        return None
    return Signal(
        "suitability",
        True,
        f"Marked suitable for {' and '.join(groups)}",
        "The buyer says this contract is suitable for smaller organisations of this kind.",
    )


@signal
def reserved(process, now):
    """Participation reserved for SMEs and VCSEs, or for suppliers based in an area (below-threshold
    reservations under PPN 005, and for English councils the 2026 Order under s.116)."""
    parts = []
    if process.reserved_for_sme_vcse:
        parts.append("SMEs and VCSEs")
    if process.reserved_location:
        parts.append(f"suppliers in {process.reserved_location}")
    if not parts:
        return None
    return Signal(
        "reserved",
        True,
        f"Reserved for {' and '.join(parts)}",
        "Only suppliers that qualify can take part, so you compete with fewer, similar organisations.",
    )


@signal
def tender_period(process, now):
    """Days between the notice and the deadline. The usual minimum under the Procurement Act 2023 is
    25 days (10 with a qualifying planned procurement notice or urgency); a longer period gives a
    small team time to write a good bid. Notices under the Public Contracts Regulations 2015 have
    their own limits (an open procedure above the threshold: at least 30 days for electronic
    tenders, reg. 27; below it none is set), so only a generous period is judged there."""
    start = process.tender_start or process.first_published
    if not (process.deadline and start) or process.phase != "tender":
        return None
    days = (process.deadline - start).days
    if days < 0:
        return None
    if days >= 30:
        return Signal(
            "tender_period", True, f"{days} days to respond", "A generous time to prepare a bid."
        )
    if not under_procurement_act(process):
        return Signal(
            "tender_period",
            None,
            f"{days} days to respond",
            "Published under the Public Contracts Regulations 2015, whose time limits differ from "
            "the Procurement Act's: check the notice for what the buyer allows.",
        )
    if days >= 25:
        return Signal(
            "tender_period",
            None,
            f"{days} days to respond",
            "The usual minimum time to prepare a bid.",
        )
    return Signal(
        "tender_period",
        False,
        f"Only {days} days to respond",
        "Shorter than the usual minimum of 25 days: start early, and ask the buyer questions quickly.",
    )


@signal
def payment_terms(process, now):
    """Payment within 30 days of a valid invoice is implied into contracts under the Procurement Act
    2023 (s.68(2)), into their subcontracts (s.73) and into below-threshold contracts (s.88)."""
    if not under_procurement_act(process):
        return None
    return Signal(
        "payment_terms",
        True,
        "Paid within 30 days",
        "The law implies payment within 30 days of a valid invoice, also for subcontractors.",
    )


def signals_for(process, now: datetime) -> list[Signal]:
    return [found for function in SIGNALS.values() if (found := function(process, now)) is not None]


def how_judged() -> list[tuple[str, str]]:
    return [
        (name, " ".join((function.__doc__ or "").split())) for name, function in SIGNALS.items()
    ]
