from django.conf import settings
from django.db import models


class ColumnMapping(models.Model):
    """Which column of a publisher's file holds each payment field, remembered per buyer and header,
    so that next month's file with the same columns imports without questions."""

    buyer = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="spend_mappings"
    )
    header_key = models.CharField(max_length=64, help_text="SHA-256 of the normalised header")
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict, help_text="field → source column name")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["buyer", "header_key"], name="one_mapping_per_header")
        ]

    def __str__(self):
        return f"{self.buyer}: {len(self.mapping)} columns"


class SpendImport(models.Model):
    """One payment file imported for one buyer, with what became of every row."""

    buyer = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="spend_imports"
    )
    source_name = models.CharField(max_length=500)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the file as uploaded")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    header_row = models.PositiveIntegerField(default=0, help_text="Record number of the header")
    mapping = models.JSONField(default=dict)
    rows_read = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    rows_redacted = models.PositiveIntegerField(default=0)
    duplicates_skipped = models.PositiveIntegerField(default=0)
    blank_rows = models.PositiveIntegerField(default=0)
    total_amount = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    is_sample = models.BooleanField(default=False, help_text="Generated for the demonstration")
    # A file that names another publisher than its buyer (spend/publisher.py) is stopped before
    # anything is stored unless the person importing it goes on; what it named is kept.
    publisher_named = models.CharField(max_length=300, blank=True)
    publisher_confirmed = models.BooleanField(
        default=False, help_text="Imported although the file names another publisher"
    )
    # Withdrawn imports keep their record (who, when, why); their payments are removed.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)
    # Resolution and register matching, run after every import (in the background with a queue).
    followup_job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.source_name} ({self.buyer})"


class Payment(models.Model):
    """One row of a buyer's payment file, in AnchorHub's payment model."""

    # Payments are written only by the importer, in the transaction that checks or creates their
    # buyer and import (and by resolve_suppliers, with the register it has just written), so the
    # database keeps no foreign-key triggers on them: PostgreSQL checks those one row at a time at
    # commit, which took longer than storing the rows (docs/decisions/0005). Django still cascades
    # deletes and sets suppliers to null.
    buyer = models.ForeignKey(
        "network.Organisation",
        on_delete=models.CASCADE,
        related_name="payments",
        db_index=False,  # the (buyer, row_digest) and (buyer, payment_date) indexes lead with it
        db_constraint=False,
    )
    spend_import = models.ForeignKey(
        SpendImport, on_delete=models.CASCADE, related_name="payments", db_constraint=False
    )
    row_number = models.PositiveIntegerField(help_text="Record number in the source file")
    payment_date = models.DateField()
    date_precision = models.CharField(max_length=10, default="day")
    amount = models.DecimalField(max_digits=18, decimal_places=2, help_text="Net of VAT")
    vat = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    supplier_name = models.CharField(max_length=300, blank=True)
    company_number = models.CharField(max_length=20, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    vat_number = models.CharField(max_length=20, blank=True)
    supplier_ref = models.CharField(max_length=100, blank=True, help_text="Buyer's supplier id")
    supplier_postcode = models.CharField(max_length=12, blank=True)
    directorate = models.CharField(max_length=300, blank=True)
    service_area = models.CharField(max_length=300, blank=True)
    expense_type = models.CharField(max_length=300, blank=True)
    category = models.CharField(max_length=300, blank=True)
    category_code = models.CharField(max_length=20, blank=True)
    transaction_ref = models.CharField(max_length=100, blank=True)
    invoice_ref = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    is_redacted = models.BooleanField(
        default=False, help_text="Name withheld (e.g. personal data): left out of supplier measures"
    )
    payee = models.ForeignKey(
        "spend.Payee",
        null=True,
        on_delete=models.CASCADE,
        related_name="payments",
        db_constraint=False,
        help_text="Who was paid, as the file names them; resolve_suppliers links payees to suppliers",
    )
    row_digest = models.UUIDField(help_text="The source row's content (spend/rows.py row_digest)")

    class Meta:
        ordering = ["payment_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["buyer", "row_digest"], name="payment_row_once")
        ]
        indexes = [
            models.Index(fields=["buyer", "payment_date"], name="payment_buyer_date"),
            # The few payments whose file gives the supplier's postcode (evidence of a site).
            models.Index(
                fields=["payee", "supplier_postcode"],
                condition=~models.Q(supplier_postcode=""),
                name="payment_payee_postcode",
            ),
        ]

    def __str__(self):
        return f"{self.payment_date} {self.supplier_name} {self.amount}"


class Payee(models.Model):
    """Who a buyer paid, as its files name them: the name with the identifiers written beside it.
    Payments point at their payee and resolve_suppliers points each payee at one register entry, so
    resolving touches a row per distinct name rather than one per payment."""

    buyer = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="payees"
    )
    supplier_name = models.CharField(max_length=300)
    company_number = models.CharField(max_length=20, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    supplier_ref = models.CharField(max_length=100, blank=True, help_text="Buyer's supplier id")
    is_redacted = models.BooleanField(default=False)
    supplier = models.ForeignKey(
        "suppliers.Supplier",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payees",
    )
    # The register entry (company, charity, public body) this payee is, from suppliers/matching:
    # its probability, the evidence shown to people, and whether a person decided it.
    register_entry = models.ForeignKey(
        "registers.RegisterEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payees",
    )
    match_probability = models.FloatField(null=True, blank=True)
    match_evidence = models.TextField(blank=True)
    MATCH_STATUSES = [
        ("", "Not yet matched"),
        ("matched", "Matched"),
        ("suggested", "Suggested, to confirm"),
        ("confirmed", "Confirmed by a person"),
        ("unmatched", "No register entry found"),
        ("rejected", "Suggestions turned down"),
    ]
    match_status = models.CharField(max_length=10, choices=MATCH_STATUSES, blank=True)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    matched_at = models.DateTimeField(null=True, blank=True)
    # A postcode for the payee given by a person (or found in the buyer's file).
    postcode = models.CharField(max_length=8, blank=True)
    postcode_source = models.CharField(max_length=100, blank=True)

    KEY = ("supplier_name", "company_number", "charity_number", "supplier_ref")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "buyer",
                    "supplier_name",
                    "company_number",
                    "charity_number",
                    "supplier_ref",
                ],
                name="payee_once_per_buyer",
            )
        ]

    def __str__(self):
        return self.supplier_name


class RejectedRow(models.Model):
    """A source row that could not be imported, kept with the reason so nothing is lost."""

    spend_import = models.ForeignKey(
        SpendImport, on_delete=models.CASCADE, related_name="rejected_rows"
    )
    row_number = models.PositiveIntegerField()
    reason = models.TextField()
    cells = models.JSONField(default=list)

    class Meta:
        ordering = ["spend_import", "row_number"]

    def __str__(self):
        return f"row {self.row_number}: {self.reason[:60]}"


class PendingUpload(models.Model):
    """A file uploaded on the web and waiting for its buyer to confirm the columns. Kept outside the
    public static and media paths; deleted once imported."""

    token = models.CharField(max_length=43, unique=True)
    buyer = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="pending_spend_uploads"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(upload_to="spend-uploads/")
    original_name = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    # Filled by the background job that reads the file (spend/tasks.py): its first table's first
    # rows, enough to find the header and check the columns without reading the file again.
    table_name = models.CharField(max_length=500, blank=True)
    head = models.JSONField(default=list, blank=True)
    rows_in_file = models.PositiveIntegerField(null=True, blank=True)
    tables_in_file = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self):
        return self.original_name


class Lm3Survey(models.Model):
    """Local Multiplier 3 inputs for one anchor's financial year, from a survey of its suppliers
    and staff (RULES.md section 5): R1 spent, R2 of it spent locally, R3 of R2 re-spent locally."""

    buyer = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="lm3_surveys"
    )
    financial_year = models.PositiveSmallIntegerField(
        help_text="2025 means April 2025 to March 2026"
    )
    total_spend = models.DecimalField("R1: total spend (£)", max_digits=15, decimal_places=2)
    local_first_round = models.DecimalField(
        "R2: spent with local suppliers and local-resident staff (£)",
        max_digits=15,
        decimal_places=2,
    )
    local_second_round = models.DecimalField(
        "R3: re-spent locally by those suppliers and staff (£)", max_digits=15, decimal_places=2
    )
    respondents = models.PositiveIntegerField(
        "Survey responses", null=True, blank=True, help_text="How many suppliers answered"
    )
    notes = models.TextField("How the survey was done", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["buyer", "-financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["buyer", "financial_year"], name="one_lm3_per_year")
        ]

    def __str__(self):
        return f"LM3 {self.buyer} {self.financial_year}"

    @property
    def lm3(self) -> float:
        from spend.measures import lm3  # noqa: PLC0415 (Polars only when a figure is worked out, not when models load)

        return lm3(
            float(self.total_spend), float(self.local_first_round), float(self.local_second_round)
        )


class PublishedSummary(models.Model):
    """An anchor's ledger summary for one financial year, published for anyone to read. A snapshot
    taken when published, so the public figures change only when the anchor publishes again."""

    buyer = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="published_spend"
    )
    financial_year = models.PositiveSmallIntegerField()
    summary = models.JSONField(help_text="Measures, size split and trend as published")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(auto_now=True)
    is_sample = models.BooleanField(default=False)

    class Meta:
        ordering = ["buyer__name", "-financial_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "financial_year"], name="one_published_summary_per_year"
            )
        ]

    def __str__(self):
        return f"{self.buyer} {self.financial_year}"


class RingKind(models.TextChoices):
    AUTHORITY = "authority", "The anchor's own local authority"
    COMBINED_AUTHORITY = "combined_authority", "The West Midlands Combined Authority area"
    REGION = "region", "The West Midlands region"
    UK = "uk", "The UK"
    AREA = "area", "One of the network's areas"
    SITES = "sites", "Within a distance of each of the anchor's sites"


class RingChoice(models.Model):
    """One ring an anchor's ledger reports (issue 19), in the order it chose; an anchor with none
    reports the four standard rings (spend/rings.py)."""

    anchor = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="ring_choices"
    )
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=RingKind.choices)
    area = models.ForeignKey(
        "reference.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    miles = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["anchor", "position"]

    def __str__(self):
        return f"{self.anchor}: {self.get_kind_display()}"
