"""The scorecard's records: an anchor's publication of its scorecard, the network's charter of
shared commitments (each linked to the indicator that measures it, with a target, adopted by
anchors) and the network's agreed interpretations of the Procurement Act. Commitments and
interpretations keep every change as a version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class ScorecardPublication(models.Model):
    """An anchor's choice to show its scorecard to the public (as with spend summaries)."""

    organisation = models.OneToOneField(
        "network.Organisation", on_delete=models.CASCADE, related_name="scorecard_publication"
    )
    published = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.organisation}: {'published' if self.published else 'not published'}"


class Version(models.Model):
    """A record as it was after one change: its number, every field (snapshot), who and when, and
    the note of why. Commitments and interpretations each keep theirs."""

    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        abstract = True


class Adoption(models.Model):
    """An anchor's adoption of a shared reading or commitment: when, and who recorded it."""

    adopted_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", "At least"
    AT_MOST = "at_most", "At most"


class Commitment(models.Model):
    """One shared commitment of the network's charter (e.g. "divide into lots where
    practicable"), measured by a registered indicator against a target."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    indicator = models.CharField(
        max_length=60, blank=True, help_text="The registered indicator that measures it"
    )
    target = models.FloatField(null=True, blank=True, help_text="A share as 0 to 1, or days")
    comparison = models.CharField(
        max_length=10, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    source = models.TextField(blank=True, help_text="Where the commitment comes from")
    tender_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Days of tender period the commitment asks for (the tender-period commitment "
        "only: the indicator tender_period_commitment_share counts tenders given at least these)",
    )
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    data_version = models.CharField(
        max_length=40,
        blank=True,
        help_text="The charter data's version this was last written from (blank: never from it)",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title


class CommitmentVersion(Version):
    """A commitment as it was after one change: who, when, and every field."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="versions")
    data_version = models.CharField(
        max_length=40,
        blank=True,
        help_text="Written from this charter data version (blank: by a person)",
    )

    class Meta:
        ordering = ["commitment", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"], name="commitment_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.commitment} v{self.number}"


class CommitmentAdoption(Adoption):
    """An anchor's adoption of a commitment, and when."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="commitment_adoptions"
    )

    class Meta:
        ordering = ["commitment", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "organisation"], name="commitment_adoption_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation} adopted {self.commitment} on {self.adopted_on}"


class InterpretationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"
    SUPERSEDED = "superseded", "Superseded"


class Interpretation(models.Model):
    """The network's agreed reading of open wording in the Procurement Act: the question, the
    reading, the statute reference (section and schedule, linked to the legislation), the date
    and status, the routes of the route finder and the guides it bears on. Its current text is
    here; every change is kept as an InterpretationVersion."""

    slug = models.SlugField(max_length=80, unique=True)
    question = models.TextField()
    reading = models.TextField(blank=True)
    statute_reference = models.CharField(max_length=200, blank=True, help_text="e.g. s.12(4)")
    statute_url = models.URLField(max_length=500, blank=True)
    agreed_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=InterpretationStatus.choices, default=InterpretationStatus.DRAFT
    )
    routes = models.JSONField(default=list, blank=True, help_text="Route finder route ids")
    guides = models.JSONField(default=list, blank=True, help_text="Guide slugs")
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )
    version = models.PositiveIntegerField(default=1)
    seed_version = models.CharField(
        max_length=40,
        blank=True,
        help_text="The version of scorecard/data/interpretations.json it was last loaded from "
        "(blank when written in the product)",
    )
    edited_in_product = models.BooleanField(
        default=False,
        help_text="Changed by a person since it was loaded: the data file no longer overwrites it",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.question[:80]

    def get_absolute_url(self):
        return reverse("scorecard:interpretation", kwargs={"slug": self.slug})


class InterpretationVersion(Version):
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, related_name="versions"
    )

    class Meta:
        ordering = ["interpretation", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["interpretation", "number"], name="interpretation_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.interpretation} v{self.number}"


class InterpretationAdoption(Adoption):
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, related_name="adoptions"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="interpretation_adoptions"
    )

    class Meta:
        ordering = ["interpretation", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["interpretation", "organisation"], name="interpretation_adoption_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation} adopted {self.interpretation}"
