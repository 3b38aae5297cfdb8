"""The route finder's form shows `routefinder.problems` as field errors. No database."""

from decimal import Decimal

from challenges.forms import RouteFinderForm

ANSWERS = {"value": "216000", "buyer_type": "sub-central", "category": "services"}


def test_valid_answers_give_answers_and_what_a_challenge_stores():
    form = RouteFinderForm({**ANSWERS, "council": "on", "solution": "prototype"})
    assert form.is_valid(), form.errors
    answers = form.answers()
    assert (answers.value_incl_vat, answers.council, answers.solution) == (
        Decimal(216000),
        True,
        "prototype",
    )
    assert form.stored()["value"] == "216000"


def test_the_rules_between_answers_are_field_errors():
    form = RouteFinderForm(
        {
            **ANSWERS,
            "buyer_type": "central",
            "category": "goods",
            "light_touch": "on",
            "council": "on",
        }
    )
    assert not form.is_valid()
    assert form.errors["light_touch"] == ["Only services can be light-touch"]
    assert form.errors["council"] == ["A council is a sub-central buyer: choose sub-central"]


def test_a_field_refused_by_its_own_check_is_not_refused_twice():
    form = RouteFinderForm({"buyer_type": "county", "category": "goods", "light_touch": "on"})
    assert not form.is_valid()
    assert len(form.errors["value"]) == 1
    assert len(form.errors["buyer_type"]) == 1
    assert set(form.errors) == {"value", "buyer_type", "light_touch"}
