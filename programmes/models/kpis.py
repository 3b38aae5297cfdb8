"""KPIs of a programme or of an anchor, measured from the product's own data (issue 17, item 5):
each KPI names a source (`programmes/kpi_sources/`), its baseline and target with their dates;
snapshots of its figure are taken monthly by a job and kept (never recomputed, so trends survive
later corrections of the data); a manual KPI's results are entered by people with evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.models import UploadedFile


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Window(models.TextChoices):
    YEAR = "year", "The 12 months up to each period end"
    QUARTER = "quarter", "The 3 months up to each period end"
    SINCE_BASELINE = "since_baseline", "From the baseline date to each period end"
    ALL = "all", "Everything up to each period end"


class Kpi(models.Model):
    """A KPI of a programme, or an anchor's own KPI: exactly one owner."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, null=True, blank=True, related_name="kpis"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="kpis"
    )
    source = models.CharField(max_length=40, help_text="A key of programmes/kpi_sources/")
    parameters = models.JSONField(default=dict, blank=True, help_text="E.g. the indicator's key")
    title = models.CharField(max_length=200)
    unit = models.CharField(max_length=20, default="count")
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    window = models.CharField(max_length=20, choices=Window.choices, default=Window.YEAR)
    baseline_value = models.FloatField(null=True, blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    target_value = models.FloatField(null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_sample = models.BooleanField(default=False, help_text="Generated for the demonstration")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "KPI"
        constraints = [
            models.CheckConstraint(
                condition=(Q(programme__isnull=False) & Q(organisation__isnull=True))
                | (Q(programme__isnull=True) & Q(organisation__isnull=False)),
                name="kpi_one_owner",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def owner_name(self) -> str:
        return self.programme.title if self.programme_id else self.organisation.name

    @property
    def page(self) -> str:
        """The page listing this KPI."""
        if self.programme_id:
            return reverse("programmes:kpis", args=[self.programme.slug])
        return reverse("programmes:anchor_kpis", args=[self.organisation.slug])


class KpiSnapshot(models.Model):
    """A KPI's figure for the period ending `taken_on`, as computed then: kept, never recomputed.
    A failed computation is recorded with its reason (`error`) and tried again on the next run."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="snapshots")
    taken_on = models.DateField(help_text="The last day of the period the figure covers")
    period_start = models.DateField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    basis = models.TextField(blank=True, help_text="What the figure rests on, in words")
    data_note = models.TextField(blank=True, help_text="The state of the data when taken")
    error = models.TextField(blank=True, help_text="Why it could not be computed")
    is_sample = models.BooleanField(default=False)
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kpi", "taken_on"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "taken_on"], name="kpi_snapshot_once")
        ]

    def __str__(self):
        return f"{self.kpi}: {self.taken_on}"

    @property
    def failed(self) -> bool:
        return bool(self.error)


class ManualResult(models.Model):
    """A result of a manual KPI for a period, entered with its evidence (a file, or a link)."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="results")
    period_end = models.DateField(help_text="The last day of the period the result is for")
    value = models.FloatField()
    evidence_link = models.URLField(max_length=500, blank=True)
    evidence_note = models.TextField(help_text="What the evidence shows and where it comes from")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(default=False)

    class Meta:
        ordering = ["kpi", "period_end", "entered_at"]

    def __str__(self):
        return f"{self.kpi}: {self.period_end} {self.value}"


def _evidence_path(instance, filename):
    return f"programmes/kpi-evidence/{instance.result.kpi_id}/{filename}"


class ResultEvidence(UploadedFile):
    """A manual result's evidence file (checked by core/uploads.AttachmentForm's rules)."""

    result = models.ForeignKey(ManualResult, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=_evidence_path)
