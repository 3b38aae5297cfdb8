"""A programme's money: partners' commitments (funded by year, or in kind with a stated value and
how it was valued), the match and levered funding it bids for, and its costed budget, each year's
cost funded from named sources. The figures are worked out by the pure `programmes/money.py`."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import UploadedFile
from programmes.models.programme import Partner, Programme

MONEY = {"max_digits": 14, "decimal_places": 2}


class ContributionKind(models.TextChoices):
    FUNDED = "funded", "Funded (cash)"
    IN_KIND = "in_kind", "In kind"


class InKindType(models.TextChoices):
    STAFF_DAYS = "staff_days", "Staff time"
    FACILITIES = "facilities", "Facilities"
    DATA = "data", "Data"
    OTHER = "other", "Other"


class ContributionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    COMMITTED = "committed", "Committed"
    RECEIVED = "received", "Received"


class Contribution(models.Model):
    """What a partner puts in: cash by financial year, or something in kind (staff days,
    facilities, data) with its stated value by year and how that value was worked out."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="contributions")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(max_length=10, choices=ContributionKind.choices)
    description = models.CharField(max_length=200, help_text="What the contribution is")
    in_kind_type = models.CharField(max_length=12, choices=InKindType.choices, blank=True)
    quantity = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True, help_text="For example staff days")
    valuation_method = models.TextField(blank=True, help_text="How the stated value was worked out")
    status = models.CharField(
        max_length=10, choices=ContributionStatus.choices, default=ContributionStatus.PROPOSED
    )
    proposed_on = models.DateField(null=True, blank=True)
    committed_on = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    evidence_note = models.TextField(blank=True, help_text="What shows the commitment is real")
    evidence_link = models.URLField(blank=True)
    notes = models.TextField(blank=True)
    is_sample = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partner__position", "partner_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ContributionKind.FUNDED) | ~Q(valuation_method=""),
                name="programme_in_kind_valued",
            ),
        ]

    def __str__(self):
        return f"{self.partner}: {self.description}"


class ContributionYear(models.Model):
    """A contribution's amount (cash, or stated value in kind) in one financial year."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="years")
    financial_year = models.PositiveSmallIntegerField(help_text="2026 is the year 2026 to 2027")
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["financial_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "financial_year"], name="programme_contribution_year_once"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="programme_contribution_pos"),
        ]

    def __str__(self):
        return f"{self.financial_year}: {self.amount}"


def _evidence_path(instance, filename):
    return f"programme-evidence/{instance.contribution.programme.slug}/{secrets.token_hex(8)}"


class ContributionEvidence(UploadedFile):
    """A file showing a contribution is real: a letter of commitment, a grant offer, minutes."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="evidence_files"
    )
    file = models.FileField(upload_to=_evidence_path)


class BidStatus(models.TextChoices):
    IDENTIFIED = "identified", "Identified"
    APPLYING = "applying", "Applying"
    AWARDED = "awarded", "Awarded"
    DECLINED = "declined", "Declined"


class FundingSource(models.Model):
    """Match or levered funding: a funder's scheme the programme could bid to, and the bid."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="funding_sources"
    )
    funder = models.CharField(max_length=200)
    scheme = models.CharField(max_length=200)
    amount_min = models.DecimalField(**MONEY, null=True, blank=True)
    amount_max = models.DecimalField(**MONEY, null=True, blank=True)
    amount_awarded = models.DecimalField(**MONEY, null=True, blank=True)
    eligibility = models.TextField(blank=True)
    deadline = models.DateField(null=True, blank=True)
    match_required = models.TextField(blank=True, help_text="What match funding the funder asks")
    match_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    match_amount = models.DecimalField(**MONEY, null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=BidStatus.choices, default=BidStatus.IDENTIFIED
    )
    identified_on = models.DateField(null=True, blank=True)
    applying_on = models.DateField(null=True, blank=True)
    awarded_on = models.DateField(null=True, blank=True)
    declined_on = models.DateField(null=True, blank=True)
    link = models.URLField(blank=True)
    notes = models.TextField(blank=True)
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_min__lte=models.F("amount_max")),
                name="programme_bid_range",
            ),
        ]

    def __str__(self):
        return f"{self.funder}: {self.scheme}"


class CostingSettings(models.Model):
    """How a programme's budget is appraised: the optimism bias chosen (and why) and the year
    discounting counts from."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="costing_settings"
    )
    optimism_bias_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    optimism_bias_basis = models.TextField(blank=True, help_text="Why this optimism bias")
    base_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The financial year that is year 0 (now)"
    )

    def __str__(self):
        return f"Costing settings of {self.programme}"


class BudgetLine(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budget_lines")
    # A key of programmes/data/budget_categories.json (checked by the form).
    category = models.CharField(max_length=30)
    description = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    is_sample = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.description


class BudgetLineYear(models.Model):
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="years")
    financial_year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["line", "financial_year"], name="programme_line_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="programme_line_year_pos"),
        ]

    def __str__(self):
        return f"{self.financial_year}: {self.amount}"


class BudgetAllocation(models.Model):
    """Part of a line's cost in one year, funded from one named source: a partner's contribution
    or a funding bid (exactly one of the two)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="allocations")
    financial_year = models.PositiveSmallIntegerField()
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, null=True, blank=True, related_name="allocations"
    )
    funding_source = models.ForeignKey(
        FundingSource, on_delete=models.CASCADE, null=True, blank=True, related_name="allocations"
    )
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["financial_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(contribution__isnull=False) & Q(funding_source__isnull=True))
                | (Q(contribution__isnull=True) & Q(funding_source__isnull=False)),
                name="programme_allocation_one_source",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="programme_allocation_pos"),
        ]

    def __str__(self):
        return f"{self.line} {self.financial_year}: {self.amount}"
