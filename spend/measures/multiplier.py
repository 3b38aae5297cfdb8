"""Local Multiplier 3 from a supplier survey's figures. Pure."""

from __future__ import annotations


def lm3(total: float, local_first_round: float, local_second_round: float) -> float:
    """Local Multiplier 3 (New Economics Foundation): (R1 + R2 + R3) ÷ R1, where R1 is the total
    spent, R2 the part of it spent with local suppliers and local-resident staff, and R3 the part
    of R2 that they spend locally in turn (from a supplier survey). Between 1 and 3."""
    if total <= 0:
        raise ValueError("LM3 needs a total spend above zero")
    if not 0 <= local_first_round <= total or not 0 <= local_second_round <= local_first_round:
        raise ValueError("LM3 needs 0 ≤ R3 ≤ R2 ≤ R1")
    return (total + local_first_round + local_second_round) / total
