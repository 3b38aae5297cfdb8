"""An anchor's maturity self-assessments over time and their answers. The latest completed
assessment is the anchor's current picture; earlier ones are its history and are never changed.
An assessment records the version of the question set (maturity/data/assessment.json) it
answered."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.roles import Role, role_of


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETED = "completed", "Completed"


class AssessmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(status=Status.COMPLETED)

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def visible_to(self, user):
        """The database form of `rules.can_see` (a test checks they agree)."""
        role = role_of(user)
        if role is Role.COORDINATOR:
            return self
        if role in {Role.BUYER, Role.ANCHOR_ADMIN}:
            return self.filter(organisation_id=user.organisation_id)
        return self.none()

    def latest_completed_per_anchor(self) -> list:
        """Each anchor's current picture: its latest completed assessment."""
        latest: dict[int, Assessment] = {}
        for assessment in self.completed().order_by("organisation_id", "-completed_at", "-pk"):
            latest.setdefault(assessment.organisation_id, assessment)
        return list(latest.values())


class Assessment(models.Model):
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="maturity_assessments"
    )
    version = models.CharField(
        max_length=40, help_text="The version of the question set the assessment answered"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    is_sample = models.BooleanField(default=False, help_text="Generated for the demonstration")

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_at", "-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="draft"),
                name="maturity_one_draft_per_anchor",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", completed_at__isnull=True)
                | Q(status="completed", completed_at__isnull=False),
                name="maturity_completed_has_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} maturity self-assessment ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("maturity:assessment", args=[self.organisation.slug, self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    def levels(self) -> dict[str, int]:
        """{question key: level} of its answers."""
        return {answer.question: answer.level for answer in self.answers.all()}

    def previous(self):
        """The anchor's completed assessment before this one, if any."""
        earlier = Assessment.objects.completed().filter(organisation_id=self.organisation_id)
        if self.completed_at is not None:
            earlier = earlier.filter(completed_at__lt=self.completed_at)
        return earlier.exclude(pk=self.pk).order_by("-completed_at", "-pk").first()


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=60, help_text="The question's key in the question set")
    level = models.PositiveSmallIntegerField()
    evidence = models.TextField(
        blank=True, help_text="What shows the anchor is at this level: documents, examples, notes"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="maturity_one_answer_per_question"
            ),
            models.CheckConstraint(condition=Q(level__gte=1), name="maturity_level_from_one"),
        ]

    def __str__(self):
        return f"{self.question}: level {self.level}"
