"""The one definition of a complete capability profile (opportunities/capability_profile.py). No
database."""

import pytest

from opportunities import capability_profile as cp
from opportunities.capability_profile import Capabilities

COMPLETE = dict(max_contract_value=100000, areas=("E08000025",), size_band="micro")


@pytest.mark.parametrize(
    "work",
    [
        dict(keywords=("retrofit",)),
        dict(cpv_codes=("45000000",)),
        dict(keywords=("a",), cpv_codes=("45000000",)),
    ],
)
def test_words_or_cpv_codes_either_says_what_you_do(work):
    assert cp.unanswered(Capabilities(**work, **COMPLETE)) == []


def test_each_missing_answer_is_named_in_the_set_ups_order():
    assert cp.unanswered(Capabilities()) == list(cp.QUESTIONS)
    assert cp.unanswered(Capabilities(keywords=("retrofit",), size_band="small")) == [
        cp.LARGEST_CONTRACT,
        cp.AREAS,
    ]
    assert cp.unanswered(Capabilities(keywords=("x",), max_contract_value=0, areas=("W",))) == [
        cp.SIZE
    ]  # a largest contract of £0 is an answer; only "not given" is missing


def test_a_profile_not_started_still_carries_the_organisations_size():
    class Organisation:
        size_band = "small"

    assert cp.unanswered(cp.of(None, Organisation())) == [
        cp.WHAT_YOU_DO,
        cp.LARGEST_CONTRACT,
        cp.AREAS,
    ]
    with pytest.raises(ValueError, match="No such capability question"):
        cp.answered(Capabilities(), "colour")
