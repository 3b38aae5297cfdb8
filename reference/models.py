from django.conf import settings
from django.db import models

from reference.cpv import significant_prefix


class CpvCode(models.Model):
    code = models.CharField(max_length=8, primary_key=True)
    check_digit = models.CharField(max_length=1, blank=True, help_text="As published, when known")
    description = models.CharField(max_length=400)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    prefix = models.CharField(
        max_length=8, db_index=True, help_text="Digits shared by all descendants"
    )
    depth = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["code"]
        verbose_name = "CPV code"

    def __str__(self):
        return f"{self.code} {self.description}"

    def save(self, *args, **kwargs):
        self.prefix = significant_prefix(self.code)
        super().save(*args, **kwargs)

    @property
    def full_code(self) -> str:
        return f"{self.code}-{self.check_digit}" if self.check_digit else self.code


class AreaKind(models.TextChoices):
    POSTCODES = "postcodes", "Postcode districts or sectors"
    WARDS = "wards", "Wards"
    LSOAS = "lsoas", "Lower layer super output areas (LSOAs)"
    AUTHORITIES = "local_authorities", "Local authorities"
    RADIUS = "radius", "Within a distance of a point"


class AreaCheck(models.TextChoices):
    VERIFIED = "V", "Verified against the primary source"
    SECONDARY = "S", "From a secondary source"
    UNVERIFIED = "U", "Check before relying on this"


class Area(models.Model):
    """A place that matters to the network (issue 19), defined as data: the current version of
    its definition (reference/area_rules.py reads it); every saved version is kept in
    AreaVersion. Areas shipped in reference/data/network_areas.json are synced after every
    migrate until a coordinator edits one (`edited`), which is then never overwritten."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=AreaKind.choices)
    members = models.JSONField(default=list, blank=True, help_text="Districts, sectors or codes")
    centre_postcodes = models.JSONField(default=list, blank=True, help_text="For a radius")
    miles = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    source = models.TextField(help_text="Where the definition comes from")
    source_url = models.URLField(max_length=500, blank=True)
    confidence = models.CharField(
        max_length=1, choices=AreaCheck.choices, default=AreaCheck.UNVERIFIED
    )
    version = models.PositiveIntegerField(default=1)
    data_version = models.CharField(
        max_length=20, blank=True, help_text="The shipped data file's version it was synced from"
    )
    edited = models.BooleanField(default=False, help_text="Edited in the product: not re-synced")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class AreaVersion(models.Model):
    """One saved version of an area's definition, as it was (who saved it, when, from what)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=AreaKind.choices)
    members = models.JSONField(default=list, blank=True)
    centre_postcodes = models.JSONField(default=list, blank=True)
    miles = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    source = models.TextField()
    source_url = models.URLField(max_length=500, blank=True)
    confidence = models.CharField(max_length=1, choices=AreaCheck.choices)
    saved_at = models.DateTimeField(auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True, help_text="What changed, or 'shipped data'")

    class Meta:
        ordering = ["area", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["area", "version"], name="area_version_once")
        ]

    def __str__(self):
        return f"{self.area} v{self.version}"
