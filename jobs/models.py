from django.conf import settings
from django.db import models
from django.utils import timezone


class Job(models.Model):
    """One piece of background work: who asked, what it is doing, how it ended.

    The queue itself (django-q2, decision 0009) only carries the job's id; this record is what
    people see: the page that follows an upload, and the coordinators' list of recent jobs."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        RETRYING = "retrying", "Waiting to try again"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"

    FINISHED = (Status.SUCCEEDED, Status.FAILED)

    class Source(models.TextChoices):
        WEB = "web", "A page"
        COMMAND = "command", "A command"
        SCHEDULE = "schedule", "The schedule"
        JOB = "job", "Another job"

    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    # The last stage reached (live progress is in the cache: jobs/progress.py).
    progress = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    # Where the person goes on from the job's page (the column check, the import's report).
    next_url = models.CharField(max_length=300, blank=True)
    # Work that must not be queued twice (a scheduled run of one hour) shares a key.
    key = models.CharField(max_length=120, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def seconds(self) -> float | None:
        if self.started_at is None:
            return None
        return ((self.finished_at or timezone.now()) - self.started_at).total_seconds()
