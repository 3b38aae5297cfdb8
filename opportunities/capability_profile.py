"""When a supplier's capability profile is complete: the one definition, used by the set-up's steps
(`views/capabilities.py`), the recommendations page and the home page's prompt to finish it.
Pure: plain values in, the unanswered questions out.

A profile answers
- what you do: words for it or CPV codes, either is enough (matching reads both);
- the largest contract you could take on;
- where you deliver work: places typed, or the network's areas chosen, either is enough;
- how many people work for you: the size band, which registering sets when it asks the headcount.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

WHAT_YOU_DO = "what-you-do"
LARGEST_CONTRACT = "largest-contract"
AREAS = "areas"
SIZE = "size"
QUESTIONS = (WHAT_YOU_DO, LARGEST_CONTRACT, AREAS, SIZE)

# Each question as the home page's prompt names it ("Still to tell us: ...").
WORDS = {
    WHAT_YOU_DO: "what you do",
    LARGEST_CONTRACT: "the largest contract you can take on",
    AREAS: "where you work",
    SIZE: "how many people work for you",
}


@dataclass(frozen=True)
class Capabilities:
    keywords: Sequence[str] = ()
    cpv_codes: Sequence[str] = ()
    max_contract_value: Decimal | int | None = None
    areas: Sequence[str] = ()
    size_band: str = ""
    network_areas: Sequence[str] = ()  # names of the network's areas chosen (reference.Area)


def of(profile, organisation) -> Capabilities:
    """The answers from a supplier profile (None: not started) and its organisation."""
    size_band = (getattr(organisation, "size_band", "") or "") if organisation else ""
    if profile is None:
        return Capabilities(size_band=size_band)
    return Capabilities(
        keywords=tuple(profile.keywords or ()),
        cpv_codes=tuple(profile.cpv_codes or ()),
        max_contract_value=profile.max_contract_value,
        areas=tuple(profile.areas or ()),
        size_band=size_band,
        network_areas=tuple(a.name for a in profile.network_areas.all()) if profile.pk else (),
    )


def answered(capabilities: Capabilities, question: str) -> bool:
    if question == WHAT_YOU_DO:
        return bool(capabilities.keywords or capabilities.cpv_codes)
    if question == LARGEST_CONTRACT:
        return capabilities.max_contract_value is not None
    if question == AREAS:
        return bool(capabilities.areas or capabilities.network_areas)
    if question == SIZE:
        return bool(capabilities.size_band)
    raise ValueError(f"No such capability question: {question!r}")


def unanswered(capabilities: Capabilities) -> list[str]:
    """The questions still to answer, in the set-up's order; empty when the profile is complete."""
    return [question for question in QUESTIONS if not answered(capabilities, question)]
