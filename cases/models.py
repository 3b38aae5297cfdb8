"""The case library: examples of innovation procurement, shared with agreement."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from cases.lines import OUTCOME_KINDS
from cases.sharing import LEVEL_NAMES, MEMBER_ROLES, STATUS_NAMES, Level, Status
from core.models import UploadedFile
from core.roles import Role, role_of


class Barrier(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    source = models.CharField(max_length=400)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class BuyerType(models.TextChoices):
    LOCAL = "local_government", "Local government"
    HEALTH = "health", "Health (NHS)"
    CENTRAL = "central_government", "Central government"
    EDUCATION = "education", "Universities and education"
    UTILITY = "utility", "Utility"
    INTERNATIONAL = "international", "Public body outside the UK"
    OTHER = "other", "Other"


def _choices(names: dict) -> list[tuple[str, str]]:
    """(value, words) pairs, the values as plain text (as migrations write them)."""
    return [(str(value), words) for value, words in names.items()]


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The same rules as sharing.can_see, as a database filter."""
        role = role_of(user)
        if role is Role.COORDINATOR:
            return self
        published = Q(status=Status.PUBLISHED)
        rule = published & Q(level=Level.PUBLIC)
        if role in MEMBER_ROLES:
            rule |= published & Q(level=Level.NETWORK)
        if role is not Role.ANONYMOUS:
            rule |= Q(submitted_by=user)
            if user.organisation_id:
                rule |= Q(organisation_id=user.organisation_id)
                rule |= published & Q(level=Level.NAMED, named_organisations=user.organisation_id)
        return self.filter(rule).distinct()

    def published(self):
        return self.filter(status=Status.PUBLISHED)


def _slug() -> str:
    return secrets.token_hex(3)


class Case(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    problem = models.TextField("The problem")
    buyers = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="cases_as_buyer"
    )
    buyer_names = models.CharField(
        "Buyers", max_length=400, help_text="As the case names them, network members or not"
    )
    buyer_type = models.CharField(max_length=30, choices=BuyerType.choices)
    suppliers = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="cases_as_supplier"
    )
    supplier_names = models.CharField("Suppliers", max_length=400, blank=True)
    supplier_is_sme = models.BooleanField("Supplier is an SME", null=True, blank=True)
    sectors = models.ManyToManyField("network.Sector", blank=True, related_name="cases")
    place = models.CharField(max_length=200, blank=True)
    route = models.CharField(max_length=60, help_text="From the route taxonomy")
    route_details = models.CharField(max_length=300, blank=True)
    value = models.DecimalField(max_digits=15, decimal_places=0, null=True, blank=True)
    value_note = models.CharField(max_length=300, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    barriers = models.ManyToManyField(Barrier, blank=True, related_name="cases")
    barriers_overcome = models.TextField("How the barriers were overcome", blank=True)
    lessons = models.TextField(blank=True)
    contacts = models.TextField(blank=True, help_text="Published at the case's sharing level")
    ocids = models.JSONField(default=list, blank=True)
    challenges = models.ManyToManyField("challenges.Challenge", blank=True, related_name="cases")
    level = models.CharField(
        "Sharing level", max_length=10, choices=_choices(LEVEL_NAMES), default=Level.PRIVATE.value
    )
    named_organisations = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="cases_shared_with"
    )
    status = models.CharField(
        max_length=20, choices=_choices(STATUS_NAMES), default=Status.DRAFT.value
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases_submitted",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    source_key = models.CharField(
        max_length=60, blank=True, help_text="The key of imported starting content"
    )
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_key"], condition=~Q(source_key=""), name="case_unique_source_key"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = f"{slugify(self.title)[:100]}-{_slug()}"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cases:detail", kwargs={"slug": self.slug})

    @property
    def years(self) -> str:
        if self.start_year and self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}-{self.end_year}"
        return str(self.start_year or self.end_year or "")


class Outcome(models.Model):
    """A measured result: what was measured, before, after, in what unit."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outcomes")
    measure = models.CharField(max_length=200)
    baseline = models.CharField(max_length=100, blank=True)
    result = models.CharField(max_length=100)
    unit = models.CharField(max_length=60, blank=True)
    kind = models.CharField(
        max_length=20,
        choices=_choices(OUTCOME_KINDS),
        default="other",
    )
    is_claim = models.BooleanField(
        default=False, help_text="Stated by an interested party, not independently evaluated"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.measure}: {self.result} {self.unit}".strip()


class Source(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title


class Consent(models.Model):
    """Who agreed, for which organisation, when, to which sharing level."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    level = models.CharField(max_length=10, choices=_choices(LEVEL_NAMES))
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.SET_NULL, null=True, blank=True
    )
    organisation_name = models.CharField(max_length=200)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    agreed_by_name = models.CharField(max_length=200)
    agreed_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["agreed_at", "pk"]

    def __str__(self):
        return f"{self.agreed_by_name} for {self.organisation_name}: {self.level}"


class Version(models.Model):
    """A snapshot of the case at each save, with who and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="one_version_number")
        ]

    def __str__(self):
        return f"{self.case} v{self.number}"


def _attachment_path(instance, filename):
    return f"cases/{instance.case.slug}/{secrets.token_hex(8)}"


class Attachment(UploadedFile):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path)


class Calculation(models.Model):
    """An invest-to-save calculation, saved on its own or on a case or a challenge."""

    name = models.CharField(max_length=200)
    project_type = models.CharField(max_length=40, default="none")
    lines = models.JSONField(default=list)  # [{"holder", "kind", "year", "amount"}]
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="calculations"
    )
    challenge = models.ForeignKey(
        "challenges.Challenge",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calculations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name
