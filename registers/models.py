"""Public registers of who payees are (companies, charities, public bodies) and of where postcodes
are, loaded by `anchorhub load_registers`. Derived from files anyone can download; reloading a
file changes only what changed."""

from django.db import models


class Sector(models.TextChoices):
    """Who an organisation is, for the ledger's split of spend (CLES-style analyses show public
    bodies apart from addressable spend)."""

    PUBLIC = "public", "Public sector"
    PRIVATE = "private", "Private sector"
    THIRD = "third", "Third sector (charities, social enterprises, community groups)"
    INDIVIDUAL = "individual", "Individual or name withheld"


class RegisterLoad(models.Model):
    """One file loaded into a register, with what became of its rows."""

    register = models.CharField(max_length=40, help_text="Which register, e.g. companies-house")
    source_name = models.CharField(max_length=500)
    digest = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the file")
    created_at = models.DateTimeField(auto_now_add=True)
    rows_read = models.PositiveIntegerField(default=0)
    entries_new = models.PositiveIntegerField(default=0)
    entries_updated = models.PositiveIntegerField(default=0)
    entries_unchanged = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.register}: {self.source_name}"


class RegisterRejection(models.Model):
    """A row of a register file that could not be loaded, kept with the reason."""

    load = models.ForeignKey(RegisterLoad, on_delete=models.CASCADE, related_name="rejections")
    row_number = models.PositiveIntegerField()
    reason = models.TextField()
    cells = models.JSONField(default=list)

    class Meta:
        ordering = ["load", "row_number"]

    def __str__(self):
        return f"row {self.row_number}: {self.reason[:60]}"


class RegisterEntry(models.Model):
    """One organisation as a public register describes it. `register` + `identifier` is the key
    (a company number, charity number, ODS code, GSS code, URN...); `scheme` the org-id prefix."""

    # Looked up by register through the unique (register, identifier) index; no index of its own
    # (each index slows the loading of five million companies).
    register = models.CharField(max_length=40)
    identifier = models.CharField(max_length=60)
    scheme = models.CharField(max_length=20, blank=True, help_text="org-id scheme, e.g. GB-COH")
    name = models.CharField(max_length=300)
    normalised_name = models.CharField(max_length=300, db_index=True)
    postcode = models.CharField(max_length=8, blank=True)
    local_authority_code = models.CharField(
        max_length=9,
        blank=True,
        help_text="GSS code of its local authority, when the register says",
    )
    sector = models.CharField(max_length=10, choices=Sector.choices, blank=True)
    kind = models.CharField(
        max_length=100, blank=True, help_text="What the register calls it: legal form, trust type"
    )
    size = models.CharField(max_length=10, blank=True, help_text="sme, large or blank (not known)")
    size_basis = models.CharField(
        max_length=200, blank=True, help_text="What the size is judged from, e.g. accounts category"
    )
    is_vcse = models.BooleanField(null=True)
    is_active = models.BooleanField(default=True)
    facts = models.JSONField(default=dict, blank=True, help_text="Other fields the register gives")
    load = models.ForeignKey(
        RegisterLoad,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # the last load that changed it; never searched by
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["register", "identifier"]
        verbose_name_plural = "register entries"
        constraints = [
            models.UniqueConstraint(fields=["register", "identifier"], name="register_entry_once")
        ]

    def __str__(self):
        return f"{self.register} {self.identifier} {self.name}"


class RegisterAlias(models.Model):
    """Another name an entry is known by: a previous company name, a council's name variants."""

    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    normalised_name = models.CharField(max_length=300, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "normalised_name"], name="register_alias_once")
        ]

    def __str__(self):
        return self.name


class PostcodePlace(models.Model):
    """Where a postcode is, from the ONS Postcode Directory or the National Statistics Postcode
    Lookup (load_registers): its local authority, LSOA (2011 and 2021) and grid reference."""

    postcode = models.CharField(max_length=8, unique=True, help_text="Normalised, e.g. B1 1AA")
    local_authority_code = models.CharField(max_length=9, blank=True)
    ward_code = models.CharField(max_length=9, blank=True)
    lsoa11 = models.CharField(max_length=9, blank=True)
    lsoa21 = models.CharField(max_length=9, blank=True)
    easting = models.IntegerField(null=True, blank=True)
    northing = models.IntegerField(null=True, blank=True)
    terminated = models.CharField(max_length=6, blank=True, help_text="yyyymm when terminated")
    load = models.ForeignKey(
        RegisterLoad,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # the last load that changed it; never searched by
    )

    def __str__(self):
        return self.postcode


class SmallArea(models.Model):
    """One LSOA (2021) with the ward and local authority it lies in, from the ONS lookup
    (load_registers): how a postcode known only by its LSOA is placed in a ward, and the names
    of wards."""

    lsoa21 = models.CharField(max_length=9, unique=True, help_text="LSOA 2021 code, e.g. E01009332")
    name = models.CharField(max_length=100, blank=True, help_text="e.g. Birmingham 051C")
    ward_code = models.CharField(max_length=9, db_index=True)
    ward_name = models.CharField(max_length=100, blank=True)
    ward_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year of the ward boundaries, e.g. 2022"
    )
    la_code = models.CharField(max_length=9, blank=True, db_index=True)
    la_name = models.CharField(max_length=100, blank=True)
    load = models.ForeignKey(
        RegisterLoad,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # the last load that changed it; never searched by
    )

    class Meta:
        ordering = ["lsoa21"]

    def __str__(self):
        return f"{self.lsoa21} {self.name}"
