"""The invest-to-save calculator (pure). RULES.md section 8's worked example is reproduced exactly."""

from decimal import Decimal

import pytest

from cases.greenbook import Line, annuity_factor, calculate, discount_factors, rate_for

D = Decimal


def test_discount_factors_follow_the_full_schedule():
    factors = discount_factors(80)
    assert round(factors[30], 4) == 0.3563  # RULES.md: DF30
    assert round(factors[40], 4) == 0.2651  # RULES.md: DF40 (3.0% from year 31)
    assert factors[0] == 1.0
    assert [rate_for(y) for y in (1, 30, 31, 75, 76, 125, 126, 200, 201, 300, 301, 500)] == [
        0.035,
        0.035,
        0.03,
        0.03,
        0.025,
        0.025,
        0.02,
        0.02,
        0.015,
        0.015,
        0.01,
        0.01,
    ]
    assert factors[76] == pytest.approx(factors[75] / 1.025)


def test_the_rules_worked_example_exactly():
    """£1.0m capex (standard building) x 1.24 = £1.24m; savings £150k a year for 10 years at
    3.5% (annuity factor 8.3166) = £1,247,491; NPV about +£7.5k."""
    assert round(annuity_factor(10), 4) == 8.3166
    lines = [Line("Estates", "capex", 0, D("1000000"))] + [
        Line("Estates", "saving", year, D("150000")) for year in range(1, 11)
    ]
    result = calculate(lines, "standard_buildings")
    assert result.optimism_bias == {"capex": 0.24}
    assert round(result.pv_costs) == 1_240_000
    assert round(result.pv_savings) == 1_247_491
    assert round(result.npv) == 7_491
    assert result.payback_year == 10
    assert result.break_even_savings_change == pytest.approx(7_491 / 1_247_491, abs=1e-5)


def test_who_pays_and_who_saves():
    lines = [
        Line("Council housing", "capex", 0, D("200000")),
        Line("Council housing", "opex", 1, D("10000")),
        Line("NHS trust", "saving", 1, D("120000")),
        Line("NHS trust", "saving", 2, D("120000")),
    ]
    result = calculate(lines)
    by = {h.holder: h for h in result.holders}
    assert by["Council housing"].npv < 0 < by["NHS trust"].npv
    assert by["Council housing"].pv_savings == 0 and by["NHS trust"].pv_costs == 0
    assert result.npv == pytest.approx(by["Council housing"].npv + by["NHS trust"].npv)
    assert result.payback_year == 2


def test_optimism_bias_for_outsourcing_raises_running_costs_only():
    lines = [Line("A", "capex", 0, D("100")), Line("A", "opex", 0, D("100"))]
    assert calculate(lines, "outsourcing").pv_costs == pytest.approx(100 + 141)
    assert calculate(lines, "equipment_development").pv_costs == pytest.approx(300 + 100)
    assert calculate(lines, "none").pv_costs == pytest.approx(200)


def test_sensitivity_runs_from_minus_to_plus_half_of_the_savings():
    lines = [Line("A", "capex", 0, D("1000")), Line("A", "saving", 1, D("1035"))]
    result = calculate(lines)
    assert [p["savings_change"] for p in result.sensitivity] == [-0.5, -0.25, 0, 0.25, 0.5]
    assert result.sensitivity[2]["npv"] == pytest.approx(result.npv)
    assert result.sensitivity[0]["npv"] == pytest.approx(1000 * 0.5 - 1000)


def test_no_savings_means_no_payback_and_no_break_even():
    result = calculate([Line("A", "capex", 0, D("5"))])
    assert result.payback_year is None and result.break_even_savings_change is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (("A", "gift", 0, D("1")), "kind"),
        (("A", "capex", -1, D("1")), "year"),
        (("A", "capex", 0, D("-1")), "amount"),
    ],
)
def test_bad_lines_say_what_is_wrong(line, message):
    with pytest.raises(ValueError, match=message):
        Line(*line)


def test_an_unknown_project_type_is_refused():
    with pytest.raises(ValueError, match="project_type"):
        calculate([Line("A", "capex", 0, D("1"))], "castle")


def test_optimism_bias_and_present_value_as_general_functions():
    """The pieces `calculate` uses, for other callers (a programme's costing): the same figures."""
    from cases.greenbook import optimism_bias_bounds, present_value, with_optimism_bias

    assert with_optimism_bias(1_000_000, 0.24) == pytest.approx(1_240_000)
    assert with_optimism_bias(100, 0) == 100
    with pytest.raises(ValueError, match="optimism bias"):
        with_optimism_bias(100, -0.1)
    savings = dict.fromkeys(range(1, 11), 150000.0)
    assert round(present_value(savings)) == 1_247_491
    assert present_value({}) == 0
    assert present_value({0: 10.0, 1: 10.0}) == pytest.approx(10 + 10 / 1.035)
    with pytest.raises(ValueError, match="year"):
        present_value({-1: 10.0})
    lines = [Line("A", "opex", 0, D("1000")), Line("A", "opex", 2, D("500"))]
    result = calculate(lines, "outsourcing")
    assert present_value(
        {0: with_optimism_bias(1000, 0.41), 2: with_optimism_bias(500, 0.41)}
    ) == pytest.approx(result.pv_costs)
    assert ("Outsourcing", "opex", 0.41) in optimism_bias_bounds()
