"""The demo's self-assessments (maturity/sample_assessments.py): every answer is a question of the
set at a level of its scale; Birmingham improves between its two; one draft. No database."""

from maturity import questions, scoring
from maturity.sample_assessments import ASSESSMENTS, anchors
from network.sample_data import ANCHORS

SET = questions.current()


def test_every_sample_answer_is_a_question_at_a_level_of_the_scale():
    keys = {q.key for q in SET.questions}
    for item in ASSESSMENTS:
        assert set(item["answers"]) <= keys
        assert all(1 <= level <= SET.top for level in item["answers"].values())
        if item["completed_on"]:
            assert not scoring.unanswered(SET, item["answers"]), item["anchor"]


def test_the_anchors_are_the_demo_networks():
    assert set(anchors()) <= {name for name, *_ in ANCHORS}


def test_birmingham_improves_and_one_is_a_draft():
    birmingham = sorted(
        (i for i in ASSESSMENTS if i["anchor"] == "Birmingham City Council"),
        key=lambda i: i["completed_on"],
    )
    before, after = (scoring.score(SET, i["answers"]).overall.score for i in birmingham)
    assert after > before
    assert [i["completed_on"] for i in ASSESSMENTS].count(None) == 1
