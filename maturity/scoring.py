"""Scoring a maturity self-assessment. Pure: the question set and answers in, levels out.

How levels are worked out (shown to readers on the result page):

- each question is answered with a level of the scale (1 Starting to 4 Leading);
- a **theme's score** is the average of the levels of its answered questions, to one decimal
  place (halves rounded up), and its **level** is that score rounded down: a theme is at a level
  when its questions average at least that level;
- the **overall score** is the average of the levels of all answered questions, to one decimal
  place, and the **overall level** is that score rounded down;
- the **change** since the previous completed assessment is the difference of the scores (a
  theme or question not answered both times has no change);
- the **network's picture** counts, for each question, the anchors whose latest completed
  assessment gave each level, with the median level (the middle value; halfway between the two
  middle ones when the count is even);
- the **next steps** are, for each question below the top level, what good looks like at the
  next level up, with the guides, cases and tools that help.

Answers to questions no longer in the question set (an assessment of an earlier version) are
left out of the scores.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from maturity.questions import Level, Question, QuestionSet

ONE_PLACE = Decimal("0.1")


def average(levels: Iterable[int]) -> Decimal | None:
    levels = list(levels)
    if not levels:
        return None
    return (Decimal(sum(levels)) / len(levels)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def level_of(score: Decimal | None) -> int | None:
    if score is None:
        return None
    return int(score.to_integral_value(rounding=ROUND_FLOOR))


@dataclass(frozen=True)
class Score:
    key: str  # a theme's key, or "overall"
    title: str
    score: Decimal | None
    level: int | None
    level_name: str
    answered: int
    of: int
    change: Decimal | None = None  # since the previous assessment


@dataclass(frozen=True)
class Result:
    themes: tuple[Score, ...]
    overall: Score
    answered: int
    of: int

    def theme(self, key: str) -> Score | None:
        return next((s for s in self.themes if s.key == key), None)


def _known(questions: QuestionSet, answers: Mapping[str, int]) -> dict[str, int]:
    keys = {q.key for q in questions.questions}
    return {key: level for key, level in answers.items() if key in keys and level}


def score(
    questions: QuestionSet, answers: Mapping[str, int], previous: Mapping[str, int] | None = None
) -> Result:
    """Levels by theme and overall for `answers` ({question key: level}); with `previous` (the
    answers of the anchor's previous completed assessment), the change in each score."""
    answers = _known(questions, answers)
    before = _known(questions, previous) if previous is not None else None

    def make(key: str, title: str, among: tuple[Question, ...]) -> Score:
        levels = [answers[q.key] for q in among if q.key in answers]
        value = average(levels)
        change = None
        if before is not None and value is not None:
            earlier = average(before[q.key] for q in among if q.key in before)
            change = value - earlier if earlier is not None else None
        return Score(
            key=key,
            title=title,
            score=value,
            level=level_of(value),
            level_name=questions.level_name(level_of(value)),
            answered=len(levels),
            of=len(among),
            change=change,
        )

    themes = tuple(make(t.key, t.title, questions.in_theme(t.key)) for t in questions.themes)
    overall = make("overall", "Overall", questions.questions)
    return Result(themes, overall, overall.answered, overall.of)


def unanswered(questions: QuestionSet, answers: Mapping[str, int]) -> list[Question]:
    answered = _known(questions, answers)
    return [q for q in questions.questions if q.key not in answered]


@dataclass(frozen=True)
class NextStep:
    question: Question
    current: int | None
    next: Level  # the level to reach, with what good looks like there and what helps


def next_steps(questions: QuestionSet, answers: Mapping[str, int]) -> list[NextStep]:
    """For each question below the top level: the next level's description and its help. An
    unanswered question's next step is the first level."""
    answers = _known(questions, answers)
    steps = []
    for question in questions.questions:
        now = answers.get(question.key)
        following = question.level((now or 0) + 1)
        if following is not None:
            steps.append(NextStep(question, now, following))
    return steps


@dataclass(frozen=True)
class Spread:
    question: Question
    counts: tuple[tuple[int, int], ...]  # (level, anchors at that level), every level of the scale
    anchors: int
    median: float | None


def network_picture(questions: QuestionSet, latest: Iterable[Mapping[str, int]]) -> list[Spread]:
    """The distribution of levels per question over anchors' latest completed assessments (one
    mapping of answers per anchor)."""
    latest = [_known(questions, answers) for answers in latest]
    picture = []
    for question in questions.questions:
        levels = [answers[question.key] for answers in latest if question.key in answers]
        counts = tuple((number, levels.count(number)) for number, _, _ in sorted(questions.scale))
        median = float(statistics.median(levels)) if levels else None
        picture.append(Spread(question, counts, len(levels), median))
    return picture


def change_words(change: Decimal | None) -> str:
    """A change in score in words: "up 0.5", "down 1.0", "no change"; "" when none is known."""
    if change is None:
        return ""
    if change > 0:
        return f"up {change}"
    if change < 0:
        return f"down {-change}"
    return "no change"
