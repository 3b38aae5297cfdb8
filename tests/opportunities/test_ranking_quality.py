import pytest

from opportunities.ranking_quality import dcg, ndcg_at


def test_perfect_and_empty_rankings():
    judgments = {"a": 2, "b": 1}
    assert ndcg_at(10, ["a", "b", "x"], judgments) == 1.0
    assert ndcg_at(10, ["x", "y"], judgments) == 0.0
    assert ndcg_at(10, [], {}) == 0.0


def test_order_matters():
    judgments = {"a": 2, "b": 1}
    assert ndcg_at(10, ["b", "a"], judgments) < 1.0
    assert ndcg_at(10, ["x", "a", "b"], judgments) < ndcg_at(10, ["a", "x", "b"], judgments)


def test_known_value():
    # gains 3 (grade 2) at rank 1 and 1 (grade 1) at rank 3: 3/log2(2) + 1/log2(4) = 3.5
    assert dcg([2, 0, 1]) == pytest.approx(3.5)
