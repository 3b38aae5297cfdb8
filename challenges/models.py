"""Challenges: a buyer's problem and outcomes, market engagement, responses, evaluation and adoption.

Who sees what, and what each stage allows, is decided by `challenges/rules.py` (asked in views
through `challenges/access.py`); `Challenge.objects.public()` and `.managed_by()` are the same rules
as database filters.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from challenges import lifecycle, rules
from challenges.querysets import ChallengeQuerySet
from core.models import UploadedFile


def _reference() -> str:
    return "CH-" + secrets.token_hex(3).upper()


class Challenge(models.Model):
    Status = lifecycle.Status

    reference = models.CharField(max_length=12, unique=True, default=_reference, editable=False)
    owner = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="challenges"
    )
    co_owners = models.ManyToManyField(
        "network.Organisation",
        blank=True,
        related_name="co_owned_challenges",
        help_text="Other anchors sharing this challenge (a collaborative challenge)",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, help_text="One or two sentences for lists")
    problem = models.TextField()
    affected = models.TextField("Who is affected")
    outcomes = models.TextField("Outcomes wanted")
    success_measures = models.TextField("How success will be measured")
    must = models.TextField("Constraints: the solution must", blank=True)
    must_not = models.TextField("Constraints: the solution must not", blank=True)
    tried = models.TextField("What has been tried", blank=True)
    budget_min = models.DecimalField(max_digits=14, decimal_places=0, null=True, blank=True)
    budget_max = models.DecimalField(max_digits=14, decimal_places=0, null=True, blank=True)
    timeline = models.TextField(blank=True)
    sectors = models.ManyToManyField("network.Sector", blank=True, related_name="challenges")
    cpv_codes = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=20, choices=lifecycle.STATUS_CHOICES, default=lifecycle.Status.DRAFT.value
    )
    engagement_closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Questions, interest and responses close at this time"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    criteria_locked_at = models.DateTimeField(null=True, blank=True)
    # Route finder answers and the route the buyer chose (ids from challenges/data/routes.json).
    route_answers = models.JSONField(default=dict, blank=True)
    route_used = models.CharField(max_length=60, blank=True)
    awarded_to = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenge_awards",
    )
    award_value = models.DecimalField(max_digits=14, decimal_places=0, null=True, blank=True)
    award_date = models.DateField(null=True, blank=True)
    outcome_notes = models.TextField(blank=True)
    ocid = models.CharField(
        "OCDS process id (ocid)", max_length=120, blank=True, help_text="Of the later notices"
    )
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("challenges:detail", kwargs={"reference": self.reference})

    @property
    def is_public(self) -> bool:
        return rules.is_public(self.status)

    @property
    def owners(self) -> list:
        return [self.owner, *self.co_owners.all()]

    def is_open_for_engagement(self, now=None) -> bool:
        return rules.engagement_open(self.status, self.engagement_closes_at, now or timezone.now())

    @property
    def total_weight(self) -> int:
        return sum(c.weight for c in self.criteria.all())


class StatusChange(models.Model):
    """Every change of a challenge's status: who, when, from what to what."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.challenge.reference}: {self.from_status or 'new'} to {self.to_status}"


class Criterion(models.Model):
    """An evaluation criterion; weights are percentages that total 100 and lock at publication."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)], help_text="Percentage"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.name} ({self.weight}%)"


class Question(models.Model):
    """A clarification question: asked privately; the answer is published without the asker."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self):
        return self.text[:60]


class EngagementEvent(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=150)
    starts_at = models.DateTimeField()
    online = models.BooleanField(default=False)
    venue = models.CharField(
        max_length=300, blank=True, help_text="Address, for an event in person"
    )
    joining_details = models.CharField(
        max_length=300, blank=True, help_text="Link or instructions, sent to those registered"
    )
    capacity = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return self.title


class Registration(models.Model):
    event = models.ForeignKey(
        EngagementEvent, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_registration")]

    def __str__(self):
        return f"{self.user} for {self.event}"


class Interest(models.Model):
    """An expression of interest by a supplier organisation."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey("network.Organisation", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "organisation"], name="one_interest")
        ]

    def __str__(self):
        return f"{self.organisation} in {self.challenge.reference}"


class Response(models.Model):
    """A solution proposal by a supplier, alone or leading a consortium. Never seen by other suppliers."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="responses")
    lead = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="challenge_responses"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approach = models.TextField("Your approach")
    evidence = models.TextField("Evidence that it works", blank=True)
    trl = models.PositiveSmallIntegerField(
        "Technology readiness level",
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    indicative_cost = models.DecimalField(max_digits=14, decimal_places=0)
    timeline = models.TextField(blank=True)
    social_value = models.TextField("Social value offered", blank=True)
    consortium_members = models.TextField(
        blank=True, help_text="Partners in your consortium and what each does, one per line"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    shortlisted = models.BooleanField(default=False)
    feedback = models.TextField(blank=True)
    feedback_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "lead"], name="one_response_per_lead")
        ]

    def __str__(self):
        return f"{self.lead} for {self.challenge.reference}"


def _attachment_path(instance, filename):
    return f"challenge-responses/{instance.response.challenge.reference}/{secrets.token_hex(8)}"


class Attachment(UploadedFile):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path)


class PartnerListing(models.Model):
    """A supplier seeking partners on a challenge: what it offers and what it needs."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="listings")
    organisation = models.ForeignKey("network.Organisation", on_delete=models.CASCADE)
    offers = models.TextField("What you offer")
    needs = models.TextField("What you need from partners")
    cpv_codes = models.JSONField(default=list, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "organisation"], name="one_listing")
        ]

    def __str__(self):
        return f"{self.organisation} seeking partners on {self.challenge.reference}"


class Introduction(models.Model):
    """A relayed message between partners; contact details only once the recipient accepts."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a reply"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="introductions")
    sender = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="introductions_sent"
    )
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="introductions_received"
    )
    message = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "sender", "recipient"], name="one_introduction"
            )
        ]

    def __str__(self):
        return f"{self.sender} to {self.recipient} ({self.status})"


class PanelMember(models.Model):
    """An evaluator. Must declare conflicts before seeing any response; a conflict bars them."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    is_moderator = models.BooleanField(default=False)
    declared_at = models.DateTimeField(null=True, blank=True)
    has_conflict = models.BooleanField(default=False)
    conflict_details = models.TextField(blank=True)
    scores_submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["challenge", "user"], name="one_panel_seat")]

    def __str__(self):
        return f"{self.user} on {self.challenge.reference}"

    @property
    def facts(self) -> rules.Seat:
        return rules.Seat(
            declared=self.declared_at is not None,
            has_conflict=self.has_conflict,
            is_moderator=self.is_moderator,
        )

    @property
    def may_see_responses(self) -> bool:
        return rules.may_see_responses(self.facts)


class Score(models.Model):
    panel_member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="scores")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["panel_member", "response", "criterion"], name="one_score"
            )
        ]

    def __str__(self):
        return f"{self.panel_member.user}: {self.criterion.name} {self.score}"


class ModeratedScore(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="moderated")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "criterion"], name="one_moderated_score")
        ]

    def __str__(self):
        return f"{self.response}: {self.criterion.name} agreed {self.score}"


class Adoption(models.Model):
    """Another anchor adopted the solution: when, and at what scale."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey("network.Organisation", on_delete=models.CASCADE)
    adopted_on = models.DateField()
    scale = models.CharField(max_length=200, help_text="For example: 3 wards, 1,200 residents")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["adopted_on"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "organisation"], name="one_adoption")
        ]

    def __str__(self):
        return f"{self.organisation} adopted {self.challenge.reference}"
