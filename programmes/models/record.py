"""A programme's record beyond its partners: the timeline's milestones, the risk register, and
the feasibility appraisal (options considered) with the decision taken on it."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from programmes import record_rules
from programmes.models.programme import Partner, Programme


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    DONE = "done", "Done"
    MISSED = "missed", "Missed"


class Milestone(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    done_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["due_on", "position", "pk"]

    def __str__(self):
        return self.title

    def facts(self) -> record_rules.MilestoneFacts:
        return record_rules.MilestoneFacts(
            title=self.title, due_on=self.due_on, status=self.status, done_on=self.done_on
        )


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


_ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    likelihood = models.PositiveSmallIntegerField(validators=_ONE_TO_FIVE)
    impact = models.PositiveSmallIntegerField(validators=_ONE_TO_FIVE)
    owner_partner = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="risks_owned"
    )
    owner_name = models.CharField(max_length=200, blank=True, help_text="When not a partner")
    mitigation = models.TextField()
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    position = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-status", "position", "pk"]  # open first
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="programme_risk_one_to_five",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def score(self) -> int:
        return record_rules.risk_score(self.likelihood, self.impact)

    @property
    def band(self) -> record_rules.RiskBand:
        return record_rules.band_of(self.score)

    @property
    def owner(self) -> str:
        if self.owner_partner_id:
            return self.owner_partner.display_name
        return self.owner_name


class AppraisalOption(models.Model):
    """An option considered in the feasibility appraisal (doing nothing is an option too)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="appraisal_options"
    )
    name = models.CharField(max_length=200)
    description = models.TextField()
    costs_benefits = models.TextField(help_text="A summary of its costs and benefits")
    is_recommended = models.BooleanField(default=False)
    why = models.TextField(blank=True, help_text="Why it is (or is not) recommended")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class Decision(models.Model):
    """The decision taken on the appraisal: what was decided, when and by whom."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="decision")
    decision = models.TextField()
    decided_on = models.DateField()
    decided_by = models.CharField(
        max_length=200, help_text="Who took it: a board, a committee or a named role"
    )
    chosen_option = models.ForeignKey(
        AppraisalOption, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Decision on {self.programme}"
