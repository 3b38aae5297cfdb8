"""The consortium finder: which partners complement a supplier on a challenge. Pure logic.

A candidate scores for offering what the supplier needs (shared words between one's needs and the
other's offer), for working in the challenge's CPV divisions with codes the supplier lacks, and for
size: an SME gains from a larger prime's reach, and a larger supplier from an SME's specialism.
Each point comes with the reason shown to the supplier.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from core.text import words
from network.sizing import Band

SME_BANDS = frozenset({"micro", "small", "medium"})


@dataclass(frozen=True)
class Candidate:
    key: str  # an id the caller understands
    name: str
    offers: str
    needs: str = ""
    cpv_codes: tuple[str, ...] = ()
    size_band: Band | Literal[""] = ""  # "": not known
    is_vcse: bool = False
    listed: bool = True  # seeking partners on this challenge (else a profile in the network)


@dataclass
class Suggestion:
    candidate: Candidate
    score: int
    reasons: list[str] = field(default_factory=list)


def _divisions(codes) -> set[str]:
    return {code[:2] for code in codes if code}


def is_sme(band: str) -> bool:
    return band in SME_BANDS


def suggest(
    seeker: Candidate, candidates: list[Candidate], challenge_cpv: tuple[str, ...] = (), limit=10
) -> list[Suggestion]:
    """Candidates that complement `seeker`, best first; those with no reason at all are left out."""
    wanted = words(seeker.needs)
    offered = words(seeker.offers)
    divisions = _divisions(challenge_cpv) | _divisions(seeker.cpv_codes)
    suggestions = []
    for candidate in candidates:
        if candidate.key == seeker.key:
            continue
        score, reasons = 0, []
        meets = sorted(wanted & words(candidate.offers))
        if meets:
            score += 3 * len(meets)
            reasons.append(f"Offers what you need: {', '.join(meets[:6])}")
        if candidate.needs:
            theirs = sorted(words(candidate.needs) & offered)
            if theirs:
                score += 2 * len(theirs)
                reasons.append(f"Needs what you offer: {', '.join(theirs[:6])}")
        new_codes = sorted(
            code
            for code in set(candidate.cpv_codes) - set(seeker.cpv_codes)
            if code[:2] in divisions
        )
        if new_codes:
            score += min(len(new_codes), 3)
            reasons.append(
                f"Works in the challenge's fields with codes you do not cover: {', '.join(new_codes[:4])}"
            )
        if is_sme(seeker.size_band) and candidate.size_band == "large":
            score += 3
            reasons.append(
                "A larger supplier that could lead or carry scale, with you as the specialist"
            )
        elif seeker.size_band == "large" and is_sme(candidate.size_band):
            score += 3
            reasons.append("An SME that could bring the specialism to your bid")
        if candidate.is_vcse:
            score += 1
            reasons.append("A voluntary, community or social enterprise")
        if score and not meets and not new_codes and len(reasons) <= 1:
            continue  # size alone is not a reason to meet
        if score:
            suggestions.append(Suggestion(candidate, score, reasons))
    suggestions.sort(key=lambda s: (-s.score, not s.candidate.listed, s.candidate.name))
    return suggestions[:limit]
