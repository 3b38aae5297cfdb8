"""How well an opportunity fits a supplier, with the reasons in the supplier's words. Pure: plain
values in.

What the supplier does (CPV codes, keywords) makes an opportunity relevant; where it is delivered,
what it is worth against the largest contract the supplier can take on (its capacity), its lots
and the supplier's size then move it up or down. A contract worth far more than the supplier's
capacity is never ranked with work that fits (`Fit.TOO_LARGE`, listed apart), unless one of its
lots is within reach, when the lot is the way in (`Fit.VIA_LOT`). The points and limits are data,
each with why: `data/matching.json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cache

from core import datafiles
from core.formatting import pounds_in_words
from reference.area_rules import Definition, Where, any_inside
from reference.cpv import is_within
from reference.delivery import locate, nearness, widest_stated
from reference.place_names import resolve

SMALL_BANDS = ("micro", "small")


@cache
def weights() -> dict:
    return datafiles.load(("opportunities", "matching"))


def points(name: str) -> int:
    return weights()["points"][name]["points"]


def limit(name: str):
    return weights()["limits"][name]["value"]


class Fit(StrEnum):
    FITS = "fits"  # the whole contract is within the supplier's capacity
    VIA_LOT = "via_lot"  # too large as a whole; a lot is within capacity
    STRETCH = "stretch"  # over capacity, but not by more than the stretch ratio
    TOO_LARGE = "too_large"  # more than the stretch ratio times capacity, and no lot within it
    UNKNOWN = "unknown"  # no capacity given, or no value published


@dataclass
class Capabilities:
    cpv_codes: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    max_contract_value: Decimal | None = None
    size_band: str = ""  # micro, small, medium, large or "" when not said
    # The network's areas served (reference.Area): (name, definition), placed by area_rules
    network_areas: list[tuple[str, Definition]] = field(default_factory=list)


@dataclass
class CandidateLot:
    text: str  # title and description
    value: Decimal | None = None


@dataclass
class Candidate:
    title: str
    description: str
    buyer_name: str
    cpv_codes: list[str]
    lots: list[CandidateLot]  # in lot order
    delivery: str  # regions and postcodes
    value: Decimal | None
    above_threshold: bool | None = None
    sme_suitable: bool | None = None
    reserved_for_sme_vcse: bool = False
    delivery_regions: list[str] = field(default_factory=list)
    delivery_postcodes: list[str] = field(default_factory=list)
    buyer_postcode: str = ""
    # Where its delivery postcodes are (else its buyer's, when it states no place), for areas
    places: list[Where] = field(default_factory=list)


@dataclass
class Match:
    score: int
    reasons: list[str]
    fit: Fit = Fit.UNKNOWN
    relevance: int = 0  # points from what the supplier does alone (CPV codes and keywords)
    lot: int | None = None  # the lot that is the way in, when the whole is too large

    @property
    def too_large(self) -> bool:
        return self.fit == Fit.TOO_LARGE


def _contains(text: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word.lower())}", text.lower()) is not None


def _cpv(capabilities: Capabilities, candidate: Candidate) -> tuple[str, str] | None:
    best = None
    for code in candidate.cpv_codes:
        for own in capabilities.cpv_codes:
            if is_within(code, own):
                return "cpv_inside", f"what it buys (CPV {code}) is inside what you do ({own})"
            if is_within(own, code) and best is None:
                best = ("cpv_covers", f"what it buys (CPV {code}) includes what you do ({own})")
    return best


def _keywords(capabilities: Capabilities, candidate: Candidate) -> tuple[int, list[str], set[int]]:
    total, reasons, lots = 0, [], set()
    for keyword in capabilities.keywords:
        keyword = keyword.strip()
        if not keyword:
            continue
        if _contains(candidate.title, keyword):
            total += points("keyword_title")
            reasons.append(f"your keyword ‘{keyword}’ is in the title")
            continue
        lot = next(
            (n for n, lot in enumerate(candidate.lots, start=1) if _contains(lot.text, keyword)),
            None,
        )
        if lot:
            total += points("keyword_lot")
            lots.add(lot)
            reasons.append(f"your keyword ‘{keyword}’ is in lot {lot}")
        elif _contains(candidate.description, keyword):
            total += points("keyword_text")
            reasons.append(f"your keyword ‘{keyword}’ is in the description")
    return total, reasons, lots


def _areas(capabilities: Capabilities, candidate: Candidate) -> tuple[int, list[str]]:
    """Where the work is delivered against the areas served: inside one of the network's areas
    chosen (by its definition, over the places of the notice's postcodes: unknown is never
    outside), a place within one of the places typed, or a wider area stated that includes one
    (places as reference/delivery.py reads them); a place we do not know is looked for as words
    in the delivery text and the buyer's name."""
    served = [area.strip() for area in capabilities.areas if area.strip()]
    if not served and not capabilities.network_areas:
        return 0, []
    located = locate(
        candidate.delivery_regions, candidate.delivery_postcodes, candidate.buyer_postcode
    )
    known = bool(located.area or located.postcodes)
    where = "the buyer is" if located.from_buyer else "delivered"
    wider: tuple[str, str] | None = None
    unread = False
    for name, definition in capabilities.network_areas:  # a network area: by its definition
        inside = any_inside(definition, candidate.places)
        if inside:
            return points("area"), [f"{where} in {name}, an area you serve"]
        unread = unread or inside is None  # not known to be outside: say nothing of it
    for area in served:
        place = resolve(area) if known else None
        if place is None:
            unread = True
            if _contains(f"{candidate.delivery} {candidate.buyer_name}", area):
                return points("area"), [f"{where} in an area you serve ({area})"]
            continue
        found = nearness(place, located)
        if found == "in":
            return points("area"), [f"{where} in an area you serve ({area})"]
        if found == "wider" and wider is None:
            wider = (area, widest_stated(place, located))
    if wider:
        area, across = wider
        return points("area_wider"), [
            f"delivered across {across}, which includes {area}, where you work"
        ]
    if unread:  # a place we could not read may be where it is delivered: say nothing
        return 0, []
    return points("area_outside"), [f"{where} outside the areas you serve"]


def _lot_within(candidate: Candidate, capacity: Decimal, wanted: set[int]) -> int | None:
    """The lot to bid for: one your keywords named, else the first, among those within capacity."""
    within = [
        n
        for n, lot in enumerate(candidate.lots, start=1)
        if lot.value is not None and lot.value <= capacity
    ]
    return next((n for n in within if n in wanted), within[0] if within else None)


def _capacity(
    capabilities: Capabilities, candidate: Candidate, keyword_lots: set[int]
) -> tuple[Fit, int, list[str], int | None]:
    capacity, value = capabilities.max_contract_value, candidate.value
    if capacity is None:
        return Fit.UNKNOWN, 0, [], None
    yours = pounds_in_words(capacity)
    if value is None:
        return (
            Fit.UNKNOWN,
            0,
            ["its value is not published: check it is within your capacity"],
            None,
        )
    worth = pounds_in_words(value)
    if value <= capacity:
        return (
            Fit.FITS,
            points("within_capacity"),
            [f"worth {worth}, within your capacity of {yours}"],
            None,
        )
    lot = _lot_within(candidate, capacity, keyword_lots)
    if lot is not None:
        lot_worth = pounds_in_words(candidate.lots[lot - 1].value)
        return (
            Fit.VIA_LOT,
            points("lot_within_capacity"),
            [
                (
                    f"lot {lot} fits your capacity: worth {lot_worth}, within your {yours} "
                    f"(the whole contract is worth {worth}), so bid for that lot"
                )
            ],
            lot,
        )
    if value <= capacity * Decimal(str(limit("stretch_ratio"))):
        return (
            Fit.STRETCH,
            points("stretch"),
            [f"worth {worth}, more than your capacity of {yours}: you could bid with a partner"],
            None,
        )
    unpriced = [lot for lot in candidate.lots if lot.value is None]
    advice = (
        f"its {len(candidate.lots)} lots have no published values, so look at them: one may fit"
        if len(unpriced) > 1
        else "look for subcontracting with whoever wins it"
    )
    return (
        Fit.TOO_LARGE,
        points("too_large"),
        [f"worth {worth}, too large for your capacity of {yours} now: {advice}"],
        None,
    )


def _size(capabilities: Capabilities, candidate: Candidate, fit: Fit) -> tuple[int, list[str]]:
    band = capabilities.size_band
    if band == "large" and candidate.reserved_for_sme_vcse:
        return points("reserved_not_eligible"), [
            "reserved for SMEs and VCSEs, so a large firm cannot bid"
        ]
    if band not in SMALL_BANDS or fit == Fit.TOO_LARGE:
        return 0, []
    total, reasons = 0, []
    if candidate.above_threshold is False:
        total += points("below_threshold_small")
        reasons.append("below the procurement threshold: a simpler process with no shortlisting")
    if len(candidate.lots) > 1:
        total += points("lotted_small")
        if fit != Fit.VIA_LOT:
            reasons.append(f"divided into {len(candidate.lots)} lots, which suits a smaller firm")
    if candidate.reserved_for_sme_vcse:
        total += points("sme_suitable_small")
        reasons.append("reserved for SMEs and VCSEs")
    elif candidate.sme_suitable:
        total += points("sme_suitable_small")
        reasons.append("the buyer says it suits SMEs")
    return total, reasons


def match(capabilities: Capabilities, candidate: Candidate) -> Match:
    relevance, reasons = 0, []
    cpv = _cpv(capabilities, candidate)
    if cpv:
        relevance += points(cpv[0])
        reasons.append(cpv[1])
    keyword_points, keyword_reasons, keyword_lots = _keywords(capabilities, candidate)
    relevance += keyword_points
    reasons += keyword_reasons
    total = relevance
    area_points, area_reasons = _areas(capabilities, candidate)
    total += area_points
    reasons += area_reasons
    if relevance == 0:  # what it is worth or how it is bought says nothing about fit on its own
        return Match(max(0, min(100, total)), reasons, relevance=0)
    fit, capacity_points, capacity_reasons, lot = _capacity(capabilities, candidate, keyword_lots)
    size_points, size_reasons = _size(capabilities, candidate, fit)
    total += capacity_points + size_points
    return Match(
        max(0, min(100, total)),
        reasons + capacity_reasons + size_reasons,
        fit=fit,
        relevance=relevance,
        lot=lot,
    )
