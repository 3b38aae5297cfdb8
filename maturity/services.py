"""Starting, answering and completing a self-assessment: the writes, each in one place."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from maturity import scoring
from maturity.models import Answer, Assessment, Status
from maturity.questions import QuestionSet


class NotFinished(ValueError):
    """Completing an assessment with questions left unanswered."""

    def __init__(self, questions):
        super().__init__(", ".join(q.title for q in questions))
        self.questions = questions


def start(anchor, user, questions: QuestionSet) -> tuple[Assessment, bool]:
    """The anchor's draft, started now if it has none: (assessment, started)."""
    draft = Assessment.objects.drafts().filter(organisation=anchor).first()
    if draft is not None:
        return draft, False
    try:
        with transaction.atomic():
            return Assessment.objects.create(
                organisation=anchor, version=questions.version, started_by=user
            ), True
    except IntegrityError:  # another administrator started one at the same moment
        return Assessment.objects.drafts().get(organisation=anchor), False


def answer(assessment: Assessment, key: str, level: int, evidence: str, user) -> Answer:
    record, _ = Answer.objects.update_or_create(
        assessment=assessment,
        question=key,
        defaults={"level": level, "evidence": evidence, "answered_by": user},
    )
    return record


def complete(assessment: Assessment, user, questions: QuestionSet) -> Assessment:
    missing = scoring.unanswered(questions, assessment.levels())
    if missing:
        raise NotFinished(missing)
    # An assessment started on an earlier question set is completed against the one answered now.
    assessment.version = questions.version
    assessment.status = Status.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.completed_by = user
    assessment.save(update_fields=["version", "status", "completed_at", "completed_by"])
    return assessment
