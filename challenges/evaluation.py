"""Scoring a challenge's responses: weighted totals, spread between evaluators, moderated results.

Pure logic. Each criterion is scored 0-10 by each evaluator; a response's weighted total is
sum(score / 10 x weight) over the criteria, as a percentage (weights add up to 100).
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SCORE = 10
SCALE = {
    0: "No response, or it does not meet the need",
    2: "Poor: major gaps or risks",
    4: "Weak: some gaps",
    6: "Satisfactory: meets the need",
    8: "Good: meets the need well, with some added value",
    10: "Excellent: fully meets the need with clear added value",
}


@dataclass(frozen=True)
class CriterionWeight:
    key: int
    name: str
    weight: int


def weighted_total(scores: dict[int, int], criteria: list[CriterionWeight]) -> float | None:
    """The percentage for one set of scores; None until every criterion is scored."""
    if any(c.key not in scores for c in criteria):
        return None
    return round(sum(scores[c.key] / MAX_SCORE * c.weight for c in criteria), 1)


def spread(scores_by_evaluator: list[dict[int, int]], criterion: int) -> int | None:
    """The gap between the highest and lowest evaluator score for one criterion."""
    values = [s[criterion] for s in scores_by_evaluator if criterion in s]
    return max(values) - min(values) if len(values) >= 2 else None


def needs_discussion(scores_by_evaluator: list[dict[int, int]], criterion: int, gap=3) -> bool:
    """Evaluators disagree by `gap` points or more: the moderation meeting should discuss it."""
    found = spread(scores_by_evaluator, criterion)
    return found is not None and found >= gap


def mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def rank(totals: dict[int, float | None]) -> list[tuple[int, float | None]]:
    """Responses by moderated total, highest first; unscored ones last."""
    return sorted(totals.items(), key=lambda item: (item[1] is None, -(item[1] or 0)))
