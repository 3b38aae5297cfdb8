"""Local Multiplier 3 (spend/measures/multiplier.py). Pure."""

import pytest

from spend.measures import lm3


def test_lm3_worked_example():
    # RULES.md section 5: (1,000,000 + 400,000 + 150,000) / 1,000,000 = 1.55
    assert lm3(1_000_000, 400_000, 150_000) == pytest.approx(1.55)
    with pytest.raises(ValueError, match="R3"):
        lm3(100, 50, 60)
    with pytest.raises(ValueError, match="above zero"):
        lm3(0, 0, 0)
