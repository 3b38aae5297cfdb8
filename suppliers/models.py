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
    postcode = models.CharField(
        max_length=8, blank=True, help_text="Its address's postcode as published in notices"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supplier_records",
    )
    source = models.CharField(
        max_length=10,
        default="notice",
        help_text="Where the entry came from: notice (award suppliers) or payments (resolution)",
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        help_text="Found to be the same supplier as this one (by resolve_suppliers or a person)",
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


class SupplierName(models.Model):
    """A supplier's name (and identifier) as seen in payments or notices, and the register entry it
    was resolved to, with the probability of that link (1.0 when certain)."""

    source_name = models.CharField(max_length=300)
    source_identifier = models.CharField(
        max_length=120,
        blank=True,
        help_text="e.g. GB-COH-01234567; a buyer's own id as B<id>:<ref>",
    )
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="names")
    match_probability = models.FloatField(default=1.0)
    seen = models.PositiveIntegerField(default=0, help_text="Payments and awards carrying it")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_name", "source_identifier"], name="supplier_name_once"
            )
        ]

    def __str__(self):
        return f"{self.source_name} → {self.supplier_id}"


class MatchReview(models.Model):
    """A pair of names the model thinks may be one supplier, for a coordinator to decide.
    Decisions are kept across runs of resolve_suppliers and win over the model."""

    PENDING, SAME, DIFFERENT = "pending", "same", "different"
    STATUSES = [(PENDING, "To decide"), (SAME, "Same supplier"), (DIFFERENT, "Different suppliers")]

    name_a = models.CharField(max_length=300, help_text="Normalised name; name_a < name_b")
    name_b = models.CharField(max_length=300)
    example_a = models.CharField(max_length=300, blank=True)
    example_b = models.CharField(max_length=300, blank=True)
    probability = models.FloatField()
    seen = models.PositiveIntegerField(default=0, help_text="Payments behind the two names")
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING, db_index=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-seen", "-probability"]
        constraints = [
            models.UniqueConstraint(fields=["name_a", "name_b"], name="review_pair_once")
        ]

    def __str__(self):
        return f"{self.name_a} ~ {self.name_b} ({self.status})"


class RegisterMatch(models.Model):
    """A register entry a payee may be (suppliers/matching.py), with its probability and the
    evidence people see; the best certain one becomes the payee's entry, uncertain ones wait for a
    person. A decision takes effect on the payee at once."""

    PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
    STATUSES = [(PENDING, "To decide"), (ACCEPTED, "Accepted"), (REJECTED, "Turned down")]

    payee = models.ForeignKey("spend.Payee", on_delete=models.CASCADE, related_name="candidates")
    entry = models.ForeignKey(
        "registers.RegisterEntry", on_delete=models.CASCADE, related_name="candidates"
    )
    probability = models.FloatField()
    evidence = models.TextField()
    rank = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING, db_index=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["payee", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["payee", "entry"], name="register_match_once")
        ]

    def __str__(self):
        return f"{self.payee_id} ~ {self.entry_id} ({self.probability:.2f})"


class PayeeDecision(models.Model):
    """A person's decision on a payee (spend/payee_decisions.py): a suggested register entry confirmed
    or turned down, an entry chosen from a register search, a postcode given. It took effect on
    the payee at once; `before` holds what it replaced, so that it can be undone."""

    CONFIRM, REJECT, CHOOSE, POSTCODE = "confirm", "reject", "choose", "postcode"
    ACTIONS = [
        (CONFIRM, "Confirmed a suggested register entry"),
        (REJECT, "Turned down a suggested register entry"),
        (CHOOSE, "Chose a register entry from a search"),
        (POSTCODE, "Gave a postcode"),
    ]

    payee = models.ForeignKey("spend.Payee", on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(max_length=10, choices=ACTIONS)
    entry = models.ForeignKey(
        "registers.RegisterEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    detail = models.CharField(max_length=300, blank=True, help_text="The postcode, the search")
    before = models.JSONField(default=dict, help_text="The payee and candidates as they were")
    decided_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.payee_id}: {self.action}"
