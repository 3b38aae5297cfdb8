"""Ranking quality measures (pure): discounted cumulative gain, as in Järvelin and Kekäläinen (2002)."""

from collections.abc import Sequence
from math import log2


def dcg(gains: Sequence[float]) -> float:
    return sum((2**gain - 1) / log2(position + 2) for position, gain in enumerate(gains))


def ndcg_at(k: int, ranked: list[str], judgments: dict[str, int]) -> float:
    """NDCG@k of a ranked list of ids against graded judgments {id: grade}."""
    ideal = dcg(sorted(judgments.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judgments.get(item, 0) for item in ranked[:k]]) / ideal
