"""Making self-assessments in tests."""

from datetime import UTC, datetime

from maturity import questions
from maturity.models import Answer, Assessment, Status


def completed(anchor, levels, day, **extra):
    """A completed assessment of `anchor`, each question at `levels` (an int or {key: level})."""
    question_set = questions.current()
    if isinstance(levels, int):
        levels = {q.key: levels for q in question_set.questions}
    assessment = Assessment.objects.create(
        organisation=anchor,
        version=question_set.version,
        status=Status.COMPLETED,
        completed_at=datetime(*day, 12, tzinfo=UTC),
        **extra,
    )
    for key, level in levels.items():
        Answer.objects.create(assessment=assessment, question=key, level=level, evidence="Notes")
    return assessment


def draft(anchor, levels=None):
    assessment = Assessment.objects.create(organisation=anchor, version=questions.current().version)
    for key, level in (levels or {}).items():
        Answer.objects.create(assessment=assessment, question=key, level=level)
    return assessment
