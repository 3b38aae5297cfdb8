"""Size bands per RULES.md section 6."""

from decimal import Decimal

import pytest

from network.sizing import assess_size, load_rules


@pytest.mark.parametrize(
    ("staff", "turnover", "band", "sme"),
    [
        (3, None, "micro", True),
        (9, Decimal(1_000_000), "micro", True),
        (10, None, "small", True),
        (49, Decimal(5_000_000), "small", True),
        (50, None, "medium", True),
        (249, Decimal(30_000_000), "medium", True),
        (250, None, "large", False),
        (1000, Decimal(1), "large", False),
    ],
)
def test_bands_by_headcount_and_turnover(staff, turnover, band, sme):
    assessment = assess_size(staff, turnover)
    assert (assessment.band, assessment.is_sme_pa2023) == (band, sme)


def test_turnover_or_balance_sheet_keeps_an_enterprise_in_its_band():
    # 40 staff but turnover above the small ceiling: still small if the balance sheet is within it.
    big_turnover = Decimal(20_000_000)
    assert assess_size(40, big_turnover).band == "medium"
    assert assess_size(40, big_turnover, Decimal(5_000_000)).band == "small"


def test_pa2023_sme_test_uses_pounds():
    # 200 staff, turnover £45m (> £44m) and balance sheet £39m (> £38m): not an SME under s.123.
    assessment = assess_size(200, Decimal(45_000_000), Decimal(39_000_000))
    assert not assessment.is_sme_pa2023
    assert assess_size(200, Decimal(45_000_000), Decimal(37_000_000)).is_sme_pa2023


def test_explanation_and_unverified_rate_are_reported():
    assessment = assess_size(12, Decimal(800_000))
    assert "12 staff" in assessment.explanation and "small" in assessment.explanation
    assert assessment.uses_unverified_rate  # the GBP/EUR rate is flagged "check before relying"
    assert not assess_size(12).uses_unverified_rate


def test_rules_are_data_with_sources():
    rules = load_rules()
    assert rules["eu_2003_361"]["source"] and rules["pa_2023_s123_sme"]["source"]
    changed = {**rules, "pa_2023_s123_sme": {**rules["pa_2023_s123_sme"], "staff_below": 100}}
    assert not assess_size(150, rules=changed).is_sme_pa2023


def test_negative_staff_is_refused():
    with pytest.raises(ValueError):
        assess_size(-1)
