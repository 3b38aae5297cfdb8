"""Contracting processes and their parts as compiled from the releases: notices, lots, CPV codes,
awards, contracts and documents."""

from django.db import connections, models
from django.urls import reverse
from django.utils import timezone

from opportunities.models.releases import Release


class Phase(models.TextChoices):
    PLANNED = "planned", "Planned"
    TENDER = "tender", "Tender"
    AWARDED = "awarded", "Awarded"
    CANCELLED = "cancelled", "Cancelled"


class ProcessQuerySet(models.QuerySet):
    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(phase=Phase.TENDER, deadline__gte=now)


class Process(models.Model):
    """A contracting process (one ocid), compiled from all its releases."""

    ocid = models.CharField(max_length=200, unique=True)
    compiled = models.JSONField()
    title = models.TextField(blank=True)
    description = models.TextField(blank=True)
    buyer_name = models.CharField(max_length=300, blank=True)
    buyer_scheme = models.CharField(max_length=40, blank=True)
    buyer_identifier = models.CharField(max_length=200, blank=True)
    buyer_postcode = models.CharField(max_length=12, blank=True)
    buyer_identifiers = models.JSONField(
        default=list,
        blank=True,
        help_text='Every identifier published for the buyer: [{"scheme": "GB-PPON", "id": ...}]',
    )
    buyer = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="processes",
    )
    phase = models.CharField(max_length=10, choices=Phase.choices, db_index=True)
    tender_status = models.CharField(max_length=30, blank=True)
    procedure = models.CharField(max_length=30, blank=True)
    procedure_details = models.CharField(max_length=300, blank=True)
    main_category = models.CharField(max_length=20, blank=True)
    notice_type = models.CharField(
        max_length=10, blank=True, help_text="The latest Procurement Act notice (UK1 to UK17)"
    )
    legal_basis = models.CharField(
        max_length=20, blank=True, help_text="UKPGA (Procurement Act 2023) or CELEX (PCR 2015)"
    )
    legal_basis_id = models.CharField(max_length=40, blank=True)
    value = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    value_gross = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    min_value = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    awarded_value = models.DecimalField(
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Contracts' values (else awards'), excluding VAT",
    )
    awarded_value_gross = models.DecimalField(
        max_digits=18, decimal_places=2, null=True, blank=True, help_text="The same, including VAT"
    )
    tender_start = models.DateTimeField(null=True, blank=True)
    deadline = models.DateTimeField(null=True, blank=True, db_index=True)
    enquiry_end = models.DateTimeField(null=True, blank=True)
    award_date = models.DateTimeField(null=True, blank=True)
    contract_start = models.DateTimeField(null=True, blank=True)
    contract_end = models.DateTimeField(null=True, blank=True)
    expected_tender_date = models.DateTimeField(null=True, blank=True)
    first_published = models.DateTimeField(null=True, blank=True, db_index=True)
    last_updated = models.DateTimeField(null=True, blank=True)
    sme_suitable = models.BooleanField(null=True)
    vcse_suitable = models.BooleanField(null=True)
    reserved_participation = models.JSONField(default=list, blank=True)
    reserved_location = models.CharField(max_length=200, blank=True)
    reserved_for_sme_vcse = models.BooleanField(default=False)
    above_threshold = models.BooleanField(null=True)
    threshold_estimated = models.BooleanField(
        default=False,
        help_text="Worked out by AnchorHub (VAT added or buyer type assumed), not published",
    )
    delivery_regions = models.JSONField(default=list, blank=True)
    delivery_postcodes = models.JSONField(default=list, blank=True)
    delivery_text = models.TextField(blank=True, help_text="Regions and postcodes, for filtering")
    notice_url = models.URLField(max_length=500, blank=True)
    lot_count = models.PositiveIntegerField(default=0)
    award_conflicts = models.JSONField(default=list, blank=True)
    data_warnings = models.JSONField(
        default=list, blank=True, help_text="Data-quality warnings of the releases behind it"
    )
    search_text = models.TextField(blank=True)
    is_sample = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-first_published"]
        verbose_name_plural = "processes"

    def __str__(self):
        return self.title or self.ocid

    def get_absolute_url(self):
        return reverse("opportunities:opportunity", kwargs={"ocid": self.ocid})

    @property
    def status(self) -> str:
        """planned, open, closed, awarded or cancelled, as of now."""
        if self.phase == Phase.TENDER:
            if self.deadline and self.deadline < timezone.now():
                return "closed"
            return "open"
        return self.phase


class NoticeManager(models.Manager):
    def types(self) -> list[str]:
        """Every notice type in use, in order. A few dozen values over one row per notice: read as
        a skip scan of the notice_type index (one index probe per distinct value), where DISTINCT
        would read every notice on every search page."""
        connection = connections[self.db]
        table = connection.ops.quote_name(self.model._meta.db_table)
        column = connection.ops.quote_name(self.model._meta.get_field("notice_type").column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH RECURSIVE found(value) AS ("  # noqa: S608 (names from the model, no input)
                f" SELECT MIN({column}) FROM {table}"
                f" UNION ALL"
                f" SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > found.value)"
                f" FROM found WHERE found.value IS NOT NULL"
                f") SELECT value FROM found WHERE value IS NOT NULL ORDER BY value"
            )
            return [value for (value,) in cursor.fetchall()]


class Notice(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="notices")
    release = models.OneToOneField(Release, on_delete=models.CASCADE, related_name="notice")
    notice_type = models.CharField(max_length=40, db_index=True)
    published = models.DateTimeField()
    title = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)

    objects = NoticeManager()

    class Meta:
        ordering = ["published"]

    def __str__(self):
        return f"{self.notice_type} {self.published:%Y-%m-%d}"


class Lot(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="lots")
    lot_id = models.CharField(max_length=100)
    title = models.TextField(blank=True)
    description = models.TextField(blank=True)
    value = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=30, blank=True)
    value_gross = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    cpv_codes = models.JSONField(default=list, blank=True, help_text="Of the lot's items")
    bids = models.PositiveIntegerField(null=True, blank=True, help_text="Tenders received")
    final_stage_bids = models.PositiveIntegerField(null=True, blank=True)
    sme_final_stage_bids = models.PositiveIntegerField(null=True, blank=True)
    vcse_final_stage_bids = models.PositiveIntegerField(null=True, blank=True)
    bid_statistics = models.JSONField(
        default=dict, blank=True, help_text="Every bids.statistics measure of the lot, as published"
    )

    class Meta:
        ordering = ["process", "id"]

    def __str__(self):
        return self.title or self.lot_id


class ProcessCpv(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="cpvs")
    code = models.CharField(max_length=8, db_index=True, help_text="Without check digit")
    check_digit = models.CharField(max_length=1, blank=True, help_text="As published, when given")
    is_main = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_main", "code"]
        constraints = [
            models.UniqueConstraint(fields=["process", "code"], name="process_cpv_unique")
        ]

    def __str__(self):
        return self.full_code

    @property
    def full_code(self) -> str:
        return f"{self.code}-{self.check_digit}" if self.check_digit else self.code


class Award(models.Model):
    """An award as one release describes it: releases that reuse an award id each keep their own."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="awards")
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="awards")
    award_id = models.CharField(max_length=300)
    status = models.CharField(max_length=30, blank=True)
    date = models.DateTimeField(null=True, blank=True)
    value = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    value_gross = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    title = models.TextField(blank=True)
    lots = models.JSONField(default=list, blank=True, help_text="Ids of the lots it awards")
    suppliers = models.ManyToManyField("suppliers.Supplier", related_name="awards", blank=True)
    supplier_identifiers = models.JSONField(
        default=list,
        blank=True,
        help_text='Each supplier as published: [{"name": ..., "identifiers": [{"scheme", "id"}]}]',
    )

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return self.award_id


class Contract(models.Model):
    """A contract as one release describes it (details, change, end, performance)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="contracts")
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="contracts")
    contract_id = models.CharField(max_length=300)
    award_id = models.CharField(max_length=300, blank=True)
    title = models.TextField(blank=True)
    status = models.CharField(max_length=30, blank=True)
    value = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    value_gross = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    final_value = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    final_value_gross = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
    date_signed = models.DateTimeField(null=True, blank=True)
    metrics = models.JSONField(
        default=list,
        blank=True,
        help_text="Contract performance (UK9): KPIs with their observations and ratings",
    )

    class Meta:
        ordering = ["release__date", "id"]

    def __str__(self):
        return self.contract_id


class Document(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="documents")
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="documents")
    document_id = models.CharField(max_length=300, blank=True)
    document_type = models.CharField(max_length=60, blank=True)
    notice_type = models.CharField(max_length=10, blank=True)
    title = models.TextField(blank=True)
    url = models.TextField(blank=True)
    published = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["published", "id"]

    def __str__(self):
        return self.title or self.document_id
