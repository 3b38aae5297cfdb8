"""How well an opportunity fits a supplier's capabilities, with the reasons. Pure: plain values in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from core.formatting import pounds_in_words
from reference.cpv import is_within

# Points per kind of evidence; the score is their sum, capped at 100.
POINTS = {
    "cpv_inside": 45,
    "cpv_covers": 20,
    "keyword_title": 20,
    "keyword_lot": 15,
    "keyword_text": 8,
    "area": 15,
    "within_capacity": 5,
    "over_capacity": -30,
}
RECOMMEND_FROM = 25


@dataclass
class Capabilities:
    cpv_codes: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    max_contract_value: Decimal | None = None


@dataclass
class Candidate:
    title: str
    description: str
    buyer_name: str
    cpv_codes: list[str]
    lots: list[str]  # lot titles and descriptions, in lot order
    delivery: str  # regions and postcodes
    value: Decimal | None


@dataclass
class Match:
    score: int
    reasons: list[str]


def _contains(text: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word.lower())}", text.lower()) is not None


def match(capabilities: Capabilities, candidate: Candidate) -> Match:
    points, reasons = 0, []
    best_cpv = None
    for code in candidate.cpv_codes:
        for own in capabilities.cpv_codes:
            if is_within(code, own):
                best_cpv = ("cpv_inside", f"CPV {code} is inside your {own}")
                break
            if is_within(own, code) and best_cpv is None:
                best_cpv = ("cpv_covers", f"CPV {code} covers your {own}")
        if best_cpv and best_cpv[0] == "cpv_inside":
            break
    if best_cpv:
        points += POINTS[best_cpv[0]]
        reasons.append(best_cpv[1])
    for keyword in capabilities.keywords:
        keyword = keyword.strip()
        if not keyword:
            continue
        if _contains(candidate.title, keyword):
            points += POINTS["keyword_title"]
            reasons.append(f"keyword '{keyword}' in the title")
            continue
        lot = next(
            (n for n, text in enumerate(candidate.lots, start=1) if _contains(text, keyword)), None
        )
        if lot:
            points += POINTS["keyword_lot"]
            reasons.append(f"keyword '{keyword}' in lot {lot}")
        elif _contains(candidate.description, keyword):
            points += POINTS["keyword_text"]
            reasons.append(f"keyword '{keyword}' in the description")
    place = f"{candidate.delivery} {candidate.buyer_name}"
    for area in capabilities.areas:
        if area.strip() and _contains(place, area.strip()):
            points += POINTS["area"]
            reasons.append(f"delivery in {area.strip()}, which you serve")
            break
    if capabilities.max_contract_value is not None and candidate.value is not None:
        if candidate.value > capabilities.max_contract_value:
            points += POINTS["over_capacity"]
            reasons.append(
                f"worth {pounds_in_words(candidate.value)}, more than the {pounds_in_words(capabilities.max_contract_value)} you can take on (look for a lot or a partner)"
            )
        elif points > 0:
            points += POINTS["within_capacity"]
            reasons.append(f"worth {pounds_in_words(candidate.value)}, within what you can take on")
    return Match(max(0, min(100, points)), reasons)
