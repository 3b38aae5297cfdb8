"""A supporting file attached by a person (a proposal's, a case's): the one set of checks for
every app: the type by its extension and by the signature its contents must start with, the size
limit (setting ATTACHMENT_MAX_BYTES, environment ATTACHMENT_MAX_MB) and how many files one thing
may carry. The stored record is `core.models.UploadedFile`."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings

from core.forms import GovukForm

__all__ = ["ATTACHMENT_TYPES", "MAX_ATTACHMENTS", "AttachmentForm"]

# Attachment types: extension -> (content type, file signatures that must start the file).
ATTACHMENT_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
MAX_ATTACHMENTS = 5


class AttachmentForm(GovukForm):
    error_names = {"file": "a supporting file"}
    submit_label = "Upload the file"
    file = forms.FileField(label="Add a supporting file")

    def __init__(self, *args, existing: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing = existing
        limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text = (
            f"PDF, Word, Excel, PowerPoint, OpenDocument text, PNG or JPEG; up to {limit} MB; "
            f"up to {MAX_ATTACHMENTS} files"
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = Path(upload.name).name
        suffix = Path(name).suffix.lower()
        if self.existing >= MAX_ATTACHMENTS:
            raise forms.ValidationError(f"You can attach up to {MAX_ATTACHMENTS} files")
        if suffix not in ATTACHMENT_TYPES:
            raise forms.ValidationError(
                "The file must be a PDF, Word, Excel, PowerPoint, OpenDocument text, PNG or JPEG"
            )
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The file must be smaller than {limit} MB")
        content_type, signatures = ATTACHMENT_TYPES[suffix]
        head = upload.read(16)
        upload.seek(0)
        if not head.startswith(signatures):
            raise forms.ValidationError(
                f"The file is called {suffix} but its contents are not: upload the real file"
            )
        self.cleaned_data["content_type"] = content_type
        self.cleaned_data["original_name"] = name[:200]
        return upload
