"""The route finder's answers: one set of rules (`routefinder.problems`), their field errors as
data (`validate`), and the choices every caller derives from. No database."""

from datetime import date
from decimal import Decimal
from typing import get_args

import pytest

from challenges import routefinder
from challenges.routefinder import Answers, Invalid, InvalidAnswers, validate

ON = date(2026, 3, 2)


def test_each_choice_has_its_words_and_no_more():
    for kind, words in (
        (routefinder.BuyerType, routefinder.BUYER_TYPES),
        (routefinder.Category, routefinder.CATEGORIES),
        (routefinder.Solution, routefinder.SOLUTIONS),
    ):
        assert tuple(words) == get_args(kind)
        assert all(words.values())


def test_valid_answers_become_answers():
    checked = validate(
        {
            "value": "216000",
            "buyer_type": "sub-central",
            "category": "services",
            "solution": "needs_development",
            "council": True,
            "urgent": "on",
        },
        ON,
    )
    assert checked == Answers(
        Decimal(216000),
        "sub-central",
        "services",
        solution="needs_development",
        urgent=True,
        council=True,
        on=ON,
    )


def test_the_value_may_be_named_either_way_and_an_empty_solution_is_not_known():
    for name in ("value", "value_incl_vat"):
        checked = validate({name: 5, "buyer_type": "central", "category": "goods"}, ON)
        assert isinstance(checked, Answers)
        assert checked.value_incl_vat == 5
    checked = validate(
        {"value": 5, "buyer_type": "utility", "category": "works", "solution": ""}, ON
    )
    assert isinstance(checked, Answers) and checked.solution == "not_known"


@pytest.mark.parametrize(
    ("raw", "fields"),
    [
        ({}, {"value", "buyer_type", "category"}),
        ({"value": "lots", "buyer_type": "central", "category": "goods"}, {"value"}),
        (
            {"value_incl_vat": "-1", "buyer_type": "central", "category": "goods"},
            {"value_incl_vat"},
        ),
        ({"value": "NaN", "buyer_type": "central", "category": "goods"}, {"value"}),
        ({"value": "Infinity", "buyer_type": "central", "category": "goods"}, {"value"}),
        ({"value": 1, "buyer_type": "county", "category": "goods"}, {"buyer_type"}),
        ({"value": 1, "buyer_type": "central", "category": "stuff"}, {"category"}),
        (
            {"value": 1, "buyer_type": "central", "category": "goods", "solution": "maybe"},
            {"solution"},
        ),
        (
            {"value": 1, "buyer_type": "central", "category": "goods", "light_touch": True},
            {"light_touch"},
        ),
        ({"value": 1, "buyer_type": "utility", "category": "goods", "council": True}, {"council"}),
        (
            {
                "value": 1,
                "buyer_type": "central",
                "category": "works",
                "light_touch": True,
                "council": True,
            },
            {"light_touch", "council"},
        ),
    ],
)
def test_what_is_wrong_comes_back_by_field(raw, fields):
    checked = validate(raw, ON)
    assert isinstance(checked, Invalid)
    assert set(checked.errors) == fields
    assert all(messages and all(messages) for messages in checked.errors.values())


def test_a_rule_between_answers_waits_for_the_answer_it_depends_on():
    """Light-touch needs services and a council is sub-central: said only once the category or
    the buyer type is itself a valid choice, so a form does not report two errors for one."""
    checked = validate(
        {"value": 1, "buyer_type": "", "category": "", "light_touch": True, "council": True}, ON
    )
    assert isinstance(checked, Invalid)
    assert set(checked.errors) == {"buyer_type", "category"}


def test_light_touch_services_and_a_council_that_is_sub_central_pass():
    checked = validate(
        {
            "value": 1,
            "buyer_type": "sub-central",
            "category": "services",
            "light_touch": True,
            "council": True,
        },
        ON,
    )
    assert isinstance(checked, Answers)


def test_a_day_no_threshold_table_covers_is_an_error_of_the_date():
    checked = validate({"value": 1, "buyer_type": "central", "category": "goods"}, date(2010, 1, 1))
    assert isinstance(checked, Invalid)
    assert set(checked.errors) == {"date"}
    assert "No threshold table covers" in checked.errors["date"][0]


def test_answers_that_break_the_rules_cannot_be_made():
    with pytest.raises(InvalidAnswers) as refused:
        Answers(Decimal(5), "central", "goods", light_touch=True, on=ON)
    assert set(refused.value.errors) == {"light_touch"}
    assert str(refused.value) == "light_touch: Only services can be light-touch"
    assert isinstance(refused.value, ValueError)


def test_the_errors_in_one_line_name_their_fields():
    assert (
        routefinder.described({"a": ["One", "Two"], "b": ["Three"]}) == "a: One; a: Two; b: Three"
    )
