from django.db import models
from django.db.models import Q


class Supplier(models.Model):
    """One supplier organisation, as seen in notices (and later in payments). Shared by all apps."""

    name = models.CharField(max_length=300)
    normalised_name = models.CharField(max_length=300, db_index=True)
    scheme = models.CharField(max_length=40, blank=True, help_text="Identifier scheme, e.g. GB-COH")
    identifier = models.CharField(max_length=100, blank=True)
    scale = models.CharField(max_length=20, blank=True, help_text="sme or large, as published")
    is_vcse = models.BooleanField(null=True)
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supplier_records",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "identifier"],
                condition=~Q(identifier=""),
                name="supplier_unique_identifier",
            )
        ]

    def __str__(self):
        return self.name
