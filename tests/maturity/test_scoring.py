"""Scoring (maturity/scoring.py): levels by theme and overall, change, next steps and the network's
picture, over a small question set built here. No database."""

from decimal import Decimal

from maturity import scoring
from maturity.questions import Level, Question, QuestionSet, Theme


def question(key, theme):
    return Question(
        key=key,
        theme=theme,
        title=key.title(),
        question=f"{key}?",
        hint="",
        source="",
        unconfirmed=False,
        levels=tuple(Level(n, f"{key} at {n}", (f"guide-{n}",), (), ()) for n in (1, 2, 3, 4)),
    )


SET = QuestionSet(
    version="test",
    scale=((1, "Starting", ""), (2, "Developing", ""), (3, "Established", ""), (4, "Leading", "")),
    themes=(Theme("lead", "Leadership", "", False), Theme("buy", "Buying", "", False)),
    questions=(question("a", "lead"), question("b", "buy"), question("c", "buy")),
)


def test_a_theme_is_at_the_level_its_questions_average_at_least():
    result = scoring.score(SET, {"a": 3, "b": 2, "c": 3})
    buying = result.theme("buy")
    assert (
        buying.score == Decimal("2.5") and buying.level == 2 and buying.level_name == "Developing"
    )
    assert result.theme("lead").level == 3
    assert result.overall.score == Decimal("2.7") and result.overall.level == 2
    assert (result.answered, result.of) == (3, 3)


def test_averages_round_half_up_to_one_place():
    assert scoring.average([1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]) == Decimal(
        "2.0"
    )
    assert scoring.average([1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]) == Decimal(
        "1.9"
    )
    assert scoring.average([3, 4, 4, 4]) == Decimal("3.8")  # 3.75 up
    assert scoring.average([]) is None and scoring.level_of(None) is None


def test_change_since_the_previous_assessment():
    result = scoring.score(SET, {"a": 3, "b": 3, "c": 3}, previous={"a": 1, "b": 2, "c": 3})
    assert result.theme("lead").change == Decimal("2.0")
    assert result.theme("buy").change == Decimal("0.5")
    assert result.overall.change == Decimal("1.0")
    assert scoring.change_words(result.overall.change) == "up 1.0"
    assert scoring.change_words(Decimal("-0.5")) == "down 0.5"
    assert scoring.change_words(Decimal("0.0")) == "no change"
    assert scoring.change_words(None) == ""


def test_no_change_without_a_previous_assessment_or_an_answer_both_times():
    assert scoring.score(SET, {"a": 2}).overall.change is None
    result = scoring.score(SET, {"a": 2, "b": 2}, previous={"a": 1})
    assert result.theme("buy").change is None
    assert result.theme("lead").change == Decimal("1.0")


def test_answers_to_questions_no_longer_asked_are_left_out():
    result = scoring.score(SET, {"a": 4, "retired": 1})
    assert result.overall.score == Decimal("4.0") and result.answered == 1
    assert [q.key for q in scoring.unanswered(SET, {"a": 4, "retired": 1})] == ["b", "c"]


def test_a_theme_not_answered_has_no_level():
    buying = scoring.score(SET, {"a": 2}).theme("buy")
    assert buying.score is None and buying.level is None and buying.level_name == ""


def test_next_steps_are_the_next_level_up_and_none_at_the_top():
    steps = scoring.next_steps(SET, {"a": 4, "b": 2})
    assert [(s.question.key, s.current, s.next.level) for s in steps] == [
        ("b", 2, 3),
        ("c", None, 1),
    ]
    assert steps[0].next.good == "b at 3" and steps[0].next.guides == ("guide-3",)


def test_the_network_picture_counts_levels_per_question_with_the_median():
    picture = scoring.network_picture(SET, [{"a": 1, "b": 2}, {"a": 3, "b": 2}, {"a": 3}])
    a, b, c = picture
    assert a.counts == ((1, 1), (2, 0), (3, 2), (4, 0)) and a.anchors == 3 and a.median == 3
    assert b.anchors == 2 and b.median == 2
    assert c.anchors == 0 and c.median is None and c.counts == ((1, 0), (2, 0), (3, 0), (4, 0))
    even = scoring.network_picture(SET, [{"a": 1}, {"a": 2}])[0]
    assert even.median == 1.5
