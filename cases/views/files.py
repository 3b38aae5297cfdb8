"""Files on a case (the same type and size checks as proposals' files: core/uploads.py)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from cases import services
from cases.models import Attachment
from cases.views.access import editable_case, visible_case
from core.permissions import ANYONE, MEMBERS, allow
from core.uploads import AttachmentForm


@allow(MEMBERS)
@require_POST
def attachment_upload(request, slug):
    case = editable_case(request, slug)
    form = AttachmentForm(request.POST, request.FILES, existing=case.attachments.count())
    if form.is_valid():
        upload = form.cleaned_data["file"]
        Attachment.objects.create(
            case=case,
            file=upload,
            original_name=form.cleaned_data["original_name"],
            content_type=form.cleaned_data["content_type"],
            size=upload.size,
        )
        services.record_version(
            case, request.user, f"Attached {form.cleaned_data['original_name']}"
        )
        messages.success(request, f"{form.cleaned_data['original_name']} attached.")
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect(f"{case.get_absolute_url()}#files")


@allow(ANYONE)
def attachment_download(request, slug, pk):
    case = visible_case(request, slug)
    attachment = get_object_or_404(case.attachments, pk=pk)
    return attachment.download()
