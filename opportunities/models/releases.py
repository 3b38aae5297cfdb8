"""Releases as published and those that could not be loaded (quarantine), and the windows
fetched from the notice services' APIs."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchVectorColumn(SearchVectorField):
    """Only for migration 0001: search moved to the search index (decision 0004, migration 0006)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class Release(models.Model):
    """Every release as published: nothing is dropped, even when merging would hide it."""

    ocid = models.CharField(max_length=200, db_index=True)
    release_id = models.CharField(max_length=300)
    date = models.DateTimeField()
    tags = models.JSONField(default=list)
    data = models.JSONField()
    digest = models.CharField(max_length=64, help_text="SHA-256 of the release's canonical JSON")
    source = models.CharField(max_length=500)
    location = models.CharField(max_length=200)
    loaded_at = models.DateTimeField(auto_now_add=True)
    warnings = models.JSONField(
        default=list,
        blank=True,
        help_text="Schema problems that do not make the release unusable, in plain English",
    )
    has_warnings = models.BooleanField(default=False, db_index=True)

    class Meta:
        ordering = ["ocid", "date"]
        constraints = [
            models.UniqueConstraint(fields=["ocid", "release_id"], name="release_unique_id")
        ]

    def __str__(self):
        return f"{self.ocid} / {self.release_id}"


class QuarantinedRelease(models.Model):
    """Input that could not be accepted, with the reason and where it was found."""

    source = models.CharField(max_length=500)
    location = models.CharField(max_length=200)
    ocid = models.CharField(max_length=200, blank=True)
    release_id = models.CharField(max_length=300, blank=True)
    reason = models.TextField()
    excerpt = models.TextField(blank=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "source", "location"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "location", "digest"], name="quarantine_unique_entry"
            )
        ]

    def __str__(self):
        return f"{self.source} {self.location}: {self.reason[:60]}"


class FetchWindow(models.Model):
    """Progress of a connector through one date window: where to resume after a failure."""

    source = models.CharField(max_length=30)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    next_url = models.TextField(blank=True, help_text="The next page to fetch (the API's cursor)")
    pages = models.PositiveIntegerField(default=0)
    releases = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source", "window_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "window_start", "window_end"], name="fetch_window_unique"
            )
        ]

    def __str__(self):
        return f"{self.source} {self.window_start:%Y-%m-%d} to {self.window_end:%Y-%m-%d}"
