"""What suppliers keep here: their capabilities (profile), saved searches, the alerts sent to them
and the interest they register in opportunities."""

import secrets

from django.db import models

from opportunities.models.processes import Process


def _token():
    return secrets.token_urlsafe(24)


class SupplierProfile(models.Model):
    """What a supplier organisation can do, used to match and alert it to opportunities."""

    organisation = models.OneToOneField(
        "network.Organisation", on_delete=models.CASCADE, related_name="capabilities"
    )
    cpv_codes = models.JSONField(
        default=list, blank=True, help_text="8-digit CPV codes, at any level"
    )
    keywords = models.JSONField(default=list, blank=True)
    areas = models.JSONField(
        default=list, blank=True, help_text="Places served: regions, towns, postcode areas"
    )
    network_areas = models.ManyToManyField(
        "reference.Area",
        blank=True,
        related_name="+",
        help_text="The network's areas served (issue 19): work delivered in one is in your area",
    )
    max_contract_value = models.DecimalField(max_digits=15, decimal_places=0, null=True, blank=True)
    accreditations = models.JSONField(default=list, blank=True)
    alerts_enabled = models.BooleanField(default=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Capabilities of {self.organisation}"


class SavedSearch(models.Model):
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=1000, help_text="The search page's query string")
    alerts_enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class AlertSent(models.Model):
    """A notice that was in someone's digest: never sent to them twice."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="alerts_sent")
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "process"], name="alert_once_per_notice")
        ]

    def __str__(self):
        return f"{self.process} to {self.user}"


class Interest(models.Model):
    """A supplier registering interest in a planned or open opportunity; the buyer sees who did."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="interests"
    )
    user = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True, help_text="What you could offer")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["process", "organisation"], name="interest_once")
        ]

    def __str__(self):
        return f"{self.organisation} in {self.process}"
