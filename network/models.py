from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from reference.postcodes import postcode_area


class Sector(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    source = models.CharField(max_length=300, help_text="Where this category comes from")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class OrganisationKind(models.TextChoices):
    # Anchor institutions: the public bodies that buy.
    COUNCIL = "council", "City or borough council"
    COMBINED_AUTHORITY = "combined_authority", "Combined authority"
    NHS_TRUST = "nhs_trust", "NHS trust"
    UNIVERSITY = "university", "University"
    COLLEGE = "college", "College"
    HOUSING_ASSOCIATION = "housing_association", "Housing association"
    POLICE_FIRE = "police_fire", "Police or fire service"
    OTHER_PUBLIC_BODY = "other_public_body", "Other public body"
    # Suppliers.
    COMPANY = "company", "Company"
    CHARITY = "charity", "Charity"
    CIC = "cic", "Community interest company (CIC)"
    SOLE_TRADER = "sole_trader", "Sole trader"
    PARTNERSHIP = "partnership", "Partnership or LLP"


ANCHOR_KINDS = frozenset(
    {
        OrganisationKind.COUNCIL,
        OrganisationKind.COMBINED_AUTHORITY,
        OrganisationKind.NHS_TRUST,
        OrganisationKind.UNIVERSITY,
        OrganisationKind.COLLEGE,
        OrganisationKind.HOUSING_ASSOCIATION,
        OrganisationKind.POLICE_FIRE,
        OrganisationKind.OTHER_PUBLIC_BODY,
    }
)
SUPPLIER_KINDS = frozenset(OrganisationKind) - ANCHOR_KINDS


class SizeBand(models.TextChoices):
    UNKNOWN = "", "Not known"
    MICRO = "micro", "Micro (fewer than 10 staff)"
    SMALL = "small", "Small (fewer than 50 staff)"
    MEDIUM = "medium", "Medium (fewer than 250 staff)"
    LARGE = "large", "Large (250 staff or more)"


class OrganisationQuerySet(models.QuerySet):
    def anchors(self):
        return self.filter(kind__in=ANCHOR_KINDS)

    def suppliers(self):
        return self.filter(kind__in=SUPPLIER_KINDS)

    def network_members(self):
        return self.anchors().filter(is_network_member=True)


def _unique_when_set(field: str):
    return models.UniqueConstraint(
        fields=[field], condition=~Q(**{field: ""}), name=f"organisation_unique_{field}"
    )


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    is_network_member = models.BooleanField(
        "Anchor member of the network",
        default=False,
        help_text="Anchor institutions that have joined the network",
    )
    description = models.TextField(
        blank=True, help_text="What the organisation does, or for anchors what it buys"
    )
    website = models.URLField(blank=True)
    companies_house_number = models.CharField(max_length=8, blank=True)
    charity_number = models.CharField(max_length=12, blank=True)
    vat_number = models.CharField(max_length=14, blank=True)
    ppon = models.CharField("PPON", max_length=20, blank=True)
    size_band = models.CharField(max_length=10, choices=SizeBand.choices, blank=True)
    staff_headcount = models.PositiveIntegerField(null=True, blank=True)
    turnover_gbp = models.DecimalField(max_digits=15, decimal_places=0, null=True, blank=True)
    balance_sheet_gbp = models.DecimalField(max_digits=15, decimal_places=0, null=True, blank=True)
    is_vcse = models.BooleanField(
        "Voluntary, community or social enterprise (VCSE)",
        default=False,
    )
    registered_postcode = models.CharField(max_length=8, blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="organisations")
    is_sample = models.BooleanField(default=False, help_text="Generated for the demonstration")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            _unique_when_set("companies_house_number"),
            _unique_when_set("charity_number"),
            _unique_when_set("vat_number"),
            _unique_when_set("ppon"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("network:organisation", kwargs={"slug": self.slug})

    @property
    def is_anchor(self) -> bool:
        return self.kind in ANCHOR_KINDS

    @property
    def is_sme(self) -> bool | None:
        if not self.size_band:
            return None
        return self.size_band != SizeBand.LARGE

    @property
    def identifiers(self) -> list[tuple[str, str, str]]:
        """(label, value, OCDS/org-id scheme) for each identifier the organisation has."""
        rows = [
            ("Companies House number", self.companies_house_number, "GB-COH"),
            ("Charity number", self.charity_number, "GB-CHC"),
            ("VAT number", self.vat_number, "GB-VAT"),
            ("PPON", self.ppon, "GB-PPON"),
        ]
        return [row for row in rows if row[1]]


def unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class OperatingSite(models.Model):
    """A place where the organisation has substantive operations (a branch, depot, clinic)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(max_length=120)
    postcode = models.CharField(max_length=8)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "postcode"], name="site_unique_postcode"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.postcode})"

    @property
    def area(self) -> str:
        return postcode_area(self.postcode)


class Champion(models.Model):
    """An anchor's innovation-procurement champion: the person suppliers and peers can talk to."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="champions",
        limit_choices_to={"kind__in": ANCHOR_KINDS},
    )
    name = models.CharField(max_length=120)
    job_title = models.CharField(max_length=150)
    email = models.EmailField(help_text="A work address the champion agrees to publish")
    phone = models.CharField(max_length=30, blank=True)
    sectors = models.ManyToManyField(Sector, related_name="champions", verbose_name="Sector focus")
    about = models.TextField("How they can help", blank=True)
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name", "name"]

    def __str__(self):
        return f"{self.name}, {self.organisation}"
