"""Social value records: the contracts whose commitments are followed, each commitment (a metric,
a quantity in a unit over a period), the supplier's delivery reports with their evidence and the
buyer's review, the network's own outcomes and metrics, and contract KPIs imported from UK9
notices."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.models import UploadedFile


class Contract(models.Model):
    """A contract that carries social-value commitments: from a challenge's award, from an awarded
    notice's award, or entered by hand. `ocid` and `contract_id` match it to UK9 KPI results."""

    class Origin(models.TextChoices):
        CHALLENGE = "challenge", "A challenge's award"
        NOTICE = "notice", "An awarded notice"
        HAND = "hand", "Entered by hand"

    origin = models.CharField(max_length=10, choices=Origin.choices)
    buyer = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="social_value_contracts"
    )
    supplier = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_value_supplied",
        help_text="The supplier's organisation in the network, whose members report delivery",
    )
    supplier_name = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    reference = models.CharField(max_length=200, blank=True)
    value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    challenge = models.ForeignKey(
        "challenges.Challenge",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_value_contracts",
    )
    award = models.ForeignKey(
        "opportunities.Award",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_value_contracts",
    )
    ocid = models.CharField("OCDS process id (ocid)", max_length=200, blank=True, db_index=True)
    contract_id = models.CharField("Contract id in the notices", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(default=False)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("socialvalue:contract", kwargs={"pk": self.pk})


class Commitment(models.Model):
    """What the supplier committed to deliver under the contract for one metric."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="commitments")
    metric = models.CharField(max_length=80, help_text="A key of the taxonomy or a local metric")
    metric_title = models.CharField(max_length=300, help_text="The metric's words when committed")
    quantity = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=60)
    period_start = models.DateField()
    period_end = models.DateField()
    report_every_months = models.PositiveSmallIntegerField(default=3)
    proxy_value = models.DecimalField(
        "Proxy value per unit (£)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    proxy_source = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract", "period_start", "id"]

    def __str__(self):
        return f"{self.quantity} {self.unit}: {self.metric_title}"


class DeliveryReport(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Awaiting review"
        ACCEPTED = "accepted", "Accepted"
        QUERIED = "queried", "Queried"

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField()
    period_end = models.DateField()
    quantity = models.DecimalField(max_digits=14, decimal_places=2)
    narrative = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewer_note = models.TextField(blank=True)

    class Meta:
        ordering = ["commitment", "period_start", "id"]

    def __str__(self):
        return f"{self.quantity} {self.commitment.unit}, {self.period_start} to {self.period_end}"


def _evidence_path(instance, filename):
    return f"social-value/{instance.report.commitment.contract_id}/{secrets.token_hex(8)}"


class Evidence(UploadedFile):
    report = models.ForeignKey(DeliveryReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=_evidence_path)


class LocalAddition(models.Model):
    """An outcome or a metric the network added beside the model's, with its source."""

    class Kind(models.TextChoices):
        OUTCOME = "outcome", "Outcome"
        METRIC = "metric", "Metric"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=300)
    mission = models.CharField(max_length=60, blank=True, help_text="For an outcome")
    outcome = models.CharField(max_length=80, blank=True, help_text="For a metric")
    unit = models.CharField(max_length=60, blank=True, help_text="For a metric")
    source = models.CharField(max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title


class ContractKpiResult(models.Model):
    """One observation of a contract performance KPI as a UK9 notice published it."""

    ocid = models.CharField(max_length=200, db_index=True)
    contract_id = models.CharField(max_length=300, blank=True)
    award_id = models.CharField(max_length=300, blank=True)
    release_id = models.CharField(max_length=300)
    metric_id = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)
    title = models.TextField(blank=True)
    description = models.TextField(blank=True)
    observation_id = models.CharField(max_length=300, blank=True)
    period_start = models.DateTimeField(null=True, blank=True)
    period_end = models.DateTimeField(null=True, blank=True)
    measure = models.TextField(blank=True)
    value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True)
    classification = models.CharField(max_length=60, blank=True)
    classification_text = models.CharField(max_length=300, blank=True)
    notice_url = models.URLField(max_length=500, blank=True)
    published = models.DateTimeField(null=True, blank=True)
    extra = models.JSONField(default=dict, blank=True, help_text="Fields the reader does not know")
    flags = models.JSONField(default=list, blank=True, help_text="What could not be read")
    source = models.CharField(max_length=500, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["ocid", "contract_id", "metric_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["release_id", "ocid", "contract_id", "metric_id", "position"],
                name="one_kpi_result_per_observation",
            )
        ]

    def __str__(self):
        return f"{self.ocid} {self.metric_id}: {self.measure}"


class KpiReject(models.Model):
    """What an import could not read, with the reason; kept, never dropped silently."""

    source = models.CharField(max_length=500)
    ocid = models.CharField(max_length=200, blank=True)
    release_id = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=300)
    reason = models.TextField()
    excerpt = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "release_id", "location"], name="one_kpi_reject_per_place"
            )
        ]

    def __str__(self):
        return f"{self.release_id or self.location}: {self.reason}"
