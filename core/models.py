"""Abstract models shared by the apps (no tables of their own)."""

from django.db import models

from core.downloads import attachment


class UploadedFile(models.Model):
    """What is kept about a file someone uploaded; the subclass adds its `file` field with its
    own folder. Types and sizes are checked by the form (core/uploads.AttachmentForm)."""

    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    def download(self):
        """The file as an attachment response. Files are small (size-limited at upload), so it is
        read whole and no file handle is left open."""
        with self.file.open("rb") as handle:
            response = attachment(handle.read(), self.original_name, self.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        return response
