"""A pilot or programme and its partners: the record every other part (commitments, funding,
costing, KPIs, social value, the report) hangs from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.roles import Role, role_of


class Stage(models.TextChoices):
    SCOPING = "scoping", "Scoping"
    APPRAISAL = "appraisal", "Feasibility appraisal"
    DECIDED = "decided", "Decision taken"
    RUNNING = "running", "Running"
    SCALING = "scaling", "Scaling up"
    CLOSED = "closed", "Closed"


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The database form of `rules.can_see` (a test checks they agree)."""
        role = role_of(user)
        if role is Role.COORDINATOR:
            return self
        published = Q(is_published=True)
        organisation_id = getattr(user, "organisation_id", None) if user.is_authenticated else None
        if organisation_id is None:
            return self.filter(published)
        return self.filter(published | Q(partners__organisation_id=organisation_id)).distinct()


class Programme(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, help_text="One or two sentences for lists")
    aims = models.TextField(help_text="What the programme sets out to achieve")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.SCOPING)
    sectors = models.ManyToManyField("network.Sector", blank=True, related_name="programmes")
    challenges = models.ManyToManyField(
        "challenges.Challenge",
        blank=True,
        related_name="programmes",
        help_text="The procurement challenges the programme tackles",
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    is_published = models.BooleanField(
        default=False, help_text="Published programmes and their reports are public"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    is_sample = models.BooleanField(default=False, help_text="Generated for the demonstration")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programmes:detail", kwargs={"slug": self.slug})


class PartnerKind(models.TextChoices):
    ANCHOR = "anchor", "Anchor institution"
    UNIVERSITY = "university", "University"
    BUSINESS = "business", "Business"
    INTERMEDIARY = "intermediary", "Intermediary (innovation alliance, catapult, network)"
    FUNDER = "funder", "Funder"
    OTHER = "other", "Other"


class Partner(models.Model):
    """A partner in a programme's governance: who they are and their role. An organisation of the
    network where there is one; otherwise a name (a catapult or funder not in the directory)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programme_partnerships",
    )
    name = models.CharField(max_length=200, blank=True, help_text="When not in the directory")
    kind = models.CharField(max_length=20, choices=PartnerKind.choices)
    role = models.CharField(max_length=300, help_text="What this partner does in the programme")
    is_lead = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-is_lead", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(name=""),
                name="programme_partner_named",
            ),
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                condition=Q(organisation__isnull=False),
                name="programme_partner_once",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.name
