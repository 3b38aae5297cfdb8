"""Evaluation arithmetic (challenges/evaluation.py): weighted totals, disagreement, ranking. No
database."""

from challenges import evaluation

CRITERIA = [evaluation.CriterionWeight(1, "Impact", 60), evaluation.CriterionWeight(2, "Cost", 40)]


def test_weighted_total_is_the_weighted_share_of_the_maximum():
    assert evaluation.weighted_total({1: 10, 2: 10}, CRITERIA) == 100.0
    assert evaluation.weighted_total({1: 7, 2: 5}, CRITERIA) == 62.0  # 0.7*60 + 0.5*40
    assert evaluation.weighted_total({1: 7}, CRITERIA) is None  # not every criterion scored


def test_spread_flags_disagreement_for_moderation():
    scores = [{1: 8, 2: 5}, {1: 4, 2: 6}]
    assert evaluation.spread(scores, 1) == 4 and evaluation.needs_discussion(scores, 1)
    assert evaluation.spread(scores, 2) == 1 and not evaluation.needs_discussion(scores, 2)
    assert evaluation.spread([{1: 8}], 1) is None


def test_rank_puts_unscored_last():
    assert evaluation.rank({1: 50.0, 2: None, 3: 80.0}) == [(3, 80.0), (1, 50.0), (2, None)]
